import { Queue, QueueEvents } from 'bullmq';
import Redis from 'ioredis';
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import request from 'supertest';
import { QueueName, SystemJob } from '../../src/platform/queue/queue-names';
import { TcpProxy } from '../support/tcp-proxy';
import { freePort, startProcess, waitForOutput } from '../support/processes';
import { startTestApp } from '../support/test-app';

const API_ENTRY = 'dist/src/main.js';
const WORKER_ENTRY = 'dist/src/worker.js';
const USERS_CLI = 'dist/src/cli/users.js';
// A Redis database of its own, so a job meant for the worker under test is not taken by another
// worker (a demo, another test) consuming the shared default database.
const ISOLATED_REDIS_DB = 13;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Events of the queue from the stream's end as it is now: QueueEvents names its connection before
 * its first read, and a job finished within those milliseconds would otherwise never be reported.
 */
async function eventsFromNow(queue: Queue, connection: { host: string; port: number; db?: number }) {
  const redis = new Redis(connection);
  try {
    const [last] = await redis.xrevrange(queue.keys.events, '+', '-', 'COUNT', 1);
    return new QueueEvents(queue.name, { connection, prefix: 'finrecon', lastEventId: last?.[0] ?? '0-0' });
  } finally {
    redis.disconnect();
  }
}

/** Runs the built users CLI against the test control plane. */
function users(args: string[], password?: string) {
  const result = spawnSync(process.execPath, [USERS_CLI, ...args], {
    encoding: 'utf8',
    env: { ...process.env, FINRECON_USER_PASSWORD: password },
  });
  if (result.status !== 0) throw new Error(`users ${args.join(' ')} failed: ${result.stderr}`);
}

function createPlatformAdmin(): { email: string; password: string } {
  const email = `shutdown-${randomUUID().slice(0, 8)}@example.test`;
  const password = `Pw-${randomUUID()}`;
  users(['create', email, '--roles', 'platform_admin'], password);
  return { email, password };
}

/** The built API with its control-plane database behind a proxy the test can slow down. */
async function startApiBehindSlowDatabase(env: Record<string, string> = {}) {
  const databaseUrl = process.env.DATABASE_URL as string;
  const proxy = TcpProxy.inFrontOf(databaseUrl);
  await proxy.start();
  const port = await freePort();
  const api = startProcess(API_ENTRY, {
    PORT: String(port),
    LOG_LEVEL: 'info',
    DATABASE_URL: proxy.through(databaseUrl),
    ...env,
  });
  await waitForOutput(api, /finrecon API listening/);
  return { api, proxy, url: `http://127.0.0.1:${port}` };
}

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

  it('the API finishes a slow in-flight request on SIGTERM, refuses new connections, then exits 0', async () => {
    const admin = createPlatformAdmin();
    const { api, proxy, url } = await startApiBehindSlowDatabase({ SHUTDOWN_GRACE_MS: '10000' });
    try {
      // Every packet to and from PostgreSQL now waits: a real sign-in (user lookup, session,
      // audit) stays in flight for a couple of seconds, and needs the database to the end.
      proxy.latencyMs = 200;
      const inFlight = fetch(`${url}/auth/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(admin),
      });
      await sleep(300);
      api.child.kill('SIGTERM');
      await waitForOutput(api, /shutting down/);
      await sleep(100);
      await expect(fetch(`${url}/health/live`)).rejects.toThrow();

      const response = await inFlight;
      expect(response.status).toBe(200);
      expect(((await response.json()) as { accessToken?: string }).accessToken).toEqual(expect.any(String));
      proxy.latencyMs = 0;
      expect(await api.exited).toBe(0);
      expect(api.output()).toContain('shutdown complete');
    } finally {
      api.child.kill('SIGKILL');
      await proxy.cut();
      users(['disable', admin.email]);
    }
  }, 30_000);

  it('the API exits 1 and says so when in-flight work outlives SHUTDOWN_GRACE_MS', async () => {
    const { api, proxy, url } = await startApiBehindSlowDatabase({ SHUTDOWN_GRACE_MS: '300' });
    try {
      proxy.latencyMs = 1_500;
      const inFlight = fetch(`${url}/health/ready`).catch((error: unknown) => error);
      await sleep(200);
      const signalled = Date.now();
      api.child.kill('SIGTERM');

      expect(await api.exited).toBe(1);
      expect(Date.now() - signalled).toBeLessThan(2_000);
      const lines = api.output().split('\n');
      expect(lines.some((line) => line.includes('grace period elapsed before shutdown finished'))).toBe(true);
      expect(api.output()).not.toContain('shutdown complete');
      await inFlight;
    } finally {
      api.child.kill('SIGKILL');
      await proxy.cut();
    }
  }, 30_000);

  it('the worker processes a system ping job, then exits 0 on SIGTERM', async () => {
    const worker = startProcess(WORKER_ENTRY, { LOG_LEVEL: 'info' });
    await waitForOutput(worker, /finrecon worker started/);
    const connection = { host: '127.0.0.1', port: 6379 };
    const queue = new Queue(QueueName.System, { connection, prefix: 'finrecon' });
    const events = await eventsFromNow(queue, connection);
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

  it('the worker finishes an in-flight job on SIGTERM before closing its connections, then exits 0', async () => {
    const worker = startProcess(WORKER_ENTRY, {
      LOG_LEVEL: 'info',
      REDIS_URL: `redis://127.0.0.1:6379/${ISOLATED_REDIS_DB}`,
    });
    const connection = { host: '127.0.0.1', port: 6379, db: ISOLATED_REDIS_DB };
    const queue = new Queue(QueueName.System, { connection, prefix: 'finrecon' });
    const events = await eventsFromNow(queue, connection);
    try {
      await waitForOutput(worker, /finrecon worker started/);
      await events.waitUntilReady();
      const job = await queue.add(SystemJob.DrainCheck, { ms: 1_500 }, { attempts: 1 });
      await waitForOutput(worker, /drain check started/);
      worker.child.kill('SIGTERM');

      expect(await job.waitUntilFinished(events, 10_000)).toEqual({ waitedMs: 1_500 });
      expect(await worker.exited).toBe(0);
      const output = worker.output();
      const order = [
        'shutting down',
        'draining workers',
        'drain check finished',
        'workers drained',
        'shutdown complete',
      ];
      const positions = order.map((text) => output.indexOf(text));
      expect(positions.every((position) => position >= 0)).toBe(true);
      expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    } finally {
      worker.child.kill('SIGKILL');
      await queue.obliterate({ force: true }).catch(() => undefined);
      await queue.close();
      await events.close();
    }
  }, 30_000);
});
