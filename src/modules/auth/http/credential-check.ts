import { Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import passport from 'passport';
import type { Strategy } from 'passport';
import { DomainError } from '../../../platform/errors/domain-error';
import { AccessTokenExpiredError, UnauthenticatedError } from '../domain/auth-errors';
import type { Principal } from '../domain/principal';
import { SessionCookies } from './session-cookies';
import { API_KEY_HEADER, ApiKeyStrategy } from './strategies/api-key.strategy';
import { JwtBearerStrategy } from './strategies/jwt-bearer.strategy';
import { JwtCookieStrategy } from './strategies/jwt-cookie.strategy';

export type CredentialResult = { principal: Principal } | { failure: DomainError } | null;

/**
 * Runs the one passport strategy that matches what the request presents: an API key, else a
 * bearer token, else the access cookie. Explicit credentials win over the ambient cookie and a bad
 * explicit credential never falls back to the cookie. Strategy instances are passed to passport
 * directly (not looked up by name in its global registry), so two apps in one process stay apart.
 */
@Injectable()
export class CredentialCheck {
  constructor(
    private readonly apiKey: ApiKeyStrategy,
    private readonly bearer: JwtBearerStrategy,
    private readonly cookie: JwtCookieStrategy,
    private readonly cookies: SessionCookies,
  ) {}

  async verify(request: Request, response: Response): Promise<CredentialResult> {
    const strategy = this.strategyFor(request);
    if (!strategy) return null;
    return new Promise<CredentialResult>((resolve) => {
      const done = (error: unknown, principal: Principal | false, info: unknown) => {
        if (error) resolve({ failure: asFailure(error) });
        else if (principal) resolve({ principal });
        else resolve({ failure: asFailure(info) });
      };
      // passport sets success/fail/error on the strategy object it is given; given an instance, it
      // would overwrite the callbacks of a concurrent request still verifying (which then never
      // answers). A per-request object inheriting from the instance is what passport itself makes
      // for strategies looked up by name.
      const perRequest = Object.create(strategy) as Strategy;
      passport.authenticate(perRequest, { session: false }, done)(request, response, (error: unknown) =>
        resolve({ failure: asFailure(error) }),
      );
    });
  }

  private strategyFor(request: Request): Strategy | null {
    if (request.headers[API_KEY_HEADER] !== undefined) return this.apiKey as unknown as Strategy;
    if (request.headers.authorization !== undefined) return this.bearer as unknown as Strategy;
    if (this.cookies.read(request, 'access')) return this.cookie as unknown as Strategy;
    return null;
  }
}

function asFailure(reason: unknown): DomainError {
  if (reason instanceof DomainError) return reason;
  if (reason instanceof Error && reason.name === 'TokenExpiredError') return new AccessTokenExpiredError();
  // Signature, algorithm, issuer, audience, nbf, malformed: one answer; details would help forgers.
  return new UnauthenticatedError('The credentials are not valid');
}
