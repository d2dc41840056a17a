import type { Tenant } from './tenant';
import { TenantMigrationPendingError, TenantSuspendedError } from './tenant-errors';

/**
 * Whether a tenant may be served right now: active, and its database at the schema version this
 * code expects (an older schema would fail later, in the middle of someone's work).
 */
export function assertTenantServable(tenant: Tenant, requiredSchemaVersion: number): void {
  if (tenant.status !== 'active') throw new TenantSuspendedError(tenant.status);
  if (tenant.schemaVersion < requiredSchemaVersion) {
    throw new TenantMigrationPendingError(tenant.schemaVersion, requiredSchemaVersion);
  }
}

export function isTenantServable(tenant: Tenant, requiredSchemaVersion: number): boolean {
  return tenant.status === 'active' && tenant.schemaVersion >= requiredSchemaVersion;
}
