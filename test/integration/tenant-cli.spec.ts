import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { TenantDatabaseServer } from '../../src/modules/tenants/application/ports/tenant-database-server';
import { TenantDatabases } from '../../src/modules/tenants/application/ports/tenant-databases';
import { TenantRegistry } from '../../src/modules/tenants/application/ports/tenant-registry';
import { latestTenantSchemaVersion } from '../../src/modules/tenants/infrastructure/tenant-migrations';
import { runWithoutProductionSecrets } from '../support/processes';
import {
  LAST_TENANT_MIGRATION,
  SCHEMA_VERSION_BEFORE_LAST,
  SECOND_CLUSTER_URL,
  TenantTestContext,
} from '../support/tenant-fixtures';

jest.setTimeout(240_000);

const CLI = 'dist/src/cli/tenants.js';

/** Whether the process `parent` has a pg_dump child running. */
function childPgDump(parent: number): boolean {
  return spawnSync('pgrep', ['-P', String(parent), 'pg_dump']).status === 0;
}
const LATEST = latestTenantSchemaVersion();

describe('the tenants CLI (built, against the test control plane)', () => {
  const backupsDir = mkdtempSync(join(tmpdir(), 'finrecon-cli-backups-'));
  // Slugs that sort after everything other tests create, so `migrate --from` only meets ours.
  const prefix = `zz-cli-${randomBytes(4).toString('hex')}`;
  const slugs: string[] = [];
  let context: TenantTestContext;

  const tenants = (...args: string[]) => {
    const result = spawnSync(process.execPath, [CLI, ...args], {
      env: { ...process.env, TENANT_BACKUPS_DIR: backupsDir, LOG_LEVEL: 'warn' },
      encoding: 'utf8',
    });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
  };
  const slug = (name: string) => {
    const value = `${prefix}-${name}`;
    slugs.push(value);
    return value;
  };
  const registry = () => context.get(TenantRegistry);
  const versionOf = async (value: string) => (await registry().findBySlug(value))?.schemaVersion;

  beforeAll(async () => {
    // Always build: a dist left from an older checkout would test old behaviour.
    execFileSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
    context = await TenantTestContext.start();
  });
  afterAll(async () => {
    for (const value of slugs) {
      const tenant = await registry().findBySlug(value);
      if (tenant) context.track(tenant.id);
    }
    await context.cleanUp();
  });

  it('reports a configuration it refuses by name, without a stack trace', () => {
    const result = runWithoutProductionSecrets(CLI, ['list']);
    expect(result.status).toBe(1);
    expect(result.output).toContain('JWT_SECRET: is required in production');
    expect(result.output).not.toMatch(/\n\s+at /);
  });

  it('creates, lists, suspends, resumes and deletes a tenant', async () => {
    const name = slug('life');
    const created = tenants('create', name, '--name', 'CLI Life GmbH');
    expect(created).toMatchObject({ status: 0 });
    expect(created.stdout).toMatch(new RegExp(`^created: ${name}  active  `));
    const tenant = (await registry().findBySlug(name))!;
    expect(tenant).toMatchObject({ displayName: 'CLI Life GmbH', status: 'active', schemaVersion: LATEST });

    const listed = tenants('list');
    expect(listed.status).toBe(0);
    expect(listed.stdout).toContain(`${name}  active  ${tenant.id}`);

    expect(tenants('suspend', name).stdout).toContain(`suspended: ${name}  suspended`);
    expect((await registry().findBySlug(name))?.status).toBe('suspended');
    expect(tenants('resume', name).stdout).toContain(`resumed: ${name}  active`);
    expect((await registry().findBySlug(name))?.status).toBe('active');

    const deleted = tenants('delete', name);
    expect(deleted).toMatchObject({ status: 0, stdout: `deleted: ${name}\n` });
    expect(await registry().findBySlug(name)).toBeNull();
    expect(await context.get(TenantDatabaseServer).exists(tenant.hostKey, tenant.databaseName)).toBe(false);
    expect(tenants('list').stdout).not.toContain(name);
  });

  it('deletes a tenant whose database server left TENANT_DB_HOSTS only when told to leave its database', async () => {
    const name = slug('gone-host');
    expect(tenants('create', name)).toMatchObject({ status: 0 });
    const tenant = (await registry().findBySlug(name))!;
    // The tenant lives on the primary cluster; this configuration knows only the second.
    const withoutItsHost = (...args: string[]) => {
      const result = spawnSync(process.execPath, [CLI, ...args], {
        env: { ...process.env, TENANT_DB_HOSTS: SECOND_CLUSTER_URL, LOG_LEVEL: 'warn' },
        encoding: 'utf8',
      });
      return { status: result.status, stdout: result.stdout, stderr: result.stderr };
    };

    // Reading or changing its database is this instance's outage, named, not the caller's mistake.
    expect(withoutItsHost('backup', name)).toMatchObject({
      status: 1,
      stderr: expect.stringContaining(
        `The tenant database is unavailable: its server ${tenant.hostKey} is not in this instance's TENANT_DB_HOSTS`,
      ),
    });
    expect(withoutItsHost('delete', name)).toMatchObject({
      status: 1,
      stderr: expect.stringContaining(
        `${tenant.databaseName} is on ${tenant.hostKey}, which is not in TENANT_DB_HOSTS`,
      ),
    });
    expect((await registry().findBySlug(name))?.status).toBe('active');
    expect(tenants('delete', name, '--forget-database')).toMatchObject({
      status: 1,
      stderr: expect.stringContaining('is configured: delete it without forgetting its database'),
    });

    expect(withoutItsHost('delete', name, '--forget-database')).toMatchObject({
      status: 0,
      stdout: `deleted: ${name} (its database was left on its server)\n`,
    });
    expect(await registry().findBySlug(name)).toBeNull();
    const server = context.get(TenantDatabaseServer);
    expect(await server.exists(tenant.hostKey, tenant.databaseName)).toBe(true);
    await server.drop(tenant.hostKey, tenant.databaseName);
  });

  it('refuses an option the command does not take (exit 2), before connecting', () => {
    expect(tenants('delete', `${prefix}-ghost`, '--out', 'x.dump')).toMatchObject({
      status: 2,
      stderr: expect.stringContaining('delete does not take --out'),
    });
    expect(tenants('list', '--dry-run')).toMatchObject({
      status: 2,
      stderr: expect.stringContaining('list does not take --dry-run'),
    });
  });

  it('refuses a bad slug and an unknown tenant with a non-zero exit', () => {
    expect(tenants('create', 'Bad_Slug')).toMatchObject({
      status: 1,
      stderr: expect.stringMatching(/Invalid tenant slug/),
    });
    expect(tenants('suspend', `${prefix}-ghost`)).toMatchObject({
      status: 1,
      stderr: expect.stringMatching(/No tenant/),
    });
    expect(tenants('restore', 'x.dump')).toMatchObject({ status: 2 });
    // A path that is not there is named as such (not as a bare backup name); so is an --out folder.
    expect(tenants('restore', '/nonexistent/x.dump', '--as', `${prefix}-never`)).toMatchObject({
      status: 1,
      stderr: expect.stringContaining('/nonexistent/x.dump: no such file'),
    });
    expect(tenants('backup', `${prefix}-ghost`, '--out', '/nonexistent/dir/x.dump')).toMatchObject({
      status: 1,
      stderr: expect.stringContaining(
        '--out /nonexistent/dir/x.dump: the folder /nonexistent/dir does not exist',
      ),
    });
  });

  it('stops a backup on Ctrl-C: pg_dump is stopped, no file or .partial is left, and a retry succeeds', async () => {
    const name = slug('sigint');
    expect(tenants('create', name).status).toBe(0);
    const tenant = await registry().findBySlug(name);
    // The tenant's own server (its host key), with the test credentials.
    const url = new URL(process.env.DATABASE_URL as string);
    url.host = tenant!.hostKey;
    url.pathname = `/${tenant!.databaseName}`;
    // A lock pg_dump must wait for: the backup is surely under way, and not finished, when interrupted.
    const locker = new Client({ connectionString: url.toString() });
    await locker.connect();
    await locker.query('BEGIN');
    await locker.query('LOCK TABLE vendors IN ACCESS EXCLUSIVE MODE');
    const out = join(backupsDir, `${name}-interrupted.dump`);
    const child = spawn(process.execPath, [CLI, 'backup', name, '--out', out], {
      env: { ...process.env, TENANT_BACKUPS_DIR: backupsDir, LOG_LEVEL: 'warn' },
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    try {
      // pg_dump started (a child of the CLI): it cannot finish while the lock is held.
      for (let waited = 0; !childPgDump(child.pid as number); waited += 100) {
        if (waited > 30_000) throw new Error(`pg_dump never started: ${stderr}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      child.kill('SIGINT');
      expect(await exited).toBe(130);
    } finally {
      await locker.query('ROLLBACK');
      await locker.end();
    }
    expect(stderr).toContain('stopped by SIGINT');
    expect(existsSync(out)).toBe(false);
    expect(existsSync(`${out}.partial`)).toBe(false);
    expect(tenants('backup', name, '--out', out)).toMatchObject({ status: 0 });
    expect(existsSync(out)).toBe(true);
  });

  it('refuses surplus arguments and options unknown or given twice with exit 2, before touching a tenant', async () => {
    const name = slug('args');
    expect(tenants('create', name).status).toBe(0);
    for (const args of [
      ['suspend', name, `${prefix}-other`],
      ['list', 'extra'],
      ['create', `${prefix}-x`, '--name', 'A', '--name', 'B'],
      ['get', name, '--frobnicate'],
    ]) {
      const result = tenants(...args);
      expect([args.join(' '), result.status]).toEqual([args.join(' '), 2]);
      expect(result.stderr).toContain('usage: npm run tenants');
    }
    expect((await registry().findBySlug(name))?.status).toBe('active');
  });

  it('migrate --dry-run reports without applying; migrate --from leaves tenants before <slug> untouched', async () => {
    const [a, b, c] = [slug('m-a'), slug('m-b'), slug('m-c')];
    for (const name of [a, b, c]) {
      expect(tenants('create', name).status).toBe(0);
      const reverted = tenants('migrate:revert', name);
      expect(reverted.stdout).toContain(
        `${name}: reverted the last migration, schema version now ${SCHEMA_VERSION_BEFORE_LAST}`,
      );
    }

    const dryRun = tenants('migrate', '--dry-run', '--from', b);
    expect(dryRun.status).toBe(0);
    expect(dryRun.stdout).toContain(`${b}: ok (would apply ${LAST_TENANT_MIGRATION})`);
    expect(dryRun.stdout).toContain(`${c}: ok (would apply ${LAST_TENANT_MIGRATION})`);
    expect(dryRun.stdout).not.toContain(`${a}:`);
    expect([await versionOf(a), await versionOf(b), await versionOf(c)]).toEqual(
      Array(3).fill(SCHEMA_VERSION_BEFORE_LAST),
    );

    // Written in capitals: keyed as slugs are stored, not sorted before every lower-case slug.
    const run = tenants('migrate', '--from', b.toUpperCase());
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(`${b}: ok (applied ${LAST_TENANT_MIGRATION})`);
    expect(run.stdout).toContain(`${c}: ok (applied ${LAST_TENANT_MIGRATION})`);
    expect(run.stdout).not.toContain(`${a}:`);
    // The tenant sorting before --from was not touched: still reverted.
    expect([await versionOf(a), await versionOf(b), await versionOf(c)]).toEqual([
      SCHEMA_VERSION_BEFORE_LAST,
      LATEST,
      LATEST,
    ]);
    const [tenantA] = [(await registry().findBySlug(a))!];
    await expect(
      context.get(TenantDatabaseServer).migrate(tenantA.hostKey, tenantA.databaseName, { dryRun: true }),
    ).resolves.toMatchObject({ applied: [LAST_TENANT_MIGRATION], schemaVersion: SCHEMA_VERSION_BEFORE_LAST });
  });

  it('backs up into the backups directory and restores that backup as a new tenant', async () => {
    const source = slug('src');
    expect(tenants('create', source).status).toBe(0);
    const sourceTenant = (await registry().findBySlug(source))!;
    await context
      .get(TenantDatabases)
      .withDataSource(sourceTenant.id, (dataSource) =>
        dataSource.query(
          "INSERT INTO vendors (name, normalized_name) VALUES ('CLI Paper Oy', 'cli paper oy')",
        ),
      );

    const backup = tenants('backup', source);
    expect(backup.status).toBe(0);
    const match = /^backed up (\S+) to (\S+) \((\d+) bytes\)\n$/.exec(backup.stdout);
    expect(match?.[1]).toBe(source);
    const file = match![2];
    expect(file).toMatch(new RegExp(`^${source}-\\d{8}T\\d{6}Z-[0-9a-f]{8}\\.dump$`));
    expect(readdirSync(backupsDir)).toContain(file);
    expect(Number(match![3])).toBeGreaterThan(0);

    const copy = slug('copy');
    const restored = tenants('restore', file, '--as', copy);
    expect(restored.status).toBe(0);
    expect(restored.stdout).toMatch(new RegExp(`^restored into new tenant: ${copy}  active  `));
    const copyTenant = (await registry().findBySlug(copy))!;
    const rows = await context
      .get(TenantDatabases)
      .withDataSource(copyTenant.id, (dataSource) => dataSource.query('SELECT name FROM vendors'));
    expect(rows).toEqual([{ name: 'CLI Paper Oy' }]);

    // Operators may point at any file they can read; a path that is not there is named as missing,
    // and anything else must be one of our backup names.
    const outside = tenants('restore', '../no-such-dir/passwd', '--as', slug('evil'));
    expect(outside.status).toBe(1);
    expect(outside.stderr).toMatch(/no-such-dir\/passwd: no such file/);
    expect(tenants('restore', 'not-a-backup-name', '--as', slug('evil')).stderr).toMatch(
      /backup is named by the bare file name/,
    );
    expect(await registry().findBySlug(`${prefix}-evil`)).toBeNull();
  });
});
