import { hash, parseOptions } from '@node-rs/argon2';
import request from 'supertest';
import { ARGON2_PARAMETERS } from '../../src/modules/auth/infrastructure/argon2-password-hasher';
import { TenantDatabases } from '../../src/modules/tenants/application/ports/tenant-databases';
import { ControlPlaneDatabase } from '../../src/platform/database/control-plane-database';
import {
  ALLOWED_ORIGIN,
  AuthTestWorld,
  cookieLogin,
  cookieNamed,
  credentialsOf,
  setCookiesOf,
  TestUser,
} from '../support/auth-fixtures';

jest.setTimeout(60_000);

function attributesOf(line: string): Record<string, string | true> {
  const [, ...parts] = line.split(';').map((part) => part.trim());
  return Object.fromEntries(
    parts.map((part) => {
      const [key, ...value] = part.split('=');
      return [key.toLowerCase(), value.length ? value.join('=') : true];
    }),
  );
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

describe('POST /auth/login (SPA cookies)', () => {
  let world: AuthTestWorld;
  let clerk: TestUser;

  beforeAll(async () => {
    world = await AuthTestWorld.start({ LOGIN_LOCKOUT_THRESHOLD: '3', LOGIN_LOCKOUT_BASE_SECONDS: '2' });
    const tenant = await world.provisionTenant();
    clerk = await world.createUser(tenant, ['clerk']);
  });
  afterAll(() => world.cleanUp());

  it('sets the access, refresh and CSRF cookies with the exact attributes', async () => {
    const startedAt = Date.now();
    const response = await request(world.server)
      .post('/auth/login')
      .set('Origin', ALLOWED_ORIGIN)
      .send(credentialsOf(clerk));
    const tookSeconds = Math.ceil((Date.now() - startedAt) / 1000);
    expect(response.status).toBe(200);
    const setCookie = setCookiesOf(response.headers);
    expect(setCookie).toHaveLength(3);

    // Max-Age counts from the response to the token's own exp, which is dated when the login
    // started: the full lifetime less the (whole) seconds the login took, however slow the machine.
    const expectMaxAge = (value: string | true | undefined, lifetime: number) => {
      expect(value).toMatch(/^\d+$/);
      expect(Number(value)).toBeLessThanOrEqual(lifetime);
      expect(Number(value)).toBeGreaterThanOrEqual(lifetime - tookSeconds - 1);
    };
    // The access cookie outlives its token (600 s), so an expired token reaches the API, which
    // answers AUTH.TOKEN_EXPIRED (refresh) rather than AUTH.UNAUTHENTICATED (signed out).
    const access = attributesOf(cookieNamed(setCookie, '__Host-finrecon-access')!);
    expectMaxAge(access['max-age'], 43200);
    expect(access).toEqual({
      'max-age': expect.any(String),
      path: '/',
      expires: expect.any(String),
      httponly: true,
      secure: true,
      samesite: 'Strict',
    });
    const refresh = attributesOf(cookieNamed(setCookie, '__Secure-finrecon-refresh')!);
    expectMaxAge(refresh['max-age'], 43200);
    expect(refresh).toEqual({
      'max-age': expect.any(String),
      path: '/auth/refresh',
      expires: expect.any(String),
      httponly: true,
      secure: true,
      samesite: 'Strict',
    });
    const csrf = attributesOf(cookieNamed(setCookie, '__Host-finrecon-csrf')!);
    expect(csrf).toEqual({
      'max-age': refresh['max-age'],
      path: '/',
      expires: expect.any(String),
      secure: true,
      samesite: 'Strict',
    });
    // No Domain attribute anywhere: host-only cookies.
    expect(setCookie.join('\n')).not.toMatch(/domain=/i);

    // The access cookie expires with the refresh token, not with the access token it carries.
    const jwt = cookieNamed(setCookie, '__Host-finrecon-access')!.split(';')[0].split('=')[1];
    const payload = JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString());
    const expiresAt = (cookie: Record<string, unknown>) => new Date(cookie.expires as string).getTime();
    expect(Math.abs(expiresAt(access) - expiresAt(refresh))).toBeLessThanOrEqual(1000);
    expect(payload).toMatchObject({
      sub: clerk.user.id,
      tid: clerk.tenant!.id,
      roles: ['clerk'],
      iss: 'finrecon',
      aud: 'finrecon-api',
    });
    expect(payload.exp - payload.iat).toBe(600);

    // Tokens never appear in the body; the CSRF token does, equal to its cookie.
    expect(JSON.stringify(response.body)).not.toContain(jwt);
    expect(response.body.csrfToken).toBe(
      cookieNamed(setCookie, '__Host-finrecon-csrf')!.split(';')[0].split('=')[1],
    );
    expect(response.headers['cache-control']).toBe('no-store');
  });

  it('authenticates later requests by the access cookie', async () => {
    const session = await cookieLogin(world.server, clerk);
    const me = await request(world.server).get('/auth/me').set('Cookie', session.cookie);
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({
      id: clerk.user.id,
      via: 'cookie',
      roles: ['clerk'],
      csrfToken: session.csrfToken,
    });
    const anonymous = await request(world.server).get('/auth/me');
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.code).toBe('AUTH.UNAUTHENTICATED');
  });

  it('answers unknown tenant, unknown user, wrong password, disabled and locked users the same way, in similar time', async () => {
    const tenant = clerk.tenant!;
    const database = world.get(ControlPlaneDatabase).dataSource;
    const ROUNDS = 5;
    // Each case on its own accounts, so no case drifts onto another's path: wrong-password
    // attempts get a fresh user each (the lockout threshold here is 3), the disabled user is only
    // ever given its right password, the locked user is locked from the start.
    const wrongPasswordUsers: TestUser[] = [];
    for (let i = 0; i < ROUNDS; i++) wrongPasswordUsers.push(await world.createUser(tenant, ['viewer']));
    const disabled = await world.createUser(tenant, ['viewer']);
    await database.query("UPDATE users SET status = 'disabled' WHERE id = $1", [disabled.user.id]);
    const locked = await world.createUser(tenant, ['viewer']);
    await database.query("UPDATE users SET locked_until = now() + interval '1 hour' WHERE id = $1", [
      locked.user.id,
    ]);
    const unknownEmail = `nobody-${disabled.user.id.slice(0, 8)}@example.test`;
    const cases: Record<string, (round: number) => Record<string, string>> = {
      unknown_tenant: () => ({
        tenantSlug: 'no-such-tenant-xyz',
        email: clerk.email,
        password: clerk.password,
      }),
      unknown_user: () => ({ tenantSlug: tenant.slug, email: unknownEmail, password: clerk.password }),
      wrong_password: (round) => ({
        ...credentialsOf(wrongPasswordUsers[round]),
        password: 'not-the-password-1',
      }),
      disabled: () => credentialsOf(disabled),
      locked: () => credentialsOf(locked),
    };
    const answers: Record<string, { status: number; body: Record<string, unknown>; ms: number }> = {};
    // Interleaved rounds, so a burst of load on the machine hits every case alike.
    const times: Record<string, number[]> = {};
    for (let round = 0; round < ROUNDS; round++) {
      for (const [name, body] of Object.entries(cases)) {
        const started = performance.now();
        const response = await request(world.server).post('/auth/login').send(body(round));
        (times[name] ??= []).push(performance.now() - started);
        answers[name] = { status: response.status, body: response.body, ms: 0 };
      }
    }
    for (const name of Object.keys(cases)) answers[name].ms = median(times[name]);

    const strip = ({ requestId: _r, ...rest }: Record<string, unknown>) => rest;
    for (const answer of Object.values(answers)) {
      expect(answer.status).toBe(401);
      expect(strip(answer.body)).toEqual(strip(answers.wrong_password.body));
    }
    expect(answers.wrong_password.body).toMatchObject({
      code: 'AUTH.INVALID_CREDENTIALS',
      detail: 'Invalid credentials, or the account is temporarily locked',
    });

    // Each case really took its own path: the audit log records why each attempt was refused.
    const reasonsOf = async (userId: string) =>
      (
        await world
          .get(TenantDatabases)
          .withDataSource(tenant.id, (dataSource) =>
            dataSource.query(
              "SELECT details->>'reason' AS reason FROM audit_events WHERE action = 'auth.login' AND actor_id = $1",
              [userId],
            ),
          )
      ).map((row: { reason: string }) => row.reason);
    expect(await reasonsOf(disabled.user.id)).toEqual(Array(ROUNDS).fill('disabled'));
    expect(await reasonsOf(locked.user.id)).toEqual(Array(ROUNDS).fill('locked'));
    for (const user of wrongPasswordUsers) expect(await reasonsOf(user.user.id)).toEqual(['wrong_password']);
    const unknown = await world
      .get(TenantDatabases)
      .withDataSource(tenant.id, (dataSource) =>
        dataSource.query(
          "SELECT details->>'reason' AS reason FROM audit_events WHERE action = 'auth.login' AND details->>'email' = $1",
          [unknownEmail],
        ),
      );
    expect(unknown.map((row: { reason: string }) => row.reason)).toEqual(Array(ROUNDS).fill('unknown_user'));

    // Every path runs one argon2 verification (login.spec.ts proves it exactly with a spy); here a
    // generous bound that holds on a loaded machine: medians within a factor of 3 of each other.
    const medians = Object.values(answers).map((answer) => answer.ms);
    expect(Math.max(...medians) / Math.min(...medians)).toBeLessThan(3);
  });

  it('locks the account after repeated failures, refuses the right password meanwhile, and unlocks after the backoff', async () => {
    const user = await world.createUser(clerk.tenant!, ['viewer']);
    const wrong = { ...credentialsOf(user), password: 'wrong-password-123' };
    for (let i = 0; i < 3; i++)
      expect((await request(world.server).post('/auth/login').send(wrong)).status).toBe(401);
    const whileLocked = await request(world.server).post('/auth/login').send(credentialsOf(user));
    expect(whileLocked.status).toBe(401);
    expect(whileLocked.body.code).toBe('AUTH.INVALID_CREDENTIALS');
    await new Promise((resolve) => setTimeout(resolve, 2_200));
    const afterBackoff = await request(world.server).post('/auth/login').send(credentialsOf(user));
    expect(afterBackoff.status).toBe(200);
  });

  it('audits successes and failures in the tenant database, never the password', async () => {
    const user = await world.createUser(clerk.tenant!, ['viewer']);
    await request(world.server)
      .post('/auth/login')
      .send({ ...credentialsOf(user), password: 'wrong-password-xyz' });
    await request(world.server).post('/auth/login').send(credentialsOf(user));
    const rows = await world
      .get(TenantDatabases)
      .withDataSource(clerk.tenant!.id, (dataSource) =>
        dataSource.query(
          "SELECT action, outcome, actor_id, details FROM audit_events WHERE action = 'auth.login' AND actor_id = $1 ORDER BY id",
          [user.user.id],
        ),
      );
    expect(rows.map((row: { outcome: string }) => row.outcome)).toEqual(['failure', 'success']);
    expect(rows[0].details.reason).toBe('wrong_password');
    expect(JSON.stringify(rows)).not.toContain('wrong-password-xyz');
    expect(JSON.stringify(rows)).not.toContain(user.password);
  });

  it('upgrades a hash made with weaker argon2 parameters at the next login', async () => {
    const user = await world.createUser(clerk.tenant!, ['viewer']);
    const database = world.get(ControlPlaneDatabase).dataSource;
    const weak = await hash(user.password, { ...ARGON2_PARAMETERS, memoryCost: 4096, timeCost: 1 });
    await database.query('UPDATE users SET password_hash = $2 WHERE id = $1', [user.user.id, weak]);
    expect((await request(world.server).post('/auth/login').send(credentialsOf(user))).status).toBe(200);
    const [row] = await database.query('SELECT password_hash FROM users WHERE id = $1', [user.user.id]);
    expect(parseOptions(row.password_hash)).toMatchObject({ memoryCost: 19_456, timeCost: 2 });
  });

  it('refuses a login posted from a foreign origin (login CSRF)', async () => {
    const response = await request(world.server)
      .post('/auth/login')
      .set('Origin', 'http://evil.example.test')
      .send(credentialsOf(clerk));
    expect(response.status).toBe(403);
    expect(response.body.code).toBe('AUTH.ORIGIN_REJECTED');
    expect(setCookiesOf(response.headers)).toEqual([]);
  });

  it('answers a tenant slug that is no slug (a NUL byte, a quote) with a validation problem on both login routes', async () => {
    for (const tenantSlug of [`${clerk.tenant!.slug}\u0000`, "acme'--", 'ab', 'a'.repeat(41)]) {
      for (const path of ['/auth/login', '/auth/token']) {
        const response = await request(world.server)
          .post(path)
          .send({ ...credentialsOf(clerk), tenantSlug });
        expect(response.status).toBe(400);
        expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
        expect(response.body.code).toBe('REQUEST.VALIDATION_FAILED');
        expect(response.body.errors).toEqual([{ path: 'tenantSlug', message: expect.any(String) }]);
      }
    }
  });

  it('still takes the tenant slug in any case and with surrounding spaces', async () => {
    const typed = { ...credentialsOf(clerk), tenantSlug: ` ${clerk.tenant!.slug.toUpperCase()} ` };
    expect((await request(world.server).post('/auth/token').send(typed)).status).toBe(200);
  });

  it('signs platform administrators in without a tenant; they reach /platform only', async () => {
    const admin = await world.createUser(null, ['platform_admin']);
    const session = await cookieLogin(world.server, admin);
    expect((await request(world.server).get('/platform/users').set('Cookie', session.cookie)).status).toBe(
      200,
    );
    const tenantRoute = await request(world.server).get('/users').set('Cookie', session.cookie);
    expect(tenantRoute.status).toBe(403);
    expect(tenantRoute.body.code).toBe('AUTH.PLATFORM_ONLY');
  });
});

describe('COOKIE_SECURE=false (local http development)', () => {
  let world: AuthTestWorld;

  beforeAll(async () => {
    world = await AuthTestWorld.start({ COOKIE_SECURE: 'false' });
  });
  afterAll(() => world.cleanUp());

  it('drops the __Host-/__Secure- prefixes and the Secure flag, keeping HttpOnly and SameSite=Strict', async () => {
    const tenant = await world.provisionTenant();
    const user = await world.createUser(tenant, ['viewer']);
    const { setCookie } = await cookieLogin(world.server, user);
    expect(setCookie.map((line) => line.split('=')[0]).sort()).toEqual([
      'finrecon-access',
      'finrecon-csrf',
      'finrecon-refresh',
    ]);
    for (const line of setCookie) {
      expect(line).not.toMatch(/;\s*Secure/i);
      expect(line).toMatch(/SameSite=Strict/);
    }
    expect(cookieNamed(setCookie, 'finrecon-access')).toMatch(/HttpOnly/);
  });
});
