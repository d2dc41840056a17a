import { Queue, QueueEvents } from 'bullmq';
import { existsSync } from 'node:fs';
import request from 'supertest';
import { QueueName, SystemJob } from '../../src/platform/queue/queue-names';
import { freePort, startProcess, waitForOutput } from '../support/processes';
import { startTestApp } from '../support/test-app';

const API_ENTRY = 'dist/src/main.js';
const WORKER_ENTRY = 'dist/src/worker.js';

describe('graceful shutdown of the API', () => {
  it('finishes an in-flight request before closing', async () => {
    const testApp = await startTestApp({ SHUTDOWN_GRACE_MS: '5000' });
    await testApp.app.listen(0, '127.0.0.1');
    const url = await testApp.app.getUrl();
    const inFlight = request(url).get('/test-probe/slow?ms=600');
    const started = inFlight.then((response) => response);
    await new Promise((resolve) => setTimeout(resolve, 100));

    const closing = testApp.close();
    const response = await started;
    await closing;

    expect(response.status).toBe(200);
    expect(response.body).toEqual({ waitedMs: 600 });
    await expect(request(url).get('/health/live')).rejects.toThrow(/ECONNREFUSED/);
  });
});

describe('the built processes', () => {
  beforeAll(() => {
    if (!existsSync(API_ENTRY) || !existsSync(WORKER_ENTRY)) {
      throw new Error('dist/ is missing: npm test builds before the e2e tier (run `npm run build`)');
    }
  });

  it('the API serves, then exits 0 on SIGTERM', async () => {
    const port = await freePort();
    const api = startProcess(API_ENTRY, { PORT: String(port), LOG_LEVEL: 'info' });
    await waitForOutput(api, /finrecon API listening/);
    expect((await request(`http://127.0.0.1:${port}`).get('/health/ready')).status).toBe(200);

    api.child.kill('SIGTERM');
    expect(await api.exited).toBe(0);
    expect(api.output()).toContain('shutdown complete');
  });

  it('the API refuses to start with an invalid production configuration, naming variables only', async () => {
    const api = startProcess(API_ENTRY, {
      NODE_ENV: 'production',
      JWT_SECRET: 'short-secret-value',
      DATABASE_URL: 'postgres://admin:hunter2@db.internal/finrecon',
      REDIS_URL: undefined,
    });
    expect(await api.exited).toBe(1);
    const output = api.output();
    expect(output).toContain('refusing to start: invalid configuration');
    expect(output).toContain('JWT_SECRET: must be at least 32 characters');
    expect(output).toContain('REDIS_URL: is required in production');
    expect(output).not.toMatch(/short-secret-value|hunter2/);
  });

  it('the worker processes a system ping job, then exits 0 on SIGTERM', async () => {
    const worker = startProcess(WORKER_ENTRY, { LOG_LEVEL: 'info' });
    await waitForOutput(worker, /finrecon worker started/);
    const connection = { host: '127.0.0.1', port: 6379 };
    const queue = new Queue(QueueName.System, { connection, prefix: 'finrecon' });
    const events = new QueueEvents(QueueName.System, { connection, prefix: 'finrecon' });
    try {
      await events.waitUntilReady();
      const job = await queue.add(SystemJob.Ping, {});
      const result = await job.waitUntilFinished(events, 10_000);
      expect(result).toMatchObject({ pong: true });
    } finally {
      await queue.close();
      await events.close();
    }
    worker.child.kill('SIGTERM');
    expect(await worker.exited).toBe(0);
    expect(worker.output()).toContain('shutdown complete');
  });
});
