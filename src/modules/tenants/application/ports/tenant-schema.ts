/** The tenant-database schema this build of the code expects. */
export abstract class TenantSchema {
  abstract requiredVersion(): number;
}
