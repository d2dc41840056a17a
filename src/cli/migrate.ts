import 'reflect-metadata';
import { loadAppConfig } from '../platform/config/app-config';
import { createControlPlaneDataSource } from '../platform/database/control-plane-database';
import { withMigrationLock } from '../platform/database/migration-lock';

/** `npm run migrate [-- --revert]`: control-plane migrations, one runner at a time. */
async function main(): Promise<void> {
  const revert = process.argv.includes('--revert');
  const dataSource = createControlPlaneDataSource(loadAppConfig(process.env), 'finrecon-migrate');
  await dataSource.initialize();
  try {
    await withMigrationLock(dataSource, 'control-plane', async () => {
      if (revert) {
        await dataSource.undoLastMigration({ transaction: 'each' });
        console.log('control plane: reverted the last migration');
        return;
      }
      const applied = await dataSource.runMigrations({ transaction: 'each' });
      console.log(
        applied.length === 0
          ? 'control plane: schema is up to date'
          : `control plane: applied ${applied.map((migration) => migration.name).join(', ')}`,
      );
    });
  } finally {
    await dataSource.destroy();
  }
}

main().catch((error: unknown) => {
  console.error(`migration failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
