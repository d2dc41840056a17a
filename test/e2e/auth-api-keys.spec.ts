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

    const list = await request(world.server).get('/api-keys').set('Authorization', `Bearer ${adminToken}`);
    const listed = list.body.find((key: { id: string }) => key.id === created.body.id);
    expect(listed).toMatchObject({
      name: 'ERP import',
      prefix: created.body.prefix,
      roles: ['clerk'],
      lastUsedAt: null,
    });
    expect(JSON.stringify(list.body)).not.toContain(created.body.key.split('_')[2]);

    const [row] = await world
      .get(ControlPlaneDatabase)
      .dataSource.query('SELECT * FROM api_keys WHERE id = $1', [created.body.id]);
    expect(JSON.stringify(row)).not.toContain(created.body.key.split('_')[2]);
    expect(row.secret_hash).toHaveLength(32);
  });

  it('authenticates with X-Api-Key within its roles only, and records its last use', async () => {
    const clerkKey = (await createKey({ name: 'clerk key', roles: ['clerk'] })).body;
    const adminKey = (await createKey({ name: 'admin key', roles: ['tenant_admin'] })).body;
    expect((await request(world.server).get('/users').set('X-Api-Key', clerkKey.key)).status).toBe(403);
    expect((await request(world.server).get('/users').set('X-Api-Key', adminKey.key)).status).toBe(200);
    const list = await request(world.server).get('/api-keys').set('Authorization', `Bearer ${adminToken}`);
    expect(list.body.find((key: { id: string }) => key.id === adminKey.id).lastUsedAt).not.toBeNull();
  });

  it('refuses a revoked key at once, and audits creation and revocation', async () => {
    const key = (await createKey({ name: 'short-lived', roles: ['tenant_admin'] })).body;
    expect((await request(world.server).get('/users').set('X-Api-Key', key.key)).status).toBe(200);
    const revoke = await request(world.server)
      .delete(`/api-keys/${key.id}`)
      .set('Authorization', `Bearer ${adminToken}`);
    expect(revoke.status).toBe(204);
    const after = await request(world.server).get('/users').set('X-Api-Key', key.key);
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
        roles: ['tenant_admin'],
        expiresAt: new Date(Date.now() + 60_000).toISOString(),
      })
    ).body;
    expect((await request(world.server).get('/users').set('X-Api-Key', key.key)).status).toBe(200);
    await world
      .get(ControlPlaneDatabase)
      .dataSource.query("UPDATE api_keys SET expires_at = now() - interval '1 second' WHERE id = $1", [
        key.id,
      ]);
    expect((await request(world.server).get('/users').set('X-Api-Key', key.key)).status).toBe(401);
  });

  it('refuses a tampered secret, a malformed key and an unknown prefix', async () => {
    const key: string = (await createKey({ name: 'probe', roles: ['tenant_admin'] })).body.key;
    const flipped = `${key.slice(0, -1)}${key.endsWith('A') ? 'B' : 'A'}`;
    for (const presented of [flipped, 'frk_nope', `frk_aaaaaaaaaaaa_${'A'.repeat(43)}`]) {
      const response = await request(world.server).get('/users').set('X-Api-Key', presented);
      expect(response.status).toBe(401);
    }
  });

  it('refuses roles outside the tenant role set and expiries in the past', async () => {
    expect((await createKey({ name: 'x', roles: ['platform_admin'] })).status).toBe(400);
    expect((await createKey({ name: 'x', roles: ['root'] })).status).toBe(400);
    const past = await createKey({ name: 'x', roles: ['viewer'], expiresAt: '2020-01-01T00:00:00Z' });
    expect(past.status).toBe(400);
    expect(past.body.code).toBe('AUTH.API_KEY_EXPIRY_INVALID');
  });

  it('lets only tenant admins create and list keys', async () => {
    const clerk = await world.createUser(admin.tenant!, ['clerk', 'approver']);
    const clerkToken = (await bearerLogin(world.server, clerk)).accessToken;
    expect((await createKey({ name: 'x', roles: ['viewer'] }, clerkToken)).status).toBe(403);
    expect(
      (await request(world.server).get('/api-keys').set('Authorization', `Bearer ${clerkToken}`)).status,
    ).toBe(403);
  });
});
