import { Global, Module } from '@nestjs/common';
import { AuditTrail } from '../../platform/audit/audit-trail';
import { TenantDatabaseServer } from './application/ports/tenant-database-server';
import { TenantDatabases } from './application/ports/tenant-databases';
import { TenantRegistry } from './application/ports/tenant-registry';
import { TenantSchema } from './application/ports/tenant-schema';
import { TenantGate } from './application/tenant-gate';
import { PgDumpArchive } from './infrastructure/pg-dump-archive';
import { PooledTenantDatabases } from './infrastructure/pooled-tenant-databases';
import { PostgresAuditTrail } from './infrastructure/postgres-audit-trail';
import { PostgresTenantDatabaseServer } from './infrastructure/postgres-tenant-database-server';
import { PostgresTenantRegistry } from './infrastructure/postgres-tenant-registry';
import { RedisTenantPoolEvictions } from './infrastructure/redis/redis-tenant-pool-evictions';
import { TenantHosts } from './infrastructure/tenant-hosts';
import { MigrationsTenantSchema } from './infrastructure/tenant-migrations';
import { TenantPoolMetrics } from './infrastructure/tenant-pool-metrics';

/**
 * Who the tenants are, where their databases live and how to reach them. Global: every module
 * that reads or writes tenant data goes through `TenantDatabases`, and auth admits requests
 * through `TenantGate`.
 */
@Global()
@Module({
  providers: [
    TenantHosts,
    TenantPoolMetrics,
    RedisTenantPoolEvictions,
    PgDumpArchive,
    TenantGate,
    { provide: TenantRegistry, useClass: PostgresTenantRegistry },
    { provide: TenantDatabases, useClass: PooledTenantDatabases },
    { provide: TenantDatabaseServer, useClass: PostgresTenantDatabaseServer },
    { provide: TenantSchema, useClass: MigrationsTenantSchema },
    { provide: AuditTrail, useClass: PostgresAuditTrail },
  ],
  exports: [TenantRegistry, TenantDatabases, TenantDatabaseServer, TenantSchema, TenantGate, AuditTrail],
})
export class TenantsModule {}
