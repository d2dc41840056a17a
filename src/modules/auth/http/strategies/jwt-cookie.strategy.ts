import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { Request } from 'express';
import { Strategy } from 'passport-jwt';
import { AppConfig } from '../../../../platform/config/app-config';
import { AccessTokenCheck } from '../../application/access-token-check';
import type { Principal } from '../../domain/principal';
import { cookieNames } from '../session-cookies';
import { jwtVerificationOptions } from './jwt-verification-options';

export const JWT_COOKIE = 'jwt-cookie';

/** The SPA's access token from its HttpOnly cookie; the access guard adds the CSRF checks. */
@Injectable()
export class JwtCookieStrategy extends PassportStrategy(Strategy, JWT_COOKIE) {
  constructor(
    config: AppConfig,
    private readonly check: AccessTokenCheck,
  ) {
    const name = cookieNames(config.auth.cookieSecure).access;
    super(
      jwtVerificationOptions(config, (request: Request) => {
        const cookies = request.cookies as Record<string, unknown> | undefined;
        const value = cookies?.[name];
        return typeof value === 'string' ? value : null;
      }),
    );
  }

  validate(payload: unknown): Promise<Principal> {
    return this.check.principalFor(payload, 'cookie');
  }
}
