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
  try {
    return await withExponentialBackoff(
      () => dataSource.initialize(),
      { retries: connectRetries, baseDelayMs: connectRetryBaseMs, isPermanent: isPermanentConnectError },
      (error, attempt, delayMs) =>
        logRetry(
          { attempt, delayMs, reason: errorMessage(error) },
          'control-plane database not reachable yet, retrying',
        ),
    );
  } catch (error) {
    // Which database it was, without its credentials: `connect ECONNREFUSED 127.0.0.1:5432` alone
    // does not say which of several an operator configured.
    throw new Error(`control-plane database ${whereOf(config.database.url)}: ${errorMessage(error)}`, {
      cause: error,
    });
  }
}

/**
 * Connection refusals a wait does not cure: the database does not exist (3D000), the role may not
 * log in or its password is wrong (28000, 28P01). A server still starting (57P03) or not listening
 * yet is retried.
 */
const PERMANENT_CONNECT_STATES = new Set(['3D000', '28000', '28P01']);

function isPermanentConnectError(error: unknown): boolean {
  const code = typeof error === 'object' && error !== null && 'code' in error ? error.code : undefined;
  return typeof code === 'string' && PERMANENT_CONNECT_STATES.has(code);
}

/** `host:port/database` of a connection URL, never its user or password. */
function whereOf(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}:${parsed.port || '5432'}${parsed.pathname}`;
  } catch {
    return '(unreadable DATABASE_URL)';
  }
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
