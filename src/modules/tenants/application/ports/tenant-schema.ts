/** The tenant-database schema this build of the code expects. */
export abstract class TenantSchema {
  abstract requiredVersion(): number;
  /** The version of the baseline migration, which creates the tenant's tables (never reverted). */
  abstract baselineVersion(): number;
}
