import type { MigrationInterface } from 'typeorm';
import { latestTenantSchemaVersion, migrationVersion, tenantTemplateName } from './tenant-migrations';

class First1700000000000 implements MigrationInterface {
  async up(): Promise<void> {}
  async down(): Promise<void> {}
}
class Second1700000000001 implements MigrationInterface {
  async up(): Promise<void> {}
  async down(): Promise<void> {}
}

describe('tenant migration versions and template names', () => {
  it('reads the version from the class name timestamp', () => {
    expect(migrationVersion(First1700000000000)).toBe(1700000000000);
    expect(migrationVersion('Second1700000000001')).toBe(1700000000001);
    expect(() => migrationVersion('NoTimestamp')).toThrow();
  });

  it('takes the newest migration as the schema version', () => {
    expect(latestTenantSchemaVersion([First1700000000000, Second1700000000001])).toBe(1700000000001);
  });

  it('names a new template when the set of migrations changes', () => {
    const one = tenantTemplateName([First1700000000000]);
    expect(one).toMatch(/^finrecon_tenant_template_[0-9a-f]{16}$/);
    expect(tenantTemplateName([First1700000000000])).toBe(one);
    expect(tenantTemplateName([First1700000000000, Second1700000000001])).not.toBe(one);
  });
});
