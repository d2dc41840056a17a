import request from 'supertest';
import { TenantRegistry } from '../../src/modules/tenants/application/ports/tenant-registry';
import type { Tenant } from '../../src/modules/tenants/domain/tenant';
import { PlatformAuditEvents } from '../support/auth-audit-reader';
import { AuthTestWorld, bearerLogin, TestUser } from '../support/auth-fixtures';

jest.setTimeout(60_000);

describe('a tenant-A token against tenant B', () => {
  let world: AuthTestWorld;
  let tenantA: Tenant;
  let tenantB: Tenant;
  let adminA: TestUser;
  let adminB: TestUser;
  let tokenA: string;
  let keyOfB: string;

  beforeAll(async () => {
    world = await AuthTestWorld.start();
    [tenantA, tenantB] = [await world.provisionTenant(), await world.provisionTenant()];
    adminA = await world.createUser(tenantA, ['tenant_admin']);
    adminB = await world.createUser(tenantB, ['tenant_admin']);
    tokenA = (await bearerLogin(world.server, adminA)).accessToken;
    const tokenB = (await bearerLogin(world.server, adminB)).accessToken;
    keyOfB = (
      await request(world.server)
        .post('/api-keys')
        .set('Authorization', `Bearer ${tokenB}`)
        .send({ name: 'b-key', roles: ['viewer'] })
    ).body.id;
  });
  afterAll(() => world.cleanUp());

  const tenantRoutes = () =>
    [
      ['get', '/users'],
      ['post', '/users'],
      ['get', `/users/${adminB.user.id}`],
      ['post', `/users/${adminB.user.id}/disable`],
      ['post', `/users/${adminB.user.id}/enable`],
      ['put', `/users/${adminB.user.id}/roles`],
      ['post', `/users/${adminB.user.id}/password`],
      ['get', '/api-keys'],
      ['post', '/api-keys'],
      ['delete', `/api-keys/${keyOfB}`],
    ] as const;

  it('is refused with 403 TENANT.MISMATCH on every tenant route that names tenant B (by id or slug)', async () => {
    for (const [method, path] of tenantRoutes()) {
      for (const reference of [tenantB.id, tenantB.slug]) {
        const agent = request(world.server);
        const response = await agent[method](path)
          .set('Authorization', `Bearer ${tokenA}`)
          .set('X-Tenant-Id', reference)
          .send({});
        expect({ method, path, status: response.status, code: response.body.code }).toEqual({
          method,
          path,
          status: 403,
          code: 'TENANT.MISMATCH',
        });
      }
    }
    const audited = await new PlatformAuditEvents(world).tenantEvents(
      tenantA.id,
      'tenant.cross_tenant_request',
    );
    expect(audited.length).toBeGreaterThanOrEqual(tenantRoutes().length);
  });

  it('checks every tenant the request names: a header naming A does not cover a path naming B', async () => {
    const named = (pathTenant: string, headerTenant?: string) => {
      const call = request(world.server)
        .get(`/test-probe/tenants/${pathTenant}`)
        .set('Authorization', `Bearer ${tokenA}`);
      return headerTenant === undefined ? call : call.set('X-Tenant-Id', headerTenant);
    };
    expect((await named(tenantA.id, tenantA.slug)).status).toBe(200);
    for (const [path, header] of [
      [tenantB.id, tenantA.id],
      [tenantB.slug, tenantA.slug],
      [tenantB.id, undefined],
      [tenantA.id, tenantB.id],
    ] as const) {
      const response = await named(path, header);
      expect({ path, header, status: response.status, code: response.body.code }).toEqual({
        path,
        header,
        status: 403,
        code: 'TENANT.MISMATCH',
      });
    }
  });

  it("cannot see or touch tenant B's users and keys by id (404), and B's data is unchanged", async () => {
    const auth = { Authorization: `Bearer ${tokenA}` };
    expect((await request(world.server).get(`/users/${adminB.user.id}`).set(auth)).status).toBe(404);
    expect((await request(world.server).post(`/users/${adminB.user.id}/disable`).set(auth)).status).toBe(404);
    expect(
      (
        await request(world.server)
          .post(`/users/${adminB.user.id}/password`)
          .set(auth)
          .send({ password: 'another-long-password-1' })
      ).status,
    ).toBe(404);
    expect(
      (
        await request(world.server)
          .put(`/users/${adminB.user.id}/roles`)
          .set(auth)
          .send({ roles: ['viewer'] })
      ).status,
    ).toBe(404);
    expect((await request(world.server).delete(`/api-keys/${keyOfB}`).set(auth)).status).toBe(404);
    const listed = await request(world.server).get('/users').set(auth);
    expect(listed.body.map((user: { id: string }) => user.id)).toEqual([adminA.user.id]);
    const tokenB = (await bearerLogin(world.server, adminB)).accessToken;
    expect(
      (await request(world.server).get('/api-keys').set('Authorization', `Bearer ${tokenB}`)).body,
    ).toEqual([expect.objectContaining({ id: keyOfB, revokedAt: null })]);
  });

  it('passes when the request names its own tenant', async () => {
    const response = await request(world.server)
      .get('/users')
      .set('Authorization', `Bearer ${tokenA}`)
      .set('X-Tenant-Id', tenantA.slug);
    expect(response.status).toBe(200);
  });

  it("refuses a suspended tenant's users with 403 TENANT.SUSPENDED even before their token expires", async () => {
    const tenant = await world.provisionTenant();
    const user = await world.createUser(tenant, ['tenant_admin']);
    const token = (await bearerLogin(world.server, user)).accessToken;
    await world.get(TenantRegistry).updateStatus(tenant.id, 'suspended');
    const response = await request(world.server).get('/users').set('Authorization', `Bearer ${token}`);
    expect(response.status).toBe(403);
    expect(response.body.code).toBe('TENANT.SUSPENDED');
    await world.get(TenantRegistry).updateStatus(tenant.id, 'active');
  });
});
