import type { MigrationInterface, QueryRunner } from 'typeorm';
import { tenantMigrations } from '../../../../migrations/tenant';
import {
  isSameTemplateFamily,
  latestTenantSchemaVersion,
  migrationVersion,
  tenantMigrationFingerprint,
  tenantTemplateName,
} from './tenant-migrations';

class First1700000000000 implements MigrationInterface {
  async up(runner: QueryRunner): Promise<void> {
    await runner.query('CREATE TABLE first (id int)');
  }
  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE first');
  }
}
class Second1700000000001 implements MigrationInterface {
  async up(): Promise<void> {}
  async down(): Promise<void> {}
}
/** Same class name as First, different statements: an edited migration. */
const EditedFirst = class First1700000000000 implements MigrationInterface {
  async up(runner: QueryRunner): Promise<void> {
    await runner.query('CREATE TABLE first (id bigint)');
  }
  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE first');
  }
};

describe('tenant migration versions and template names', () => {
  it('reads the version from the class name timestamp', () => {
    expect(migrationVersion(First1700000000000)).toBe(1700000000000);
    expect(migrationVersion('Second1700000000001')).toBe(1700000000001);
    expect(() => migrationVersion('NoTimestamp')).toThrow();
  });

  it('takes the newest migration as the schema version', () => {
    expect(latestTenantSchemaVersion([First1700000000000, Second1700000000001])).toBe(1700000000001);
  });

  it('names a new template when the set of migrations changes', async () => {
    const one = await tenantTemplateName({ migrations: [First1700000000000] });
    expect(one).toMatch(/^finrecon_tenant_template_[0-9a-f]{16}$/);
    expect(await tenantTemplateName({ migrations: [First1700000000000] })).toBe(one);
    expect(await tenantTemplateName({ migrations: [First1700000000000, Second1700000000001] })).not.toBe(one);
  });

  it('names a new template when a migration keeps its name but changes what it does', async () => {
    expect(EditedFirst.name).toBe(First1700000000000.name);
    expect(await tenantMigrationFingerprint([EditedFirst])).not.toBe(
      await tenantMigrationFingerprint([First1700000000000]),
    );
  });

  it('fingerprints the real migrations deterministically', async () => {
    const fingerprint = await tenantMigrationFingerprint([...tenantMigrations]);
    expect(fingerprint).toMatch(/^[0-9a-f]{16}$/);
    expect(await tenantMigrationFingerprint([...tenantMigrations])).toBe(fingerprint);
  });

  it('keeps scoped template families apart from the production one', async () => {
    const production = await tenantTemplateName({ migrations: [First1700000000000] });
    const scoped = await tenantTemplateName({ migrations: [First1700000000000], scope: 'tabc123' });
    expect(scoped).toMatch(/^finrecon_tenant_template_tabc123_[0-9a-f]{16}$/);
    expect(isSameTemplateFamily(production, `${production.slice(0, -16)}0123456789abcdef`)).toBe(true);
    expect(isSameTemplateFamily(production, `${production}_wip`)).toBe(true);
    expect(isSameTemplateFamily(production, scoped)).toBe(false);
    expect(isSameTemplateFamily(scoped, production)).toBe(false);
    await expect(tenantTemplateName({ migrations: [], scope: 'Bad"scope' })).rejects.toThrow();
  });
});
