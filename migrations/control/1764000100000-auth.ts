import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Users, sign-in sessions (refresh-token families) and API keys, in the control plane. Secrets are
 * never stored: passwords as argon2id hashes, refresh tokens and API-key secrets as SHA-256 of
 * 256-bit random values (a slow hash adds nothing to that much entropy).
 */
export class Auth1764000100000 implements MigrationInterface {
  name = 'Auth1764000100000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE users (
        id uuid PRIMARY KEY,
        tenant_id uuid REFERENCES tenants (id) ON DELETE CASCADE,
        email text NOT NULL CHECK (length(email) BETWEEN 3 AND 254),
        password_hash text NOT NULL,
        roles text[] NOT NULL CHECK (cardinality(roles) > 0),
        status text NOT NULL CHECK (status IN ('active', 'disabled')),
        failed_login_count integer NOT NULL DEFAULT 0 CHECK (failed_login_count >= 0),
        locked_until timestamptz,
        last_login_at timestamptz,
        password_changed_at timestamptz NOT NULL DEFAULT now(),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (
          (tenant_id IS NULL AND roles = ARRAY['platform_admin']::text[])
          OR (tenant_id IS NOT NULL AND NOT ('platform_admin' = ANY (roles)))
        )
      )`);
    // One account per email within a tenant (and among platform admins), case-insensitively.
    await runner.query(
      'CREATE UNIQUE INDEX users_tenant_email_key ON users (tenant_id, lower(email)) NULLS NOT DISTINCT',
    );
    await runner.query(`
      CREATE TABLE auth_sessions (
        id uuid PRIMARY KEY,
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        tenant_id uuid REFERENCES tenants (id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        revoked_at timestamptz,
        revoked_reason text,
        ip text,
        user_agent text
      )`);
    await runner.query(
      'CREATE INDEX auth_sessions_user_idx ON auth_sessions (user_id) WHERE revoked_at IS NULL',
    );
    await runner.query(
      'CREATE INDEX auth_sessions_tenant_idx ON auth_sessions (tenant_id) WHERE revoked_at IS NULL',
    );
    await runner.query(`
      CREATE TABLE refresh_tokens (
        token_hash bytea PRIMARY KEY CHECK (length(token_hash) = 32),
        session_id uuid NOT NULL REFERENCES auth_sessions (id) ON DELETE CASCADE,
        issued_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        used_at timestamptz
      )`);
    await runner.query('CREATE INDEX refresh_tokens_session_idx ON refresh_tokens (session_id)');
    await runner.query(`
      CREATE TABLE api_keys (
        id uuid PRIMARY KEY,
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
        prefix text NOT NULL UNIQUE,
        secret_hash bytea NOT NULL CHECK (length(secret_hash) = 32),
        roles text[] NOT NULL
          CHECK (cardinality(roles) > 0 AND NOT ('platform_admin' = ANY (roles))),
        created_by uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz,
        last_used_at timestamptz,
        revoked_at timestamptz
      )`);
    await runner.query('CREATE INDEX api_keys_tenant_idx ON api_keys (tenant_id)');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE api_keys');
    await runner.query('DROP TABLE refresh_tokens');
    await runner.query('DROP TABLE auth_sessions');
    await runner.query('DROP TABLE users');
  }
}
