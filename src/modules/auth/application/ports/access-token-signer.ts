import type { AccessClaims } from '../../domain/access-claims';

export interface SignedAccessToken {
  token: string;
  expiresAt: Date;
}

/** Signs access tokens (verification lives in the HTTP strategies, pinned to the same settings). */
export abstract class AccessTokenSigner {
  abstract sign(claims: Omit<AccessClaims, 'iat'>, issuedAt: Date): Promise<SignedAccessToken>;
}
