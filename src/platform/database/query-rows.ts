import type { DataSource, EntityManager } from 'typeorm';

/**
 * Runs a parameterized statement and returns its rows. TypeORM's PostgreSQL driver answers
 * UPDATE/DELETE ... RETURNING with `[rows, affectedCount]` but SELECT/INSERT with the rows alone;
 * this evens that out.
 */
export async function queryRows<T>(
  source: DataSource | EntityManager,
  sql: string,
  parameters: unknown[] = [],
): Promise<T[]> {
  const result: unknown = await source.query(sql, parameters);
  if (
    Array.isArray(result) &&
    result.length === 2 &&
    Array.isArray(result[0]) &&
    typeof result[1] === 'number'
  ) {
    return result[0] as T[];
  }
  return result as T[];
}
