import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { tenantMigrations } from '../../migrations/tenant';
import { TenantDatabaseServer } from '../../src/modules/tenants/application/ports/tenant-database-server';
import { advisoryLockKey } from '../../src/platform/database/migration-lock';
import { classifyError } from '../../src/platform/errors/error-classification';
import { PostgresTenantDatabaseServer } from '../../src/modules/tenants/infrastructure/postgres-tenant-database-server';
import {
  latestTenantSchemaVersion,
  tenantTemplateName,
} from '../../src/modules/tenants/infrastructure/tenant-migrations';
import {
  LAST_TENANT_MIGRATION,
  PRIMARY_CLUSTER_URL,
  SCHEMA_VERSION_BEFORE_LAST,
  TenantTestContext,
} from '../support/tenant-fixtures';

jest.setTimeout(60_000);

const HOST = '127.0.0.1:5432';

/** Two versions of one migration: same class name, different column type (an edited migration). */
const ProbeV1 = class TemplateProbe1790000000000 implements MigrationInterface {
  async up(runner: QueryRunner): Promise<void> {
    await runner.query('CREATE TABLE template_probe (value integer)');
  }
  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE template_probe');
  }
};
const ProbeV2 = class TemplateProbe1790000000000 implements MigrationInterface {
  async up(runner: QueryRunner): Promise<void> {
    await runner.query('CREATE TABLE template_probe (value text)');
  }
  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE template_probe');
  }
};

async function onServer<T>(database: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: `${PRIMARY_CLUSTER_URL}/${database}` });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

const databasesLike = (prefix: string) =>
  onServer('postgres', async (client) =>
    (
      await client.query<{ datname: string }>(
        'SELECT datname FROM pg_database WHERE starts_with(datname, $1) ORDER BY datname',
        [prefix],
      )
    ).rows.map((row) => row.datname),
  );

/** A template takes no sessions: what it holds is read in a copy, as a tenant gets it. */
async function inCopyOf<T>(template: string, work: (client: Client) => Promise<T>): Promise<T> {
  const copy = `finrecon_test_copy_${randomBytes(4).toString('hex')}`;
  await onServer('postgres', (client) => client.query(`CREATE DATABASE "${copy}" TEMPLATE "${template}"`));
  try {
    return await onServer(copy, work);
  } finally {
    await onServer('postgres', (client) => client.query(`DROP DATABASE "${copy}"`));
  }
}

const probeColumnType = (template: string) =>
  inCopyOf(template, async (client) => {
    const { rows } = await client.query<{ data_type: string }>(
      "SELECT data_type FROM information_schema.columns WHERE table_name = 'template_probe' AND column_name = 'value'",
    );
    return rows[0]?.data_type;
  });

describe('the tenant template database', () => {
  let context: TenantTestContext;
  let server: PostgresTenantDatabaseServer;
  // A template family of this test's own, so the real template other tests copy from is untouched.
  const scope = `t${randomBytes(5).toString('hex')}`;
  const family = `finrecon_tenant_template_${scope}_`;

  beforeAll(async () => {
    context = await TenantTestContext.start();
    server = context.get(TenantDatabaseServer) as PostgresTenantDatabaseServer;
  });
  afterAll(async () => {
    for (const name of await databasesLike(family)) await server.drop(HOST, name);
    await context.cleanUp();
  });

  it('builds a new template when a migration changes, renames the work in progress and drops the old one', async () => {
    const production = await server.ensureTemplate(HOST);
    const v1 = await server.ensureTemplate(HOST, {
      migrations: [...tenantMigrations, ProbeV1],
      scope,
    });
    expect(v1.startsWith(family)).toBe(true);
    expect(await databasesLike(family)).toEqual([v1]);
    expect(await probeColumnType(v1)).toBe('integer');

    // The same migration names with different content: a new fingerprint, so a new template.
    const v2Name = await tenantTemplateName({ migrations: [...tenantMigrations, ProbeV2], scope });
    expect(v2Name).not.toBe(v1);
    // A build that crashed earlier left its work in progress behind; it must not be used as is.
    await onServer('postgres', (client) => client.query(`CREATE DATABASE "${v2Name}_wip"`));

    const v2 = await server.ensureTemplate(HOST, { migrations: [...tenantMigrations, ProbeV2], scope });
    expect(v2).toBe(v2Name);
    expect(await databasesLike(family)).toEqual([v2]);
    expect(await probeColumnType(v2)).toBe('text');
    const applied = await inCopyOf(v2, async (client) =>
      (await client.query<{ name: string }>('SELECT name FROM schema_migrations ORDER BY id')).rows.map(
        (row) => row.name,
      ),
    );
    expect(applied).toEqual([
      ...tenantMigrations.map((migration) => migration.name),
      'TemplateProbe1790000000000',
    ]);
    // Another family's template (here the production one) is never dropped by this rebuild.
    expect(await databasesLike(production)).toEqual([production]);
  });

  it('closes a template to sessions, so a stray one cannot make copies fail', async () => {
    const template = await server.ensureTemplate(HOST, { migrations: [...tenantMigrations, ProbeV1], scope });
    const allowed = await onServer('postgres', async (client) =>
      (
        await client.query<{ datallowconn: boolean }>(
          'SELECT datallowconn FROM pg_database WHERE datname = $1',
          [template],
        )
      ).rows.map((row) => row.datallowconn),
    );
    expect(allowed).toEqual([false]);
    await expect(onServer(template, (client) => client.query('SELECT 1'))).rejects.toMatchObject({
      code: '55000',
    });
    expect(await probeColumnType(template)).toBe('integer');
    // A template built open, before this rule, is closed when next used.
    await onServer('postgres', (client) =>
      client.query(`ALTER DATABASE "${template}" WITH ALLOW_CONNECTIONS true`),
    );
    await server.ensureTemplate(HOST, { migrations: [...tenantMigrations, ProbeV1], scope });
    await expect(onServer(template, (client) => client.query('SELECT 1'))).rejects.toMatchObject({
      code: '55000',
    });
  });

  it("leaves another version's template build alone while it is in use (a rolling deploy)", async () => {
    const v1 = await server.ensureTemplate(HOST, { migrations: [...tenantMigrations, ProbeV1], scope });
    // The other version's instance is building (connected to) its work in progress.
    const building = `${v1}_wip`;
    await onServer('postgres', (client) => client.query(`CREATE DATABASE "${building}"`));
    const session = new Client({ connectionString: `${PRIMARY_CLUSTER_URL}/${building}` });
    await session.connect();
    try {
      const v2 = await server.ensureTemplate(HOST, { migrations: [...tenantMigrations, ProbeV2], scope });
      // The unused old template goes; the build in progress stays, its session untouched.
      expect(await databasesLike(family)).toEqual([building, v2].sort());
      await expect(session.query('SELECT 1 AS alive')).resolves.toMatchObject({ rows: [{ alive: 1 }] });
    } finally {
      await session.end();
    }
    // Once nobody uses them, the next rebuild of the family removes them.
    const v1Again = await server.ensureTemplate(HOST, { migrations: [...tenantMigrations, ProbeV1], scope });
    expect(await databasesLike(family)).toEqual([v1Again]);
  });

  it('fails the operation, not the process, when the server ends its idle admin session', async () => {
    // A template build whose migration waits: meanwhile the admin session sits idle, holding the
    // build's lock, and the server ends it (a restart, a failover, an operator's kill).
    let finishMigration = () => {};
    const migrationWaits = new Promise<void>((resolve) => (finishMigration = resolve));
    let building = false;
    const WaitingProbe = class TemplateWaitProbe1790000000001 implements MigrationInterface {
      name = 'TemplateWaitProbe1790000000001';
      async up(): Promise<void> {
        if (building) await migrationWaits;
      }
      async down(): Promise<void> {}
    };
    const set = { migrations: [...tenantMigrations, WaitingProbe], scope };
    // Fingerprinted (by running the migrations on a recorder) first.
    const buildLock = advisoryLockKey(`finrecon:template:${await tenantTemplateName(set)}`);
    building = true;
    const build = server.ensureTemplate(HOST, set);
    const settled = build.then(
      () => 'built',
      (error: Error) => error.message,
    );
    const terminated = await onServer('postgres', async (client) => {
      for (let attempt = 0; attempt < 200; attempt += 1) {
        // The build's own admin session: the one holding its template's lock (other suites'
        // admin sessions may be connected at the same time).
        const { rows } = await client.query(
          `SELECT pg_terminate_backend(pid) FROM pg_locks
           WHERE locktype = 'advisory' AND granted
             AND ((classid::bigint << 32) | objid::bigint) = $1::bigint`,
          [buildLock],
        );
        if (rows.length) return rows.length;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      return 0;
    });
    // Long enough for the closed socket to reach the client while it is still idle.
    await new Promise((resolve) => setTimeout(resolve, 200));
    finishMigration();
    expect(terminated).toBe(1);
    // The build fails with whatever the dead session gives (terminated, reset, not queryable).
    expect(await settled).not.toBe('built');
  });

  it('reports a migration the database refuses as our failure, not as a bad request', async () => {
    const Refused = class TemplateRefusedProbe1790000000002 implements MigrationInterface {
      name = 'TemplateRefusedProbe1790000000002';
      async up(runner: QueryRunner): Promise<void> {
        // Class 22, like a CHECK that existing rows break: once read as the caller's invalid value.
        await runner.query('SELECT 1 / 0');
      }
      async down(): Promise<void> {}
    };
    const build = server.ensureTemplate(HOST, { migrations: [...tenantMigrations, Refused], scope });
    await expect(build).rejects.toMatchObject({ code: 'TENANT.MIGRATION_FAILED' });
    expect(classifyError(await build.catch((error: unknown) => error))).toMatchObject({ status: 500 });
  });

  it('reuses an existing template instead of rebuilding it', async () => {
    const set = { migrations: [...tenantMigrations, ProbeV2], scope };
    const name = await server.ensureTemplate(HOST, set);
    const oidOf = () =>
      onServer(
        'postgres',
        async (client) =>
          (await client.query<{ oid: number }>('SELECT oid FROM pg_database WHERE datname = $1', [name]))
            .rows[0].oid,
      );
    const before = await oidOf();
    expect(await server.ensureTemplate(HOST, set)).toBe(name);
    expect(await oidOf()).toBe(before);
  });
});

describe('tenant migrations under the per-database advisory lock', () => {
  let context: TenantTestContext;

  beforeAll(async () => {
    context = await TenantTestContext.start();
  });
  afterAll(() => context.cleanUp());

  it('applies pending migrations once when two runs on the same tenant start together', async () => {
    const tenant = await context.provision();
    const server = context.get(TenantDatabaseServer);
    expect(await server.revertLastMigration(tenant.hostKey, tenant.databaseName)).toBe(
      SCHEMA_VERSION_BEFORE_LAST,
    );

    const reports = await Promise.all([
      server.migrate(tenant.hostKey, tenant.databaseName),
      server.migrate(tenant.hostKey, tenant.databaseName),
      server.migrate(tenant.hostKey, tenant.databaseName),
    ]);
    const applied = reports.map((report) => report.applied).sort((a, b) => b.length - a.length);
    // One run applied it; the others waited for the lock and found nothing left to do.
    expect(applied).toEqual([[LAST_TENANT_MIGRATION], [], []]);
    expect(reports.map((report) => report.schemaVersion)).toEqual(Array(3).fill(latestTenantSchemaVersion()));
    const rows = await onServer(
      tenant.databaseName,
      async (client) =>
        (await client.query<{ n: string }>('SELECT count(*) AS n FROM schema_migrations')).rows[0].n,
    );
    expect(Number(rows)).toBe(tenantMigrations.length);
  });
});
