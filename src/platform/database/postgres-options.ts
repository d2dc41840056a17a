import type { DataSourceOptions, MigrationInterface } from 'typeorm';
import { AppConfig } from '../config/app-config';

export interface PostgresTarget {
  url: string;
  poolSize: number;
  applicationName: string;
  migrations?: (new () => MigrationInterface)[];
}

/**
 * node-postgres has no borrow-time ping; the same protection comes from TCP keepalive, recycling
 * connections before network gear or the server drops them, a ping when a connection is created,
 * and TypeORM evicting clients that fail while idle.
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
    // Errors reach callers as exceptions and are logged there as JSON; TypeORM's own logger
    // writes plain text, so it is used only for explicit SQL debugging.
    logging: config.database.logging ? ['query', 'error'] : false,
    applicationName: target.applicationName,
    poolSize: target.poolSize,
    connectTimeoutMS: 5_000,
    extra: {
      keepAlive: true,
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
