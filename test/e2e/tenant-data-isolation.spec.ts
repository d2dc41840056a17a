import request from 'supertest';
import { TenantDatabases } from '../../src/modules/tenants/application/ports/tenant-databases';
import { TenantLifecycle } from '../../src/modules/tenants/application/tenant-lifecycle';
import type { Tenant } from '../../src/modules/tenants/domain/tenant';
import { PooledTenantDatabases } from '../../src/modules/tenants/infrastructure/pooled-tenant-databases';
import { AuthTestWorld, bearerLogin } from '../support/auth-fixtures';

jest.setTimeout(60_000);

// The same ids and document numbers in both tenants: only the database tells them apart.
const VENDOR_ID = '7d0f3c2e-0b5a-4d8e-9a61-2f4b9c8d1e01';
const ORDER_ID = '7d0f3c2e-0b5a-4d8e-9a61-2f4b9c8d1e02';

async function seedPurchaseOrder(
  databases: TenantDatabases,
  tenant: Tenant,
  vendorName: string,
  amountMinor: string,
) {
  await databases.withDataSource(tenant.id, async (dataSource) => {
    await dataSource.query(
      'INSERT INTO vendors (id, name, normalized_name, tax_id) VALUES ($1, $2, $3, $4)',
      [VENDOR_ID, vendorName, vendorName.toLowerCase(), 'DE123456789'],
    );
    await dataSource.query(
      `INSERT INTO purchase_orders (id, po_number, normalized_po_number, vendor_id, order_date, currency)
       VALUES ($1, 'PO-2026000123', '2026000123', $2, '2026-10-01', 'EUR')`,
      [ORDER_ID, VENDOR_ID],
    );
    await dataSource.query(
      `INSERT INTO purchase_order_lines (purchase_order_id, line_number, sku, description, quantity, unit_price, line_amount_minor)
       VALUES ($1, 1, 'SKU-1', 'Copy paper A4', 10, 12.5, $2)`,
      [ORDER_ID, amountMinor],
    );
  });
}

describe('tenant data isolation through the API', () => {
  let world: AuthTestWorld;
  let tenantA: Tenant;
  let tenantB: Tenant;
  let tokenA: string;
  let tokenB: string;

  beforeAll(async () => {
    world = await AuthTestWorld.start();
    [tenantA, tenantB] = [await world.provisionTenant(), await world.provisionTenant()];
    const databases = world.get(TenantDatabases);
    await seedPurchaseOrder(databases, tenantA, 'Alpha Office Supplies', '12500');
    await seedPurchaseOrder(databases, tenantB, 'Bravo Paper Mill', '99900');
    tokenA = (await bearerLogin(world.server, await world.createUser(tenantA, ['viewer']))).accessToken;
    tokenB = (await bearerLogin(world.server, await world.createUser(tenantB, ['clerk']))).accessToken;
  });
  afterAll(() => world.cleanUp());

  const vendorSeenBy = async (token: string, path: string) => {
    const response = await request(world.server).get(path).set('Authorization', `Bearer ${token}`);
    expect(response.status).toBe(200);
    const orders = Array.isArray(response.body) ? response.body : [response.body];
    return orders.map((order: { vendor: { name: string }; lines: { lineAmountMinor: string }[] }) => [
      order.vendor.name,
      order.lines[0].lineAmountMinor,
    ]);
  };

  it("shows each tenant its own order for the same id and number, never the other's", async () => {
    for (const path of [
      '/purchase-orders',
      '/purchase-orders?number=po%202026000123',
      `/purchase-orders/${ORDER_ID}`,
    ]) {
      expect(await vendorSeenBy(tokenA, path)).toEqual([['Alpha Office Supplies', '12500']]);
      expect(await vendorSeenBy(tokenB, path)).toEqual([['Bravo Paper Mill', '99900']]);
    }
  });

  it('pages a search by number as it pages the list: past the last match comes an empty page', async () => {
    for (const query of ['number=2026000123&', '']) {
      const page = (offset: number) =>
        request(world.server)
          .get(`/purchase-orders?${query}limit=1&offset=${offset}`)
          .set('Authorization', `Bearer ${tokenA}`);
      expect((await page(0)).body).toHaveLength(1);
      expect((await page(1)).body).toEqual([]);
    }
  });

  it('returns A, then B, then A again on the same process and pools', async () => {
    const path = `/purchase-orders/${ORDER_ID}`;
    const sequence = [tokenA, tokenB, tokenA, tokenB, tokenA];
    const seen = [];
    for (const token of sequence) seen.push((await vendorSeenBy(token, path))[0][0]);
    expect(seen).toEqual([
      'Alpha Office Supplies',
      'Bravo Paper Mill',
      'Alpha Office Supplies',
      'Bravo Paper Mill',
      'Alpha Office Supplies',
    ]);
  });

  it('keeps concurrent requests of both tenants apart', async () => {
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        vendorSeenBy(i % 2 ? tokenB : tokenA, `/purchase-orders/${ORDER_ID}`),
      ),
    );
    results.forEach((rows, i) =>
      expect(rows[0][0]).toBe(i % 2 ? 'Bravo Paper Mill' : 'Alpha Office Supplies'),
    );
  });

  it("refuses A's token when the request names tenant B", async () => {
    const response = await request(world.server)
      .get('/purchase-orders')
      .set('Authorization', `Bearer ${tokenA}`)
      .set('X-Tenant-Id', tenantB.slug);
    expect(response.status).toBe(403);
    expect(response.body.code).toBe('TENANT.MISMATCH');
  });

  it('refuses a suspended tenant with 403 TENANT.SUSPENDED', async () => {
    const tenant = await world.provisionTenant();
    const token = (await bearerLogin(world.server, await world.createUser(tenant, ['viewer']))).accessToken;
    await world.tenants.get(TenantLifecycle).suspend(tenant.slug, { type: 'system', id: 'test' });
    const response = await request(world.server)
      .get('/purchase-orders')
      .set('Authorization', `Bearer ${token}`);
    expect(response.status).toBe(403);
    expect(response.body).toMatchObject({ status: 403, code: 'TENANT.SUSPENDED', tenantStatus: 'suspended' });
  });

  it("closes a deleted tenant's pool and drops its database", async () => {
    const tenant = await world.provisionTenant();
    const token = (await bearerLogin(world.server, await world.createUser(tenant, ['viewer']))).accessToken;
    expect(
      (await request(world.server).get('/purchase-orders').set('Authorization', `Bearer ${token}`)).status,
    ).toBe(200);
    const pools = world.get(TenantDatabases) as PooledTenantDatabases;
    expect(pools.liveTenantIds()).toContain(tenant.id);

    // Deleted through the API process's own use case, so its pool is the one that must close.
    await world.get(TenantLifecycle).delete(tenant.slug, { type: 'system', id: 'test' });
    expect(pools.liveTenantIds()).not.toContain(tenant.id);
    const after = await request(world.server).get('/purchase-orders').set('Authorization', `Bearer ${token}`);
    expect([401, 403, 404]).toContain(after.status);
  });
});
