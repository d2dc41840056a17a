import { loadAppConfig } from '../../src/platform/config/app-config';
import { createControlPlaneDataSource } from '../../src/platform/database/control-plane-database';
import { withMigrationLock } from '../../src/platform/database/migration-lock';

/** Before the integration and e2e tiers: bring the test control-plane database to the latest schema. */
export default async function globalSetup(): Promise<void> {
  const databaseUrl =
    process.env.TEST_DATABASE_URL ?? 'postgres://finrecon:finrecon@127.0.0.1:5432/finrecon_test';
  if (!/test/.test(new URL(databaseUrl).pathname)) throw new Error('the test database name must say test');
  const dataSource = createControlPlaneDataSource(
    loadAppConfig({ ...process.env, DATABASE_URL: databaseUrl }),
  );
  await dataSource.initialize();
  try {
    await withMigrationLock(dataSource, 'control-plane', () =>
      dataSource.runMigrations({ transaction: 'each' }),
    );
  } finally {
    await dataSource.destroy();
  }
}
