import { createHash } from 'node:crypto';
import type { DataSource } from 'typeorm';

/**
 * Serializes migration runs on one database across processes and hosts (several API instances may
 * start at once) with a session-level PostgreSQL advisory lock held on one dedicated connection.
 */
export async function withMigrationLock<T>(
  dataSource: DataSource,
  scope: string,
  work: () => Promise<T>,
): Promise<T> {
  const key = advisoryLockKey(`finrecon:migrations:${scope}`);
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [key]);
    try {
      return await work();
    } finally {
      await runner.query('SELECT pg_advisory_unlock($1)', [key]);
    }
  } finally {
    await runner.release();
  }
}

/** A stable signed 64-bit key from a name, as PostgreSQL's advisory locks take. */
export function advisoryLockKey(name: string): string {
  return createHash('sha256').update(name).digest().readBigInt64BE(0).toString();
}
