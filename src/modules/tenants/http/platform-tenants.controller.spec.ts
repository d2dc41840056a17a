import type { AppConfig } from '../../../platform/config/app-config';
import type { MigrateTenants, TenantMigrationOutcome } from '../application/migrate-tenants';
import type { TenantLifecycle } from '../application/tenant-lifecycle';
import { PlatformTenantsController } from './platform-tenants.controller';

/** The controller with a migration that ends as `outcome`, in production or not. */
function controllerMigrating(outcome: TenantMigrationOutcome, isProduction: boolean) {
  const migrations = {
    executeFor: async () => outcome,
    execute: async () => [outcome],
  } as unknown as MigrateTenants;
  const lifecycle = { find: async () => ({ slug: outcome.slug }) } as unknown as TenantLifecycle;
  return new PlatformTenantsController(
    null as never,
    lifecycle,
    null as never,
    migrations,
    null as never,
    { isProduction } as AppConfig,
  );
}

describe('tenant migration answers', () => {
  const serverSide: TenantMigrationOutcome = {
    slug: 'acme',
    status: 'failed',
    applied: [],
    reason: 'connect ECONNREFUSED 10.0.3.7:5432',
    code: 'SERVICE.UNAVAILABLE',
  };

  it('give only the code of a failure on our side in production, for one tenant and for all', async () => {
    const controller = controllerMigrating(serverSide, true);
    const expected = {
      status: 'failed',
      code: 'SERVICE.UNAVAILABLE',
      reason: 'SERVICE.UNAVAILABLE: the log has the cause',
    };
    expect(await controller.migrateOne('acme', {})).toMatchObject(expected);
    expect((await controller.migrateAll({})).tenants).toEqual([expect.objectContaining(expected)]);
  });

  it('keep the reason outside production, and of a conflict the caller can act on everywhere', async () => {
    expect(await controllerMigrating(serverSide, false).migrateOne('acme', {})).toEqual(serverSide);
    const busy = {
      ...serverSide,
      reason: 'Another operation on this tenant is under way',
      code: 'TENANT.BUSY',
    };
    expect(await controllerMigrating(busy, true).migrateOne('acme', {})).toEqual(busy);
  });
});
