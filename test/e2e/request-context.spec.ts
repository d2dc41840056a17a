import request from 'supertest';
import { TestApp, startTestApp } from '../support/test-app';

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
    testApp = await startTestApp({ TRUST_PROXY: '1' });
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
