import request from 'supertest';
import { TenantLifecycle } from '../../src/modules/tenants/application/tenant-lifecycle';
import type { Tenant } from '../../src/modules/tenants/domain/tenant';
import { ControlPlaneDatabase } from '../../src/platform/database/control-plane-database';
import { AuthTestWorld, bearerLogin, cookieLogin, cookieNamed, setCookiesOf } from '../support/auth-fixtures';

jest.setTimeout(90_000);

const SYSTEM = { type: 'system' as const, id: 'test' };

/**
 * Suspending or deleting a tenant through the real TenantLifecycle (the tenants module's use case,
 * run in the tenant-tools context exactly as the CLI or an operator route would) ends its sessions.
 */
describe('tenant suspension and deletion end the tenant’s sessions', () => {
  let world: AuthTestWorld;

  beforeAll(async () => {
    world = await AuthTestWorld.start();
  });
  afterAll(() => world.cleanUp());

  async function signedIn(tenant: Tenant) {
    const user = await world.createUser(tenant, ['clerk']);
    return { user, tokens: await bearerLogin(world.server, user) };
  }

  const refresh = (refreshToken: string) =>
    request(world.server).post('/auth/token/refresh').send({ refreshToken });
  const listOrders = (accessToken: string) =>
    request(world.server).get('/purchase-orders').set('Authorization', `Bearer ${accessToken}`);

  it('refuses a still-valid access token with 403 TENANT.SUSPENDED once the tenant is suspended', async () => {
    const tenant = await world.provisionTenant();
    const { tokens } = await signedIn(tenant);
    expect((await listOrders(tokens.accessToken)).status).toBe(200);

    await world.tenants.get(TenantLifecycle).suspend(tenant.slug, SYSTEM);

    const refused = await listOrders(tokens.accessToken);
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('TENANT.SUSPENDED');
    // Even the caller's own-session route refuses it: the token is revoked, not merely gated.
    const me = await request(world.server)
      .get('/auth/me')
      .set('Authorization', `Bearer ${tokens.accessToken}`);
    expect(me.status).toBe(403);
    expect(me.body.code).toBe('TENANT.SUSPENDED');
  });

  it('refuses the refresh token while suspended, and still after the tenant is resumed (family revoked)', async () => {
    const tenant = await world.provisionTenant();
    const { user, tokens } = await signedIn(tenant);

    await world.tenants.get(TenantLifecycle).suspend(tenant.slug, SYSTEM);
    const whileSuspended = await refresh(tokens.refreshToken);
    expect([401, 403]).toContain(whileSuspended.status);
    expect(whileSuspended.body.accessToken).toBeUndefined();

    await world.tenants.get(TenantLifecycle).resume(tenant.slug, SYSTEM);
    const afterResume = await refresh(tokens.refreshToken);
    expect(afterResume.status).toBe(401);
    expect(afterResume.body.accessToken).toBeUndefined();
    // The session row itself is revoked (so no token of the family can ever rotate again).
    const [session] = await world
      .get(ControlPlaneDatabase)
      .dataSource.query('SELECT revoked_at, revoked_reason FROM auth_sessions WHERE user_id = $1', [
        user.user.id,
      ]);
    expect(session.revoked_at).not.toBeNull();
    // The old access token stays dead too; signing in again works (in the next second: tokens
    // issued in the revocation's own second count as revoked, docs/security.md).
    expect((await listOrders(tokens.accessToken)).status).toBe(401);
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    expect((await listOrders((await bearerLogin(world.server, user)).accessToken)).status).toBe(200);
  });

  it('refuses to refresh a session whose tenant is suspended even if its revocation did not run', async () => {
    // The RefreshSession check on its own: suspend the tenant in the registry only, no revocation.
    const tenant = await world.provisionTenant();
    const { tokens } = await signedIn(tenant);
    await world
      .get(ControlPlaneDatabase)
      .dataSource.query("UPDATE tenants SET status = 'suspended' WHERE id = $1", [tenant.id]);
    try {
      const refused = await refresh(tokens.refreshToken);
      expect(refused.status).toBe(403);
      expect(refused.body.code).toBe('TENANT.SUSPENDED');
      expect(refused.body.accessToken).toBeUndefined();
    } finally {
      await world
        .get(ControlPlaneDatabase)
        .dataSource.query("UPDATE tenants SET status = 'active' WHERE id = $1", [tenant.id]);
    }
    // The session was ended for good by the refusal.
    expect((await refresh(tokens.refreshToken)).status).toBe(401);
  });

  it('ends cookie sessions too: the refresh cookie is refused and cleared', async () => {
    const tenant = await world.provisionTenant();
    const user = await world.createUser(tenant, ['viewer']);
    const session = await cookieLogin(world.server, user);
    await world.tenants.get(TenantLifecycle).suspend(tenant.slug, SYSTEM);
    const refused = await request(world.server)
      .post('/auth/refresh')
      .set('Origin', 'http://app.finrecon.test')
      .set('Cookie', session.cookie)
      .set('X-CSRF-Token', session.csrfToken);
    expect(refused.status).toBe(401);
    const cleared = cookieNamed(setCookiesOf(refused.headers), '__Secure-finrecon-refresh');
    expect(cleared).toMatch(/^__Secure-finrecon-refresh=;/);
    expect(cleared).toMatch(/Expires=Thu, 01 Jan 1970/);
  });

  it('refuses the tokens of a deleted tenant', async () => {
    const tenant = await world.provisionTenant();
    const { tokens } = await signedIn(tenant);
    await world.tenants.get(TenantLifecycle).delete(tenant.slug, SYSTEM);
    expect([401, 403]).toContain((await listOrders(tokens.accessToken)).status);
    const refused = await refresh(tokens.refreshToken);
    expect(refused.status).toBe(401);
    expect(refused.body.accessToken).toBeUndefined();
  });
});
