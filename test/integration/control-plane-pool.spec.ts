import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { createControlPlaneDataSource } from '../../src/platform/database/control-plane-database';
import { testConfig } from '../support/test-app';

/** Ends, from the server side, every backend of one application name: like a failover or an idle-kill. */
async function terminateBackends(applicationName: string): Promise<number> {
  const admin = new Client({ connectionString: process.env.DATABASE_URL });
  await admin.connect();
  try {
    const result = await admin.query(
      'SELECT pg_terminate_backend(pid) AS ended FROM pg_stat_activity WHERE application_name = $1',
      [applicationName],
    );
    return result.rowCount ?? 0;
  } finally {
    await admin.end();
  }
}

/** Backend process ids of `count` queries run at once (so several pooled connections are used). */
async function backendPids(dataSource: DataSource, count: number): Promise<Set<number>> {
  const rows = await Promise.all(
    Array.from(
      { length: count },
      () => dataSource.query('SELECT pg_backend_pid() AS pid, pg_sleep(0.05)') as Promise<{ pid: number }[]>,
    ),
  );
  return new Set(rows.map((result) => result[0].pid));
}

/**
 * Waits until the pool has dropped every client the server ended: pg-pool removes an idle client
 * when the server's FATAL message reaches it, a moment after the termination.
 */
async function poolDropsEndedClients(dataSource: DataSource): Promise<number> {
  const pool = (dataSource.driver as unknown as { master: { totalCount: number } }).master;
  const deadline = Date.now() + 2_000;
  while (pool.totalCount > 0 && Date.now() < deadline)
    await new Promise((resolve) => setTimeout(resolve, 10));
  return pool.totalCount;
}

describe('control-plane pool after the server drops its connections', () => {
  it('drops the ended connections by itself and answers the next queries on fresh ones', async () => {
    const applicationName = `finrecon-pool-test-${randomUUID().slice(0, 8)}`;
    const dataSource = createControlPlaneDataSource(testConfig({ DB_POOL_SIZE: '4' }), applicationName);
    await dataSource.initialize();
    try {
      // Fill the pool with idle connections, then have the server end every one of them.
      const before = await backendPids(dataSource, 4);
      expect(await terminateBackends(applicationName)).toBe(before.size);
      expect(await poolDropsEndedClients(dataSource)).toBe(0);

      const after = await backendPids(dataSource, 6);
      expect([...after].filter((pid) => before.has(pid))).toEqual([]);
      const rows: { n: number }[] = await dataSource.query('SELECT $1::int AS n', [7]);
      expect(rows).toEqual([{ n: 7 }]);
    } finally {
      await dataSource.destroy();
    }
  });

  it('configures keepalive probes, idle close and recycling on the pool (the rest of the validation)', async () => {
    const dataSource = createControlPlaneDataSource(testConfig({}), 'finrecon-pool-options-test');
    await dataSource.initialize();
    try {
      const pool = (dataSource.driver as unknown as { master: { options: Record<string, unknown> } }).master;
      expect(pool.options).toMatchObject({
        keepAlive: true,
        keepAliveInitialDelayMillis: 10_000,
        idleTimeoutMillis: 30_000,
        maxLifetimeSeconds: 1_800,
        verify: expect.any(Function),
      });
    } finally {
      await dataSource.destroy();
    }
  });
});
