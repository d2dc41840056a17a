import type { PinoLogger } from 'nestjs-pino';
import { sampleTenant } from '../../../../test/support/sample-tenant';
import { TenantBusyError } from '../domain/tenant-errors';
import type { TenantDatabaseServer } from './ports/tenant-database-server';
import type { TenantRegistry } from './ports/tenant-registry';
import type { TenantSchema } from './ports/tenant-schema';
import { MigrateTenants } from './migrate-tenants';

/** One active tenant whose migration fails with `failure`; the log records what it was given. */
function migrationFailingWith(failure: unknown) {
  const tenant = sampleTenant({ status: 'active' });
  const logged: unknown[] = [];
  const registry = {
    findById: async () => tenant,
    exclusively: async <T>(_id: string, work: () => Promise<T>) => work(),
  } as unknown as TenantRegistry;
  const server = {
    migrate: async () => {
      throw failure;
    },
  } as unknown as TenantDatabaseServer;
  const logger = { setContext: () => undefined, error: (entry: unknown) => logged.push(entry) };
  const schema = { requiredVersion: () => 2, baselineVersion: () => 1 } as TenantSchema;
  const migrations = new MigrateTenants(registry, server, schema, logger as unknown as PinoLogger);
  return { run: () => migrations.executeFor(tenant), logged };
}

describe('MigrateTenants: the code of a failed migration', () => {
  it.each([
    ['a domain error keeps its own code', new TenantBusyError(), 'TENANT.BUSY'],
    [
      'an unreachable tenant server is an outage, to retry',
      Object.assign(new Error('connect ECONNREFUSED 10.0.0.9:5432'), { code: 'ECONNREFUSED' }),
      'SERVICE.UNAVAILABLE',
    ],
    ['anything else is ours to fix', new Error('relation "x" does not exist'), 'INTERNAL'],
  ])('%s', async (_case, failure, code) => {
    const { run, logged } = migrationFailingWith(failure);
    await expect(run()).resolves.toMatchObject({ status: 'failed', code });
    expect(logged).toEqual([expect.objectContaining({ code })]);
  });
});
