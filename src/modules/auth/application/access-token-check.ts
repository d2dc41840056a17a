import { Injectable } from '@nestjs/common';
import { Clock } from '../../../platform/clock/clock';
import { AppConfig } from '../../../platform/config/app-config';
import { readAccessClaims } from '../domain/access-claims';
import { SessionRevokedError, UnauthenticatedError } from '../domain/auth-errors';
import type { CredentialKind, Principal } from '../domain/principal';
import { TenantSuspendedError } from '../../tenants/domain/tenant-errors';
import { RevocationMarkers } from './ports/revocation-markers';
import { TenantDirectory } from './ports/tenant-directory';

/**
 * After the signature, algorithm, issuer, audience, exp and nbf are verified (passport-jwt): the
 * claims must have our shape and no revocation marker (session, user, tenant) may postdate them.
 * A token revoked because its tenant was suspended or is being deleted answers 403
 * `TENANT.SUSPENDED` (signing in again would not help), other revocations 401.
 */
@Injectable()
export class AccessTokenCheck {
  constructor(
    private readonly markers: RevocationMarkers,
    private readonly tenants: TenantDirectory,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  async principalFor(payload: unknown, via: Exclude<CredentialKind, 'api_key'>): Promise<Principal> {
    const claims = readAccessClaims(payload, {
      nowSeconds: Math.floor(this.clock.now().getTime() / 1000),
      lifetimeSeconds: this.config.auth.accessTokenTtlSeconds,
    });
    if (!claims) throw new UnauthenticatedError('The access token is malformed');
    const revokedAt = await this.markers.latest([
      { scope: 'session', id: claims.sid },
      { scope: 'user', id: claims.sub },
      ...(claims.tid ? [{ scope: 'tenant' as const, id: claims.tid }] : []),
    ]);
    // Same-second issue counts as revoked: safety over convenience (see docs/security.md).
    if (revokedAt !== null && claims.iat <= revokedAt) throw await this.revocationError(claims.tid);
    return {
      type: 'user',
      id: claims.sub,
      tenantId: claims.tid,
      roles: claims.roles,
      sessionId: claims.sid,
      via,
    };
  }

  private async revocationError(tenantId: string | null): Promise<Error> {
    const tenant = tenantId ? await this.tenants.findById(tenantId) : null;
    if (tenant && tenant.status !== 'active') return new TenantSuspendedError(tenant.status);
    return new SessionRevokedError();
  }
}
