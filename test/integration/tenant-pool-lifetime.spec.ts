import { TenantDatabases } from '../../src/modules/tenants/application/ports/tenant-databases';
import type { Tenant } from '../../src/modules/tenants/domain/tenant';
import { PooledTenantDatabases } from '../../src/modules/tenants/infrastructure/pooled-tenant-databases';
import { RedisTenantPoolEvictions } from '../../src/modules/tenants/infrastructure/redis/redis-tenant-pool-evictions';
import { MetricsRegistry } from '../../src/platform/metrics/metrics-registry';
import { RedisConnectionFactory } from '../../src/platform/redis/redis-connection-factory';
import type { PinoLogger } from 'nestjs-pino';
import { testConfig } from '../support/test-app';
import { connectionsTo, TenantTestContext } from '../support/tenant-fixtures';

jest.setTimeout(60_000);

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(condition: () => boolean | Promise<boolean>, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await pause(25);
  }
}

async function metricValue(
  context: TenantTestContext,
  name: string,
  labels: Record<string, string> = {},
): Promise<number> {
  const metric = await context.get(MetricsRegistry).registry.getSingleMetric(name)?.get();
  const sample = metric?.values.find((value) =>
    Object.entries(labels).every(([key, wanted]) => value.labels[key] === wanted),
  );
  return sample?.value ?? 0;
}

/** Leases the tenant's pool for a slow query and then a second one on the same lease. */
function longWork(databases: TenantDatabases, tenant: Tenant, seconds: number): Promise<string> {
  return databases.withDataSource(tenant.id, async (dataSource) => {
    await dataSource.query('SELECT pg_sleep($1)', [seconds]);
    const [row] = await dataSource.query('SELECT current_database() AS name');
    return row.name as string;
  });
}

describe('tenant pool lifetime', () => {
  let context: TenantTestContext;
  let databases: PooledTenantDatabases;
  let tenants: Tenant[];

  beforeAll(async () => {
    context = await TenantTestContext.start({
      TENANT_DB_MAX_LIVE: '2',
      TENANT_DB_POOL_SIZE: '2',
      TENANT_DB_MAX_CONNECTIONS: '4',
      TENANT_DB_ACQUIRE_TIMEOUT_MS: '10000',
    });
    databases = context.get(TenantDatabases) as PooledTenantDatabases;
    tenants = [await context.provision(), await context.provision(), await context.provision()];
  });
  afterAll(() => context.cleanUp());

  it('lets a running query finish when its pool is released, then closes the pool', async () => {
    const [x] = tenants;
    const work = longWork(databases, x, 1);
    await pause(200);
    let released = false;
    const release = databases.release(x.id).then(() => (released = true));
    await pause(300);
    // The pool has left the LRU (no new leases) but is still open under the running query.
    expect(databases.liveTenantIds()).not.toContain(x.id);
    expect(released).toBe(false);
    expect(await work).toBe(x.databaseName);
    await release;
    expect(released).toBe(true);
    await until(async () => (await connectionsTo([x.databaseName])) === 0);
  });

  it('gives a new request a fresh pool while the old one drains, within the connection budget', async () => {
    const [x, y, z] = tenants;
    const work = longWork(databases, x, 1);
    await pause(200);
    const release = databases.release(x.id);
    // x's draining pool plus y's busy one fill TENANT_DB_MAX_LIVE = 2: z waits for x's pool to go.
    const yDone = longWork(databases, y, 2);
    let xFinishedAt = 0;
    void work.then(() => (xFinishedAt = Date.now()));
    const zFinishedAt = await longWork(databases, z, 0).then(() => Date.now());
    expect(await yDone).toBe(y.databaseName);
    expect(await work).toBe(x.databaseName);
    await release;
    expect(xFinishedAt).toBeGreaterThan(0);
    expect(zFinishedAt).toBeGreaterThanOrEqual(xFinishedAt);
    expect(databases.openConnections()).toBeLessThanOrEqual(4);
  });

  it('moves the live-pools gauge, the open-connections gauge and the evictions counter', async () => {
    const [x] = tenants;
    for (const tenant of tenants) await databases.release(tenant.id);
    const liveBefore = await metricValue(context, 'finrecon_tenant_pools_live');
    const releasedBefore = await metricValue(context, 'finrecon_tenant_pool_evictions_total', {
      reason: 'released',
    });
    await databases.withDataSource(x.id, (dataSource) => dataSource.query('SELECT 1'));
    expect(await metricValue(context, 'finrecon_tenant_pools_live')).toBe(liveBefore + 1);
    expect(await metricValue(context, 'finrecon_tenant_pool_connections_open')).toBeGreaterThanOrEqual(1);
    expect(await metricValue(context, 'finrecon_tenant_pool_connections_open')).toBe(
      databases.openConnections(),
    );

    await databases.release(x.id);
    expect(await metricValue(context, 'finrecon_tenant_pools_live')).toBe(liveBefore);
    expect(await metricValue(context, 'finrecon_tenant_pool_evictions_total', { reason: 'released' })).toBe(
      releasedBefore + 1,
    );
  });

  it('counts capacity evictions when a cold tenant needs room', async () => {
    for (const tenant of tenants) await databases.release(tenant.id);
    const before = await metricValue(context, 'finrecon_tenant_pool_evictions_total', { reason: 'capacity' });
    for (const tenant of tenants)
      await databases.withDataSource(tenant.id, (dataSource) => dataSource.query('SELECT 1'));
    expect(await metricValue(context, 'finrecon_tenant_pool_evictions_total', { reason: 'capacity' })).toBe(
      before + 1,
    );
    expect(await metricValue(context, 'finrecon_tenant_pools_live')).toBe(2);
  });
});

describe('tenant pool eviction across processes', () => {
  let first: TenantTestContext;
  let second: TenantTestContext;

  beforeAll(async () => {
    first = await TenantTestContext.start();
    second = await TenantTestContext.start();
  });
  afterAll(async () => {
    await second.cleanUp();
    await first.cleanUp();
  });

  it("closes a released tenant's pool in every other registry through Redis", async () => {
    const tenant = await first.provision();
    const here = first.get(TenantDatabases) as PooledTenantDatabases;
    const there = second.get(TenantDatabases) as PooledTenantDatabases;
    for (const registry of [here, there])
      await registry.withDataSource(tenant.id, (dataSource) => dataSource.query('SELECT 1'));
    expect(there.liveTenantIds()).toContain(tenant.id);
    const broadcastBefore = await metricValue(second, 'finrecon_tenant_pool_evictions_total', {
      reason: 'broadcast',
    });

    await here.release(tenant.id);
    expect(here.liveTenantIds()).not.toContain(tenant.id);
    await until(() => !there.liveTenantIds().includes(tenant.id));
    expect(await metricValue(second, 'finrecon_tenant_pool_evictions_total', { reason: 'broadcast' })).toBe(
      broadcastBefore + 1,
    );
    await until(async () => (await connectionsTo([tenant.databaseName])) === 0);
  });

  it('lets a query running in the other process finish before its pool closes', async () => {
    const tenant = await first.provision();
    const there = second.get(TenantDatabases) as PooledTenantDatabases;
    const work = longWork(there, tenant, 1);
    await pause(200);
    await first.get(TenantDatabases).release(tenant.id);
    await until(() => !there.liveTenantIds().includes(tenant.id));
    expect(await work).toBe(tenant.databaseName);
  });
});

describe('tenant pool eviction channel while Redis is away', () => {
  it('lets the process start and stop: neither subscribing nor shutting down waits for a Redis that is away', async () => {
    const logger = { setContext: () => undefined, warn: jest.fn(), info: () => undefined };
    const down = new RedisConnectionFactory(
      testConfig({ REDIS_URL: 'redis://127.0.0.1:1' }),
      logger as unknown as PinoLogger,
    );
    const evictions = new RedisTenantPoolEvictions(down, logger as unknown as PinoLogger);
    const started = Date.now();
    await evictions.subscribe(() => undefined);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(logger.warn).toHaveBeenCalledWith(
      { reason: 'no answer within 3000 ms' },
      'tenant pool eviction channel not subscribed yet',
    );
    await evictions.onApplicationShutdown();
    await down.onApplicationShutdown();
  });
});
