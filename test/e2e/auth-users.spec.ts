import { randomBytes } from 'node:crypto';
import request from 'supertest';
import type { Tenant } from '../../src/modules/tenants/domain/tenant';
import { ControlPlaneDatabase } from '../../src/platform/database/control-plane-database';
import { AuthTestWorld, bearerLogin, strongPassword, TestUser } from '../support/auth-fixtures';

jest.setTimeout(90_000);

const unique = () => randomBytes(4).toString('hex');

describe('user administration over HTTP', () => {
  let world: AuthTestWorld;
  let tenant: Tenant;
  let admin: TestUser;
  let adminToken: string;
  let platformToken: string;
  const createdPlatformEmails: string[] = [];

  beforeAll(async () => {
    world = await AuthTestWorld.start();
    tenant = await world.provisionTenant();
    admin = await world.createUser(tenant, ['tenant_admin']);
    adminToken = (await bearerLogin(world.server, admin)).accessToken;
    platformToken = (await bearerLogin(world.server, await world.createUser(null, ['platform_admin'])))
      .accessToken;
  });
  afterAll(async () => {
    await world
      .get(ControlPlaneDatabase)
      .dataSource.query('DELETE FROM users WHERE tenant_id IS NULL AND email = ANY($1)', [
        createdPlatformEmails,
      ]);
    await world.cleanUp();
  });

  const as = (token: string) => ({
    post: (path: string, body: object = {}) =>
      request(world.server).post(path).set('Authorization', `Bearer ${token}`).send(body),
    get: (path: string) => request(world.server).get(path).set('Authorization', `Bearer ${token}`),
  });
  const signIn = (body: object) => request(world.server).post('/auth/token').send(body);
  const refresh = (refreshToken: string) =>
    request(world.server).post('/auth/token/refresh').send({ refreshToken });

  describe('creating users', () => {
    it('lets a tenant admin create a user of its own tenant with POST /users, who can then sign in', async () => {
      const email = `new-${unique()}@example.test`;
      const password = strongPassword();
      const created = await as(adminToken).post('/users', { email, password, roles: ['clerk'] });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ email, tenantId: tenant.id, roles: ['clerk'], status: 'active' });
      expect(JSON.stringify(created.body)).not.toContain(password);
      expect((await signIn({ tenantSlug: tenant.slug, email, password })).status).toBe(200);
      // Typed as accounts store it: spaces around it and capitals still sign in.
      expect(
        (await signIn({ tenantSlug: tenant.slug, email: ` ${email.toUpperCase()} `, password })).status,
      ).toBe(200);
    });

    it('checks an email as it will be stored: one that lower case makes too long is a 400, not a database refusal', async () => {
      // 254 characters as sent; `İ` lower-cases to two (i and a combining dot), so 255 as stored.
      const domain = `${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(58)}.test`;
      const email = `İ${'a'.repeat(61)}@${domain}`;
      expect(email).toHaveLength(254);
      const refused = await as(adminToken).post('/users', {
        email,
        password: strongPassword(),
        roles: ['clerk'],
      });
      expect(refused.body).toMatchObject({ status: 400, code: 'REQUEST.VALIDATION_FAILED' });
      expect(new Set((refused.body.errors as { path: string }[]).map((error) => error.path))).toEqual(
        new Set(['email']),
      );
    });

    it('refuses an email that is no address, holds an invisible character or mixes look-alike letters with Latin ones as the field email, in one message', async () => {
      for (const email of [
        'not-an-email',
        `zero\u200bwidth-${unique()}@example.test`,
        `p\u0430yroll-${unique()}@example.test`,
        `hangul\u3164filler-${unique()}@example.test`,
        `braille\u2800blank-${unique()}@example.test`,
        `variation\ufe0fselector-${unique()}@example.test`,
      ]) {
        const refused = await as(adminToken).post('/users', {
          email,
          password: strongPassword(),
          roles: ['clerk'],
        });
        expect(refused.body).toMatchObject({ status: 400, code: 'REQUEST.VALIDATION_FAILED' });
        expect(refused.body.errors).toEqual([
          {
            path: 'email',
            message: expect.stringMatching(/^An account email is an address of at most 254 characters/),
          },
        ]);
      }
    });

    it('lets a platform admin create a platform admin with POST /platform/users', async () => {
      const email = `ops-${unique()}@example.test`;
      createdPlatformEmails.push(email);
      const password = strongPassword();
      const created = await as(platformToken).post('/platform/users', {
        email,
        password,
        roles: ['platform_admin'],
      });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ email, tenantId: null, roles: ['platform_admin'] });
      expect((await signIn({ email, password })).status).toBe(200);
    });

    it("lets a platform admin create a tenant's user with POST /platform/tenants/:tenant/users", async () => {
      const email = `first-${unique()}@example.test`;
      const password = strongPassword();
      const created = await as(platformToken).post(`/platform/tenants/${tenant.id}/users`, {
        email,
        password,
        roles: ['tenant_admin'],
      });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ email, tenantId: tenant.id, roles: ['tenant_admin'] });
      expect((await signIn({ tenantSlug: tenant.slug, email, password })).status).toBe(200);
    });
  });

  it('names the tenant on /platform/tenants/:tenant/users by id or slug, and answers 404 for an unknown one', async () => {
    const email = `slug-${unique()}@example.test`;
    const created = await as(platformToken).post(`/platform/tenants/${tenant.slug.toUpperCase()}/users`, {
      email,
      password: strongPassword(),
      roles: ['viewer'],
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ email, tenantId: tenant.id });
    const listed = await as(platformToken).get(`/platform/tenants/${tenant.slug}/users?limit=500`);
    expect(listed.status).toBe(200);
    expect(listed.body.map((user: { email: string }) => user.email)).toContain(email);
    const newUser = { email: `none-${unique()}@example.test`, password: strongPassword(), roles: ['viewer'] };
    for (const unknown of [`no-such-${unique()}`, '00000000-0000-4000-8000-000000000000', "x'--"]) {
      const path = `/platform/tenants/${encodeURIComponent(unknown)}/users`;
      for (const missing of [
        await as(platformToken).get(path),
        await as(platformToken).post(path, newUser),
      ]) {
        expect(missing.status).toBe(404);
        expect(missing.body.code).toBe('TENANT.NOT_FOUND');
      }
    }
  });

  describe('weak passwords', () => {
    const local = () => `ada${unique()}`;
    const weakCases = () => {
      const name = local();
      return [
        { why: 'too short', email: `${name}@example.test`, password: 'Sh0rt-pw!', reason: 'at least 12' },
        {
          why: 'containing the email local part',
          email: `${name}@example.test`,
          password: `xX-${name.toUpperCase()}-2026!`,
          reason: 'email name',
        },
        {
          why: 'containing the tenant name',
          email: `${name}@example.test`,
          password: `My-${tenant.slug}-pass!`,
          reason: 'company name',
        },
      ];
    };

    it.each(['/users', '/platform/tenants/:tenant/users'])(
      'refuses them on %s with 400 AUTH.WEAK_PASSWORD naming the reason',
      async (route) => {
        for (const { email, password, reason } of weakCases()) {
          const [token, path] =
            route === '/users'
              ? [adminToken, '/users']
              : [platformToken, `/platform/tenants/${tenant.id}/users`];
          const refused = await as(token).post(path, { email, password, roles: ['viewer'] });
          expect(refused.status).toBe(400);
          expect(refused.body.code).toBe('AUTH.WEAK_PASSWORD');
          expect(refused.body.detail).toContain(reason);
          expect(JSON.stringify(refused.body)).not.toContain(password);
          expect((await signIn({ tenantSlug: tenant.slug, email, password })).status).toBe(401);
        }
      },
    );

    it('refuses a weak password at reset too', async () => {
      const user = await world.createUser(tenant, ['viewer']);
      const refused = await as(adminToken).post(`/users/${user.user.id}/password`, { password: 'short' });
      expect(refused.status).toBe(400);
      expect(refused.body.code).toBe('AUTH.WEAK_PASSWORD');
    });
  });

  it('lists users a page at a time, in email order, on the tenant and the platform routes', async () => {
    const listed = await world.provisionTenant();
    for (const name of ['carol', 'alice', 'bob'])
      await world.createUser(listed, ['viewer'], `${name}@paging.example`);
    const emails = (response: request.Response) =>
      (response.body as { email: string }[]).map((user) => user.email);
    const route = `/platform/tenants/${listed.id}/users`;
    expect(emails(await as(platformToken).get(route))).toEqual([
      'alice@paging.example',
      'bob@paging.example',
      'carol@paging.example',
    ]);
    expect(emails(await as(platformToken).get(`${route}?limit=2`))).toEqual([
      'alice@paging.example',
      'bob@paging.example',
    ]);
    expect(emails(await as(platformToken).get(`${route}?limit=2&offset=2`))).toEqual([
      'carol@paging.example',
    ]);
    expect((await as(adminToken).get('/users?limit=1')).body).toHaveLength(1);
    for (const query of [
      'limit=0',
      'limit=501',
      'offset=-1',
      'limit=1e2',
      'limit=0x10',
      'limit=%20',
      'page=2',
    ])
      expect([query, (await as(adminToken).get(`/users?${query}`)).body.code]).toEqual([
        query,
        'REQUEST.VALIDATION_FAILED',
      ]);
    // One field, one true message: not "must be an integer" beside "must not be greater than 500".
    const negative = await as(adminToken).get('/users?limit=-1');
    expect(negative.body).toMatchObject({
      detail: '1 field(s) are invalid',
      errors: [{ path: 'limit', message: 'limit must be a whole number from 1 to 500, in decimal digits' }],
    });
  });

  it('refuses an admin locking themselves out with 403 AUTH.SELF_LOCKOUT, not a role denial', async () => {
    const self = await world.createUser(tenant, ['tenant_admin']);
    const token = (await bearerLogin(world.server, self)).accessToken;
    const disable = await as(token).post(`/users/${self.user.id}/disable`);
    expect(disable.status).toBe(403);
    expect(disable.body.code).toBe('AUTH.SELF_LOCKOUT');
    const demote = await request(world.server)
      .put(`/users/${self.user.id}/roles`)
      .set('Authorization', `Bearer ${token}`)
      .send({ roles: ['clerk'] });
    expect(demote.status).toBe(403);
    expect(demote.body.code).toBe('AUTH.SELF_LOCKOUT');
  });

  it('answers a malformed id in the path with 400 REQUEST.VALIDATION_FAILED naming the parameter', async () => {
    for (const [token, path, parameter] of [
      [adminToken, '/users/not-a-uuid/disable', 'userId'],
      [platformToken, '/platform/users/42/disable', 'userId'],
    ] as const) {
      const refused = await as(token).post(path);
      expect(refused.status).toBe(400);
      expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(refused.body).toMatchObject({
        code: 'REQUEST.VALIDATION_FAILED',
        errors: [{ path: parameter, message: `${parameter} must be a UUID` }],
      });
    }
  });

  it('refuses an email that differs only in case with 409 AUTH.EMAIL_TAKEN, on both routes', async () => {
    const email = `Case-${unique()}@Example.test`;
    const first = await as(adminToken).post('/users', {
      email,
      password: strongPassword(),
      roles: ['viewer'],
    });
    expect(first.status).toBe(201);
    expect(first.body.email).toBe(email.toLowerCase());
    for (const [token, path] of [
      [adminToken, '/users'],
      [platformToken, `/platform/tenants/${tenant.id}/users`],
    ]) {
      const duplicate = await as(token).post(path, {
        email: email.toUpperCase(),
        password: strongPassword(),
        roles: ['viewer'],
      });
      expect(duplicate.status).toBe(409);
      expect(duplicate.body.code).toBe('AUTH.EMAIL_TAKEN');
    }
    // The same address is free in another tenant.
    const other = await world.provisionTenant();
    expect(
      (
        await as(platformToken).post(`/platform/tenants/${other.id}/users`, {
          email,
          password: strongPassword(),
          roles: ['viewer'],
        })
      ).status,
    ).toBe(201);
  });

  it.each([
    ['a tenant admin', 'POST /users/:userId/password'],
    ['a platform admin', 'POST /platform/users/:userId/password'],
  ])("ends the user's sessions when %s resets the password (%s)", async (_who, route) => {
    const user = await world.createUser(tenant, ['viewer']);
    const before = await bearerLogin(world.server, user);
    const newPassword = strongPassword();
    const path = route.split(' ')[1].replace(':userId', user.user.id);
    const token = path.startsWith('/platform') ? platformToken : adminToken;
    expect((await as(token).post(path, { password: newPassword })).status).toBe(204);

    const stale = await as(before.accessToken).get('/auth/me');
    expect(stale.status).toBe(401);
    expect(stale.body.code).toBe('AUTH.SESSION_REVOKED');
    expect((await refresh(before.refreshToken)).status).toBe(401);
    expect(
      (await signIn({ tenantSlug: tenant.slug, email: user.email, password: user.password })).status,
    ).toBe(401);
    expect((await signIn({ tenantSlug: tenant.slug, email: user.email, password: newPassword })).status).toBe(
      200,
    );
  });

  it('refuses a still-valid access token once a platform admin disables the user (POST /platform/users/:userId/disable)', async () => {
    const user = await world.createUser(tenant, ['clerk']);
    const tokens = await bearerLogin(world.server, user);
    expect((await as(tokens.accessToken).get('/purchase-orders')).status).toBe(200);
    const disabled = await as(platformToken).post(`/platform/users/${user.user.id}/disable`);
    expect(disabled.status).toBe(200);
    expect(disabled.body.status).toBe('disabled');
    const after = await as(tokens.accessToken).get('/purchase-orders');
    expect(after.status).toBe(401);
    expect(after.body.code).toBe('AUTH.SESSION_REVOKED');
    expect((await refresh(tokens.refreshToken)).status).toBe(401);
  });
});
