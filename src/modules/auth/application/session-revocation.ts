import { Injectable } from '@nestjs/common';
import { Clock } from '../../../platform/clock/clock';
import { RevocationMarkers, RevocationScope } from './ports/revocation-markers';
import { SessionStore } from './ports/session-store';

/**
 * Ends sessions at once. The Redis marker stops every access token issued up to now on the next
 * request (access tokens are otherwise valid until they expire); the database revocation stops the
 * refresh tokens. Both are attempted even when one fails (a Redis outage must not leave refresh
 * tokens working, nor a database outage access tokens), and the first failure is then raised. The
 * tenants module calls `revokeTenant` when it suspends or deletes a tenant.
 */
@Injectable()
export class SessionRevocation {
  constructor(
    private readonly markers: RevocationMarkers,
    private readonly store: SessionStore,
    private readonly clock: Clock,
  ) {}

  async revokeTenant(tenantId: string, reason = 'tenant_revoked'): Promise<void> {
    await this.revoke('tenant', tenantId, (now) => this.store.revokeTenantSessions(tenantId, reason, now));
  }

  async revokeUser(userId: string, reason = 'user_revoked'): Promise<void> {
    await this.revoke('user', userId, (now) => this.store.revokeUserSessions(userId, reason, now));
  }

  async revokeSession(sessionId: string, reason: string): Promise<void> {
    await this.revoke('session', sessionId, (now) => this.store.revokeSession(sessionId, reason, now));
  }

  /**
   * The database first, then the marker, even when the first failed; raises the first failure. The
   * marker takes the time once the database step is over: a refresh that rotated just before it
   * committed issued its access token before that time, so the marker stops that token too.
   */
  private async revoke(
    scope: RevocationScope,
    id: string,
    inDatabase: (now: Date) => Promise<unknown>,
  ): Promise<void> {
    let failure: { reason: unknown } | null = null;
    try {
      await inDatabase(this.clock.now());
    } catch (reason) {
      failure = { reason };
    }
    try {
      await this.markers.mark(scope, id, seconds(this.clock.now()));
    } catch (reason) {
      failure ??= { reason };
    }
    if (failure) throw failure.reason;
  }
}

function seconds(date: Date): number {
  return Math.floor(date.getTime() / 1000);
}
