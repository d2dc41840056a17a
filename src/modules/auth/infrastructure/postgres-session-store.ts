import { Injectable } from '@nestjs/common';
import { ControlPlaneDatabase } from '../../../platform/database/control-plane-database';
import { queryRows } from '../../../platform/database/query-rows';
import { RefreshOutcome, SessionRecord, SessionStore } from '../application/ports/session-store';

interface SessionRow {
  id: string;
  user_id: string;
  tenant_id: string | null;
  created_at: Date;
  expires_at: Date;
  revoked_at: Date | null;
}

const SESSION_COLUMNS = 's.id, s.user_id, s.tenant_id, s.created_at, s.expires_at, s.revoked_at';

@Injectable()
export class PostgresSessionStore extends SessionStore {
  constructor(private readonly controlPlane: ControlPlaneDatabase) {
    super();
  }

  async open(session: SessionRecord, meta: { ip?: string; userAgent?: string }): Promise<void> {
    await this.controlPlane.dataSource.query(
      `INSERT INTO auth_sessions (id, user_id, tenant_id, created_at, expires_at, ip, user_agent)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [
        session.id,
        session.userId,
        session.tenantId,
        session.createdAt,
        session.expiresAt,
        meta.ip ?? null,
        meta.userAgent ?? null,
      ],
    );
  }

  async addRefreshToken(
    sessionId: string,
    tokenHash: Buffer,
    issuedAt: Date,
    expiresAt: Date,
  ): Promise<void> {
    await this.controlPlane.dataSource.query(
      'INSERT INTO refresh_tokens (token_hash, session_id, issued_at, expires_at) VALUES ($1, $2, $3, $4)',
      [tokenHash, sessionId, issuedAt, expiresAt],
    );
  }

  rotate(
    tokenHash: Buffer,
    next: { tokenHash: Buffer; issuedAt: Date; expiresAt: Date },
    now: Date,
  ): Promise<RefreshOutcome> {
    return this.controlPlane.dataSource.transaction(async (manager) => {
      // The row lock of this UPDATE serializes concurrent uses of one token: the loser sees used_at set.
      const rotated = await queryRows<SessionRow>(
        manager,
        `UPDATE refresh_tokens t SET used_at = $2
         FROM auth_sessions s
         WHERE t.token_hash = $1 AND t.used_at IS NULL AND t.expires_at > $2
           AND s.id = t.session_id AND s.revoked_at IS NULL AND s.expires_at > $2
         RETURNING ${SESSION_COLUMNS}`,
        [tokenHash, now],
      );
      if (rotated.length > 0) {
        const session = toSession(rotated[0]);
        const expiresAt = new Date(Math.min(next.expiresAt.getTime(), session.expiresAt.getTime()));
        await manager.query(
          'INSERT INTO refresh_tokens (token_hash, session_id, issued_at, expires_at) VALUES ($1, $2, $3, $4)',
          [next.tokenHash, session.id, next.issuedAt, expiresAt],
        );
        return { kind: 'rotated', session, nextExpiresAt: expiresAt };
      }
      const used = await queryRows<SessionRow>(
        manager,
        `SELECT ${SESSION_COLUMNS} FROM refresh_tokens t JOIN auth_sessions s ON s.id = t.session_id
         WHERE t.token_hash = $1 AND t.used_at IS NOT NULL`,
        [tokenHash],
      );
      return used.length > 0 ? { kind: 'reused', session: toSession(used[0]) } : { kind: 'unknown' };
    });
  }

  async findSession(id: string): Promise<SessionRecord | null> {
    const rows = await queryRows<SessionRow>(
      this.controlPlane.dataSource,
      `SELECT ${SESSION_COLUMNS} FROM auth_sessions s WHERE s.id = $1`,
      [id],
    );
    return rows.length ? toSession(rows[0]) : null;
  }

  async findSessionIdByRefreshToken(tokenHash: Buffer): Promise<string | null> {
    const rows: { session_id: string }[] = await this.controlPlane.dataSource.query(
      'SELECT session_id FROM refresh_tokens WHERE token_hash = $1',
      [tokenHash],
    );
    return rows.length ? rows[0].session_id : null;
  }

  async revokeSession(id: string, reason: string, at: Date): Promise<void> {
    await this.controlPlane.dataSource.query(
      'UPDATE auth_sessions SET revoked_at = $2, revoked_reason = $3 WHERE id = $1 AND revoked_at IS NULL',
      [id, at, reason],
    );
  }

  revokeUserSessions(userId: string, reason: string, at: Date): Promise<string[]> {
    return this.revokeWhere('user_id', userId, reason, at);
  }

  revokeTenantSessions(tenantId: string, reason: string, at: Date): Promise<string[]> {
    return this.revokeWhere('tenant_id', tenantId, reason, at);
  }

  private async revokeWhere(
    column: 'user_id' | 'tenant_id',
    id: string,
    reason: string,
    at: Date,
  ): Promise<string[]> {
    // `column` is one of two literals above, never input.
    const rows = await queryRows<{ id: string }>(
      this.controlPlane.dataSource,
      `UPDATE auth_sessions SET revoked_at = $2, revoked_reason = $3
       WHERE ${column} = $1 AND revoked_at IS NULL RETURNING id`,
      [id, at, reason],
    );
    return rows.map((row) => row.id);
  }
}

function toSession(row: SessionRow): SessionRecord {
  return {
    id: row.id,
    userId: row.user_id,
    tenantId: row.tenant_id,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    revokedAt: row.revoked_at,
  };
}
