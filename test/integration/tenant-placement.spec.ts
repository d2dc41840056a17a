import { Client } from 'pg';
import { TenantDatabases } from '../../src/modules/tenants/application/ports/tenant-databases';
import { TenantRegistry } from '../../src/modules/tenants/application/ports/tenant-registry';
import { ProvisionTenant } from '../../src/modules/tenants/application/provision-tenant';
import {
  PRIMARY_CLUSTER_URL,
  SECOND_CLUSTER_URL,
  TenantTestContext,
  uniqueSlug,
} from '../support/tenant-fixtures';

const PRIMARY = '127.0.0.1:5432';
const SECOND = new URL(SECOND_CLUSTER_URL).host;

async function serverPort(context: TenantTestContext, tenantId: string): Promise<number> {
  return context
    .get(TenantDatabases)
    .withDataSource(tenantId, async (dataSource) => Number((await dataSource.query('SHOW port'))[0].port));
}

describe('tenant placement on two PostgreSQL clusters', () => {
  let context: TenantTestContext;

  beforeAll(async () => {
    const probe = new Client({ connectionString: `${SECOND_CLUSTER_URL}/postgres` });
    await probe.connect().catch((error: Error) => {
      throw new Error(
        `the second cluster (${SECOND}) must run for this test; scripts/services.sh starts it: ${error.message}`,
      );
    });
    await probe.end();
    context = await TenantTestContext.start({
      TENANT_DB_HOSTS: `${PRIMARY_CLUSTER_URL},${SECOND_CLUSTER_URL}`,
    });
  });
  afterAll(() => context?.cleanUp());

  it('places a new tenant on the server with the fewest tenants and records it', async () => {
    const counts = await context.get(TenantRegistry).countByHost();
    const expected = (counts.get(SECOND) ?? 0) < (counts.get(PRIMARY) ?? 0) ? SECOND : PRIMARY;
    const tenant = await context.provision();
    expect(tenant.hostKey).toBe(expected);
    expect(await serverPort(context, tenant.id)).toBe(Number(expected.split(':')[1]));
  });

  it('balances a run of new tenants across both servers', async () => {
    const before = await context.get(TenantRegistry).countByHost();
    const placed = [];
    for (let i = 0; i < 4; i++) placed.push((await context.provision()).hostKey);
    const after = await context.get(TenantRegistry).countByHost();
    const gap = (counts: Map<string, number>) =>
      Math.abs((counts.get(PRIMARY) ?? 0) - (counts.get(SECOND) ?? 0));
    expect(gap(after)).toBeLessThanOrEqual(Math.max(1, gap(before) - 4));
    expect(placed.length).toBe(4);
  });

  it('honours a named server', async () => {
    const tenant = await context.provision(uniqueSlug(), SECOND);
    expect(tenant.hostKey).toBe(SECOND);
    expect(await serverPort(context, tenant.id)).toBe(Number(SECOND.split(':')[1]));
  });

  it('refuses a repeat that names another server than the one the tenant is on (409), and takes one naming its own', async () => {
    const tenant = await context.provision(uniqueSlug(), SECOND);
    const provision = context.get(ProvisionTenant);
    const again = await provision.execute({
      slug: tenant.slug,
      displayName: tenant.displayName,
      hostKey: SECOND,
    });
    expect(again).toMatchObject({ created: false, tenant: { id: tenant.id } });
    await expect(
      provision.execute({ slug: tenant.slug, displayName: tenant.displayName, hostKey: PRIMARY }),
    ).rejects.toMatchObject({ code: 'TENANT.SLUG_TAKEN', details: { hostKey: SECOND } });
  });

  it('refuses a server that is not configured', async () => {
    await expect(
      context
        .get(ProvisionTenant)
        .execute({ slug: uniqueSlug(), displayName: 'x', hostKey: 'db.example.com:5432' }),
    ).rejects.toMatchObject({ code: 'TENANT.UNKNOWN_HOST' });
  });
});

describe('concurrent placement of different slugs', () => {
  // The same two clusters under host keys no other test uses, so only this test moves their counts.
  const hosts = ['localhost:5432', `localhost:${SECOND.split(':')[1]}`];
  let context: TenantTestContext;

  beforeAll(async () => {
    const url = (host: string) => `postgres://finrecon:finrecon@${host}`;
    context = await TenantTestContext.start({ TENANT_DB_HOSTS: hosts.map(url).join(',') });
  });
  afterAll(() => context?.cleanUp());

  it('counts each new tenant before placing the next, so simultaneous creates spread out', async () => {
    const before = await context.get(TenantRegistry).countByHost();
    const expected = new Map(hosts.map((host) => [host, before.get(host) ?? 0]));
    for (let i = 0; i < 6; i++) {
      const fewest = hosts.reduce((best, host) =>
        (expected.get(host) ?? 0) < (expected.get(best) ?? 0) ? host : best,
      );
      expected.set(fewest, (expected.get(fewest) ?? 0) + 1);
    }

    const results = await Promise.all(
      Array.from({ length: 6 }, () =>
        context.get(ProvisionTenant).execute({ slug: uniqueSlug('place'), displayName: 'placement' }),
      ),
    );
    results.forEach((result) => context.track(result.tenant.id));
    const after = await context.get(TenantRegistry).countByHost();
    expect(hosts.map((host) => after.get(host) ?? 0)).toEqual(hosts.map((host) => expected.get(host)));
    expect(results.every((result) => result.tenant.status === 'active')).toBe(true);
  });
});
