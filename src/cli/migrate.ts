import 'reflect-metadata';
import { existsSync } from 'node:fs';
import pino from 'pino';
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

async function main(): Promise<void> {
  const revert = process.argv.includes('--revert');
  loadDotEnv();
  const config = loadAppConfig(process.env);
  logger.level = config.logLevel;
  const dataSource = createControlPlaneDataSource(config, 'finrecon-migrate');
  await initializeWithRetry(dataSource, config, (fields, message) => logger.warn(fields, message));
  try {
    await withMigrationLock(dataSource, 'control-plane', async () => {
      if (revert) {
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

main().catch((error: unknown) => {
  if (error instanceof ConfigurationError) {
    logger.fatal({ problems: error.problems }, 'migration refused: invalid configuration');
  } else {
    logger.fatal({ reason: error instanceof Error ? error.message : String(error) }, 'migration failed');
  }
  process.exit(1);
});
