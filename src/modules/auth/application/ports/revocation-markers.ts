export type RevocationScope = 'session' | 'user' | 'tenant';

/**
 * Shared, fast "revoked since" markers consulted on every access-token check, so a revocation takes
 * effect before the token expires. Markers outlive the longest access token, then expire.
 */
export abstract class RevocationMarkers {
  abstract mark(scope: RevocationScope, id: string, revokedAtSeconds: number): Promise<void>;
  /** The latest revocation time (seconds) among the given subjects, or null when none applies. */
  abstract latest(subjects: { scope: RevocationScope; id: string }[]): Promise<number | null>;
}
