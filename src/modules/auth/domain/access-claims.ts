import { isRole, Role } from './role';

/** What an access token asserts, beyond the registered claims the JWT library checks. */
export interface AccessClaims {
  sub: string;
  /** Tenant id, or null for a platform administrator. */
  tid: string | null;
  roles: Role[];
  sid: string;
  /** Issued-at, seconds since the epoch (checked against revocation markers). */
  iat: number;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** The clock difference between instances that a token's issue time may show, in seconds. */
export const CLOCK_SKEW_SECONDS = 5;

/** When and for how long the claims are judged: now, and the longest lifetime a token is issued for. */
export interface ClaimsTime {
  readonly nowSeconds: number;
  readonly lifetimeSeconds: number;
}

/**
 * Shape check of a signature-verified payload: a token we signed but of another shape is refused,
 * and so is one issued in the future or for longer than tokens are issued for (only a forged token
 * could be: one issued ahead would outlive every revocation marker, which are compared with `iat`).
 */
export function readAccessClaims(payload: unknown, time: ClaimsTime): AccessClaims | null {
  if (typeof payload !== 'object' || payload === null) return null;
  const { sub, tid, roles, sid, iat, exp, nbf } = payload as Record<string, unknown>;
  // The JWT library checks exp and nbf only when present; we never issue a token without them.
  if (typeof exp !== 'number' || typeof nbf !== 'number') return null;
  if (typeof iat !== 'number' || iat > time.nowSeconds + CLOCK_SKEW_SECONDS) return null;
  if (exp - iat > time.lifetimeSeconds) return null;
  if (typeof sub !== 'string' || !UUID.test(sub)) return null;
  if (tid !== null && (typeof tid !== 'string' || !UUID.test(tid))) return null;
  if (typeof sid !== 'string' || !UUID.test(sid)) return null;
  if (typeof iat !== 'number' || !Number.isFinite(iat)) return null;
  if (!Array.isArray(roles) || roles.length === 0 || !roles.every(isRole)) return null;
  const platform = roles.includes('platform_admin');
  // A platform role never travels with a tenant, and a tenant role never without one.
  if (platform !== (tid === null) || (platform && roles.length !== 1)) return null;
  return { sub, tid, roles, sid, iat };
}
