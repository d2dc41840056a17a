import type { MigrationInterface } from 'typeorm';
import { TenantBaseline1764000000000 } from './1764000000000-tenant-baseline';
import { TenantAuditPrivileges1764000100000 } from './1764000100000-audit-privileges';

/**
 * Tenant-database migrations in order. The last one's timestamp is the schema version every
 * tenant must have reached before the API serves it.
 */
export const tenantMigrations: (new () => MigrationInterface)[] = [
  TenantBaseline1764000000000,
  TenantAuditPrivileges1764000100000,
];
