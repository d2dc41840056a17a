import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { AppConfig } from '../../../../platform/config/app-config';
import { AccessTokenCheck } from '../../application/access-token-check';
import type { Principal } from '../../domain/principal';
import { jwtVerificationOptions } from './jwt-verification-options';

export const JWT_BEARER = 'jwt-bearer';

/** `Authorization: Bearer <access JWT>` for integrations and scripts (no CSRF: not ambient). */
@Injectable()
export class JwtBearerStrategy extends PassportStrategy(Strategy, JWT_BEARER) {
  constructor(
    config: AppConfig,
    private readonly check: AccessTokenCheck,
  ) {
    super(jwtVerificationOptions(config, ExtractJwt.fromAuthHeaderAsBearerToken()));
  }

  validate(payload: unknown): Promise<Principal> {
    return this.check.principalFor(payload, 'bearer');
  }
}
