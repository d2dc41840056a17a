import type { DataSource } from 'typeorm';
import type { AppConfig } from '../config/app-config';
import { withExponentialBackoff } from './retry';

export type RetryLogger = (
  fields: { attempt: number; delayMs: number; reason: string },
  message: string,
) => void;

/**
 * Connects a DataSource at start-up with the bounded exponential backoff of DB_CONNECT_RETRIES /
 * DB_CONNECT_RETRY_BASE_MS, logging each wait (the reason only: never the connection string).
 * Shared by the processes and `npm run migrate`, so a database that comes up a little after the
 * app behaves the same everywhere.
 */
export async function initializeWithRetry(
  dataSource: DataSource,
  config: AppConfig,
  logRetry: RetryLogger,
): Promise<DataSource> {
  const { connectRetries, connectRetryBaseMs } = config.database;
  return withExponentialBackoff(
    () => dataSource.initialize(),
    { retries: connectRetries, baseDelayMs: connectRetryBaseMs },
    (error, attempt, delayMs) =>
      logRetry(
        { attempt, delayMs, reason: errorMessage(error) },
        'control-plane database not reachable yet, retrying',
      ),
  );
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
