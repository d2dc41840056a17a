import request from 'supertest';
import { AuthTestWorld, cookieLogin } from '../support/auth-fixtures';
import { TestApp, startTestApp } from '../support/test-app';
import { TEST_SECRETS } from '../support/test-secrets';

describe('request ids, redaction and HTTP hardening', () => {
  let testApp: TestApp;
  const server = () => testApp.app.getHttpServer();

  beforeAll(async () => {
    testApp = await startTestApp({ LOG_LEVEL: 'info', CORS_ORIGINS: 'https://app.example.com' });
  });
  afterAll(() => testApp.close());

  it('echoes a well-formed incoming X-Request-Id and logs it on the request line', async () => {
    const response = await request(server())
      .get('/test-probe/slow?ms=1')
      .set('X-Request-Id', 'trace-abc.123');
    expect(response.headers['x-request-id']).toBe('trace-abc.123');
    const line = testApp.logs
      .records()
      .find((record) => (record.req as { id?: string })?.id === 'trace-abc.123');
    expect(line).toBeDefined();
  });

  it('replaces a malformed X-Request-Id with a fresh UUID', async () => {
    const response = await request(server()).get('/no-route').set('X-Request-Id', 'bad id <script>');
    expect(response.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(response.body.requestId).toBe(response.headers['x-request-id']);
  });

  it('never writes credentials to the log', async () => {
    const secrets = [
      'Bearer eyJhbGciOiJIUzI1NiJ9.secret-jwt',
      'sid=cookie-secret-value',
      'api-key-secret-value',
    ];
    await request(server())
      .get('/test-probe/slow?ms=1&token=query-secret-value&page=2')
      .set('Authorization', secrets[0])
      .set('Cookie', secrets[1])
      .set('X-Api-Key', secrets[2]);
    const logged = testApp.logs.text;
    expect(logged).toContain('[Redacted]');
    expect(logged).toContain('page=2');
    for (const secret of [...secrets, 'query-secret-value', 'cookie-secret-value']) {
      expect(logged).not.toContain(secret);
    }
  });

  it('sets security headers and hides the framework', async () => {
    const response = await request(server()).get('/health/live');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['content-security-policy']).toContain("default-src 'self'");
    expect(response.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(response.headers['x-powered-by']).toBeUndefined();
  });

  it('allows credentials for a listed origin only', async () => {
    const allowed = await request(server()).get('/health/live').set('Origin', 'https://app.example.com');
    expect(allowed.headers['access-control-allow-origin']).toBe('https://app.example.com');
    expect(allowed.headers['access-control-allow-credentials']).toBe('true');
    const foreign = await request(server()).get('/health/live').set('Origin', 'https://evil.example.net');
    expect(foreign.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('behind a load balancer', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await startTestApp({ ...TEST_SECRETS, TRUST_PROXY: '1' });
  });
  afterAll(() => testApp.close());

  it('applies TRUST_PROXY, so the client address comes from X-Forwarded-For', async () => {
    const express = testApp.app.getHttpAdapter().getInstance();
    expect(express.get('trust proxy')).toBe(1);
    const trusts = express.get('trust proxy fn') as (address: string, hop: number) => boolean;
    expect(trusts('10.0.0.1', 0)).toBe(true);
    expect(trusts('10.0.0.2', 1)).toBe(false);
  });
});

describe('request timeout', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await startTestApp({ REQUEST_TIMEOUT_MS: '100' });
  });
  afterAll(() => testApp.close());

  it('answers 503 REQUEST.TIMEOUT as problem+json and logs it', async () => {
    const response = await request(testApp.app.getHttpServer()).get('/test-probe/slow?ms=400');
    expect(response.status).toBe(503);
    expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(response.body.code).toBe('REQUEST.TIMEOUT');
    expect(testApp.logs.text).toContain('REQUEST.TIMEOUT');
  });
});

describe('what a log line may carry', () => {
  let world: AuthTestWorld;

  beforeAll(async () => {
    world = await AuthTestWorld.start({ LOG_LEVEL: 'info' });
  });
  afterAll(() => world.cleanUp());

  it('never writes a password, token or API key from a request body, even from a body that fails to parse', async () => {
    const secrets = {
      password: 'body-password-secret-1',
      refreshToken: 'body-refresh-token-secret-2',
      token: 'body-token-secret-3',
      apiKey: 'body-api-key-secret-4',
    };
    await request(world.server)
      .post('/auth/token')
      .send({ email: 'nobody@example.test', ...secrets });
    await request(world.server).post('/auth/token/refresh').send({ refreshToken: secrets.refreshToken });
    await request(world.server).post('/test-probe/echo').send(secrets);
    // V8 quotes the start of malformed JSON in its error message: the secret is in the first bytes.
    await request(world.server)
      .post('/test-probe/echo')
      .set('Content-Type', 'application/json')
      .send(`{"password":"${secrets.password}",`);

    const logged = world.api.logs.text;
    expect(world.api.logs.lines.length).toBeGreaterThanOrEqual(4);
    for (const secret of Object.values(secrets)) expect(logged).not.toContain(secret);
    // The body that failed to parse was refused before the access log ran: it is logged all the same.
    const rejected = world.api.logs
      .records()
      .find((record) => record.msg === 'request rejected before routing');
    expect(rejected).toMatchObject({
      code: 'REQUEST.MALFORMED_JSON',
      req: { method: 'POST', url: '/test-probe/echo' },
      res: { statusCode: 400 },
    });
  });

  it('never writes the value of a Set-Cookie response header', async () => {
    const admin = await world.createUser(null, ['platform_admin']);
    const session = await cookieLogin(world.server, admin);
    const cookieValues = session.setCookie.map((line) => line.split(';')[0].split('=')[1]).filter(Boolean);
    expect(cookieValues.length).toBeGreaterThan(0);

    const loginLine = world.api.logs
      .records()
      .find((record) => (record.req as { url?: string } | undefined)?.url === '/auth/login');
    // The header is logged, as a placeholder: proves the redaction path, not an absent field.
    expect((loginLine?.res as { headers?: Record<string, unknown> }).headers?.['set-cookie']).toBe(
      '[Redacted]',
    );
    const logged = world.api.logs.text;
    for (const value of cookieValues) expect(logged).not.toContain(value);
    expect(logged).not.toContain(session.csrfToken);
  });
});

describe('log levels and request ids across the lines of one request', () => {
  it('filters by LOG_LEVEL: at warn, no info line is written but warnings are', async () => {
    const testApp = await startTestApp({ LOG_LEVEL: 'warn' });
    try {
      await request(testApp.app.getHttpServer()).get('/test-probe/slow?ms=1').expect(200);
      await request(testApp.app.getHttpServer()).get('/no-such-route').expect(404);
      const levels = testApp.logs.records().map((record) => record.level as number);
      expect(levels).toContain(40);
      expect(levels.filter((level) => level < 40)).toEqual([]);
    } finally {
      await testApp.close();
    }
  });

  it('writes info lines at info', async () => {
    const testApp = await startTestApp({ LOG_LEVEL: 'info' });
    try {
      await request(testApp.app.getHttpServer()).get('/test-probe/slow?ms=1').expect(200);
      expect(testApp.logs.records().some((record) => record.level === 30)).toBe(true);
    } finally {
      await testApp.close();
    }
  });

  it('puts the same request id on every line a request writes', async () => {
    const testApp = await startTestApp({ LOG_LEVEL: 'info' });
    try {
      const response = await request(testApp.app.getHttpServer())
        .get('/test-probe/boom')
        .set('X-Request-Id', 'one-request-many-lines');
      expect(response.status).toBe(500);
      const lines = testApp.logs
        .records()
        .filter((record) => JSON.stringify(record).includes('one-request-many-lines'));
      // The filter's error line and pino-http's request line, at least.
      expect(lines.length).toBeGreaterThanOrEqual(2);
      for (const line of lines)
        expect((line.req as { id?: string } | undefined)?.id).toBe('one-request-many-lines');
      const otherIds = testApp.logs
        .records()
        .map((record) => (record.req as { id?: string } | undefined)?.id)
        .filter((id) => id !== undefined && id !== 'one-request-many-lines');
      expect(otherIds).toEqual([]);
    } finally {
      await testApp.close();
    }
  });
});
