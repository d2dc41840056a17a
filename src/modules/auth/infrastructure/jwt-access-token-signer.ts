import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { AppConfig } from '../../../platform/config/app-config';
import { AccessTokenSigner, SignedAccessToken } from '../application/ports/access-token-signer';
import type { AccessClaims } from '../domain/access-claims';

/** The one algorithm we sign and accept; verification pins the same list (jwt strategies). */
export const ACCESS_TOKEN_ALGORITHM = 'HS256';

@Injectable()
export class JwtAccessTokenSigner extends AccessTokenSigner {
  constructor(
    private readonly jwt: JwtService,
    private readonly config: AppConfig,
  ) {
    super();
  }

  async sign(claims: Omit<AccessClaims, 'iat'>, issuedAt: Date): Promise<SignedAccessToken> {
    const iat = Math.floor(issuedAt.getTime() / 1000);
    const exp = iat + this.config.auth.accessTokenTtlSeconds;
    const token = await this.jwt.signAsync(
      { sub: claims.sub, tid: claims.tid, roles: claims.roles, sid: claims.sid, iat, nbf: iat, exp },
      {
        algorithm: ACCESS_TOKEN_ALGORITHM,
        secret: this.config.secrets.jwt,
        issuer: this.config.auth.jwtIssuer,
        audience: this.config.auth.jwtAudience,
      },
    );
    return { token, expiresAt: new Date(exp * 1000) };
  }
}
