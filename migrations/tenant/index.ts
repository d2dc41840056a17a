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

/**
 * The privilege statements of the applied migrations among `applied` (names), in migration order.
 * Backups are taken without privileges, since the roles they name may not exist where a backup is
 * restored; a restore applies these to the role it restored as.
 */
export function privilegeStatementsOf(applied: readonly string[]): string[] {
  const names = new Set(applied);
  return tenantMigrations.flatMap((migration) => {
    const statements = (migration as { privileges?: readonly string[] }).privileges ?? [];
    return names.has(migration.name) ? [...statements] : [];
  });
}
