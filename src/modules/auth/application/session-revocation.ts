import { Injectable } from '@nestjs/common';
import { Clock } from '../../../platform/clock/clock';
import { RevocationMarkers } from './ports/revocation-markers';
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
    const now = this.clock.now();
    await both(
      () => this.store.revokeTenantSessions(tenantId, reason, now),
      () => this.markers.mark('tenant', tenantId, seconds(now)),
    );
  }

  async revokeUser(userId: string, reason = 'user_revoked'): Promise<void> {
    const now = this.clock.now();
    await both(
      () => this.store.revokeUserSessions(userId, reason, now),
      () => this.markers.mark('user', userId, seconds(now)),
    );
  }

  async revokeSession(sessionId: string, reason: string): Promise<void> {
    const now = this.clock.now();
    await both(
      () => this.store.revokeSession(sessionId, reason, now),
      () => this.markers.mark('session', sessionId, seconds(now)),
    );
  }
}

/** Runs both steps, the second even when the first fails; raises the first failure. */
async function both(first: () => Promise<unknown>, second: () => Promise<unknown>): Promise<void> {
  const outcomes = await Promise.allSettled([first(), second()]);
  const failed = outcomes.find((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
  if (failed) throw failed.reason;
}

function seconds(date: Date): number {
  return Math.floor(date.getTime() / 1000);
}
