import 'reflect-metadata';
import { existsSync } from 'node:fs';
import pino from 'pino';
import type { DataSource } from 'typeorm';
import { ConfigurationError, loadAppConfig } from '../platform/config/app-config';
import { initializeWithRetry } from '../platform/database/connect-with-retry';
import { createControlPlaneDataSource } from '../platform/database/control-plane-database';
import { withMigrationLock } from '../platform/database/migration-lock';

/**
 * `npm run migrate [-- --revert]`: control-plane migrations, one runner at a time. Connects with
 * the same bounded backoff as the processes (a database still starting, as in `docker compose up`,
 * is waited for) and logs JSON lines like them.
 */
const logger = pino({ base: { cli: 'migrate' } }, pino.destination({ dest: 1, sync: true }));

/** Read as the processes read it (ConfigModule): a `.env` here, never over variables already set. */
function loadDotEnv(): void {
  if (existsSync('.env')) process.loadEnvFile('.env');
}

const USAGE = 'usage: npm run migrate [-- --revert]';

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  // A typo (`--revrt`) must not run the migrations forward and report success.
  if (args.length > 1 || (args.length === 1 && args[0] !== '--revert')) {
    console.error(
      `migrate: unexpected argument "${args.find((arg) => arg !== '--revert') ?? args[1]}"\n${USAGE}`,
    );
    process.exit(2);
  }
  const revert = args[0] === '--revert';
  loadDotEnv();
  const config = loadAppConfig(process.env);
  logger.level = config.logLevel;
  const dataSource = createControlPlaneDataSource(config, 'finrecon-migrate');
  await initializeWithRetry(dataSource, config, (fields, message) => logger.warn(fields, message));
  try {
    await withMigrationLock(dataSource, 'control-plane', async () => {
      if (revert) {
        await refuseBaselineRevert(dataSource);
        await dataSource.undoLastMigration({ transaction: 'each' });
        logger.info('control plane: reverted the last migration');
        return;
      }
      const applied = await dataSource.runMigrations({ transaction: 'each' });
      logger.info(
        { applied: applied.map((migration) => migration.name) },
        applied.length === 0
          ? 'control plane: schema is up to date'
          : `control plane: applied ${applied.length} migration(s)`,
      );
    });
  } finally {
    await dataSource.destroy();
  }
}

/**
 * The first migration creates the tenant registry and the accounts: reverting it would drop them
 * all, with every tenant's place and every user. Refused, as is a revert with nothing applied.
 */
async function refuseBaselineRevert(dataSource: DataSource): Promise<void> {
  // The table name is ours (the data source's settings), quoted here; no input reaches it.
  const table = dataSource.options.migrationsTableName ?? 'migrations';
  const [{ exists }] = (await dataSource.query('SELECT to_regclass($1) IS NOT NULL AS exists', [table])) as {
    exists: boolean;
  }[];
  const [{ applied }] = exists
    ? ((await dataSource.query(`SELECT count(*)::int AS applied FROM "${table}"`)) as { applied: number }[])
    : [{ applied: 0 }];
  if (applied <= 1)
    throw new Error(
      'only the baseline migration is left (or none): reverting it would drop the tenant registry and every account',
    );
}

main().catch((error: unknown) => {
  if (error instanceof ConfigurationError) {
    logger.fatal({ problems: error.problems }, 'migration refused: invalid configuration');
  } else {
    logger.fatal({ reason: error instanceof Error ? error.message : String(error) }, 'migration failed');
  }
  process.exit(1);
});
