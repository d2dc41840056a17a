import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A second lock on the platform audit log, beside the append-only trigger: nobody, the owning role
 * included, holds UPDATE, DELETE or TRUNCATE on it. Changing a row now takes two deliberate DDL
 * statements (GRANT and DISABLE TRIGGER) that no application code issues, never a silent UPDATE.
 * A separate owner role would be stronger still; see docs/security.md.
 */
export class AuditPrivileges1764000200000 implements MigrationInterface {
  name = 'AuditPrivileges1764000200000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query('REVOKE UPDATE, DELETE, TRUNCATE ON platform_audit_events FROM PUBLIC, CURRENT_USER');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('GRANT UPDATE, DELETE, TRUNCATE ON platform_audit_events TO CURRENT_USER');
  }
}
