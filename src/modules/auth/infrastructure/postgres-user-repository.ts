import type { ListPage } from '../../../platform/pagination/list-page';
import { Injectable } from '@nestjs/common';
import { ControlPlaneDatabase } from '../../../platform/database/control-plane-database';
import { queryRows } from '../../../platform/database/query-rows';
import { NewUser, UserRepository } from '../application/ports/user-repository';
import { isLocked } from '../domain/lockout-policy';
import type { Role } from '../domain/role';
import type { User, UserStatus } from '../domain/user';
import { toUser, USER_COLUMNS, UserRow } from './user-row.mapper';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

@Injectable()
export class PostgresUserRepository extends UserRepository {
  constructor(private readonly controlPlane: ControlPlaneDatabase) {
    super();
  }

  async insert(user: NewUser): Promise<User | null> {
    const rows = await this.rows(
      `INSERT INTO users (id, tenant_id, email, password_hash, roles, status)
       VALUES ($1, $2, $3, $4, $5, 'active')
       ON CONFLICT DO NOTHING
       RETURNING ${USER_COLUMNS}`,
      [user.id, user.tenantId, user.email, user.passwordHash, user.roles],
    );
    return rows.length ? toUser(rows[0]) : null;
  }

  async findForLogin(tenantId: string | null, email: string): Promise<User | null> {
    const rows = await this.rows(
      `SELECT ${USER_COLUMNS} FROM users
       WHERE tenant_id IS NOT DISTINCT FROM $1 AND lower(email) = lower($2)`,
      [tenantId, email],
    );
    return rows.length ? toUser(rows[0]) : null;
  }

  async findById(id: string): Promise<User | null> {
    if (!UUID.test(id)) return null;
    const rows = await this.rows(`SELECT ${USER_COLUMNS} FROM users WHERE id = $1`, [id]);
    return rows.length ? toUser(rows[0]) : null;
  }

  async findInTenant(tenantId: string | null, id: string): Promise<User | null> {
    if (!UUID.test(id)) return null;
    const rows = await this.rows(
      `SELECT ${USER_COLUMNS} FROM users WHERE id = $1 AND tenant_id IS NOT DISTINCT FROM $2`,
      [id, tenantId],
    );
    return rows.length ? toUser(rows[0]) : null;
  }

  async listByTenant(tenantId: string | null, page: ListPage): Promise<User[]> {
    const rows = await this.rows(
      `SELECT ${USER_COLUMNS} FROM users WHERE tenant_id IS NOT DISTINCT FROM $1
       ORDER BY lower(email), id LIMIT $2 OFFSET $3`,
      [tenantId, page.limit, page.offset],
    );
    return rows.map(toUser);
  }

  async claimLoginAttempt(
    id: string,
    now: Date,
    lockAfter: (failuresInARow: number) => Date | null,
  ): Promise<boolean> {
    return this.controlPlane.dataSource.transaction(async (manager) => {
      // The row lock serializes concurrent attempts on one account: each sees the one before it.
      const rows: { failed_login_count: number; locked_until: Date | null }[] = await manager.query(
        'SELECT failed_login_count, locked_until FROM users WHERE id = $1 FOR UPDATE',
        [id],
      );
      if (!rows.length || isLocked(rows[0].locked_until, now)) return false;
      const failures = Number(rows[0].failed_login_count) + 1;
      await manager.query(
        `UPDATE users SET failed_login_count = $2, locked_until = COALESCE($3, locked_until), updated_at = now()
         WHERE id = $1`,
        [id, failures, lockAfter(failures)],
      );
      return true;
    });
  }

  async clearFailedLogins(id: string): Promise<void> {
    await this.controlPlane.dataSource.query(
      'UPDATE users SET failed_login_count = 0, locked_until = NULL, updated_at = now() WHERE id = $1',
      [id],
    );
  }

  async recordSuccessfulLogin(id: string, at: Date): Promise<void> {
    await this.controlPlane.dataSource.query(
      `UPDATE users SET failed_login_count = 0, locked_until = NULL, last_login_at = $2, updated_at = now()
       WHERE id = $1`,
      [id, at],
    );
  }

  async updatePasswordHash(id: string, passwordHash: string, changedAt: Date | null): Promise<void> {
    await this.controlPlane.dataSource.query(
      `UPDATE users SET password_hash = $2, password_changed_at = COALESCE($3, password_changed_at),
         failed_login_count = CASE WHEN $3::timestamptz IS NULL THEN failed_login_count ELSE 0 END,
         locked_until = CASE WHEN $3::timestamptz IS NULL THEN locked_until ELSE NULL END,
         updated_at = now()
       WHERE id = $1`,
      [id, passwordHash, changedAt],
    );
  }

  async rehashPassword(id: string, verifiedHash: string, rehashed: string): Promise<boolean> {
    const rows = await queryRows(
      this.controlPlane.dataSource,
      `UPDATE users SET password_hash = $3, updated_at = now()
       WHERE id = $1 AND password_hash = $2 RETURNING id`,
      [id, verifiedHash, rehashed],
    );
    return rows.length === 1;
  }

  async updateStatus(id: string, status: UserStatus): Promise<void> {
    await this.controlPlane.dataSource.query(
      `UPDATE users SET status = $2, updated_at = now(),
         failed_login_count = CASE WHEN $2 = 'active' THEN 0 ELSE failed_login_count END,
         locked_until = CASE WHEN $2 = 'active' THEN NULL ELSE locked_until END
       WHERE id = $1`,
      [id, status],
    );
  }

  async updateRoles(id: string, roles: Role[]): Promise<void> {
    await this.controlPlane.dataSource.query(
      'UPDATE users SET roles = $2, updated_at = now() WHERE id = $1',
      [id, roles],
    );
  }

  async countPlatformAdmins(): Promise<number> {
    const rows: { count: string }[] = await this.controlPlane.dataSource.query(
      "SELECT count(*) AS count FROM users WHERE tenant_id IS NULL AND status = 'active'",
    );
    return Number(rows[0].count);
  }

  private rows(sql: string, parameters: unknown[]): Promise<UserRow[]> {
    return queryRows<UserRow>(this.controlPlane.dataSource, sql, parameters);
  }
}
