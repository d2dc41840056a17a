/** A sign-in session: one refresh-token family, rotated on every use. */
export interface SessionRecord {
  id: string;
  userId: string;
  tenantId: string | null;
  createdAt: Date;
  expiresAt: Date;
  revokedAt: Date | null;
}

export type RefreshOutcome =
  | { kind: 'rotated'; session: SessionRecord; nextExpiresAt: Date }
  /** The token exists but was already used: someone replayed it (or a stolen copy was used first). */
  | { kind: 'reused'; session: SessionRecord }
  | { kind: 'unknown' };

export abstract class SessionStore {
  abstract open(session: SessionRecord, meta: { ip?: string; userAgent?: string }): Promise<void>;
  abstract addRefreshToken(
    sessionId: string,
    tokenHash: Buffer,
    issuedAt: Date,
    expiresAt: Date,
  ): Promise<void>;
  /**
   * Marks the token used and stores its successor (expiry capped at the session's) in one
   * transaction, or reports reuse. Two concurrent uses of one token: one rotates, the other is reuse.
   */
  abstract rotate(
    tokenHash: Buffer,
    next: { tokenHash: Buffer; issuedAt: Date; expiresAt: Date },
    now: Date,
  ): Promise<RefreshOutcome>;
  abstract findSession(id: string): Promise<SessionRecord | null>;
  /** The session a refresh token belongs to, used or not, without consuming it. */
  abstract findSessionIdByRefreshToken(tokenHash: Buffer): Promise<string | null>;
  abstract revokeSession(id: string, reason: string, at: Date): Promise<void>;
  /** Revokes every open session of the user; returns their ids. */
  abstract revokeUserSessions(userId: string, reason: string, at: Date): Promise<string[]>;
  abstract revokeTenantSessions(tenantId: string, reason: string, at: Date): Promise<string[]>;
}
