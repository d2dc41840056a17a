import type { MigrationInterface } from 'typeorm';
import { TenantBaseline1764000000000 } from './1764000000000-tenant-baseline';

/**
 * Tenant-database migrations in order. The last one's timestamp is the schema version every
 * tenant must have reached before the API serves it.
 */
export const tenantMigrations: (new () => MigrationInterface)[] = [TenantBaseline1764000000000];
