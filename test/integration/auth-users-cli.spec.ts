import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import request from 'supertest';
import { runWithoutProductionSecrets } from '../support/processes';
import { AuthTestWorld, bearerLogin, strongPassword } from '../support/auth-fixtures';

jest.setTimeout(120_000);

const CLI = 'dist/src/cli/users.js';

function users(args: string[], password?: string) {
  const result = spawnSync(process.execPath, [CLI, ...args], {
    input: password ?? '',
    env: { ...process.env, FINRECON_USER_PASSWORD: '' },
    encoding: 'utf8',
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('the users CLI (built, against the test control plane)', () => {
  const email = `cli-${randomBytes(4).toString('hex')}@example.test`;
  const database = new Client({ connectionString: process.env.DATABASE_URL });

  beforeAll(async () => {
    // npm test builds before Jest; a bare `jest` run builds here.
    if (!existsSync(CLI)) execFileSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
    await database.connect();
  });
  afterAll(async () => {
    await database.query('DELETE FROM users WHERE email = $1', [email]);
    await database.end();
  });

  it('creates a platform administrator with the password from stdin, lists, disables and enables it', async () => {
    const password = strongPassword();
    const created = users(['create', email, '--roles', 'platform_admin'], password);
    expect(created).toMatchObject({ status: 0 });
    expect(created.stdout).toContain(`created: ${email}  platform_admin  active`);
    expect(created.stdout + created.stderr).not.toContain(password);
    const [row] = (
      await database.query('SELECT password_hash, tenant_id FROM users WHERE email = $1', [email])
    ).rows;
    expect(row).toMatchObject({ tenant_id: null });
    expect(row.password_hash).toMatch(/^\$argon2id\$/);

    // The list alone on stdout (it may be piped on): no service log line before it.
    const listed = users(['list'])
      .stdout.split('\n')
      .filter((line) => line !== '');
    expect(listed.some((line) => line.startsWith(`${email}  platform_admin`))).toBe(true);
    expect(listed.every((line) => !line.startsWith('{'))).toBe(true);
    expect(users(['disable', email])).toMatchObject({ status: 0 });
    expect((await database.query('SELECT status FROM users WHERE email = $1', [email])).rows[0].status).toBe(
      'disabled',
    );
    expect(users(['enable', email])).toMatchObject({ status: 0 });
  });

  it('answers a missing email with the usage and exit 2 before booting anything', () => {
    for (const command of ['create', 'disable', 'enable', 'reset-password', 'bootstrap-admin']) {
      const result = users([command]);
      expect([command, result.status]).toEqual([command, 2]);
      expect(result.stderr).toContain('missing <email>');
    }
  });

  it('refuses surplus arguments, options given twice or unknown, and a create without --roles, with exit 2', () => {
    for (const args of [
      // After `--` the options are arguments: they must not be dropped (this made a platform admin).
      ['create', '--', '-dash@example.test', '--tenant', 'acme', '--roles', 'viewer'],
      ['disable', 'a@example.test', 'b@example.test'],
      ['list', 'extra'],
      ['list', '--tenant', 'a', '--tenant', 'b'],
      ['list', '--frobnicate'],
      ['create', `noroles-${email}`],
    ]) {
      const result = users(args, strongPassword());
      expect([args.join(' '), result.status]).toEqual([args.join(' '), 2]);
      expect(result.stderr).toContain('usage: npm run users');
    }
  });

  it('refuses a password on stdin that is not UTF-8, holds a control character or is megabytes long', () => {
    for (const [name, input] of [
      [
        'not UTF-8',
        Buffer.from([0x51, 0x77, 0x65, 0x72, 0x74, 0x79, 0x2d, 0xff, 0xfe, 0x2d, 0x70, 0x61, 0x73, 0x73]),
      ],
      ['a NUL', Buffer.from('Qwerty-pass-\u0000-violet-57', 'utf8')],
      ['5 MB', Buffer.alloc(5_000_000, 0x61)],
    ] as const) {
      const result = spawnSync(
        process.execPath,
        [CLI, 'create', `pw-${email}`, '--roles', 'platform_admin'],
        {
          input,
          env: { ...process.env, FINRECON_USER_PASSWORD: '' },
          encoding: 'utf8',
        },
      );
      expect([name, result.status]).toEqual([name, 1]);
      expect(result.stderr).toMatch(/not UTF-8 text|control character|longer than 4096 bytes/);
    }
  });

  it('reports a configuration it refuses by name, without a stack trace', () => {
    const result = runWithoutProductionSecrets(CLI, ['list']);
    expect(result.status).toBe(1);
    expect(result.output).toContain('JWT_SECRET: is required in production');
    expect(result.output).not.toMatch(/\n\s+at /);
  });

  it('refuses a weak password and a missing password, and never reads one from argv', () => {
    const weak = users(['create', `weak-${email}`, '--roles', 'platform_admin'], 'short');
    expect(weak.status).toBe(1);
    expect(weak.stderr).toContain('at least 12 characters');
    expect(users(['create', `none-${email}`, '--roles', 'platform_admin']).stderr).toContain(
      'no password on standard input',
    );
    expect(users(['create', `argv-${email}`, '--password', 'x']).status).not.toBe(0);
  });

  it('refuses what is not an email, and a user without a role, creating no one', async () => {
    for (const address of [
      'notanemail',
      'x@localhost',
      `${'a'.repeat(250)}@example.test`,
      'two words@example.test',
    ]) {
      const result = users(['create', address, '--roles', 'platform_admin'], strongPassword());
      expect([address, result.status]).toEqual([address, 1]);
      expect(result.stderr).toContain('An account email is an address of at most 254 characters');
    }
    const roleless = users(['create', `roleless-${email}`, '--roles', ','], strongPassword());
    expect(roleless.status).toBe(1);
    expect(roleless.stderr).toContain('A user needs at least one role');
    const created = await database.query(
      "SELECT email FROM users WHERE email IN ('notanemail', 'x@localhost') OR email LIKE 'roleless-%' OR email LIKE 'two words%'",
    );
    expect(created.rows).toEqual([]);
  });

  it('does nothing on bootstrap-admin once a platform administrator exists', () => {
    users(['create', email, '--roles', 'platform_admin'], strongPassword());
    const result = users(['bootstrap-admin', `other-${email}`], strongPassword());
    expect(result).toMatchObject({ status: 0 });
    expect(result.stdout).toContain('already exists');
  });

  describe('reset-password', () => {
    let world: AuthTestWorld;

    beforeAll(async () => {
      world = await AuthTestWorld.start();
    });
    afterAll(() => world.cleanUp());

    it("replaces the password and ends the user's existing sessions (access and refresh tokens)", async () => {
      const tenant = await world.provisionTenant();
      const user = await world.createUser(tenant, ['clerk']);
      const tokens = await bearerLogin(world.server, user);
      const me = () =>
        request(world.server).get('/auth/me').set('Authorization', `Bearer ${tokens.accessToken}`);
      expect((await me()).status).toBe(200);

      const newPassword = strongPassword();
      const reset = users(['reset-password', user.email, '--tenant', tenant.slug], newPassword);
      expect(reset).toMatchObject({ status: 0 });
      expect(reset.stdout).toContain(`password reset (sessions revoked): ${user.email}`);
      expect(reset.stdout + reset.stderr).not.toContain(newPassword);

      const stale = await me();
      expect(stale.status).toBe(401);
      expect(stale.body.code).toBe('AUTH.SESSION_REVOKED');
      const refreshed = await request(world.server)
        .post('/auth/token/refresh')
        .send({ refreshToken: tokens.refreshToken });
      expect(refreshed.status).toBe(401);
      const signIn = (password: string) =>
        request(world.server)
          .post('/auth/token')
          .send({ tenantSlug: tenant.slug, email: user.email, password });
      expect((await signIn(user.password)).status).toBe(401);
      expect((await signIn(newPassword)).status).toBe(200);
    });

    it('refuses a weak new password and leaves the sessions alone', async () => {
      const tenant = await world.provisionTenant();
      const user = await world.createUser(tenant, ['clerk']);
      const tokens = await bearerLogin(world.server, user);
      // The tenant named by its id, as --tenant also takes it.
      const refused = users(['reset-password', user.email, '--tenant', tenant.id], 'short');
      expect(refused.status).toBe(1);
      expect(refused.stderr).toContain('at least 12 characters');
      expect(
        (await request(world.server).get('/auth/me').set('Authorization', `Bearer ${tokens.accessToken}`))
          .status,
      ).toBe(200);
    });
  });
});
