import request from 'supertest';
import type Redis from 'ioredis';
import { RedisHealthIndicator } from '../../src/modules/health/infrastructure/redis.health';
import { ShutdownState } from '../../src/platform/lifecycle/shutdown-state';
import { TcpProxy } from '../support/tcp-proxy';
import { TestApp, startTestApp } from '../support/test-app';

async function eventually(assertion: () => Promise<void>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await assertion();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}

describe('health probes', () => {
  const redisProxy = new TcpProxy('127.0.0.1', 6379);
  let testApp: TestApp;
  const server = () => testApp.app.getHttpServer();

  beforeAll(async () => {
    const port = await redisProxy.start();
    testApp = await startTestApp({ REDIS_URL: `redis://127.0.0.1:${port}` });
  });
  afterAll(async () => {
    await testApp.close();
    await redisProxy.cut();
  });

  it('reports ready with every dependency up, and leaks no connection string', async () => {
    const response = await request(server()).get('/health/ready');
    expect(response.status).toBe(200);
    expect(response.body.status).toBe('ok');
    expect(Object.keys(response.body.details).sort()).toEqual(['postgres', 'redis', 'uploads']);
    expect(JSON.stringify(response.body)).not.toMatch(/postgres:\/\/|redis:\/\/|finrecon:finrecon/);
  });

  it('serves the same readiness report at /health', async () => {
    const response = await request(server()).get('/health');
    expect(response.status).toBe(200);
    expect(response.body.details.redis.status).toBe('up');
  });

  it('goes 503 naming redis when Redis is unreachable, stays live, and recovers', async () => {
    await redisProxy.cut();
    await eventually(async () => {
      const response = await request(server()).get('/health/ready');
      expect(response.status).toBe(503);
      expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(response.body.code).toBe('HEALTH.NOT_READY');
      expect(response.body.failing).toEqual(['redis']);
      expect(response.body.checks.postgres.status).toBe('up');
    });
    expect((await request(server()).get('/health/live')).status).toBe(200);

    // Probes during the outage share one wait for the connection: no listener piles up per probe.
    const client = (testApp.app.get(RedisHealthIndicator) as unknown as { client: Redis }).client;
    const before = client.listenerCount('ready');
    await Promise.all(Array.from({ length: 12 }, () => request(server()).get('/health/ready')));
    expect(client.listenerCount('ready')).toBeLessThanOrEqual(before + 1);

    await redisProxy.start();
    await eventually(async () => {
      expect((await request(server()).get('/health/ready')).status).toBe(200);
    });
  });
});

describe('readiness with an unusable uploads directory', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await startTestApp({ UPLOADS_MIN_FREE_BYTES: String(Number.MAX_SAFE_INTEGER) });
  });
  afterAll(() => testApp.close());

  it('goes 503 naming uploads when free space is under the threshold', async () => {
    const response = await request(testApp.app.getHttpServer()).get('/health/ready');
    expect(response.status).toBe(503);
    expect(response.body.failing).toEqual(['uploads']);
    expect(response.body.checks.uploads.reason).toBe('low disk space');
  });
});

describe('readiness once shutdown has begun', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await startTestApp();
  });
  afterAll(() => testApp.close());

  it('answers 503 naming shutdown while the process finishes its work, and stays live', async () => {
    const server = testApp.app.getHttpServer();
    expect((await request(server).get('/health/ready')).status).toBe(200);
    testApp.app.get(ShutdownState).begin();
    const response = await request(server).get('/health/ready');
    expect(response.status).toBe(503);
    expect(response.body).toMatchObject({ code: 'HEALTH.NOT_READY', failing: ['shutdown'] });
    expect((await request(server).get('/health/live')).status).toBe(200);
  });
});
