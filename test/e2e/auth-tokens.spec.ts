import { randomUUID } from 'node:crypto';
import jwt from 'jsonwebtoken';
import request from 'supertest';
import { SessionRevocation } from '../../src/modules/auth/application/session-revocation';
import { PlatformAuditEvents } from '../support/auth-audit-reader';
import { AuthTestWorld, bearerLogin, TestUser } from '../support/auth-fixtures';

jest.setTimeout(60_000);

const SECRET = 'dev-only-jwt-secret-change-me-0123456789abcdef';

describe('access tokens (bearer)', () => {
  let world: AuthTestWorld;
  let admin: TestUser;

  beforeAll(async () => {
    world = await AuthTestWorld.start();
    admin = await world.createUser(await world.provisionTenant(), ['tenant_admin']);
  });
  afterAll(() => world.cleanUp());

  const call = (token: string) => request(world.server).get('/users').set('Authorization', `Bearer ${token}`);
  const claimsOf = (user: TestUser, overrides: Record<string, unknown> = {}) => ({
    sub: user.user.id,
    tid: user.tenant?.id ?? null,
    roles: user.user.roles,
    sid: randomUUID(),
    ...overrides,
  });
  const sign = (payload: object, options: jwt.SignOptions = {}, secret: string = SECRET) =>
    jwt.sign(payload, secret, {
      algorithm: 'HS256',
      issuer: 'finrecon',
      audience: 'finrecon-api',
      expiresIn: 600,
      notBefore: 0,
      ...options,
    });

  it('never lets an answer carrying a token or a key be cached', async () => {
    const issued = await request(world.server)
      .post('/auth/token')
      .send({ tenantSlug: admin.tenant!.slug, email: admin.email, password: admin.password });
    expect(issued.status).toBe(200);
    const rotated = await request(world.server)
      .post('/auth/token/refresh')
      .send({ refreshToken: issued.body.refreshToken });
    expect(rotated.status).toBe(200);
    const bearer = `Bearer ${rotated.body.accessToken}`;
    const me = await request(world.server).get('/auth/me').set('Authorization', bearer);
    const key = await request(world.server)
      .post('/api-keys')
      .set('Authorization', bearer)
      .send({ name: 'no-store probe', roles: ['viewer'] });
    expect(key.status).toBe(201);
    // Nor any other answer: a list of users is as private as a token.
    const users = await request(world.server).get('/users').set('Authorization', bearer);
    expect(users.status).toBe(200);
    for (const answer of [issued, rotated, me, key, users])
      expect(answer.headers['cache-control']).toBe('no-store');
  });

  it('accepts a token we issued', async () => {
    const { accessToken } = await bearerLogin(world.server, admin);
    expect((await call(accessToken)).status).toBe(200);
  });

  it('accepts a well-formed token signed with our key (control for the attacks below)', async () => {
    expect((await call(sign(claimsOf(admin)))).status).toBe(200);
  });

  it.each([
    [
      'alg none',
      () =>
        jwt.sign(claimsOf(admin), '', { algorithm: 'none', issuer: 'finrecon', audience: 'finrecon-api' }),
    ],
    ['a wrong key', () => sign(claimsOf(admin), {}, 'another-secret-of-sufficient-length-000000')],
    ['another HMAC algorithm with our key (HS512)', () => sign(claimsOf(admin), { algorithm: 'HS512' })],
    ['a wrong issuer', () => sign(claimsOf(admin), { issuer: 'someone-else' })],
    ['a wrong audience', () => sign(claimsOf(admin), { audience: 'another-api' })],
    [
      'no expiry',
      () =>
        jwt.sign(claimsOf(admin), SECRET, {
          algorithm: 'HS256',
          issuer: 'finrecon',
          audience: 'finrecon-api',
          notBefore: 0,
        }),
    ],
    [
      'no not-before',
      () =>
        jwt.sign(claimsOf(admin), SECRET, {
          algorithm: 'HS256',
          issuer: 'finrecon',
          audience: 'finrecon-api',
          expiresIn: 600,
        }),
    ],
    ['a not-yet-valid token (nbf in the future)', () => sign(claimsOf(admin), { notBefore: 120 })],
    ['a platform role claimed by a tenant user', () => sign(claimsOf(admin, { roles: ['platform_admin'] }))],
    [
      'a token issued a day ahead (it would outlive every revocation)',
      () => sign(claimsOf(admin, { iat: Math.floor(Date.now() / 1000) + 86_400 }), { notBefore: -86_400 }),
    ],
    ['a token issued for ten years', () => sign(claimsOf(admin), { expiresIn: 10 * 365 * 86_400 })],
  ])('refuses %s with 401', async (_name, forge) => {
    const response = await call(forge());
    expect(response.status).toBe(401);
    expect(response.body.code).toBe('AUTH.UNAUTHENTICATED');
    expect(response.headers['www-authenticate']).toBe('Bearer realm="finrecon"');
  });

  it('refuses an expired token with 401 AUTH.TOKEN_EXPIRED', async () => {
    const expired = sign(
      { ...claimsOf(admin), iat: Math.floor(Date.now() / 1000) - 700 },
      { expiresIn: 600 },
    );
    const response = await call(expired);
    expect(response.status).toBe(401);
    expect(response.body.code).toBe('AUTH.TOKEN_EXPIRED');
    // The SPA's cookie outlives its token, so the same answer tells it to refresh.
    const viaCookie = await request(world.server)
      .get('/users')
      .set('Cookie', `__Host-finrecon-access=${expired}`);
    expect(viaCookie.status).toBe(401);
    expect(viaCookie.body.code).toBe('AUTH.TOKEN_EXPIRED');
  });

  it('refuses a token whose tid was changed after signing', async () => {
    const { accessToken } = await bearerLogin(world.server, admin);
    const [header, payload, signature] = accessToken.split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    const tampered = Buffer.from(JSON.stringify({ ...claims, tid: randomUUID() })).toString('base64url');
    const response = await call(`${header}.${tampered}.${signature}`);
    expect(response.status).toBe(401);
  });

  it('does not fall back to the cookie when a bearer token is present but bad', async () => {
    const response = await request(world.server).get('/users').set('Authorization', 'Bearer garbage');
    expect(response.status).toBe(401);
  });
});

describe('refresh-token rotation and revocation', () => {
  let world: AuthTestWorld;
  let admin: TestUser;

  beforeAll(async () => {
    world = await AuthTestWorld.start();
    admin = await world.createUser(await world.provisionTenant(), ['tenant_admin']);
  });
  afterAll(() => world.cleanUp());

  const refresh = (refreshToken: string) =>
    request(world.server).post('/auth/token/refresh').send({ refreshToken });

  it('rotates the refresh token on every use', async () => {
    const first = await bearerLogin(world.server, admin);
    const second = await refresh(first.refreshToken);
    expect(second.status).toBe(200);
    expect(second.body.refreshToken).not.toBe(first.refreshToken);
    expect(
      (await request(world.server).get('/users').set('Authorization', `Bearer ${second.body.accessToken}`))
        .status,
    ).toBe(200);
    expect((await refresh(second.body.refreshToken)).status).toBe(200);
  });

  it('on reuse of a rotated token revokes the whole family and audits it', async () => {
    const first = await bearerLogin(world.server, admin);
    const second = await refresh(first.refreshToken);
    const replay = await refresh(first.refreshToken);
    expect(replay.status).toBe(401);
    expect(replay.body.code).toBe('AUTH.REFRESH_TOKEN_REUSED');
    // Both halves of the family are dead: the legitimate successor and its access token.
    expect((await refresh(second.body.refreshToken)).status).toBe(401);
    const access = await request(world.server)
      .get('/users')
      .set('Authorization', `Bearer ${second.body.accessToken}`);
    expect(access.status).toBe(401);
    expect(access.body.code).toBe('AUTH.SESSION_REVOKED');
    const events = await new PlatformAuditEvents(world).tenantEvents(
      admin.tenant!.id,
      'auth.refresh_token_reused',
    );
    expect(events).toEqual([expect.objectContaining({ outcome: 'denied', actor_id: admin.user.id })]);
  });

  it('logout ends the session at once: its access and refresh tokens stop working', async () => {
    const tokens = await bearerLogin(world.server, admin);
    const logout = await request(world.server)
      .post('/auth/logout')
      .set('Authorization', `Bearer ${tokens.accessToken}`);
    expect(logout.status).toBe(204);
    expect(
      (await request(world.server).get('/users').set('Authorization', `Bearer ${tokens.accessToken}`)).status,
    ).toBe(401);
    expect((await refresh(tokens.refreshToken)).status).toBe(401);
  });

  it("refuses a disabled user's still-valid access token", async () => {
    const clerk = await world.createUser(admin.tenant!, ['tenant_admin']);
    const clerkTokens = await bearerLogin(world.server, clerk);
    const adminTokens = await bearerLogin(world.server, admin);
    expect(
      (await request(world.server).get('/users').set('Authorization', `Bearer ${clerkTokens.accessToken}`))
        .status,
    ).toBe(200);
    const disable = await request(world.server)
      .post(`/users/${clerk.user.id}/disable`)
      .set('Authorization', `Bearer ${adminTokens.accessToken}`);
    expect(disable.status).toBe(200);
    const after = await request(world.server)
      .get('/users')
      .set('Authorization', `Bearer ${clerkTokens.accessToken}`);
    expect(after.status).toBe(401);
    expect(after.body.code).toBe('AUTH.SESSION_REVOKED');
    expect((await refresh(clerkTokens.refreshToken)).status).toBe(401);
  });

  it("a role change is audited with before and after, and ends the user's sessions", async () => {
    const clerk = await world.createUser(admin.tenant!, ['clerk']);
    const clerkTokens = await bearerLogin(world.server, clerk);
    const adminTokens = await bearerLogin(world.server, admin);
    const change = await request(world.server)
      .put(`/users/${clerk.user.id}/roles`)
      .set('Authorization', `Bearer ${adminTokens.accessToken}`)
      .send({ roles: ['approver', 'viewer'] });
    expect(change.status).toBe(200);
    expect(change.body.roles).toEqual(['approver', 'viewer']);
    expect(
      (await request(world.server).get('/auth/me').set('Authorization', `Bearer ${clerkTokens.accessToken}`))
        .status,
    ).toBe(401);
    const events = await new PlatformAuditEvents(world).tenantEvents(admin.tenant!.id, 'user.roles_changed');
    expect(events.find((event) => event.target_id === clerk.user.id)).toMatchObject({
      actor_id: admin.user.id,
      details: { from: ['clerk'], to: ['approver', 'viewer'] },
    });
  });

  it("revoking a tenant's sessions (tenant suspended) refuses its users' tokens at once", async () => {
    const tenant = await world.provisionTenant();
    const user = await world.createUser(tenant, ['tenant_admin']);
    const tokens = await bearerLogin(world.server, user);
    await world.get(SessionRevocation).revokeTenant(tenant.id);
    const response = await request(world.server)
      .get('/users')
      .set('Authorization', `Bearer ${tokens.accessToken}`);
    expect(response.status).toBe(401);
    expect(response.body.code).toBe('AUTH.SESSION_REVOKED');
    expect((await refresh(tokens.refreshToken)).status).toBe(401);
  });
});
