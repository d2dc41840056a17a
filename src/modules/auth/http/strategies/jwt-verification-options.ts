import type { StrategyOptionsWithoutRequest } from 'passport-jwt';
import { AppConfig } from '../../../../platform/config/app-config';
import { ACCESS_TOKEN_ALGORITHM } from '../../infrastructure/jwt-access-token-signer';

/**
 * Verification pinned to what we sign: HS256 only (so `none`, HS384/512 and RS/ES tricks are
 * refused), our issuer and audience; jsonwebtoken checks exp and nbf with a small skew allowance.
 */
export function jwtVerificationOptions(
  config: AppConfig,
  jwtFromRequest: StrategyOptionsWithoutRequest['jwtFromRequest'],
): StrategyOptionsWithoutRequest {
  return {
    jwtFromRequest,
    secretOrKey: config.secrets.jwt,
    algorithms: [ACCESS_TOKEN_ALGORITHM],
    issuer: config.auth.jwtIssuer,
    audience: config.auth.jwtAudience,
    ignoreExpiration: false,
    jsonWebTokenOptions: { clockTolerance: 5, maxAge: `${config.auth.accessTokenTtlSeconds + 5}s` },
  };
}
