import request from 'supertest';
import {
  ALLOWED_ORIGIN,
  AuthTestWorld,
  bearerLogin,
  cookieHeaderFrom,
  cookieLogin,
  CookieSession,
  FOREIGN_ORIGIN,
  setCookiesOf,
  TestUser,
} from '../support/auth-fixtures';

jest.setTimeout(60_000);

describe('CSRF protection of cookie sessions', () => {
  let world: AuthTestWorld;
  let admin: TestUser;
  let session: CookieSession;

  beforeAll(async () => {
    world = await AuthTestWorld.start();
    admin = await world.createUser(await world.provisionTenant(), ['tenant_admin']);
    session = await cookieLogin(world.server, admin);
  });
  afterAll(() => world.cleanUp());

  /** POST /auth/refresh from the SPA's origin (or another), with the CSRF token when one is given. */
  const refresh = (cookie: string, csrfToken: string | null, origin = ALLOWED_ORIGIN) => {
    const call = request(world.server).post('/auth/refresh').set('Cookie', cookie).set('Origin', origin);
    return csrfToken === null ? call : call.set('X-CSRF-Token', csrfToken);
  };

  const createKey = (headers: Record<string, string>) => {
    const call = request(world.server).post('/api-keys');
    for (const [name, value] of Object.entries(headers)) call.set(name, value);
    return call.send({ name: 'csrf probe', roles: ['viewer'] });
  };

  it('answers preflights: with CORS headers for the SPA origin, without them for another origin', async () => {
    const preflight = (origin: string) =>
      request(world.server)
        .options('/api-keys')
        .set('Origin', origin)
        .set('Access-Control-Request-Method', 'POST')
        .set('Access-Control-Request-Headers', 'content-type, x-csrf-token');
    const allowed = await preflight(ALLOWED_ORIGIN);
    expect(allowed.status).toBe(204);
    expect(allowed.headers['access-control-allow-origin']).toBe(ALLOWED_ORIGIN);
    expect(allowed.headers['access-control-allow-credentials']).toBe('true');
    const foreign = await preflight(FOREIGN_ORIGIN);
    expect(foreign.status).toBe(204);
    expect(foreign.headers['access-control-allow-origin']).toBeUndefined();
    expect(foreign.headers['access-control-allow-credentials']).toBeUndefined();
  });

  it('lets a safe (GET) request through on the cookie alone', async () => {
    expect((await request(world.server).get('/api-keys').set('Cookie', session.cookie)).status).toBe(200);
  });

  it('accepts a state-changing request with an allowed Origin and the session CSRF token', async () => {
    const response = await createKey({
      Cookie: session.cookie,
      Origin: ALLOWED_ORIGIN,
      'X-CSRF-Token': session.csrfToken,
    });
    expect(response.status).toBe(201);
  });

  it('refuses it without the CSRF header', async () => {
    const response = await createKey({ Cookie: session.cookie, Origin: ALLOWED_ORIGIN });
    expect(response.status).toBe(403);
    expect(response.body.code).toBe('AUTH.CSRF_REJECTED');
  });

  it('refuses a wrong CSRF token', async () => {
    const wrong = `${session.csrfToken.split('.')[0]}.AAAA`;
    const response = await createKey({
      Cookie: session.cookie,
      Origin: ALLOWED_ORIGIN,
      'X-CSRF-Token': wrong,
    });
    expect(response.status).toBe(403);
    expect(response.body.code).toBe('AUTH.CSRF_REJECTED');
  });

  it("refuses another session's valid CSRF token (the token is bound to its session)", async () => {
    const other = await cookieLogin(world.server, admin);
    // Header and csrf cookie agree (double submit holds) but were signed for the other session.
    const mixed = session.cookie.replace(
      /__Host-finrecon-csrf=[^;]+/,
      `__Host-finrecon-csrf=${other.csrfToken}`,
    );
    const response = await createKey({
      Cookie: mixed,
      Origin: ALLOWED_ORIGIN,
      'X-CSRF-Token': other.csrfToken,
    });
    expect(response.status).toBe(403);
    expect(response.body.code).toBe('AUTH.CSRF_REJECTED');
  });

  it('refuses a header that does not match the CSRF cookie (double submit)', async () => {
    const other = await cookieLogin(world.server, admin);
    const response = await createKey({
      Cookie: session.cookie,
      Origin: ALLOWED_ORIGIN,
      'X-CSRF-Token': other.csrfToken,
    });
    expect(response.status).toBe(403);
  });

  it('refuses a cross-origin request even with the right token', async () => {
    const response = await createKey({
      Cookie: session.cookie,
      Origin: FOREIGN_ORIGIN,
      'X-CSRF-Token': session.csrfToken,
    });
    expect(response.status).toBe(403);
    expect(response.body.code).toBe('AUTH.ORIGIN_REJECTED');
  });

  it('refuses a request with neither Origin nor Referer', async () => {
    const response = await createKey({ Cookie: session.cookie, 'X-CSRF-Token': session.csrfToken });
    expect(response.status).toBe(403);
    expect(response.body.code).toBe('AUTH.ORIGIN_REJECTED');
  });

  it('exempts bearer-token requests (not sent by browsers on their own)', async () => {
    const { accessToken } = await bearerLogin(world.server, admin);
    const response = await createKey({ Authorization: `Bearer ${accessToken}`, Origin: FOREIGN_ORIGIN });
    expect(response.status).toBe(201);
  });

  it('exempts API-key requests', async () => {
    const { accessToken } = await bearerLogin(world.server, admin);
    const created = await request(world.server)
      .post('/api-keys')
      .set('Authorization', `Bearer ${accessToken}`)
      .send({ name: 'integration', roles: ['viewer'] });
    // A state-changing route any principal may call (keys may not manage keys any more): past the
    // CSRF check, a key is told it has no session to end.
    const response = await request(world.server)
      .post('/auth/logout')
      .set('X-Api-Key', created.body.key)
      .set('Origin', FOREIGN_ORIGIN);
    expect(response.body.code).toBe('AUTH.NOT_A_SESSION');
  });

  describe('POST /auth/refresh (refresh cookie)', () => {
    it('refuses a refresh without the CSRF token, and leaves the refresh token usable', async () => {
      const fresh = await cookieLogin(world.server, admin);
      const refused = await refresh(fresh.cookie, null);
      expect(refused.status).toBe(403);
      expect(refused.body.code).toBe('AUTH.CSRF_REJECTED');
      const accepted = await refresh(fresh.cookie, fresh.csrfToken);
      expect(accepted.status).toBe(200);
    });

    it('rotates the cookies; replaying the old refresh cookie revokes the session', async () => {
      const fresh = await cookieLogin(world.server, admin);
      const rotated = await refresh(fresh.cookie, fresh.csrfToken);
      expect(rotated.status).toBe(200);
      const newCookies = setCookiesOf(rotated.headers);
      expect(newCookies.map((line) => line.split('=')[0]).sort()).toEqual([
        '__Host-finrecon-access',
        '__Host-finrecon-csrf',
        '__Secure-finrecon-refresh',
      ]);
      const replay = await refresh(fresh.cookie, fresh.csrfToken);
      expect(replay.status).toBe(401);
      expect(replay.body.code).toBe('AUTH.REFRESH_TOKEN_REUSED');
      const me = await request(world.server).get('/auth/me').set('Cookie', cookieHeaderFrom(newCookies));
      expect(me.status).toBe(401);
    });

    it('refuses a refresh cookie shadowed in by a sibling subdomain (another session) and rotates nothing', async () => {
      const victim = await cookieLogin(world.server, admin);
      const attacker = await cookieLogin(world.server, await world.createUser(admin.tenant, ['viewer']));
      const refreshOf = (cookieSession: CookieSession) =>
        cookieSession.cookie.split('; ').find((pair) => pair.startsWith('__Secure-finrecon-refresh='))!;
      // The browser sends the planted cookie first (same name, parent Domain), then the victim's.
      const shadowed = [refreshOf(attacker), ...victim.cookie.split('; ')].join('; ');
      const refused = await refresh(shadowed, victim.csrfToken);
      expect(refused.status).toBe(403);
      expect(refused.body.code).toBe('AUTH.CSRF_REJECTED');
      // Neither session was rotated: the victim's own refresh still works.
      const own = await refresh(victim.cookie, victim.csrfToken);
      expect(own.status).toBe(200);
    });

    it('refuses a refresh cookie it cannot verify and clears the session cookies', async () => {
      const response = await refresh('__Secure-finrecon-refresh=forged-or-expired-token', null);
      expect(response.status).toBe(401);
      expect(response.body.code).toBe('AUTH.REFRESH_TOKEN_INVALID');
      const cleared = setCookiesOf(response.headers);
      expect(cleared.map((line) => line.split('=')[0]).sort()).toEqual([
        '__Host-finrecon-access',
        '__Host-finrecon-csrf',
        '__Secure-finrecon-refresh',
      ]);
      for (const line of cleared) expect(line).toMatch(/Expires=Thu, 01 Jan 1970/);
    });

    it('refuses a refresh from a foreign origin', async () => {
      const fresh = await cookieLogin(world.server, admin);
      const response = await refresh(fresh.cookie, fresh.csrfToken, FOREIGN_ORIGIN);
      expect(response.status).toBe(403);
    });
  });

  it('logout (a state-changing cookie request) needs the CSRF token too, and clears the cookies', async () => {
    const fresh = await cookieLogin(world.server, admin);
    const refused = await request(world.server)
      .post('/auth/logout')
      .set('Cookie', fresh.cookie)
      .set('Origin', ALLOWED_ORIGIN);
    expect(refused.status).toBe(403);
    const done = await request(world.server)
      .post('/auth/logout')
      .set('Cookie', fresh.cookie)
      .set('Origin', ALLOWED_ORIGIN)
      .set('X-CSRF-Token', fresh.csrfToken);
    expect(done.status).toBe(204);
    const cleared = setCookiesOf(done.headers);
    expect(cleared).toHaveLength(3);
    for (const line of cleared) expect(line).toMatch(/Expires=Thu, 01 Jan 1970/);
    expect((await request(world.server).get('/auth/me').set('Cookie', fresh.cookie)).status).toBe(401);
  });
});
