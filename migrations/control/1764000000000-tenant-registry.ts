import type { MigrationInterface, QueryRunner } from 'typeorm';

export class TenantRegistry1764000000000 implements MigrationInterface {
  name = 'TenantRegistry1764000000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE tenants (
        id uuid PRIMARY KEY,
        slug text NOT NULL,
        display_name text NOT NULL,
        status text NOT NULL
          CHECK (status IN ('provisioning', 'active', 'suspended', 'deleting', 'failed')),
        database_name text NOT NULL UNIQUE CHECK (database_name ~ '^tenant_[0-9a-f]{32}$'),
        host_key text NOT NULL,
        schema_version bigint NOT NULL DEFAULT 0,
        failure_reason text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query('CREATE UNIQUE INDEX tenants_slug_key ON tenants (slug)');
    await runner.query('CREATE INDEX tenants_host_key_idx ON tenants (host_key)');
    await runner.query(`
      CREATE TABLE platform_audit_events (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        occurred_at timestamptz NOT NULL DEFAULT now(),
        action text NOT NULL,
        outcome text NOT NULL CHECK (outcome IN ('success', 'failure', 'denied')),
        tenant_id uuid,
        actor_type text NOT NULL,
        actor_id text,
        target_type text,
        target_id text,
        request_id text,
        ip text,
        details jsonb NOT NULL DEFAULT '{}'::jsonb
      )`);
    await runner.query(
      'CREATE INDEX platform_audit_events_occurred_at_idx ON platform_audit_events (occurred_at)',
    );
    await runner.query(`
      CREATE FUNCTION forbid_audit_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit events are append-only';
      END $$`);
    await runner.query(`
      CREATE TRIGGER platform_audit_events_append_only
      BEFORE UPDATE OR DELETE OR TRUNCATE ON platform_audit_events
      FOR EACH STATEMENT EXECUTE FUNCTION forbid_audit_change()`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE platform_audit_events');
    await runner.query('DROP FUNCTION forbid_audit_change()');
    await runner.query('DROP TABLE tenants');
  }
}
