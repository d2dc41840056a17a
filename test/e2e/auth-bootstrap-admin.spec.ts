import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import request from 'supertest';
import type { App } from 'supertest/types';
import { loadAppConfig } from '../../src/platform/config/app-config';
import { createControlPlaneDataSource } from '../../src/platform/database/control-plane-database';
import { authTestEnv, strongPassword } from '../support/auth-fixtures';
import { startTestApp, TestApp } from '../support/test-app';

jest.setTimeout(120_000);

/**
 * BOOTSTRAP_ADMIN_EMAIL/PASSWORD at start-up, against a control plane of its own: the shared test
 * database always holds platform administrators made by other tests, and bootstrap (rightly) does
 * nothing once one exists.
 */
describe('bootstrap platform administrator from the environment', () => {
  const serverUrl = new URL(process.env.DATABASE_URL!);
  const databaseName = `finrecon_test_boot_${randomBytes(5).toString('hex')}`;
  const databaseUrl = Object.assign(new URL(serverUrl.href), { pathname: `/${databaseName}` }).href;
  const admin = new Client({ connectionString: serverUrl.href });
  const email = `boot-${randomBytes(4).toString('hex')}@example.test`;
  const password = strongPassword();
  const apps: TestApp[] = [];

  const start = async (env: Record<string, string>) => {
    const app = await startTestApp(authTestEnv({ DATABASE_URL: databaseUrl, LOG_LEVEL: 'trace', ...env }));
    apps.push(app);
    return app;
  };
  const platformAdmins = async () => {
    const client = new Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      return (
        await client.query<{ id: string; email: string; roles: string[]; password_hash: string }>(
          'SELECT id, email, roles, password_hash FROM users WHERE tenant_id IS NULL ORDER BY created_at',
        )
      ).rows;
    } finally {
      await client.end();
    }
  };

  beforeAll(async () => {
    await admin.connect();
    // The name is ours, generated above, and quoted: no input reaches this identifier.
    await admin.query(`CREATE DATABASE "${databaseName}"`);
    const dataSource = createControlPlaneDataSource(
      loadAppConfig({ ...process.env, DATABASE_URL: databaseUrl }),
    );
    await dataSource.initialize();
    await dataSource.runMigrations({ transaction: 'each' });
    await dataSource.destroy();
  });
  afterAll(async () => {
    for (const app of apps) await app.close().catch(() => undefined);
    await admin.query(`DROP DATABASE IF EXISTS "${databaseName}" WITH (FORCE)`);
    await admin.end();
  });

  it('creates the platform administrator at the first start, never logging the password', async () => {
    expect(await platformAdmins()).toEqual([]);
    const first = await start({ BOOTSTRAP_ADMIN_EMAIL: email, BOOTSTRAP_ADMIN_PASSWORD: password });

    const rows = await platformAdmins();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ email, roles: ['platform_admin'] });
    expect(rows[0].password_hash).toMatch(/^\$argon2id\$/);
    expect(first.logs.text).toContain('created the bootstrap platform administrator');
    expect(first.logs.text).not.toContain(password);

    const signIn = await request(first.app.getHttpServer() as App)
      .post('/auth/token')
      .send({ email, password });
    expect(signIn.status).toBe(200);
    expect(first.logs.text).not.toContain(password);
    await first.close();
  });

  it('does nothing on a second start, even with other bootstrap credentials', async () => {
    const before = await platformAdmins();
    const second = await start({
      BOOTSTRAP_ADMIN_EMAIL: `other-${email}`,
      BOOTSTRAP_ADMIN_PASSWORD: `${password}-other`,
    });
    expect(await platformAdmins()).toEqual(before);
    expect(second.logs.text).not.toContain('created the bootstrap platform administrator');
    expect(second.logs.text).not.toContain(password);
    // The first password still signs in; the second one was never set.
    const server = second.app.getHttpServer() as App;
    expect((await request(server).post('/auth/token').send({ email, password })).status).toBe(200);
    expect(
      (
        await request(server)
          .post('/auth/token')
          .send({ email: `other-${email}`, password: `${password}-other` })
      ).status,
    ).toBe(401);
    await second.close();
  });

  it('starts without any administrator when BOOTSTRAP_ADMIN_* is unset (no built-in default)', async () => {
    const client = new Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      // Audit rows reference nothing; the users table is emptied so the start begins from zero.
      await client.query('DELETE FROM users');
    } finally {
      await client.end();
    }
    const third = await start({ BOOTSTRAP_ADMIN_EMAIL: '', BOOTSTRAP_ADMIN_PASSWORD: '' });
    expect(await platformAdmins()).toEqual([]);
    await third.close();
  });
});
