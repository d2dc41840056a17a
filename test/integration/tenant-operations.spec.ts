import { TenantSchema } from '../../src/modules/tenants/application/ports/tenant-schema';
import { MigrateTenants } from '../../src/modules/tenants/application/migrate-tenants';
import { ProvisionTenant } from '../../src/modules/tenants/application/provision-tenant';
import { TenantDatabaseServer } from '../../src/modules/tenants/application/ports/tenant-database-server';
import { TenantDatabases } from '../../src/modules/tenants/application/ports/tenant-databases';
import { TenantRegistry } from '../../src/modules/tenants/application/ports/tenant-registry';
import { TenantBackupFiles } from '../../src/modules/tenants/application/ports/tenant-backup-files';
import { TenantBackups } from '../../src/modules/tenants/application/tenant-backups';
import { TenantGate } from '../../src/modules/tenants/application/tenant-gate';
import { TenantLifecycle } from '../../src/modules/tenants/application/tenant-lifecycle';
import { Tenant } from '../../src/modules/tenants/domain/tenant';
import { PooledTenantDatabases } from '../../src/modules/tenants/infrastructure/pooled-tenant-databases';
import { latestTenantSchemaVersion } from '../../src/modules/tenants/infrastructure/tenant-migrations';
import { ControlPlaneDatabase } from '../../src/platform/database/control-plane-database';
import { TenantContext } from '../../src/platform/tenancy/tenant-context';
import {
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import {
  LAST_TENANT_MIGRATION,
  PRIMARY_CLUSTER_URL,
  SCHEMA_VERSION_BEFORE_LAST,
  TenantTestContext,
  someoneWaitsForTenantLock,
  uniqueSlug,
} from '../support/tenant-fixtures';

const operator = { type: 'system' as const, id: 'test' };

describe('tenant operations', () => {
  let context: TenantTestContext;

  beforeAll(async () => {
    context = await TenantTestContext.start();
  });
  afterAll(() => context.cleanUp());

  const admit = (tenant: Tenant, requestedTenant?: string) =>
    context.get(TenantContext).run('unbound', () =>
      context.get(TenantGate).admit({
        tenantId: tenant.id,
        requestedTenants: requestedTenant === undefined ? [] : [requestedTenant],
        actor: { type: 'user', id: 'u1' },
      }),
    );

  describe('the gate', () => {
    it('admits an active, migrated tenant and binds the context to it', async () => {
      const tenant = await context.provision();
      const bound = await context.get(TenantContext).run('someone-else', async () => {
        await context.get(TenantGate).admit({ tenantId: tenant.id, actor: { type: 'user' } });
        return context.get(TenantContext).requireTenantId();
      });
      expect(bound).toBe(tenant.id);
    });

    it('refuses a suspended tenant with TENANT.SUSPENDED, and serves it again once resumed', async () => {
      const tenant = await context.provision();
      await context.get(TenantLifecycle).suspend(tenant.slug, operator);
      await expect(admit(tenant)).rejects.toMatchObject({ code: 'TENANT.SUSPENDED' });
      await context.get(TenantLifecycle).resume(tenant.slug, operator);
      await expect(admit(tenant)).resolves.toMatchObject({ id: tenant.id });
    });

    it('answers TENANT.NOT_FOUND for an unknown tenant', async () => {
      const ghost = { ...(await context.provision()), id: '5b0c53c4-49a2-4c53-9c7e-0c3bb6e1f000' };
      await expect(admit(ghost)).rejects.toMatchObject({ code: 'TENANT.NOT_FOUND' });
    });

    it('refuses a request naming another tenant, and audits it in the tenant database', async () => {
      const [own, other] = [await context.provision(), await context.provision()];
      await expect(admit(own, other.slug)).rejects.toMatchObject({ code: 'TENANT.MISMATCH' });
      await expect(admit(own, own.slug)).resolves.toMatchObject({ id: own.id });
      await expect(admit(own, own.id)).resolves.toMatchObject({ id: own.id });
      // An 8 KB header is kept as its first 100 characters and its length.
      await expect(admit(own, 'x'.repeat(8192))).rejects.toMatchObject({ code: 'TENANT.MISMATCH' });
      const events = await context
        .get(TenantDatabases)
        .withDataSource(own.id, (dataSource) =>
          dataSource.query(
            "SELECT action, outcome, details FROM audit_events WHERE action = 'tenant.cross_tenant_request' ORDER BY id",
          ),
        );
      expect(events).toEqual([
        {
          action: 'tenant.cross_tenant_request',
          outcome: 'denied',
          details: { requestedTenant: other.slug },
        },
        {
          action: 'tenant.cross_tenant_request',
          outcome: 'denied',
          details: { requestedTenant: 'x'.repeat(100), requestedTenantLength: 8192 },
        },
      ]);
    });

    it("audits a suspended tenant's cross-tenant request in the platform log, without reopening its database", async () => {
      const [own, other] = [await context.provision(), await context.provision()];
      await context.get(TenantLifecycle).suspend(own.slug, operator);
      await expect(admit(own, other.slug)).rejects.toMatchObject({ code: 'TENANT.MISMATCH' });
      const rows = await context
        .get(ControlPlaneDatabase)
        .dataSource.query(
          "SELECT outcome, details FROM platform_audit_events WHERE action = 'tenant.cross_tenant_request' AND details->>'credentialTenant' = $1",
          [own.id],
        );
      expect(rows).toEqual([
        {
          outcome: 'denied',
          details: { requestedTenant: other.slug, credentialTenant: own.id, status: 'suspended' },
        },
      ]);
      const pools = context.get(TenantDatabases) as PooledTenantDatabases;
      expect(pools.liveTenantIds()).not.toContain(own.id);
    });

    it('keeps the audit log append-only', async () => {
      const tenant = await context.provision();
      await expect(admit(tenant, 'someone-else')).rejects.toMatchObject({ code: 'TENANT.MISMATCH' });
      await expect(
        context
          .get(TenantDatabases)
          .withDataSource(tenant.id, (dataSource) => dataSource.query('DELETE FROM audit_events')),
      ).rejects.toThrow(/append-only|permission denied/);
    });
  });

  describe('migrations for all tenants', () => {
    it('never reverts the baseline migration: that would drop every table, with the data', async () => {
      const tenant = await context.provision();
      const migrations = context.get(MigrateTenants);
      const baseline = context.get(TenantSchema).baselineVersion();
      let version = tenant.schemaVersion;
      while (version > baseline) version = await migrations.revertLast(tenant);
      await expect(migrations.revertLast(tenant)).rejects.toMatchObject({
        code: 'TENANT.REVERT_REFUSED',
        details: { schemaVersion: baseline },
      });
      const tables = await context
        .get(TenantDatabases)
        .withDataSource(tenant.id, (dataSource) =>
          dataSource.query(
            "SELECT count(*)::int AS n FROM information_schema.tables WHERE table_name = 'audit_events'",
          ),
        )
        .catch(() => null);
      // Behind on its schema, the tenant is not served; its tables are still there in its database.
      expect(tables === null || tables[0].n === 1).toBe(true);
      await migrations.execute({ fromSlug: tenant.slug });
    });

    it('reverts a tenant, refuses to serve it while behind, and migrates it back', async () => {
      const tenant = await context.provision();
      const migrations = context.get(MigrateTenants);
      expect(await migrations.revertLast(tenant)).toBe(SCHEMA_VERSION_BEFORE_LAST);
      await expect(admit(tenant)).rejects.toMatchObject({ code: 'TENANT.MIGRATION_PENDING' });

      const dryRun = await migrations.execute({ dryRun: true, fromSlug: tenant.slug });
      expect(dryRun.find((outcome) => outcome.slug === tenant.slug)).toMatchObject({
        status: 'ok',
        applied: [LAST_TENANT_MIGRATION],
      });
      await expect(admit(tenant)).rejects.toMatchObject({ code: 'TENANT.MIGRATION_PENDING' });

      const outcomes = await migrations.execute({ fromSlug: tenant.slug });
      expect(outcomes.find((outcome) => outcome.slug === tenant.slug)).toMatchObject({
        status: 'ok',
        schemaVersion: latestTenantSchemaVersion(),
      });
      await expect(admit(tenant)).resolves.toMatchObject({ id: tenant.id });
    });

    it('continues past a failing tenant and reports each one', async () => {
      const prefix = uniqueSlug('m');
      const broken = await context.provision(`${prefix}-a`);
      const healthy = await context.provision(`${prefix}-b`);
      await context.get(TenantDatabases).release(broken.id);
      // A tenant whose database vanished: its migration fails, the next tenant's still runs.
      await context.get(TenantRegistry).updateStatus(broken.id, 'active');
      await dropDatabase(context, broken);

      const outcomes = await context.get(MigrateTenants).execute({ fromSlug: prefix });
      const mine = outcomes.filter((outcome) => outcome.slug.startsWith(prefix));
      expect(mine.map((outcome) => [outcome.slug, outcome.status])).toEqual([
        [broken.slug, 'failed'],
        [healthy.slug, 'ok'],
      ]);
      expect(mine[0].reason).toMatch(/does not exist/);
      // A database gone from under a tenant the registry calls active is for an operator to repair.
      expect(mine[0].code).toBe('INTERNAL');
      expect(mine[1].code).toBeUndefined();
    });

    it('skips a failed tenant, whose database may be missing or half restored', async () => {
      const tenant = await context.provision();
      const failed = await context.get(TenantRegistry).updateStatus(tenant.id, 'failed', 'restore broke');
      expect(await context.get(MigrateTenants).executeFor(failed)).toEqual({
        slug: tenant.slug,
        status: 'skipped',
        applied: [],
        reason: 'tenant is failed',
      });
    });

    /** Starts `operation` while holding the tenant's lock, and leaves the tenant `deleting` on release. */
    async function startedWhileBeingDeleted<T>(tenant: Tenant, operation: () => Promise<T>): Promise<T> {
      const registry = context.get(TenantRegistry);
      let started: Promise<T> | undefined;
      await registry.exclusively(tenant.id, async () => {
        started = operation();
        started.catch(() => undefined);
        await someoneWaitsForTenantLock(tenant.id);
        await registry.updateStatus(tenant.id, 'deleting');
      });
      return started as Promise<T>;
    }

    it("waits for the tenant's lock and skips the tenant when the holder left it deleting", async () => {
      const tenant = await context.provision();
      const migration = startedWhileBeingDeleted(tenant, () =>
        context.get(MigrateTenants).executeFor(tenant),
      );
      await expect(migration).resolves.toMatchObject({ status: 'skipped', reason: 'tenant is deleting' });
    });

    it("reverts under the tenant's lock too, judging the tenant as the holder left it", async () => {
      const tenant = await context.provision();
      const revert = startedWhileBeingDeleted(tenant, () => context.get(MigrateTenants).revertLast(tenant));
      await expect(revert).rejects.toMatchObject({ code: 'TENANT.NOT_ACTIVE' });
      const registry = context.get(TenantRegistry);
      expect((await registry.findById(tenant.id))?.schemaVersion).toBe(latestTenantSchemaVersion());
    });
  });

  describe('backup and restore', () => {
    /** A new tenant with the rows `insert` writes, backed up to `good.dump` in a directory of its own. */
    async function backupOfTenantWith(insert: string): Promise<{ directory: string; good: string }> {
      const source = await context.provision();
      await context.get(TenantDatabases).withDataSource(source.id, (dataSource) => dataSource.query(insert));
      const directory = mkdtempSync(join(tmpdir(), 'finrecon-backup-'));
      const good = join(directory, 'good.dump');
      await context.get(TenantBackups).backup(source.slug, operator, good);
      return { directory, good };
    }

    it('never writes a backup over a file, and leaves that file as it was', async () => {
      const source = await context.provision();
      const directory = mkdtempSync(join(tmpdir(), 'finrecon-backup-'));
      const existing = join(directory, 'passwd');
      writeFileSync(existing, 'root:x:0:0:root:/root:/bin/bash\n');
      await expect(context.get(TenantBackups).backup(source.slug, operator, existing)).rejects.toMatchObject({
        code: 'TENANT.BACKUP_FILE_EXISTS',
      });
      await expect(context.get(TenantBackups).backup(source.slug, operator, directory)).rejects.toMatchObject(
        {
          code: 'TENANT.BACKUP_FILE_EXISTS',
        },
      );
      // A file left where the dump is written first is not overwritten either.
      const partialLeft = join(directory, 'next.dump');
      writeFileSync(`${partialLeft}.partial`, 'an operator file');
      await expect(
        context.get(TenantBackups).backup(source.slug, operator, partialLeft),
      ).rejects.toMatchObject({
        code: 'TENANT.BACKUP_FILE_EXISTS',
      });
      expect(readFileSync(existing, 'utf8')).toBe('root:x:0:0:root:/root:/bin/bash\n');
      expect(readFileSync(`${partialLeft}.partial`, 'utf8')).toBe('an operator file');
      expect(readdirSync(directory).sort()).toEqual(['next.dump.partial', 'passwd']);
    });

    it('refuses to publish a dump under a name a file took while the dump ran, and keeps that file', async () => {
      const files = context.get(TenantBackupFiles);
      const directory = mkdtempSync(join(tmpdir(), 'finrecon-backup-'));
      const target = join(directory, 'raced.dump');
      const inProgress = files.inProgressPath(target);
      writeFileSync(inProgress, 'the dump');
      writeFileSync(target, 'written meanwhile');
      await expect(files.publish(inProgress, target)).rejects.toMatchObject({
        code: 'TENANT.BACKUP_FILE_EXISTS',
      });
      expect(readFileSync(target, 'utf8')).toBe('written meanwhile');
      rmSync(target);
      await files.publish(inProgress, target);
      expect(readFileSync(target, 'utf8')).toBe('the dump');
      expect(readdirSync(directory)).toEqual(['raced.dump']);
    });

    it('answers TENANT.NOT_ACTIVE, not a failed backup, when a delete drops the database under the dump', async () => {
      const source = await context.provision();
      const server = context.get(TenantDatabaseServer);
      const dump = server.dump.bind(server);
      jest.spyOn(server, 'dump').mockImplementationOnce(async (hostKey, databaseName, file) => {
        // A delete on another instance, between the status check and pg_dump.
        await context.get(TenantRegistry).updateStatus(source.id, 'deleting');
        await server.drop(hostKey, databaseName);
        return dump(hostKey, databaseName, file);
      });
      const directory = mkdtempSync(join(tmpdir(), 'finrecon-backup-'));
      await expect(
        context.get(TenantBackups).backup(source.slug, operator, join(directory, 'gone.dump')),
      ).rejects.toMatchObject({ code: 'TENANT.NOT_ACTIVE', details: { tenantStatus: 'deleting' } });
      expect(readdirSync(directory)).toEqual([]);
    });

    it('dumps into a file it creates for its own user, never through a name a file or symlink took', async () => {
      const source = await context.provision();
      const directory = mkdtempSync(join(tmpdir(), 'finrecon-backup-'));
      const precious = join(directory, 'precious.txt');
      writeFileSync(precious, 'keep me');
      // Planted after the checks of TenantBackups, at the name pg_dump writes to.
      const planted = join(directory, 'planted.partial');
      symlinkSync(precious, planted);
      await expect(
        context.get(TenantDatabaseServer).dump(source.hostKey, source.databaseName, planted),
      ).rejects.toMatchObject({ code: 'TENANT.BACKUP_FILE_EXISTS' });
      expect(readFileSync(precious, 'utf8')).toBe('keep me');

      const out = join(directory, 'tenant.dump');
      await context.get(TenantBackups).backup(source.slug, operator, out);
      expect(statSync(out).mode & 0o777).toBe(0o600);
      expect(readdirSync(directory).sort()).toEqual(['planted.partial', 'precious.txt', 'tenant.dump']);
    });

    it('restores every row written before the backup into a new tenant', async () => {
      const source = await context.provision();
      await context.get(TenantDatabases).withDataSource(source.id, async (dataSource) => {
        const [vendor] = await dataSource.query(
          "INSERT INTO vendors (name, normalized_name, tax_id) VALUES ('Nordic Paper AB', 'nordic paper', 'SE556000') RETURNING id",
        );
        await dataSource.query(
          "INSERT INTO purchase_orders (po_number, normalized_po_number, vendor_id, order_date, currency) VALUES ('PO-1001', '1001', $1, '2026-10-01', 'SEK')",
          [vendor.id],
        );
      });
      const file = join(mkdtempSync(join(tmpdir(), 'finrecon-backup-')), 'tenant.dump');
      await context.get(TenantBackups).backup(source.slug, operator, file);

      const restored = await context.get(TenantBackups).restore(file, uniqueSlug('r'), operator);
      context.track(restored.id);
      expect(restored.id).not.toBe(source.id);
      expect(restored.status).toBe('active');
      expect(restored.schemaVersion).toBe(latestTenantSchemaVersion());
      const rows = await context
        .get(TenantDatabases)
        .withDataSource(restored.id, (dataSource) =>
          dataSource.query(
            'SELECT v.name, v.tax_id, p.po_number, p.currency FROM purchase_orders p JOIN vendors v ON v.id = p.vendor_id',
          ),
        );
      expect(rows).toEqual([
        { name: 'Nordic Paper AB', tax_id: 'SE556000', po_number: 'PO-1001', currency: 'SEK' },
      ]);
    });

    it('lets a failed restore be retried with the same slug, which then completes that tenant', async () => {
      const { directory, good } = await backupOfTenantWith(
        "INSERT INTO vendors (name, normalized_name) VALUES ('Retry Supplies', 'retry supplies')",
      );
      const broken = join(directory, 'broken.dump');
      writeFileSync(broken, 'not a pg_dump archive');
      const slug = uniqueSlug('r');

      await expect(context.get(TenantBackups).restore(broken, slug, operator)).rejects.toMatchObject({
        code: 'TENANT.BACKUP_FAILED',
      });
      const failed = await context.get(TenantRegistry).findBySlug(slug);
      context.track(failed!.id);
      expect(failed).toMatchObject({ status: 'failed' });
      // Failing again is still a clean failure of the same tenant, not a blocked slug.
      await expect(context.get(TenantBackups).restore(broken, slug, operator)).rejects.toMatchObject({
        code: 'TENANT.BACKUP_FAILED',
      });

      const restored = await context.get(TenantBackups).restore(good, slug, operator);
      expect(restored).toMatchObject({ id: failed!.id, slug, status: 'active' });
      const vendors = await context
        .get(TenantDatabases)
        .withDataSource(restored.id, (dataSource) => dataSource.query('SELECT name FROM vendors'));
      expect(vendors).toEqual([{ name: 'Retry Supplies' }]);
      // A completed restore is a live tenant: its slug is no longer open to restores.
      await expect(context.get(TenantBackups).restore(good, slug, operator)).rejects.toMatchObject({
        code: 'TENANT.SLUG_TAKEN',
      });
    });

    it('leaves the database empty when a restore fails midway through the archive', async () => {
      const { directory, good } = await backupOfTenantWith(
        "INSERT INTO vendors (name, normalized_name) SELECT 'Vendor ' || n, 'vendor ' || n FROM generate_series(1, 20000) n",
      );
      // Cut inside the table data: the schema part of the archive still reads.
      const truncated = join(directory, 'truncated.dump');
      const archive = readFileSync(good);
      writeFileSync(truncated, archive.subarray(0, Math.floor(archive.length * 0.8)));
      const slug = uniqueSlug('r');

      await expect(context.get(TenantBackups).restore(truncated, slug, operator)).rejects.toMatchObject({
        code: 'TENANT.BACKUP_FAILED',
      });
      const failed = await context.get(TenantRegistry).findBySlug(slug);
      context.track(failed!.id);
      expect(failed).toMatchObject({ status: 'failed' });
      const tables = await onTenantDatabase(failed!, (client) =>
        client.query("SELECT tablename FROM pg_tables WHERE schemaname = 'public'"),
      );
      expect(tables.rows).toEqual([]);
    });

    it('keeps nothing of an archive of another database that loaded before the restore failed', async () => {
      // The control plane's own archive: it loads whole, with the users' password hashes, and then
      // is no tenant database.
      const source = await context.provision();
      const file = join(mkdtempSync(join(tmpdir(), 'finrecon-backup-')), 'control-plane.dump');
      const controlPlane = new URL(process.env.DATABASE_URL as string).pathname.slice(1);
      await context.get(TenantDatabaseServer).dump(source.hostKey, controlPlane, file);
      const slug = uniqueSlug('r');

      await expect(context.get(TenantBackups).restore(file, slug, operator)).rejects.toBeDefined();
      const failed = await context.get(TenantRegistry).findBySlug(slug);
      context.track(failed!.id);
      expect(failed).toMatchObject({ status: 'failed' });
      const tables = await onTenantDatabase(failed!, (client) =>
        client.query("SELECT tablename FROM pg_tables WHERE schemaname = 'public'"),
      );
      expect(tables.rows).toEqual([]);
    });

    it('resumes a restore that crashed and left its tenant provisioning', async () => {
      const source = await context.provision();
      const file = join(mkdtempSync(join(tmpdir(), 'finrecon-backup-')), 'tenant.dump');
      await context.get(TenantBackups).backup(source.slug, operator, file);
      const slug = uniqueSlug('r');
      const stranded = await context.registerUnprovisioned(slug, { hostKey: source.hostKey });
      context.track(stranded.id);
      await context.get(TenantDatabaseServer).createEmpty(stranded.hostKey, stranded.databaseName);

      const restored = await context.get(TenantBackups).restore(file, slug, operator);
      expect(restored).toMatchObject({ id: stranded.id, status: 'active' });
    });

    it('leaves a tenant alone that a provisioning of the same slug made live while the restore waited', async () => {
      const { good } = await backupOfTenantWith(
        "INSERT INTO vendors (name, normalized_name, tax_id) VALUES ('Restored AB', 'restored', 'SE1')",
      );
      const slug = uniqueSlug('r');
      const registry = context.get(TenantRegistry);
      const lockTenant = registry.exclusively.bind(registry);
      jest.spyOn(registry, 'exclusively').mockImplementationOnce(async (tenantId, work) => {
        // Another instance provisions the slug into the row this restore inserted, and locks first.
        await context.get(ProvisionTenant).execute({ slug, displayName: slug });
        return lockTenant(tenantId, work);
      });

      await expect(context.get(TenantBackups).restore(good, slug, operator)).rejects.toMatchObject({
        code: 'TENANT.SLUG_TAKEN',
      });
      const live = (await registry.findBySlug(slug))!;
      context.track(live.id);
      expect(live.status).toBe('active');
      const vendors = await context
        .get(TenantDatabases)
        .withDataSource(live.id, (dataSource) => dataSource.query('SELECT name FROM vendors'));
      expect(vendors).toEqual([]);
    });

    it('refuses to restore over an existing slug', async () => {
      const tenant = await context.provision();
      await expect(
        context.get(TenantBackups).restore('/nonexistent.dump', tenant.slug, operator),
      ).rejects.toMatchObject({
        code: 'TENANT.SLUG_TAKEN',
      });
    });
  });
});

async function dropDatabase(context: TenantTestContext, tenant: Tenant): Promise<void> {
  await context.get(TenantDatabaseServer).drop(tenant.hostKey, tenant.databaseName);
}

async function onTenantDatabase<T>(tenant: Tenant, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: `${PRIMARY_CLUSTER_URL}/${tenant.databaseName}` });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
