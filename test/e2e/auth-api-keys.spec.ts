import request from 'supertest';
import { ControlPlaneDatabase } from '../../src/platform/database/control-plane-database';
import { PlatformAuditEvents } from '../support/auth-audit-reader';
import { AuthTestWorld, bearerLogin, TestUser } from '../support/auth-fixtures';

jest.setTimeout(60_000);

describe('API keys', () => {
  let world: AuthTestWorld;
  let admin: TestUser;
  let adminToken: string;

  beforeAll(async () => {
    world = await AuthTestWorld.start();
    admin = await world.createUser(await world.provisionTenant(), ['tenant_admin']);
    adminToken = (await bearerLogin(world.server, admin)).accessToken;
  });
  afterAll(() => world.cleanUp());

  const createKey = (body: Record<string, unknown>, token = adminToken) =>
    request(world.server).post('/api-keys').set('Authorization', `Bearer ${token}`).send(body);

  it('shows the key once at creation; lists only prefix and last use; stores only a hash', async () => {
    const created = await createKey({ name: 'ERP import', roles: ['clerk'] });
    expect(created.status).toBe(201);
    expect(created.body.key).toMatch(/^frk_[a-z2-7]{12}_[A-Za-z0-9_-]{43}$/);
    expect(created.body.key).toContain(created.body.prefix);

    // The secret is what follows `frk_<12-char prefix>_`; it may itself contain `_` (base64url).
    const secret = created.body.key.slice('frk_'.length + 12 + 1);
    expect(secret).toHaveLength(43);
    const list = await request(world.server).get('/api-keys').set('Authorization', `Bearer ${adminToken}`);
    const listed = list.body.find((key: { id: string }) => key.id === created.body.id);
    expect(listed).toMatchObject({
      name: 'ERP import',
      prefix: created.body.prefix,
      roles: ['clerk'],
      lastUsedAt: null,
    });
    expect(JSON.stringify(list.body)).not.toContain(secret);

    const [row] = await world
      .get(ControlPlaneDatabase)
      .dataSource.query('SELECT * FROM api_keys WHERE id = $1', [created.body.id]);
    expect(JSON.stringify(row)).not.toContain(secret);
    expect(row.secret_hash).toHaveLength(32);
  });

  /** Any authenticated principal may ask who it is: the probe for "does this key authenticate". */
  const whoAmI = (key: string) => request(world.server).get('/auth/me').set('X-Api-Key', key);

  it('authenticates with X-Api-Key within its roles only, and records its last use', async () => {
    const clerkKey = (await createKey({ name: 'clerk key', roles: ['clerk'] })).body;
    const me = await whoAmI(clerkKey.key);
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ id: clerkKey.id, type: 'api_key', roles: ['clerk'] });
    expect((await request(world.server).get('/users').set('X-Api-Key', clerkKey.key)).status).toBe(403);
    const list = await request(world.server).get('/api-keys').set('Authorization', `Bearer ${adminToken}`);
    expect(list.body.find((key: { id: string }) => key.id === clerkKey.id).lastUsedAt).not.toBeNull();
  });

  it('refuses a logout with a key (it has no session) and keeps the key working', async () => {
    const key = (await createKey({ name: 'logout probe', roles: ['viewer'] })).body;
    const logout = await request(world.server).post('/auth/logout').set('X-Api-Key', key.key);
    expect(logout.status).toBe(400);
    expect(logout.body.code).toBe('AUTH.NOT_A_SESSION');
    expect((await whoAmI(key.key)).status).toBe(200);
  });

  it('refuses to give a key tenant_admin, with a validation problem', async () => {
    for (const roles of [['tenant_admin'], ['clerk', 'tenant_admin']]) {
      const refused = await createKey({ name: 'admin key', roles });
      expect(refused.status).toBe(400);
      expect(refused.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(refused.body.code).toBe('REQUEST.VALIDATION_FAILED');
      expect(refused.body.errors).toEqual([{ path: 'roles', message: expect.any(String) }]);
    }
  });

  it('never lets a key administer users or keys, even one stored with tenant_admin before that was refused', async () => {
    const legacy = (await createKey({ name: 'legacy admin key', roles: ['clerk'] })).body;
    await world
      .get(ControlPlaneDatabase)
      .dataSource.query("UPDATE api_keys SET roles = '{tenant_admin}' WHERE id = $1", [legacy.id]);
    const asKey = (call: request.Test) => call.set('X-Api-Key', legacy.key);
    const attempts = [
      asKey(request(world.server).post('/api-keys')).send({ name: 'minted', roles: ['viewer'] }),
      asKey(request(world.server).get('/api-keys')),
      asKey(request(world.server).delete(`/api-keys/${legacy.id}`)),
      asKey(request(world.server).post('/users')).send({
        email: `taken-over-${legacy.prefix}@example.test`,
        password: 'a-long-enough-password-9',
        roles: ['tenant_admin'],
      }),
      asKey(request(world.server).post(`/users/${admin.user.id}/disable`)),
      asKey(request(world.server).put(`/users/${admin.user.id}/roles`)).send({ roles: ['viewer'] }),
      asKey(request(world.server).post(`/users/${admin.user.id}/password`)).send({
        password: 'a-long-enough-password-9',
      }),
    ];
    for (const attempt of attempts) {
      const response = await attempt;
      expect(response.status).toBe(403);
      expect(response.body.code).toBe('AUTH.FORBIDDEN');
    }
    // The key itself still authenticates; the admin is untouched and can still sign in.
    expect((await whoAmI(legacy.key)).status).toBe(200);
    expect((await bearerLogin(world.server, admin)).accessToken).toEqual(expect.any(String));
  });

  it('refuses a revoked key at once, and audits creation and revocation', async () => {
    const key = (await createKey({ name: 'short-lived', roles: ['clerk'] })).body;
    expect((await whoAmI(key.key)).status).toBe(200);
    const revoke = await request(world.server)
      .delete(`/api-keys/${key.id}`)
      .set('Authorization', `Bearer ${adminToken}`);
    expect(revoke.status).toBe(204);
    const after = await whoAmI(key.key);
    expect(after.status).toBe(401);
    const audit = new PlatformAuditEvents(world);
    const created = await audit.tenantEvents(admin.tenant!.id, 'api_key.created');
    const revoked = await audit.tenantEvents(admin.tenant!.id, 'api_key.revoked');
    expect(created.find((event) => event.target_id === key.id)).toMatchObject({ actor_id: admin.user.id });
    expect(revoked).toEqual([expect.objectContaining({ target_id: key.id, actor_id: admin.user.id })]);
    expect(JSON.stringify(created)).not.toContain(key.key);
  });

  it('refuses an expired key', async () => {
    const key = (
      await createKey({
        name: 'expiring',
        roles: ['viewer'],
        expiresAt: new Date(Date.now() + 60_000).toISOString(),
      })
    ).body;
    expect((await whoAmI(key.key)).status).toBe(200);
    await world
      .get(ControlPlaneDatabase)
      .dataSource.query("UPDATE api_keys SET expires_at = now() - interval '1 second' WHERE id = $1", [
        key.id,
      ]);
    expect((await whoAmI(key.key)).status).toBe(401);
  });

  it('refuses a tampered secret, a malformed key and an unknown prefix', async () => {
    const key: string = (await createKey({ name: 'probe', roles: ['viewer'] })).body.key;
    expect((await whoAmI(key)).status).toBe(200);
    const flipped = `${key.slice(0, -1)}${key.endsWith('A') ? 'B' : 'A'}`;
    for (const presented of [flipped, 'frk_nope', `frk_aaaaaaaaaaaa_${'A'.repeat(43)}`]) {
      const response = await whoAmI(presented);
      expect(response.status).toBe(401);
    }
  });

  it('refuses roles outside the tenant role set and expiries in the past', async () => {
    expect((await createKey({ name: 'x', roles: ['platform_admin'] })).status).toBe(400);
    expect((await createKey({ name: 'x', roles: ['root'] })).status).toBe(400);
    const past = await createKey({ name: 'x', roles: ['viewer'], expiresAt: '2020-01-01T00:00:00Z' });
    expect(past.status).toBe(400);
    expect(past.body.code).toBe('AUTH.API_KEY_EXPIRY_INVALID');
    const weekDate = await createKey({ name: 'x', roles: ['viewer'], expiresAt: '2099-W05' });
    expect(weekDate.body).toMatchObject({ status: 400, code: 'AUTH.API_KEY_EXPIRY_INVALID' });
    const noSuchDay = await createKey({ name: 'x', roles: ['viewer'], expiresAt: '2099-02-30' });
    expect(noSuchDay.body).toMatchObject({ status: 400, code: 'REQUEST.VALIDATION_FAILED' });
  });

  it('refuses a name of spaces as a missing name (400, not a database refusal)', async () => {
    const response = await createKey({ name: '   ', roles: ['viewer'] });
    expect(response.body).toMatchObject({ status: 400, code: 'REQUEST.VALIDATION_FAILED' });
    expect(response.body.errors).toEqual([expect.objectContaining({ path: 'name' })]);
    const trimmed = await createKey({ name: '  ERP export  ', roles: ['viewer'] });
    expect(trimmed.body).toMatchObject({ name: 'ERP export' });
  });

  it('lets only tenant admins create and list keys', async () => {
    const clerk = await world.createUser(admin.tenant!, ['clerk', 'approver']);
    const clerkToken = (await bearerLogin(world.server, clerk)).accessToken;
    expect((await createKey({ name: 'x', roles: ['viewer'] }, clerkToken)).status).toBe(403);
    expect(
      (await request(world.server).get('/api-keys').set('Authorization', `Bearer ${clerkToken}`)).status,
    ).toBe(403);
  });

  it('lists keys a page at a time, oldest first', async () => {
    const list = (query: string) =>
      request(world.server).get(`/api-keys${query}`).set('Authorization', `Bearer ${adminToken}`);
    const all = (await list('?limit=500')).body as { id: string }[];
    expect(all.length).toBeGreaterThan(2);
    expect((await list('?limit=2')).body.map((key: { id: string }) => key.id)).toEqual(
      all.slice(0, 2).map((key) => key.id),
    );
    expect((await list('?limit=2&offset=2')).body[0].id).toBe(all[2].id);
    expect((await list('?status=active')).body.code).toBe('REQUEST.VALIDATION_FAILED');
  });
});
