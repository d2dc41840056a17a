import type { MigrationInterface, QueryRunner } from 'typeorm';

const TENANT_ID_SHAPE = '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$';

/**
 * No slug has the shape of a tenant id, so a reference to a tenant (a route's `:tenant`, a request's
 * tenant header) is an id or a slug by its shape alone, never ambiguous. The domain refuses such
 * slugs; this holds the table to it too. A registry that already has one is named and not changed:
 * restore that tenant's backup under another slug, then migrate again.
 */
export class TenantSlugNotAnId1764000300000 implements MigrationInterface {
  name = 'TenantSlugNotAnId1764000300000';

  async up(runner: QueryRunner): Promise<void> {
    const clashing: Array<{ slug: string }> = await runner.query(
      'SELECT slug FROM tenants WHERE slug ~* $1 ORDER BY slug',
      [TENANT_ID_SHAPE],
    );
    if (clashing.length > 0)
      throw new Error(
        `tenant slug(s) with the shape of a tenant id: ${clashing.map((row) => row.slug).join(', ')}; ` +
          'restore each under another slug and delete it, then migrate again',
      );
    // DDL takes no parameters: the pattern is this file's constant, never input.
    await runner.query(
      `ALTER TABLE tenants ADD CONSTRAINT tenants_slug_not_an_id CHECK (slug !~* '${TENANT_ID_SHAPE}')`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('ALTER TABLE tenants DROP CONSTRAINT tenants_slug_not_an_id');
  }
}
