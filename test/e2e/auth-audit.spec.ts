import request from 'supertest';
import type { Tenant } from '../../src/modules/tenants/domain/tenant';
import { PlatformAuditEvents } from '../support/auth-audit-reader';
import { AuthTestWorld, bearerLogin, strongPassword, TestUser } from '../support/auth-fixtures';

jest.setTimeout(90_000);

function sessionIdOf(accessToken: string): string {
  return JSON.parse(Buffer.from(accessToken.split('.')[1], 'base64url').toString()).sid;
}

/** Where each auth event lands: platform events in the control plane, tenant events in the tenant. */
describe('auth audit events, end to end', () => {
  let world: AuthTestWorld;
  let audit: PlatformAuditEvents;
  let tenant: Tenant;
  let admin: TestUser;
  let adminToken: string;

  beforeAll(async () => {
    world = await AuthTestWorld.start();
    audit = new PlatformAuditEvents(world);
    tenant = await world.provisionTenant();
    admin = await world.createUser(tenant, ['tenant_admin']);
    adminToken = (await bearerLogin(world.server, admin)).accessToken;
  });
  afterAll(() => world.cleanUp());

  const asAdmin = {
    post: (path: string, body: object = {}) =>
      request(world.server).post(path).set('Authorization', `Bearer ${adminToken}`).send(body),
    put: (path: string, body: object) =>
      request(world.server).put(path).set('Authorization', `Bearer ${adminToken}`).send(body),
    delete: (path: string) => request(world.server).delete(path).set('Authorization', `Bearer ${adminToken}`),
  };

  describe('platform events (control plane)', () => {
    it("records a platform administrator's sign-in", async () => {
      const operator = await world.createUser(null, ['platform_admin']);
      const { accessToken } = await bearerLogin(world.server, operator);
      const [event] = await audit.platformEvents('auth.login', sessionIdOf(accessToken));
      expect(event).toMatchObject({
        outcome: 'success',
        actor_type: 'user',
        actor_id: operator.user.id,
        target_type: 'session',
      });
    });

    it('records a sign-in failure for an unknown tenant, with the slug typed and never the password', async () => {
      const slug = `ghost-${Date.now().toString(36)}`;
      const password = strongPassword();
      const refused = await request(world.server)
        .post('/auth/token')
        .send({ tenantSlug: slug, email: 'someone@example.test', password });
      expect(refused.status).toBe(401);
      const events = await audit.platformEventsWith('auth.login', { tenantSlug: slug });
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({
        outcome: 'failure',
        actor_type: 'anonymous',
        details: { reason: 'unknown_tenant', email: 'someone@example.test', tenantSlug: slug },
      });
      expect(JSON.stringify(events)).not.toContain(password);
    });
  });

  describe("tenant events (the tenant's own database, never the control plane)", () => {
    const expectTenantOnly = async (action: string, targetId: string, extra: object = {}) => {
      const events = await audit.tenantEventsOn(tenant.id, action, targetId);
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({ outcome: 'success', ...extra });
      expect(await audit.platformEvents(action, targetId)).toEqual([]);
      return events[0];
    };

    it('records user.created, user.roles_changed, user.password_reset and user.disabled by the acting admin', async () => {
      const password = strongPassword();
      const created = await asAdmin.post('/users', {
        email: `audited-${Date.now().toString(36)}@example.test`,
        password,
        roles: ['clerk'],
      });
      expect(created.status).toBe(201);
      const userId: string = created.body.id;
      const byAdmin = { actor_type: 'user', actor_id: admin.user.id, target_type: 'user' };
      await expectTenantOnly('user.created', userId, { ...byAdmin, details: { roles: ['clerk'] } });

      expect((await asAdmin.put(`/users/${userId}/roles`, { roles: ['approver'] })).status).toBe(200);
      await expectTenantOnly('user.roles_changed', userId, {
        ...byAdmin,
        details: { from: ['clerk'], to: ['approver'] },
      });

      const newPassword = strongPassword();
      expect((await asAdmin.post(`/users/${userId}/password`, { password: newPassword })).status).toBe(204);
      await expectTenantOnly('user.password_reset', userId, byAdmin);

      expect((await asAdmin.post(`/users/${userId}/disable`)).status).toBe(200);
      await expectTenantOnly('user.disabled', userId, byAdmin);

      const everything = JSON.stringify(
        await Promise.all(
          ['user.created', 'user.password_reset'].map((action) =>
            audit.tenantEventsOn(tenant.id, action, userId),
          ),
        ),
      );
      expect(everything).not.toContain(password);
      expect(everything).not.toContain(newPassword);
      expect(await audit.platformEventsNaming(userId)).toEqual([]);
    });

    it('records api_key.created and api_key.revoked, never the key itself', async () => {
      const created = await asAdmin.post('/api-keys', { name: 'erp', roles: ['clerk'] });
      expect(created.status).toBe(201);
      const keyId: string = created.body.id;
      const key: string = created.body.key;
      const made = await expectTenantOnly('api_key.created', keyId, {
        actor_id: admin.user.id,
        target_type: 'api_key',
        details: { roles: ['clerk'] },
      });
      expect(JSON.stringify(made)).not.toContain(key.slice(-20));

      expect((await asAdmin.delete(`/api-keys/${keyId}`)).status).toBe(204);
      await expectTenantOnly('api_key.revoked', keyId, { actor_id: admin.user.id, target_type: 'api_key' });
    });

    it('records auth.logout of a tenant user against its session', async () => {
      const user = await world.createUser(tenant, ['viewer']);
      const { accessToken } = await bearerLogin(world.server, user);
      const loggedOut = await request(world.server)
        .post('/auth/logout')
        .set('Authorization', `Bearer ${accessToken}`);
      expect(loggedOut.status).toBe(204);
      await expectTenantOnly('auth.logout', sessionIdOf(accessToken), {
        actor_type: 'user',
        actor_id: user.user.id,
        target_type: 'session',
      });
    });
  });
});
