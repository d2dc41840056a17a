import { Injectable } from '@nestjs/common';
import { Clock } from '../../../platform/clock/clock';
import { RefreshTokenInvalidError, RefreshTokenReusedError } from '../domain/auth-errors';
import { TenantSuspendedError } from '../../tenants/domain/tenant-errors';
import { AuthAudit } from './auth-audit';
import { SessionStore } from './ports/session-store';
import { TenantDirectory } from './ports/tenant-directory';
import { UserRepository } from './ports/user-repository';
import type { RequestMeta } from './request-meta';
import { SessionRevocation } from './session-revocation';
import { hashRefreshToken, IssuedTokens, SessionTokens } from './session-tokens';

/**
 * Rotation: each refresh token works once and is replaced. Presenting a used one means two parties
 * hold the family (a theft, or a replay): the whole session is revoked at once and audited. Roles
 * are re-read, so a role change applies from the next refresh. A session whose tenant is no longer
 * active (suspended, being deleted, gone) is ended, whatever its revocation state says: suspension
 * revokes sessions too, but this check does not depend on that having run.
 */
@Injectable()
export class RefreshSession {
  constructor(
    private readonly store: SessionStore,
    private readonly tokens: SessionTokens,
    private readonly users: UserRepository,
    private readonly revocation: SessionRevocation,
    private readonly audit: AuthAudit,
    private readonly clock: Clock,
    private readonly tenants: TenantDirectory,
  ) {}

  /** The session of a presented refresh token, so the caller can check its CSRF token before rotating. */
  async sessionIdOf(presented: string | undefined): Promise<string | null> {
    if (!presented || presented.length > 100) return null;
    return this.store.findSessionIdByRefreshToken(hashRefreshToken(presented));
  }

  /**
   * The user a presented refresh token belongs to (used or not), for the per-account refresh rate
   * limit; null when the token is unknown.
   */
  async accountOf(presented: string | undefined): Promise<string | null> {
    const sessionId = await this.sessionIdOf(presented);
    const session = sessionId ? await this.store.findSession(sessionId) : null;
    return session?.userId ?? null;
  }

  async execute(presented: string | undefined, meta: RequestMeta): Promise<IssuedTokens> {
    if (!presented || presented.length > 100) throw new RefreshTokenInvalidError();
    const now = this.clock.now();
    // The session's own expiry is not known yet: the store caps the successor's expiry at it.
    const next = this.tokens.newRefreshToken(now);
    const outcome = await this.store.rotate(
      hashRefreshToken(presented),
      { tokenHash: next.hash, issuedAt: now, expiresAt: next.expiresAt },
      now,
    );
    if (outcome.kind === 'unknown') throw new RefreshTokenInvalidError();
    const session = outcome.session;
    if (outcome.kind === 'reused') {
      await this.revocation.revokeSession(session.id, 'refresh_token_reused');
      await this.audit.recordOfSession(
        {
          action: 'auth.refresh_token_reused',
          outcome: 'denied',
          tenantId: session.tenantId,
          actor: { type: 'user', id: session.userId },
          target: { type: 'session', id: session.id },
        },
        meta,
      );
      throw new RefreshTokenReusedError();
    }
    const user = await this.users.findById(session.userId);
    if (!user || user.status !== 'active') {
      await this.revocation.revokeSession(session.id, 'user_inactive');
      throw new RefreshTokenInvalidError();
    }
    if (session.tenantId !== null) await this.assertTenantActive(session.id, session.tenantId);
    return this.tokens.withAccessToken(
      { userId: user.id, tenantId: user.tenantId, roles: user.roles },
      session.id,
      now,
      { token: next.token, expiresAt: outcome.nextExpiresAt },
    );
  }

  private async assertTenantActive(sessionId: string, tenantId: string): Promise<void> {
    const tenant = await this.tenants.findById(tenantId);
    if (tenant?.status === 'active') return;
    await this.revocation.revokeSession(sessionId, 'tenant_not_active');
    throw tenant ? new TenantSuspendedError(tenant.status) : new RefreshTokenInvalidError();
  }
}
