import { Injectable } from '@nestjs/common';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { AppConfig } from '../../../platform/config/app-config';
import type { Role } from '../domain/role';
import { AccessTokenSigner } from './ports/access-token-signer';
import { SessionRecord, SessionStore } from './ports/session-store';
import type { RequestMeta } from './request-meta';

/** The tokens a sign-in or a refresh hands out. The refresh token exists only here and in the answer. */
export interface IssuedTokens {
  sessionId: string;
  accessToken: string;
  accessExpiresAt: Date;
  refreshToken: string;
  refreshExpiresAt: Date;
}

export interface TokenSubject {
  userId: string;
  tenantId: string | null;
  roles: Role[];
}

export function hashRefreshToken(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}

/** Opens sessions and mints access + refresh token pairs for them. */
@Injectable()
export class SessionTokens {
  constructor(
    private readonly store: SessionStore,
    private readonly signer: AccessTokenSigner,
    private readonly config: AppConfig,
  ) {}

  /**
   * `now` is the caller's own moment of decision (before its checks), never read again here: a token
   * issued later could postdate a revocation that happened during those checks, and pass.
   */
  async open(subject: TokenSubject, meta: RequestMeta, now: Date): Promise<IssuedTokens> {
    const session: SessionRecord = {
      id: randomUUID(),
      userId: subject.userId,
      tenantId: subject.tenantId,
      createdAt: now,
      expiresAt: new Date(now.getTime() + this.config.auth.sessionMaxAgeSeconds * 1000),
      revokedAt: null,
    };
    await this.store.open(session, { ip: meta.ip, userAgent: meta.userAgent?.slice(0, 300) });
    const refresh = this.newRefreshToken(now, session.expiresAt);
    await this.store.addRefreshToken(session.id, refresh.hash, now, refresh.expiresAt);
    return this.withAccessToken(subject, session.id, now, refresh);
  }

  /** Ends a session just opened whose tokens were never handed out (no access token to stop). */
  async discard(sessionId: string, reason: string, now: Date): Promise<void> {
    await this.store.revokeSession(sessionId, reason, now);
  }

  /** A successor refresh token (not yet stored: SessionStore.rotate stores it atomically). */
  newRefreshToken(now: Date, sessionExpiresAt?: Date): { token: string; hash: Buffer; expiresAt: Date } {
    const token = randomBytes(32).toString('base64url');
    const ttlEnd = now.getTime() + this.config.auth.refreshTokenTtlSeconds * 1000;
    const end = sessionExpiresAt ? Math.min(ttlEnd, sessionExpiresAt.getTime()) : ttlEnd;
    return { token, hash: hashRefreshToken(token), expiresAt: new Date(end) };
  }

  async withAccessToken(
    subject: TokenSubject,
    sessionId: string,
    now: Date,
    refresh: { token: string; expiresAt: Date },
  ): Promise<IssuedTokens> {
    const access = await this.signer.sign(
      { sub: subject.userId, tid: subject.tenantId, roles: subject.roles, sid: sessionId },
      now,
    );
    return {
      sessionId,
      accessToken: access.token,
      accessExpiresAt: access.expiresAt,
      refreshToken: refresh.token,
      refreshExpiresAt: refresh.expiresAt,
    };
  }
}
