import { randomUUID } from 'node:crypto';
import request from 'supertest';
import type { App } from 'supertest/types';
import {
  ALLOWED_ORIGIN,
  authTestEnv,
  AuthTestWorld,
  bearerLogin,
  cookieHeaderFrom,
  cookieLogin,
  credentialsOf,
  setCookiesOf,
} from '../support/auth-fixtures';
import { startTestApp } from '../support/test-app';
import { TEST_SECRETS } from '../support/test-secrets';

jest.setTimeout(60_000);

/** Two API instances on one Redis with the same limits, as behind a load balancer. */
async function startPair(overrides: Record<string, string>) {
  const env = authTestEnv({ RATE_LIMIT_REDIS_PREFIX: `test:rl:${randomUUID()}:`, ...overrides });
  const world = await AuthTestWorld.start(env);
  const second = await startTestApp(env);
  const user = await world.createUser(await world.provisionTenant(), ['tenant_admin']);
  return {
    world,
    user,
    servers: [world.server, second.app.getHttpServer() as App],
    close: async () => {
      await second.close();
      await world.cleanUp();
    },
  };
}

describe('rate limits shared by two API instances on one Redis', () => {
  let pair: Awaited<ReturnType<typeof startPair>>;

  beforeAll(async () => {
    pair = await startPair({ RATE_LIMIT_PER_MINUTE: '6' });
  });
  afterAll(() => pair.close());

  it('counts requests on both instances against one per-IP limit and answers 429 problem+json with Retry-After', async () => {
    // Anonymous calls to a protected route: the per-IP default limit (6/min), alternating instances.
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await request(pair.servers[i % 2]).get('/users')).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 401]);
    for (const server of pair.servers) {
      const limited = await request(server).get('/users');
      expect(limited.status).toBe(429);
      expect(limited.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(limited.body).toMatchObject({ code: 'REQUEST.RATE_LIMITED', status: 429 });
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
      expect(Number(limited.headers['retry-after'])).toBeLessThanOrEqual(60);
    }
  });
});

describe('login limits per account, across instances', () => {
  let pair: Awaited<ReturnType<typeof startPair>>;

  beforeAll(async () => {
    pair = await startPair({ LOGIN_RATE_LIMIT_PER_ACCOUNT_PER_MINUTE: '3' });
  });
  afterAll(() => pair.close());

  it('stops an account after 3 attempts whatever the password, while other accounts still sign in', async () => {
    const wrong = { ...credentialsOf(pair.user), password: 'wrong-password-000' };
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++)
      statuses.push(
        (
          await request(pair.servers[i % 2])
            .post('/auth/token')
            .send(wrong)
        ).status,
      );
    expect(statuses).toEqual([401, 401, 401]);
    const right = await request(pair.servers[1]).post('/auth/token').send(credentialsOf(pair.user));
    expect(right.status).toBe(429);
    expect(right.body.code).toBe('REQUEST.RATE_LIMITED');
    const colleague = await pair.world.createUser(pair.user.tenant, ['viewer']);
    expect((await request(pair.servers[0]).post('/auth/token').send(credentialsOf(colleague))).status).toBe(
      200,
    );
  });
});

describe('login limits per IP, across instances and accounts', () => {
  let pair: Awaited<ReturnType<typeof startPair>>;

  beforeAll(async () => {
    pair = await startPair({ LOGIN_RATE_LIMIT_PER_IP_PER_MINUTE: '3' });
  });
  afterAll(() => pair.close());

  it('stops an IP after 3 attempts on different accounts', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) {
      const attempt = {
        tenantSlug: pair.user.tenant!.slug,
        email: `n${i}@example.test`,
        password: 'x-password-0000',
      };
      statuses.push(
        (
          await request(pair.servers[i % 2])
            .post('/auth/login')
            .send(attempt)
        ).status,
      );
    }
    expect(statuses).toEqual([401, 401, 401, 429]);
  });
});

describe('per-IP limits count an IPv6 /64 as one client', () => {
  let world: AuthTestWorld;

  // Behind a trusted proxy, so the test can speak from IPv6 addresses.
  beforeAll(async () => {
    world = await AuthTestWorld.start({
      ...TEST_SECRETS,
      LOGIN_RATE_LIMIT_PER_IP_PER_MINUTE: '3',
      TRUST_PROXY: 'true',
    });
  });
  afterAll(() => world.cleanUp());

  const attempt = (ip: string, i: number) =>
    request(world.server)
      .post('/auth/token')
      .set('X-Forwarded-For', ip)
      .send({ email: `v6-${i}@example.test`, password: 'x-password-0000' });

  it('stops a client rotating addresses within its /64, and not its neighbour /64', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await attempt(`2001:db8:7:42::${(i + 1) * 1111}`, i)).status);
    expect(statuses).toEqual([401, 401, 401, 429]);
    expect((await attempt('2001:db8:7:43::1', 9)).status).toBe(401);
  });
});

function expectRateLimited(response: request.Response): void {
  expect(response.status).toBe(429);
  expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
  expect(response.body).toMatchObject({ code: 'REQUEST.RATE_LIMITED', status: 429 });
  expect(Number(response.headers['retry-after'])).toBeGreaterThan(0);
  expect(Number(response.headers['retry-after'])).toBeLessThanOrEqual(60);
}

describe('refresh limits per IP and per account (REFRESH_RATE_LIMIT_PER_MINUTE), across instances', () => {
  let pair: Awaited<ReturnType<typeof startPair>>;

  // Behind a trusted proxy, so each test can speak from addresses of its own.
  beforeAll(async () => {
    pair = await startPair({ ...TEST_SECRETS, REFRESH_RATE_LIMIT_PER_MINUTE: '3', TRUST_PROXY: 'true' });
  });
  afterAll(() => pair.close());

  const bearerRefresh = (server: App, refreshToken: string, ip: string) =>
    request(server).post('/auth/token/refresh').set('X-Forwarded-For', ip).send({ refreshToken });

  it('stops one IP after 3 refreshes of different accounts on /auth/token/refresh', async () => {
    const accounts = [];
    for (let i = 0; i < 4; i++) {
      const user = await pair.world.createUser(pair.user.tenant, ['viewer']);
      accounts.push(await bearerLogin(pair.world.server, user));
    }
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++)
      statuses.push(
        (await bearerRefresh(pair.servers[i % 2], accounts[i].refreshToken, '198.51.100.7')).status,
      );
    expect(statuses).toEqual([200, 200, 200]);
    expectRateLimited(await bearerRefresh(pair.servers[1], accounts[3].refreshToken, '198.51.100.7'));
    // Another address refreshes the same (untouched) account.
    expect((await bearerRefresh(pair.servers[0], accounts[3].refreshToken, '198.51.100.8')).status).toBe(200);
  });

  it('stops one account after 3 refreshes from different IPs on /auth/token/refresh', async () => {
    const user = await pair.world.createUser(pair.user.tenant, ['viewer']);
    let token = (await bearerLogin(pair.world.server, user)).refreshToken;
    for (let i = 0; i < 3; i++) {
      const rotated = await bearerRefresh(pair.servers[i % 2], token, `203.0.113.${10 + i}`);
      expect(rotated.status).toBe(200);
      token = rotated.body.refreshToken;
    }
    expectRateLimited(await bearerRefresh(pair.servers[1], token, '203.0.113.99'));
    // Another account, from a fresh address, is not limited.
    const colleague = await pair.world.createUser(pair.user.tenant, ['viewer']);
    const other = (await bearerLogin(pair.world.server, colleague)).refreshToken;
    expect((await bearerRefresh(pair.servers[0], other, '203.0.113.100')).status).toBe(200);
  });

  it('limits the SPA route /auth/refresh per account the same way', async () => {
    const user = await pair.world.createUser(pair.user.tenant, ['viewer']);
    let session = await cookieLogin(pair.world.server, user);
    const cookieRefresh = (server: App, ip: string) =>
      request(server)
        .post('/auth/refresh')
        .set('X-Forwarded-For', ip)
        .set('Origin', ALLOWED_ORIGIN)
        .set('Cookie', session.cookie)
        .set('X-CSRF-Token', session.csrfToken);
    for (let i = 0; i < 3; i++) {
      const rotated = await cookieRefresh(pair.servers[i % 2], `192.0.2.${20 + i}`);
      expect(rotated.status).toBe(200);
      const setCookie = setCookiesOf(rotated.headers);
      session = { ...session, cookie: cookieHeaderFrom(setCookie), csrfToken: rotated.body.csrfToken };
    }
    expectRateLimited(await cookieRefresh(pair.servers[1], '192.0.2.99'));
  });
});

describe('per-API-key limits', () => {
  let world: AuthTestWorld;

  beforeAll(async () => {
    world = await AuthTestWorld.start({ API_KEY_RATE_LIMIT_PER_MINUTE: '3' });
  });
  afterAll(() => world.cleanUp());

  it('throttles each key on its own budget', async () => {
    const admin = await world.createUser(await world.provisionTenant(), ['tenant_admin']);
    const token = (await bearerLogin(world.server, admin)).accessToken;
    const newKey = async () =>
      (
        await request(world.server)
          .post('/api-keys')
          .set('Authorization', `Bearer ${token}`)
          .send({ name: 'k', roles: ['viewer'] })
      ).body.key as string;
    const [busy, quiet] = [await newKey(), await newKey()];
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++)
      statuses.push((await request(world.server).get('/auth/me').set('X-Api-Key', busy)).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    expect((await request(world.server).get('/auth/me').set('X-Api-Key', quiet)).status).toBe(200);
  });
});

describe('RATE_LIMIT_ENABLED=false (development only)', () => {
  let world: AuthTestWorld;

  beforeAll(async () => {
    world = await AuthTestWorld.start({ RATE_LIMIT_ENABLED: 'false', RATE_LIMIT_PER_MINUTE: '1' });
  });
  afterAll(() => world.cleanUp());

  it('does not limit', async () => {
    for (let i = 0; i < 3; i++) expect((await request(world.server).get('/users')).status).toBe(401);
  });
});
