import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { ProvisionTenant } from '../../src/modules/tenants/application/provision-tenant';
import { TenantDatabaseServer } from '../../src/modules/tenants/application/ports/tenant-database-server';
import { TenantRegistry } from '../../src/modules/tenants/application/ports/tenant-registry';
import { TenantLifecycle } from '../../src/modules/tenants/application/tenant-lifecycle';
import { databaseNameFor } from '../../src/modules/tenants/domain/tenant';
import { latestTenantSchemaVersion } from '../../src/modules/tenants/infrastructure/tenant-migrations';
import { ControlPlaneDatabase } from '../../src/platform/database/control-plane-database';
import {
  PRIMARY_CLUSTER_URL,
  TenantTestContext,
  someoneWaitsForTenantLock,
  uniqueSlug,
} from '../support/tenant-fixtures';

async function databaseExists(serverUrl: string, name: string): Promise<boolean> {
  const client = new Client({ connectionString: `${serverUrl}/postgres` });
  await client.connect();
  try {
    return ((await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount ?? 0) > 0;
  } finally {
    await client.end();
  }
}

async function tablesOf(serverUrl: string, database: string): Promise<string[]> {
  const client = new Client({ connectionString: `${serverUrl}/${database}` });
  await client.connect();
  try {
    const { rows } = await client.query<{ tablename: string }>(
      "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename",
    );
    return rows.map((row) => row.tablename);
  } finally {
    await client.end();
  }
}

describe('tenant provisioning', () => {
  let context: TenantTestContext;

  beforeAll(async () => {
    context = await TenantTestContext.start();
  });
  afterAll(() => context.cleanUp());

  it('creates an active tenant with its own migrated database named from its id', async () => {
    const tenant = await context.provision();
    expect(tenant.status).toBe('active');
    expect(tenant.databaseName).toBe(databaseNameFor(tenant.id));
    expect(tenant.schemaVersion).toBe(latestTenantSchemaVersion());
    expect(await tablesOf(PRIMARY_CLUSTER_URL, tenant.databaseName)).toEqual(
      expect.arrayContaining(['audit_events', 'invoices', 'purchase_orders', 'schema_migrations', 'vendors']),
    );
  });

  it('returns the same tenant when the slug is provisioned again under its name, and refuses another name', async () => {
    const first = await context.provision();
    const again = await context
      .get(ProvisionTenant)
      .execute({ slug: first.slug, displayName: first.displayName });
    expect(again.created).toBe(false);
    expect(again.tenant.id).toBe(first.id);
    await expect(
      context.get(ProvisionTenant).execute({ slug: first.slug, displayName: 'Other' }),
    ).rejects.toMatchObject({ code: 'TENANT.SLUG_TAKEN' });
  });

  it('refuses a display name over 200 characters or with a control character, creating no tenant', async () => {
    for (const displayName of ['x'.repeat(201), 'ACME\u001b[31m', 'ACME\nGmbH']) {
      const slug = uniqueSlug();
      await expect(context.get(ProvisionTenant).execute({ slug, displayName })).rejects.toMatchObject({
        code: 'TENANT.INVALID_NAME',
      });
      expect(await context.get(TenantRegistry).findBySlug(slug)).toBeNull();
    }
  });

  it('yields one tenant from concurrent provisioning calls for one slug', async () => {
    const slug = uniqueSlug();
    const results = await Promise.all(
      [1, 2, 3].map(() => context.get(ProvisionTenant).execute({ slug, displayName: slug })),
    );
    results.forEach((result) => context.track(result.tenant.id));
    expect(new Set(results.map((result) => result.tenant.id)).size).toBe(1);
    expect(results.filter((result) => result.created)).toHaveLength(1);
    expect(results.every((result) => result.tenant.status === 'active')).toBe(true);
  });

  it('completes a tenant left in provisioning by a crash before its database existed', async () => {
    const slug = uniqueSlug();
    const id = '00000000-0000-4000-8000-' + Date.now().toString(16).padStart(12, '0').slice(-12);
    const stranded = await context.registerUnprovisioned(slug, { id });
    context.track(stranded.id);
    expect(stranded.status).toBe('provisioning');

    const { tenant, created } = await context.get(ProvisionTenant).execute({ slug, displayName: slug });
    expect(created).toBe(false);
    expect(tenant.id).toBe(stranded.id);
    expect(tenant.status).toBe('active');
    expect(await databaseExists(PRIMARY_CLUSTER_URL, stranded.databaseName)).toBe(true);
  });

  it('completes a failed tenant whose database was created but not migrated', async () => {
    const slug = uniqueSlug();
    const id = '00000000-0000-4000-9000-' + Date.now().toString(16).padStart(12, '0').slice(-12);
    const registry = context.get(TenantRegistry);
    await context.registerUnprovisioned(slug, { id });
    context.track(id);
    await context.get(TenantDatabaseServer).createEmpty('127.0.0.1:5432', databaseNameFor(id));
    await registry.updateStatus(id, 'failed', 'simulated crash after CREATE DATABASE');

    const { tenant } = await context.get(ProvisionTenant).execute({ slug, displayName: slug });
    expect(tenant.status).toBe('active');
    expect(tenant.failureReason).toBeNull();
    expect(tenant.schemaVersion).toBe(latestTenantSchemaVersion());
    // The call that made it live records the provisioning, though it did not create the row.
    const audited = await context
      .get(ControlPlaneDatabase)
      .dataSource.query('SELECT action FROM platform_audit_events WHERE target_id = $1', [id]);
    expect(audited).toEqual([{ action: 'tenant.provisioned' }]);
  });

  it('creates no database for a tenant deleted while its provisioning waited for the lock', async () => {
    const slug = uniqueSlug();
    const id = randomUUID();
    const registry = context.get(TenantRegistry);
    await context.registerUnprovisioned(slug, { id });
    let provisioning: Promise<unknown> = Promise.resolve();
    // As a delete does: holds the tenant's lock while the row goes.
    await registry.exclusively(id, async () => {
      provisioning = context.get(ProvisionTenant).execute({ slug, displayName: slug });
      provisioning.catch(() => undefined);
      await someoneWaitsForTenantLock(id);
      await registry.remove(id);
    });
    try {
      await expect(provisioning).rejects.toMatchObject({ code: 'TENANT.NOT_FOUND' });
      expect(await databaseExists(PRIMARY_CLUSTER_URL, databaseNameFor(id))).toBe(false);
    } finally {
      await context.get(TenantDatabaseServer).drop('127.0.0.1:5432', databaseNameFor(id));
    }
  });

  it('refuses an invalid or reserved slug before touching any database', async () => {
    await expect(
      context.get(ProvisionTenant).execute({ slug: 'Bad Slug!', displayName: 'x' }),
    ).rejects.toMatchObject({
      code: 'TENANT.INVALID_SLUG',
    });
    await expect(
      context.get(ProvisionTenant).execute({ slug: 'platform', displayName: 'x' }),
    ).rejects.toMatchObject({
      code: 'TENANT.INVALID_SLUG',
    });
  });

  it('deletes a tenant: database dropped, registry row gone', async () => {
    const tenant = await context.provision();
    await context.get(TenantLifecycle).delete(tenant.slug, { type: 'system' });
    expect(await context.get(TenantRegistry).findById(tenant.id)).toBeNull();
    expect(await databaseExists(PRIMARY_CLUSTER_URL, tenant.databaseName)).toBe(false);
  });
});
