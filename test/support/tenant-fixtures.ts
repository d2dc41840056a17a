import { __resetOutOfContextForTests } from 'nestjs-pino/PinoLogger';
import { Test } from '@nestjs/testing';
import type { INestApplicationContext } from '@nestjs/common';
import { randomBytes, randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { tenantMigrations } from '../../migrations/tenant';
import { CliModule } from '../../src/cli/cli.module';
import { migrationVersion } from '../../src/modules/tenants/infrastructure/tenant-migrations';
import { ProvisionTenant } from '../../src/modules/tenants/application/provision-tenant';
import { TenantRegistry } from '../../src/modules/tenants/application/ports/tenant-registry';
import { TenantLifecycle } from '../../src/modules/tenants/application/tenant-lifecycle';
import { databaseNameFor, type Tenant } from '../../src/modules/tenants/domain/tenant';
import { AppConfig } from '../../src/platform/config/app-config';
import { advisoryLockKey } from '../../src/platform/database/migration-lock';
import { LogDestination } from '../../src/platform/logging/logging.module';
import { CapturedLogs } from './captured-logs';
import { testConfig } from './test-app';

export const SECOND_CLUSTER_URL =
  process.env.TENANT_DB_SECOND_HOST ?? 'postgres://finrecon:finrecon@127.0.0.1:5433';
export const PRIMARY_CLUSTER_URL = 'postgres://finrecon:finrecon@127.0.0.1:5432';

/** A unique, valid slug per test so parallel and repeated runs never collide. */
export function uniqueSlug(prefix = 't'): string {
  return `${prefix}-${randomBytes(5).toString('hex')}`;
}

/**
 * The tenant use cases on the real services (no HTTP), with tenants it provisions tracked and
 * deleted, databases included, by `cleanUp()`.
 */
export class TenantTestContext {
  private readonly created = new Set<string>();

  private constructor(
    readonly app: INestApplicationContext,
    readonly logs: CapturedLogs,
  ) {}

  static async start(
    env: Record<string, string> = {},
    config: AppConfig = testConfig(env),
  ): Promise<TenantTestContext> {
    const logs = new CapturedLogs();
    // nestjs-pino keeps the first logger of the process for logs outside a request; start afresh.
    __resetOutOfContextForTests();
    const moduleRef = await Test.createTestingModule({ imports: [CliModule] })
      .overrideProvider(AppConfig)
      .useValue(config)
      .overrideProvider(LogDestination)
      .useValue(logs)
      .compile();
    const app = await moduleRef.init();
    return new TenantTestContext(app, logs);
  }

  get<T>(token: abstract new (...args: never[]) => T): T {
    return this.app.get(token as never) as T;
  }

  async provision(slug = uniqueSlug(), hostKey?: string): Promise<Tenant> {
    const { tenant } = await this.get(ProvisionTenant).execute({
      slug,
      displayName: `Test ${slug}`,
      hostKey,
    });
    this.track(tenant.id);
    return tenant;
  }

  /**
   * Only the registry row, as `provisioning` and with no database, as a crash right after the
   * insert leaves it; not tracked (each test says whether cleanUp should delete it).
   */
  async registerUnprovisioned(
    slug = uniqueSlug(),
    options: { id?: string; hostKey?: string } = {},
  ): Promise<Tenant> {
    const id = options.id ?? randomUUID();
    const { tenant } = await this.get(TenantRegistry).insertOrGetBySlug({
      id,
      slug,
      displayName: slug,
      databaseName: databaseNameFor(id),
      hostKey: options.hostKey ?? '127.0.0.1:5432',
    });
    return tenant;
  }

  track(tenantId: string): void {
    this.created.add(tenantId);
  }

  async cleanUp(): Promise<void> {
    const registry = this.get(TenantRegistry);
    for (const id of this.created) {
      if (await registry.findById(id))
        await this.get(TenantLifecycle).delete(id, { type: 'system', id: 'test' });
    }
    this.created.clear();
    await this.app.close();
  }
}

/** The newest tenant migration, and the schema version a tenant has after reverting it. */
export const LAST_TENANT_MIGRATION = tenantMigrations[tenantMigrations.length - 1].name;
export const SCHEMA_VERSION_BEFORE_LAST =
  tenantMigrations.length > 1 ? migrationVersion(tenantMigrations[tenantMigrations.length - 2]) : 0;

/** Connections the primary cluster has open to any of these databases (pg_stat_activity). */
export async function connectionsTo(databaseNames: string[]): Promise<number> {
  const client = new Client({ connectionString: `${PRIMARY_CLUSTER_URL}/postgres` });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: string }>(
      'SELECT count(*) AS n FROM pg_stat_activity WHERE datname = ANY($1)',
      [databaseNames],
    );
    return Number(rows[0].n);
  } finally {
    await client.end();
  }
}

/** The advisory lock key `TenantRegistry.exclusively` takes for a tenant. */
export function tenantLockKey(tenantId: string): string {
  return advisoryLockKey(`finrecon:tenant:${tenantId}`);
}

/** Resolves once some session waits for the tenant's lock (so a test knows a call is queued on it). */
export async function someoneWaitsForTenantLock(tenantId: string, timeoutMs = 5_000): Promise<void> {
  const client = new Client({ connectionString: `${PRIMARY_CLUSTER_URL}/postgres` });
  await client.connect();
  try {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const { rows } = await client.query<{ n: string }>(
        `SELECT count(*) AS n FROM pg_locks
         WHERE locktype = 'advisory' AND NOT granted AND objsubid = 1
           AND ((classid::bigint << 32) | objid::bigint) = $1::bigint`,
        [tenantLockKey(tenantId)],
      );
      if (Number(rows[0].n) > 0) return;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    throw new Error(`nobody waited for the lock of tenant ${tenantId} within ${timeoutMs} ms`);
  } finally {
    await client.end();
  }
}
