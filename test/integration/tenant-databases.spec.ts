import { TenantDatabases } from '../../src/modules/tenants/application/ports/tenant-databases';
import { TenantDatabaseServer } from '../../src/modules/tenants/application/ports/tenant-database-server';
import { TenantRegistry } from '../../src/modules/tenants/application/ports/tenant-registry';
import type { Tenant } from '../../src/modules/tenants/domain/tenant';
import { PooledTenantDatabases } from '../../src/modules/tenants/infrastructure/pooled-tenant-databases';
import { MetricsRegistry } from '../../src/platform/metrics/metrics-registry';
import { connectionsTo, TenantTestContext } from '../support/tenant-fixtures';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('tenant connection registry', () => {
  let context: TenantTestContext;
  let tenants: Tenant[];
  let databases: PooledTenantDatabases;

  beforeAll(async () => {
    context = await TenantTestContext.start({
      TENANT_DB_MAX_LIVE: '2',
      TENANT_DB_POOL_SIZE: '2',
      TENANT_DB_MAX_CONNECTIONS: '4',
      TENANT_DB_ACQUIRE_TIMEOUT_MS: '1500',
    });
    tenants = [await context.provision(), await context.provision(), await context.provision()];
    databases = context.get(TenantDatabases) as PooledTenantDatabases;
  });
  afterAll(() => context.cleanUp());

  const currentDatabase = (tenant: Tenant) =>
    databases.withDataSource(tenant.id, async (dataSource) => {
      const [row] = await dataSource.query('SELECT current_database() AS name');
      return row.name as string;
    });

  it('connects each tenant to its own database, and A -> B -> A returns to A', async () => {
    const [a, b] = tenants;
    expect(await currentDatabase(a)).toBe(a.databaseName);
    expect(await currentDatabase(b)).toBe(b.databaseName);
    expect(await currentDatabase(a)).toBe(a.databaseName);
  });

  it('keeps at most TENANT_DB_MAX_LIVE pools, evicting the least recently used', async () => {
    for (const tenant of tenants) await currentDatabase(tenant);
    const live = databases.liveTenantIds();
    expect(live).toHaveLength(2);
    expect(live).not.toContain(tenants[0].id);
    await pause(100);
    expect(await connectionsTo([tenants[0].databaseName])).toBe(0);
  });

  it('never holds more connections than the budget under concurrent load', async () => {
    const names = tenants.map((tenant) => tenant.databaseName);
    let peak = 0;
    const sampler = setInterval(() => {
      void connectionsTo(names).then((n) => (peak = Math.max(peak, n)));
    }, 5);
    await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        databases.withDataSource(tenants[i % 3].id, (dataSource) =>
          dataSource.query('SELECT pg_sleep(0.01)'),
        ),
      ),
    );
    clearInterval(sampler);
    await pause(50);
    expect(peak).toBeGreaterThan(0);
    expect(peak).toBeLessThanOrEqual(4);
  });

  it('shares one initialization between concurrent first requests for a cold tenant', async () => {
    await databases.release(tenants[0].id);
    const metrics = context.get(MetricsRegistry);
    const before = await coldStarts(metrics);
    await Promise.all(Array.from({ length: 5 }, () => currentDatabase(tenants[0])));
    expect((await coldStarts(metrics)) - before).toBe(1);
  });

  it('answers TENANT.DATABASE_UNAVAILABLE when every pool stays leased past the timeout', async () => {
    const [a, b, c] = tenants;
    let releaseAll!: () => void;
    const held = new Promise<void>((resolve) => (releaseAll = resolve));
    const holders = [a, b].map((tenant) => databases.withDataSource(tenant.id, () => held));
    await pause(50);
    await expect(currentDatabase(c)).rejects.toMatchObject({ code: 'TENANT.DATABASE_UNAVAILABLE' });
    releaseAll();
    await Promise.all(holders);
    expect(await currentDatabase(c)).toBe(c.databaseName);
  });

  it('answers TENANT.DATABASE_UNAVAILABLE for a tenant on a server this instance is not configured for', async () => {
    // TEST-NET-1: a server taken out of TENANT_DB_HOSTS while a tenant still lives on it.
    const stranded = await context.registerUnprovisioned(undefined, { hostKey: '192.0.2.1:5432' });
    try {
      await expect(databases.withDataSource(stranded.id, async () => 'served')).rejects.toMatchObject({
        code: 'TENANT.DATABASE_UNAVAILABLE',
      });
    } finally {
      await context.get(TenantRegistry).remove(stranded.id);
    }
  });

  it('does not cache a failed initialization forever', async () => {
    const [tenant] = tenants;
    const server = context.get(TenantDatabaseServer);
    await databases.release(tenant.id);
    await server.drop(tenant.hostKey, tenant.databaseName);
    await expect(currentDatabase(tenant)).rejects.toMatchObject({ code: 'TENANT.DATABASE_UNAVAILABLE' });
    // Within the back-off pause the registry answers at once without trying again.
    await expect(currentDatabase(tenant)).rejects.toMatchObject({ code: 'TENANT.DATABASE_UNAVAILABLE' });

    await server.createFromTemplate(tenant.hostKey, tenant.databaseName);
    await pause(300);
    expect(await currentDatabase(tenant)).toBe(tenant.databaseName);
  });
});

async function coldStarts(metrics: MetricsRegistry): Promise<number> {
  const metric = await metrics.registry.getSingleMetric('finrecon_tenant_pool_cold_start_seconds')?.get();
  const count = metric?.values.find(
    (value) =>
      (value as { metricName?: string }).metricName === 'finrecon_tenant_pool_cold_start_seconds_count',
  );
  return count?.value ?? 0;
}
