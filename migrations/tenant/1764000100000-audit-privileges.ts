import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A second lock on the tenant's audit log, beside the append-only trigger: nobody, the owning role
 * included, holds UPDATE, DELETE or TRUNCATE on it, so changing a row takes a deliberate GRANT and
 * DISABLE TRIGGER that no application code issues (as the control plane's platform log).
 */
export class TenantAuditPrivileges1764000100000 implements MigrationInterface {
  name = 'TenantAuditPrivileges1764000100000';

  /** Backups carry no privileges (`--no-privileges`): a restore applies these again. */
  static readonly privileges = ['REVOKE UPDATE, DELETE, TRUNCATE ON audit_events FROM PUBLIC, CURRENT_USER'];

  async up(runner: QueryRunner): Promise<void> {
    for (const statement of TenantAuditPrivileges1764000100000.privileges) await runner.query(statement);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('GRANT UPDATE, DELETE, TRUNCATE ON audit_events TO CURRENT_USER');
  }
}
