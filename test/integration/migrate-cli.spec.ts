import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import { controlPlaneMigrations } from '../../migrations/control';
import { freePort, startProcess, waitForOutput } from '../support/processes';
import { TcpProxy } from '../support/tcp-proxy';

const MIGRATE_CLI = 'dist/src/cli/migrate.js';

function serverUrl(database: string, port?: number): string {
  const url = new URL(process.env.DATABASE_URL as string);
  url.pathname = `/${database}`;
  if (port) url.port = String(port);
  return url.toString();
}

async function onServer<T>(work: (client: Client) => Promise<T>, database = 'postgres'): Promise<T> {
  const client = new Client({ connectionString: serverUrl(database) });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

async function migrate(env: Record<string, string>, args: string[] = []) {
  const run = startProcess(MIGRATE_CLI, { LOG_LEVEL: 'info', ...env }, undefined, args);
  return { run, code: await run.exited };
}

describe('npm run migrate (the built CLI)', () => {
  // A database of its own whose name says test, created empty and dropped afterwards.
  const database = `finrecon_migrate_test_${randomBytes(4).toString('hex')}`;

  beforeAll(async () => {
    if (!existsSync(MIGRATE_CLI)) throw new Error('dist/ is missing: run `npm run build` first');
    expect(database).toMatch(/test/);
    await onServer((client) => client.query(`CREATE DATABASE "${database}"`));
  });

  afterAll(async () => {
    await onServer((client) => client.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`));
  });

  it('reads DATABASE_URL from a .env file in its working directory, as the API and worker do', async () => {
    const fromDotEnv = `${database}_dotenv`;
    await onServer((client) => client.query(`CREATE DATABASE "${fromDotEnv}"`));
    try {
      const directory = mkdtempSync(join(tmpdir(), 'finrecon-dotenv-'));
      writeFileSync(join(directory, '.env'), `DATABASE_URL=${serverUrl(fromDotEnv)}\n`);
      const run = startProcess(
        resolve(MIGRATE_CLI),
        { LOG_LEVEL: 'info', DATABASE_URL: undefined },
        directory,
      );
      expect(await run.exited).toBe(0);
      const applied = await onServer(
        (client) => client.query('SELECT count(*)::int AS applied FROM schema_migrations'),
        fromDotEnv,
      );
      expect(applied.rows[0].applied).toBe(controlPlaneMigrations.length);
    } finally {
      await onServer((client) => client.query(`DROP DATABASE IF EXISTS "${fromDotEnv}" WITH (FORCE)`));
    }
  });

  it('applies every control-plane migration to a fresh database, then finds nothing to do', async () => {
    const first = await migrate({ DATABASE_URL: serverUrl(database) });
    expect(first.code).toBe(0);
    expect(first.run.output()).toContain('control plane: applied');

    const applied = await onServer(
      (client) => client.query<{ name: string }>('SELECT name FROM schema_migrations ORDER BY id'),
      database,
    );
    expect(applied.rows.map((row) => row.name)).toEqual(
      controlPlaneMigrations.map((migration) => migration.name),
    );

    const second = await migrate({ DATABASE_URL: serverUrl(database) });
    expect(second.code).toBe(0);
    expect(second.run.output()).toContain('control plane: schema is up to date');
  }, 60_000);

  it('refuses a tenant slug with the shape of a tenant id, and names such slugs before adding the rule', async () => {
    const url = { DATABASE_URL: serverUrl(database) };
    expect((await migrate(url)).code).toBe(0);
    const idShaped = 'abcdef01-2345-4678-9abc-def012345678';
    const insert = (client: Client) =>
      client.query(
        `INSERT INTO tenants (id, slug, display_name, status, database_name, host_key)
         VALUES (gen_random_uuid(), $1, 'Id-shaped', 'active', 'tenant_' || md5($1), '127.0.0.1:5432')`,
        [idShaped],
      );
    await expect(onServer(insert, database)).rejects.toMatchObject({ constraint: 'tenants_slug_not_an_id' });

    expect((await migrate(url, ['--revert'])).code).toBe(0);
    await onServer(insert, database);
    const refused = await migrate(url);
    expect(refused.code).toBe(1);
    expect(refused.run.output()).toContain(`tenant slug(s) with the shape of a tenant id: ${idShaped}`);
    await onServer((client) => client.query('DELETE FROM tenants WHERE slug = $1', [idShaped]), database);
    expect((await migrate(url)).code).toBe(0);
  }, 60_000);

  it('reverts the last migration on --revert, never the baseline, and refuses any other argument', async () => {
    const url = { DATABASE_URL: serverUrl(database) };
    expect((await migrate(url)).code).toBe(0);
    for (let left = controlPlaneMigrations.length; left > 1; left -= 1)
      expect((await migrate({ ...url }, ['--revert'])).code).toBe(0);
    const baseline = await migrate(url, ['--revert']);
    expect(baseline.code).toBe(1);
    expect(baseline.run.output()).toContain('only the baseline migration is left');
    const tables = await onServer(
      (client) => client.query("SELECT to_regclass('tenants') IS NOT NULL AS kept"),
      database,
    );
    expect(tables.rows[0].kept).toBe(true);
    const typo = await migrate(url, ['--revrt']);
    expect(typo.code).toBe(2);
    expect(typo.run.output()).toContain('unexpected argument "--revrt"');
    expect((await migrate(url)).code).toBe(0);
  }, 60_000);

  it('waits with backoff for a database that comes up late', async () => {
    const port = await freePort();
    const proxy = TcpProxy.inFrontOf(process.env.DATABASE_URL as string);
    const running = startProcess(MIGRATE_CLI, {
      LOG_LEVEL: 'info',
      DATABASE_URL: serverUrl(database, port),
      DB_CONNECT_RETRIES: '6',
      DB_CONNECT_RETRY_BASE_MS: '100',
    });
    try {
      await waitForOutput(running, /"attempt":2,/);
      await proxy.start(port);
      expect(await running.exited).toBe(0);
      const retries = running
        .output()
        .split('\n')
        .filter((line) => line.includes('control-plane database not reachable yet, retrying'));
      expect(retries.length).toBeGreaterThanOrEqual(2);
      expect(retries.map((line) => (JSON.parse(line) as { delayMs: number }).delayMs).slice(0, 2)).toEqual([
        100, 200,
      ]);
    } finally {
      running.child.kill('SIGKILL');
      await proxy.cut();
    }
  }, 60_000);

  it('gives up after DB_CONNECT_RETRIES, exits 1 and never prints the password', async () => {
    const port = await freePort();
    const url = new URL(serverUrl(database, port));
    url.password = 'migrate-s3cret-pw';
    const { run, code } = await migrate({
      DATABASE_URL: url.toString(),
      DB_CONNECT_RETRIES: '2',
      DB_CONNECT_RETRY_BASE_MS: '20',
    });
    expect(code).toBe(1);
    const output = run.output();
    expect(output.match(/not reachable yet, retrying/g)).toHaveLength(2);
    expect(output).toContain('migration failed');
    // The database it tried is named, never its credentials.
    expect(output).toContain(`control-plane database 127.0.0.1:${port}/${database}`);
    expect(output).not.toContain('migrate-s3cret-pw');
  }, 60_000);

  it('gives up at once on a database that does not exist: no wait cures it', async () => {
    const missing = await migrate({
      DATABASE_URL: serverUrl(`${database}_missing`),
      DB_CONNECT_RETRIES: '5',
      DB_CONNECT_RETRY_BASE_MS: '2000',
    });
    expect(missing.code).toBe(1);
    expect(missing.run.output()).not.toContain('not reachable yet, retrying');
    expect(missing.run.output()).toContain(`${database}_missing`);
  }, 60_000);
});
