import { randomBytes, randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { TenantRegistry } from '../../src/modules/tenants/application/ports/tenant-registry';
import { PinoLogger } from 'nestjs-pino';
import { PostgresTenantRegistry } from '../../src/modules/tenants/infrastructure/postgres-tenant-registry';
import {
  ControlPlaneDatabase,
  createControlPlaneDataSource,
} from '../../src/platform/database/control-plane-database';
import {
  PRIMARY_CLUSTER_URL,
  TenantTestContext,
  tenantLockKey,
  uniqueSlug,
} from '../support/tenant-fixtures';
import { testConfig } from '../support/test-app';

/** Whether another session could take the tenant's lock right now (then gives it back). */
async function tenantLockIsFree(tenantId: string): Promise<boolean> {
  const client = new Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    const key = tenantLockKey(tenantId);
    const { rows } = await client.query<{ taken: boolean }>('SELECT pg_try_advisory_lock($1) AS taken', [
      key,
    ]);
    if (rows[0].taken) await client.query('SELECT pg_advisory_unlock($1)', [key]);
    return rows[0].taken;
  } finally {
    await client.end();
  }
}

async function onPrimary(sql: string): Promise<void> {
  const client = new Client({ connectionString: `${PRIMARY_CLUSTER_URL}/postgres` });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

describe('tenant registry', () => {
  describe('exclusive sections', () => {
    let context: TenantTestContext;

    beforeAll(async () => {
      context = await TenantTestContext.start({ DB_POOL_SIZE: '2', TENANT_LOCK_WAIT_MS: '1000' });
    });
    afterAll(() => context.cleanUp());

    it('runs more sections for one tenant at once than the control-plane pool has connections', async () => {
      const registry = context.get(TenantRegistry);
      const tenantId = randomUUID();
      let inside = 0;
      let mostInside = 0;
      const finished = await Promise.all(
        Array.from({ length: 6 }, (_, index) =>
          registry.exclusively(tenantId, async () => {
            mostInside = Math.max(mostInside, ++inside);
            // Control-plane queries inside the section, as provisioning and restore make.
            await registry.findById(tenantId);
            await registry.countByHost();
            inside--;
            return index;
          }),
        ),
      );
      expect(finished).toEqual([0, 1, 2, 3, 4, 5]);
      expect(mostInside).toBe(1);
      expect(await tenantLockIsFree(tenantId)).toBe(true);
    });

    it('changes a status only from the expected one', async () => {
      const registry = context.get(TenantRegistry);
      const tenant = await context.registerUnprovisioned();
      context.track(tenant.id);
      expect(await registry.changeStatus(tenant.id, 'active', 'suspended')).toBeNull();
      expect((await registry.findById(tenant.id))?.status).toBe('provisioning');
      await registry.updateStatus(tenant.id, 'deleting');
      expect(await registry.changeStatus(tenant.id, 'suspended', 'active')).toBeNull();
      await registry.updateStatus(tenant.id, 'suspended');
      expect(await registry.changeStatus(tenant.id, 'suspended', 'active')).toMatchObject({
        status: 'active',
      });
    });

    it('answers TENANT.BUSY instead of waiting without end behind another operation', async () => {
      const registry = context.get(TenantRegistry);
      const tenantId = randomUUID();
      const holder = new Client({ connectionString: process.env.DATABASE_URL });
      await holder.connect();
      try {
        await holder.query('SELECT pg_advisory_lock($1)', [tenantLockKey(tenantId)]);
        const work = jest.fn(async () => 'done');
        await expect(registry.exclusively(tenantId, work)).rejects.toMatchObject({ code: 'TENANT.BUSY' });
        expect(work).not.toHaveBeenCalled();
        // A waiter that gets the lock within the bound goes ahead.
        const waiting = registry.exclusively(tenantId, work);
        setTimeout(() => void holder.query('SELECT pg_advisory_unlock($1)', [tenantLockKey(tenantId)]), 200);
        await expect(waiting).resolves.toBe('done');
      } finally {
        await holder.end();
      }
      expect(await tenantLockIsFree(tenantId)).toBe(true);
    });

    /** A registry whose sessions start with these server settings (as a role's own defaults would). */
    function registryWithSessionSettings(settings: string, env: Record<string, string> = {}) {
      const url = new URL(process.env.DATABASE_URL as string);
      url.searchParams.set('options', settings);
      return new PostgresTenantRegistry(
        context.get(ControlPlaneDatabase),
        testConfig({ ...env, DATABASE_URL: url.toString() }),
        { setContext: jest.fn(), error: jest.fn(), warn: jest.fn() } as unknown as PinoLogger,
      );
    }

    it('keeps the lock through a long operation on a server that ends idle sessions', async () => {
      // The lock session idles while the work runs; this server ends sessions idle for 300 ms.
      const registry = registryWithSessionSettings('-c idle_session_timeout=300');
      const tenantId = randomUUID();
      const stillHeld = await registry.exclusively(tenantId, async () => {
        await new Promise((resolve) => setTimeout(resolve, 1_000));
        return !(await tenantLockIsFree(tenantId));
      });
      expect(stillHeld).toBe(true);
    });

    it('answers TENANT.BUSY, not an error, where a statement timeout is shorter than the lock wait', async () => {
      const registry = registryWithSessionSettings('-c statement_timeout=200', {
        TENANT_LOCK_WAIT_MS: '800',
      });
      const tenantId = randomUUID();
      const holder = new Client({ connectionString: process.env.DATABASE_URL });
      await holder.connect();
      try {
        await holder.query('SELECT pg_advisory_lock($1)', [tenantLockKey(tenantId)]);
        await expect(registry.exclusively(tenantId, async () => 'done')).rejects.toMatchObject({
          code: 'TENANT.BUSY',
        });
      } finally {
        await holder.end();
      }
    });

    it('gives the lock back when the work fails', async () => {
      const registry = context.get(TenantRegistry);
      const tenantId = randomUUID();
      await expect(
        registry.exclusively(tenantId, () => Promise.reject(new Error('restore broke'))),
      ).rejects.toThrow('restore broke');
      expect(await tenantLockIsFree(tenantId)).toBe(true);
    });
  });

  describe('listing', () => {
    // A control plane whose default collation ignores punctuation (as glibc's en_US does), where
    // `ORDER BY slug` puts `abc` before `ab-z` although `--from` compares code points.
    const databaseName = `finrecon_test_collation_${randomBytes(4).toString('hex')}`;
    const databaseUrl = `${PRIMARY_CLUSTER_URL}/${databaseName}`;
    let context: TenantTestContext;

    beforeAll(async () => {
      await onPrimary(
        `CREATE DATABASE ${databaseName} TEMPLATE template0 LOCALE_PROVIDER icu ICU_LOCALE 'en-US-u-ka-shifted'`,
      );
      const controlPlane = createControlPlaneDataSource(testConfig({ DATABASE_URL: databaseUrl }));
      await controlPlane.initialize();
      try {
        await controlPlane.runMigrations({ transaction: 'each' });
      } finally {
        await controlPlane.destroy();
      }
      context = await TenantTestContext.start({ DATABASE_URL: databaseUrl });
    });
    afterAll(async () => {
      await context?.cleanUp();
      await onPrimary(`DROP DATABASE IF EXISTS ${databaseName} WITH (FORCE)`);
    });

    it('lists tenants in code-point slug order, the order `migrate --from` resumes in', async () => {
      const prefix = uniqueSlug('c');
      for (const slug of [`${prefix}-abc`, `${prefix}-ab-z`]) await context.registerUnprovisioned(slug);
      const slugs = (await context.get(TenantRegistry).list()).map((tenant) => tenant.slug);
      expect(slugs).toEqual([...slugs].sort());
      expect(slugs).toEqual([`${prefix}-ab-z`, `${prefix}-abc`]);
    });
  });
});
