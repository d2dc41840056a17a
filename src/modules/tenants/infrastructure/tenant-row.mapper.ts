import type { Tenant, TenantStatus } from '../domain/tenant';

export interface TenantRow {
  id: string;
  slug: string;
  display_name: string;
  status: TenantStatus;
  database_name: string;
  host_key: string;
  schema_version: string;
  failure_reason: string | null;
  created_at: Date;
  updated_at: Date;
}

export const TENANT_COLUMNS =
  'id, slug, display_name, status, database_name, host_key, schema_version, failure_reason, created_at, updated_at';

export function toTenant(row: TenantRow): Tenant {
  return {
    id: row.id,
    slug: row.slug,
    displayName: row.display_name,
    status: row.status,
    databaseName: row.database_name,
    hostKey: row.host_key,
    schemaVersion: Number(row.schema_version),
    failureReason: row.failure_reason,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
