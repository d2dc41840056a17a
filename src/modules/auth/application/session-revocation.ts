import { Injectable } from '@nestjs/common';
import { Clock } from '../../../platform/clock/clock';
import { RevocationMarkers } from './ports/revocation-markers';
import { SessionStore } from './ports/session-store';

/**
 * Ends sessions at once. The Redis marker stops every access token issued up to now on the next
 * request (access tokens are otherwise valid until they expire); the database revocation stops the
 * refresh tokens. The tenants module calls `revokeTenant` when it suspends or deletes a tenant.
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
    await this.markers.mark('tenant', tenantId, seconds(now));
    await this.store.revokeTenantSessions(tenantId, reason, now);
  }

  async revokeUser(userId: string, reason = 'user_revoked'): Promise<void> {
    const now = this.clock.now();
    await this.markers.mark('user', userId, seconds(now));
    await this.store.revokeUserSessions(userId, reason, now);
  }

  async revokeSession(sessionId: string, reason: string): Promise<void> {
    const now = this.clock.now();
    await this.markers.mark('session', sessionId, seconds(now));
    await this.store.revokeSession(sessionId, reason, now);
  }
}

function seconds(date: Date): number {
  return Math.floor(date.getTime() / 1000);
}
