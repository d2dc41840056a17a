import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { Request } from 'express';
import { Strategy } from 'passport-strategy';
import { ApiKeyAuthentication } from '../../application/api-key-authentication';
import type { Principal } from '../../domain/principal';
import { UnauthenticatedError } from '../../domain/auth-errors';

export const API_KEY = 'api-key';
export const API_KEY_HEADER = 'x-api-key';

type Verify = (key: string, done: (error: unknown, principal?: Principal | null) => void) => void;

/** Passport strategy for `X-Api-Key`: succeeds with the key's principal, else fails. */
class ApiKeyHeaderStrategy extends Strategy {
  constructor(private readonly verify: Verify) {
    super();
  }

  override authenticate(request: Request): void {
    const presented = request.headers[API_KEY_HEADER];
    if (typeof presented !== 'string' || presented.length === 0 || presented.length > 200) {
      this.fail(new UnauthenticatedError('A valid API key is required'), 401);
      return;
    }
    this.verify(presented, (error, principal) => {
      if (error) this.error(error instanceof Error ? error : new Error(String(error)));
      else if (!principal) this.fail(new UnauthenticatedError('The API key is not valid'), 401);
      else this.success(principal);
    });
  }
}

@Injectable()
export class ApiKeyStrategy extends PassportStrategy(ApiKeyHeaderStrategy, API_KEY) {
  constructor(private readonly authentication: ApiKeyAuthentication) {
    super();
  }

  validate(key: string): Promise<Principal | null> {
    return this.authentication.principalFor(key);
  }
}
