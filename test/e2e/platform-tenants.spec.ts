import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { TenantDatabaseServer } from '../../src/modules/tenants/application/ports/tenant-database-server';
import { TenantDatabases } from '../../src/modules/tenants/application/ports/tenant-databases';
import { TenantRegistry } from '../../src/modules/tenants/application/ports/tenant-registry';
import { latestTenantSchemaVersion } from '../../src/modules/tenants/infrastructure/tenant-migrations';
import { AuthTestWorld, bearerLogin } from '../support/auth-fixtures';
import { LAST_TENANT_MIGRATION, SCHEMA_VERSION_BEFORE_LAST, uniqueSlug } from '../support/tenant-fixtures';

jest.setTimeout(120_000);

const PROBLEM = /^application\/problem\+json/;

describe('the platform tenant API (/platform/tenants)', () => {
  const backupsDir = mkdtempSync(join(tmpdir(), 'finrecon-backups-'));
  let world: AuthTestWorld;
  let admin: string;

  beforeAll(async () => {
    world = await AuthTestWorld.start({ TENANT_BACKUPS_DIR: backupsDir });
    admin = (await bearerLogin(world.server, await world.createUser(null, ['platform_admin']))).accessToken;
  });
  afterAll(() => world.cleanUp());

  const api = {
    get: (path: string) => request(world.server).get(path).set('Authorization', `Bearer ${admin}`),
    post: (path: string, body: object = {}) =>
      request(world.server).post(path).set('Authorization', `Bearer ${admin}`).send(body),
    delete: (path: string) => request(world.server).delete(path).set('Authorization', `Bearer ${admin}`),
  };

  /** Creates a tenant over the API and has the test world delete it afterwards. */
  async function create(slug = uniqueSlug('api')) {
    const response = await api.post('/platform/tenants', { slug, displayName: `API ${slug}` });
    expect(response.status).toBe(201);
    world.tenants.track(response.body.id);
    return response.body as { id: string; slug: string; status: string; schemaVersion: number };
  }

  const expectProblem = (response: request.Response, status: number, code: string) => {
    expect(response.status).toBe(status);
    expect(response.headers['content-type']).toMatch(PROBLEM);
    expect(response.body).toMatchObject({ status, code });
  };

  describe('access', () => {
    it('refuses anonymous callers (401) and tenant users (403)', async () => {
      expectProblem(await request(world.server).get('/platform/tenants'), 401, 'AUTH.UNAUTHENTICATED');
      const tenant = await world.provisionTenant();
      const user = (await bearerLogin(world.server, await world.createUser(tenant, ['tenant_admin'])))
        .accessToken;
      for (const call of [
        request(world.server).get('/platform/tenants'),
        request(world.server).post('/platform/tenants/migrate').send({ dryRun: true }),
        request(world.server).post(`/platform/tenants/${tenant.slug}/backups`),
        request(world.server).post('/platform/tenants/restore').send({ file: 'x.dump', as: 'stolen' }),
      ]) {
        expectProblem(await call.set('Authorization', `Bearer ${user}`), 403, 'AUTH.FORBIDDEN');
      }
    });
  });

  describe('create, list, get', () => {
    it('creates a tenant (201), answers 200 with the same tenant on a repeat, lists and gets it', async () => {
      const tenant = await create();
      expect(tenant).toMatchObject({ status: 'active', schemaVersion: latestTenantSchemaVersion() });
      expect(tenant).not.toHaveProperty('databaseName');
      const again = await api.post('/platform/tenants', {
        slug: tenant.slug,
        displayName: `API ${tenant.slug}`,
      });
      expect(again.status).toBe(200);
      expect(again.body.id).toBe(tenant.id);
      // The same slug for another name is another tenant, not a repeat.
      expectProblem(
        await api.post('/platform/tenants', { slug: tenant.slug, displayName: 'Someone else' }),
        409,
        'TENANT.SLUG_TAKEN',
      );

      const list = await api.get('/platform/tenants?limit=500');
      expect(list.status).toBe(200);
      expect(list.body.map((item: { slug: string }) => item.slug)).toContain(tenant.slug);
      // A page at a time, in slug order.
      const [first, second] = [
        await api.get('/platform/tenants?limit=1'),
        await api.get('/platform/tenants?limit=1&offset=1'),
      ];
      expect(first.body).toHaveLength(1);
      expect(second.body).toHaveLength(1);
      expect(first.body[0].slug < second.body[0].slug).toBe(true);
      for (const reference of [tenant.slug, tenant.id, tenant.slug.toUpperCase(), tenant.id.toUpperCase()]) {
        const one = await api.get(`/platform/tenants/${reference}`);
        expect(one.status).toBe(200);
        expect(one.body).toMatchObject({ id: tenant.id, slug: tenant.slug });
      }
    });

    it("refuses a malformed, a reserved or a doubly hyphenated slug and a display name with control characters as fields (400 REQUEST.VALIDATION_FAILED), in the rules' own words", async () => {
      for (const [body, path, message] of [
        [{ slug: 'Bad_Slug!', displayName: 'x' }, 'slug', /^Invalid tenant slug: a slug is 3-40/],
        [{ slug: 'admin', displayName: 'x' }, 'slug', /^Invalid tenant slug: "admin" is reserved$/],
        [{ slug: 'a--b', displayName: 'x' }, 'slug', /single inner hyphens/],
        [
          { slug: uniqueSlug('ctl'), displayName: 'Evil\u001b[2J' },
          'displayName',
          /without control or invisible/,
        ],
        [{ slug: uniqueSlug('long'), displayName: 'x'.repeat(201) }, 'displayName', /at most 200 characters/],
        [
          { slug: uniqueSlug('zw'), displayName: 'zw\u200bx\u202e' },
          'displayName',
          /invisible format characters/,
        ],
        [{ slug: uniqueSlug('blank'), displayName: '   ' }, 'displayName', /should not be empty/],
        [{ slug: '\u212aelvin', displayName: 'x' }, 'slug', /^Invalid tenant slug/],
      ] as const) {
        const refused = await api.post('/platform/tenants', body);
        expectProblem(refused, 400, 'REQUEST.VALIDATION_FAILED');
        expect(refused.body.errors).toEqual([{ path, message: expect.stringMatching(message) }]);
      }
    });

    it('answers 404 TENANT.NOT_FOUND for an unknown tenant on every tenant route', async () => {
      const ghost = uniqueSlug('ghost');
      for (const call of [
        api.get(`/platform/tenants/${ghost}`),
        api.post(`/platform/tenants/${ghost}/suspend`),
        api.post(`/platform/tenants/${ghost}/resume`),
        api.post(`/platform/tenants/${ghost}/migrate`),
        api.post(`/platform/tenants/${ghost}/migrate/revert`),
        api.post(`/platform/tenants/${ghost}/backups`),
        api.delete(`/platform/tenants/${ghost}`),
      ]) {
        expectProblem(await call, 404, 'TENANT.NOT_FOUND');
      }
    });
  });

  describe('suspend, resume, delete', () => {
    it('suspends and resumes a tenant, and refuses to resume an active one twice over nothing', async () => {
      const tenant = await create();
      const suspended = await api.post(`/platform/tenants/${tenant.slug}/suspend`);
      expect(suspended.status).toBe(200);
      expect(suspended.body.status).toBe('suspended');
      expect((await api.get(`/platform/tenants/${tenant.id}`)).body.status).toBe('suspended');
      const resumed = await api.post(`/platform/tenants/${tenant.slug}/resume`);
      expect(resumed.status).toBe(200);
      expect(resumed.body.status).toBe('active');
    });

    it('deletes a tenant (204): it is gone from the registry and its database dropped', async () => {
      const tenant = await create();
      const deleted = await api.delete(`/platform/tenants/${tenant.slug}`);
      expect(deleted.status).toBe(204);
      expectProblem(await api.get(`/platform/tenants/${tenant.id}`), 404, 'TENANT.NOT_FOUND');
      await expect(
        world.get(TenantDatabases).withDataSource(tenant.id, (dataSource) => dataSource.query('SELECT 1')),
      ).rejects.toMatchObject({ code: 'TENANT.NOT_FOUND' });
    });
  });

  describe('delete with forgetDatabase', () => {
    it('refuses forgetDatabase for a tenant whose server is configured (409), and a value other than true or false (400)', async () => {
      const tenant = await create();
      expectProblem(
        await api.delete(`/platform/tenants/${tenant.slug}?forgetDatabase=true`),
        409,
        'TENANT.DELETE_REFUSED',
      );
      expect((await api.get(`/platform/tenants/${tenant.slug}`)).body.status).toBe('active');
      expectProblem(
        await api.delete(`/platform/tenants/${tenant.slug}?forgetDatabase=yes`),
        400,
        'REQUEST.VALIDATION_FAILED',
      );
      expect((await api.delete(`/platform/tenants/${tenant.slug}?forgetDatabase=false`)).status).toBe(204);
    });
  });

  describe('migrations', () => {
    it('refuses dryRun sent as null (400), rather than reading it as false and migrating', async () => {
      for (const path of [
        '/platform/tenants/migrate',
        `/platform/tenants/${(await create()).slug}/migrate`,
      ]) {
        const refused = await api.post(path, { dryRun: null });
        expectProblem(refused, 400, 'REQUEST.VALIDATION_FAILED');
        expect(refused.body.errors).toEqual([{ path: 'dryRun', message: 'dryRun must not be null' }]);
      }
    });

    it('reverts one tenant, reports a dry run without applying it, then migrates it', async () => {
      const tenant = await create();
      const reverted = await api.post(`/platform/tenants/${tenant.slug}/migrate/revert`);
      expect(reverted.status).toBe(200);
      expect(reverted.body).toEqual({ slug: tenant.slug, schemaVersion: SCHEMA_VERSION_BEFORE_LAST });
      expect((await api.get(`/platform/tenants/${tenant.slug}`)).body.schemaVersion).toBe(
        SCHEMA_VERSION_BEFORE_LAST,
      );

      const dryRun = await api.post(`/platform/tenants/${tenant.slug}/migrate`, { dryRun: true });
      expect(dryRun.status).toBe(200);
      expect(dryRun.body).toMatchObject({
        slug: tenant.slug,
        status: 'ok',
        applied: [LAST_TENANT_MIGRATION],
      });
      expect((await api.get(`/platform/tenants/${tenant.slug}`)).body.schemaVersion).toBe(
        SCHEMA_VERSION_BEFORE_LAST,
      );

      const migrated = await api.post(`/platform/tenants/${tenant.slug}/migrate`);
      expect(migrated.body).toMatchObject({
        status: 'ok',
        applied: [LAST_TENANT_MIGRATION],
        schemaVersion: latestTenantSchemaVersion(),
      });
      expect((await api.get(`/platform/tenants/${tenant.slug}`)).body.schemaVersion).toBe(
        latestTenantSchemaVersion(),
      );
    });

    it('migrates every tenant from a given slug on, leaving the ones before it untouched', async () => {
      const prefix = `zz-${randomBytes(4).toString('hex')}`;
      const [a, b, c] = [
        await create(`${prefix}-a`),
        await create(`${prefix}-b`),
        await create(`${prefix}-c`),
      ];
      for (const tenant of [a, b, c]) await api.post(`/platform/tenants/${tenant.slug}/migrate/revert`);

      const dryRun = await api.post('/platform/tenants/migrate', { dryRun: true, from: b.slug });
      expect(dryRun.status).toBe(200);
      expect(dryRun.body.dryRun).toBe(true);
      const dryMine = dryRun.body.tenants.filter((outcome: { slug: string }) =>
        outcome.slug.startsWith(prefix),
      );
      expect(dryMine.map((outcome: { slug: string }) => outcome.slug)).toEqual([b.slug, c.slug]);
      expect((await api.get(`/platform/tenants/${b.slug}`)).body.schemaVersion).toBe(
        SCHEMA_VERSION_BEFORE_LAST,
      );

      const run = await api.post('/platform/tenants/migrate', { from: b.slug.toUpperCase() });
      expect(run.status).toBe(200);
      const slugs = run.body.tenants.map((outcome: { slug: string }) => outcome.slug);
      expect(slugs).not.toContain(a.slug);
      expect(slugs.every((slug: string) => slug >= b.slug)).toBe(true);
      const version = async (slug: string) => (await api.get(`/platform/tenants/${slug}`)).body.schemaVersion;
      expect(await version(a.slug)).toBe(SCHEMA_VERSION_BEFORE_LAST);
      expect(await version(b.slug)).toBe(latestTenantSchemaVersion());
      expect(await version(c.slug)).toBe(latestTenantSchemaVersion());
    });

    it('refuses a malformed from or dryRun (400)', async () => {
      expectProblem(
        await api.post('/platform/tenants/migrate', { from: '../x' }),
        400,
        'REQUEST.VALIDATION_FAILED',
      );
      expectProblem(
        await api.post('/platform/tenants/migrate', { dryRun: 'yes' }),
        400,
        'REQUEST.VALIDATION_FAILED',
      );
    });
  });

  describe('backup and restore', () => {
    it('writes a backup under a generated name and restores it into a new tenant with every row', async () => {
      const source = await create();
      await world
        .get(TenantDatabases)
        .withDataSource(source.id, (dataSource) =>
          dataSource.query(
            "INSERT INTO vendors (name, normalized_name, tax_id) VALUES ('Kept AB', 'kept ab', 'SE1')",
          ),
        );
      const backup = await api.post(`/platform/tenants/${source.slug}/backups`, { file: '../../evil.dump' });
      expect(backup.status).toBe(201);
      expect(backup.body.slug).toBe(source.slug);
      expect(backup.body.file).toMatch(new RegExp(`^${source.slug}-\\d{8}T\\d{6}Z-[0-9a-f]{8}\\.dump$`));
      const path = join(backupsDir, backup.body.file);
      expect(existsSync(path)).toBe(true);
      expect(backup.body.sizeBytes).toBe(statSync(path).size);
      expect(backup.body.sizeBytes).toBeGreaterThan(0);
      expect(existsSync(join(backupsDir, '..', '..', 'evil.dump'))).toBe(false);

      const slug = uniqueSlug('restored');
      const restored = await api.post('/platform/tenants/restore', { file: backup.body.file, as: slug });
      expect(restored.status).toBe(201);
      world.tenants.track(restored.body.id);
      expect(restored.body).toMatchObject({
        slug,
        status: 'active',
        schemaVersion: latestTenantSchemaVersion(),
      });
      expect(restored.body.id).not.toBe(source.id);
      const rows = await world
        .get(TenantDatabases)
        .withDataSource(restored.body.id, (dataSource) =>
          dataSource.query('SELECT name, tax_id FROM vendors'),
        );
      expect(rows).toEqual([{ name: 'Kept AB', tax_id: 'SE1' }]);

      expectProblem(
        await api.post('/platform/tenants/restore', { file: backup.body.file, as: slug }),
        409,
        'TENANT.SLUG_TAKEN',
      );
    });

    it('backs up only a complete database, and a dump that fails leaves no file behind', async () => {
      const failed = await create();
      await world.get(TenantRegistry).updateStatus(failed.id, 'failed', 'test: half provisioned');
      expectProblem(await api.post(`/platform/tenants/${failed.slug}/backups`), 409, 'TENANT.NOT_ACTIVE');
      expectProblem(
        await api.post(`/platform/tenants/${failed.slug}/migrate/revert`),
        409,
        'TENANT.NOT_ACTIVE',
      );

      const gone = await create();
      const tenant = await world.get(TenantRegistry).findById(gone.id);
      await world.get(TenantDatabases).release(gone.id);
      await world.get(TenantDatabaseServer).drop(tenant!.hostKey, tenant!.databaseName);
      const response = await api.post(`/platform/tenants/${gone.slug}/backups`);
      expect(response.status).toBe(500);
      expect(response.body.code).toBe('TENANT.BACKUP_FAILED');
      expect(readdirSync(backupsDir).filter((name) => name.startsWith(gone.slug))).toEqual([]);
    });

    it.each([
      '../../../etc/passwd',
      '/etc/passwd',
      `..%2f..%2fetc%2fpasswd`,
      'acme-20260101T000000Z-00000000.dump/../../x.dump',
      'subdir/acme-20260101T000000Z-00000000.dump',
      '.',
    ])('refuses a restore from %j with 400 TENANT.INVALID_BACKUP_FILE', async (file) => {
      expectProblem(
        await api.post('/platform/tenants/restore', { file, as: uniqueSlug('never') }),
        400,
        'TENANT.INVALID_BACKUP_FILE',
      );
    });

    it('refuses a restore from a file name with a NUL character at its field, before the disk is read', async () => {
      const file = 'acme-20260101T000000Z-00000000.dump\u0000.txt';
      const response = await api.post('/platform/tenants/restore', { file, as: uniqueSlug('never') });
      expectProblem(response, 400, 'REQUEST.VALIDATION_FAILED');
      expect(response.body.errors).toEqual([{ path: 'file', message: 'must not contain a NUL character' }]);
    });

    it('answers 404 for a backup that does not exist and 400 for an invalid target slug', async () => {
      const slug = uniqueSlug('never');
      expectProblem(
        await api.post('/platform/tenants/restore', {
          file: 'acme-20260101T000000Z-00000000.dump',
          as: slug,
        }),
        404,
        'TENANT.BACKUP_NOT_FOUND',
      );
      expectProblem(
        await api.post('/platform/tenants/restore', {
          file: 'acme-20260101T000000Z-00000000.dump',
          as: 'Not A Slug',
        }),
        400,
        'REQUEST.VALIDATION_FAILED',
      );
      expectProblem(
        await api.post('/platform/tenants/restore', { as: slug }),
        400,
        'REQUEST.VALIDATION_FAILED',
      );
      expect((await api.get(`/platform/tenants/${slug}`)).status).toBe(404);
    });
  });
});
