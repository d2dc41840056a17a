import { Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import { PinoLogger } from 'nestjs-pino';
import passport from 'passport';
import type { Strategy } from 'passport';
import { DomainError } from '../../../platform/errors/domain-error';
import {
  AccessTokenExpiredError,
  RevocationCheckUnavailableError,
  UnauthenticatedError,
} from '../domain/auth-errors';
import type { Principal } from '../domain/principal';
import { SessionCookies } from './session-cookies';
import { API_KEY_HEADER, ApiKeyStrategy } from './strategies/api-key.strategy';
import { JwtBearerStrategy } from './strategies/jwt-bearer.strategy';
import { JwtCookieStrategy } from './strategies/jwt-cookie.strategy';
import { loggableError } from '../../../platform/logging/redaction';

export type CredentialResult = { principal: Principal } | { failure: DomainError } | null;

/**
 * Runs the one passport strategy that matches what the request presents: an API key, else a
 * bearer token, else the access cookie. Explicit credentials win over the ambient cookie and a bad
 * explicit credential never falls back to the cookie. Strategy instances are passed to passport
 * directly (not looked up by name in its global registry), so two apps in one process stay apart.
 * A verification that breaks (the database or Redis behind it fails) answers 503, not 401: the
 * credentials may be good, and a 401 would sign the SPA out and hide the outage.
 */
@Injectable()
export class CredentialCheck {
  constructor(
    private readonly apiKey: ApiKeyStrategy,
    private readonly bearer: JwtBearerStrategy,
    private readonly cookie: JwtCookieStrategy,
    private readonly cookies: SessionCookies,
    private readonly logger: PinoLogger,
  ) {
    this.logger.setContext(CredentialCheck.name);
  }

  async verify(request: Request, response: Response): Promise<CredentialResult> {
    const strategy = this.strategyFor(request);
    if (!strategy) return null;
    return new Promise<CredentialResult>((resolve) => {
      const done = (error: unknown, principal: Principal | false, info: unknown) => {
        if (error) resolve({ failure: this.brokenCheck(error) });
        else if (principal) resolve({ principal });
        else resolve({ failure: asFailure(info) });
      };
      // passport sets success/fail/error on the strategy object it is given; given an instance, it
      // would overwrite the callbacks of a concurrent request still verifying (which then never
      // answers). A per-request object inheriting from the instance is what passport itself makes
      // for strategies looked up by name.
      const perRequest = Object.create(strategy) as Strategy;
      passport.authenticate(perRequest, { session: false }, done)(request, response, (error: unknown) =>
        resolve({ failure: error ? this.brokenCheck(error) : asFailure(undefined) }),
      );
    });
  }

  private strategyFor(request: Request): Strategy | null {
    if (request.headers[API_KEY_HEADER] !== undefined) return this.apiKey as unknown as Strategy;
    if (request.headers.authorization !== undefined) return this.bearer as unknown as Strategy;
    if (this.cookies.read(request, 'access')) return this.cookie as unknown as Strategy;
    return null;
  }

  /** What a strategy raised (rather than failed with): refusals stay refusals, anything else is an outage. */
  private brokenCheck(error: unknown): DomainError {
    if (error instanceof DomainError || isJwtError(error)) return asFailure(error);
    // Type, code, message and stack only: a driver error's other fields can carry query parameters.
    this.logger.error({ error: loggableError(error) }, 'credential verification failed');
    return new RevocationCheckUnavailableError('Credentials cannot be checked right now; retry shortly');
  }
}

function isJwtError(error: unknown): boolean {
  return (
    error instanceof Error &&
    ['JsonWebTokenError', 'TokenExpiredError', 'NotBeforeError'].includes(error.name)
  );
}

/** A refusal: the credentials are missing, malformed, forged, expired, unknown or revoked. */
function asFailure(reason: unknown): DomainError {
  if (reason instanceof DomainError) return reason;
  if (reason instanceof Error && reason.name === 'TokenExpiredError') return new AccessTokenExpiredError();
  // Signature, algorithm, issuer, audience, nbf, malformed: one answer; details would help forgers.
  return new UnauthenticatedError('The credentials are not valid');
}
