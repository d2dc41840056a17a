import type { DataSourceOptions, MigrationInterface } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { SqlStatementLog } from './sql-statement-log';

export interface PostgresTarget {
  url: string;
  poolSize: number;
  applicationName: string;
  migrations?: (new () => MigrationInterface)[];
}

/**
 * Connection validation (the `pool_pre_ping` question), decided in
 * docs/decisions/0007-postgres-connection-validation.md. node-postgres' pool has no borrow-time
 * hook (`verify` runs once, on a new connection), and a ping per borrow would double the round
 * trips of every query. Instead, a connection that went bad is never handed out because:
 * - the server ending it (restart, failover, pg_terminate_backend, idle-session timeout) sends an
 *   error and closes the socket; pg-pool drops an idle client on that error, so the next borrow
 *   gets a fresh connection (proven by test/integration/control-plane-pool.spec.ts);
 * - a peer that vanished silently (NAT or firewall drop, cable pulled) is detected by TCP
 *   keepalive probes after keepAliveInitialDelayMillis, which error the socket the same way;
 * - idle connections are closed after idleTimeoutMillis and every connection is recycled after
 *   maxLifetimeSeconds, before network gear with typical idle timeouts drops them;
 * - a new connection is pinged (`verify`) before first use.
 * What remains is a connection dying in the instant between borrow and query, which no pre-ping
 * can close either; that query fails and the caller's error handling answers it.
 */
export function postgresDataSourceOptions(config: AppConfig, target: PostgresTarget): DataSourceOptions {
  return {
    type: 'postgres',
    url: target.url,
    ssl: config.postgresSsl(),
    synchronize: false,
    migrationsRun: false,
    migrationsTableName: 'schema_migrations',
    migrations: target.migrations ?? [],
    // Errors reach callers as exceptions and are logged there; DB_LOGGING adds every statement's
    // text (never its parameters) for SQL debugging.
    ...(config.database.logging ? { logging: true, logger: new SqlStatementLog() } : { logging: false }),
    applicationName: target.applicationName,
    poolSize: target.poolSize,
    connectTimeoutMS: 5_000,
    extra: {
      keepAlive: true,
      keepAliveInitialDelayMillis: 10_000,
      idleTimeoutMillis: 30_000,
      maxLifetimeSeconds: 30 * 60,
      verify: pingOnConnect,
    },
  };
}

function pingOnConnect(
  client: { query: (sql: string) => Promise<unknown> },
  done: (error?: Error) => void,
): void {
  client.query('SELECT 1').then(
    () => done(),
    (error: Error) => done(error),
  );
}
