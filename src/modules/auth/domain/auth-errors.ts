import { DomainError } from '../../../platform/errors/domain-error';

/** One answer for unknown user, wrong password, disabled and locked accounts: no enumeration. */
export class InvalidCredentialsError extends DomainError {
  readonly code = 'AUTH.INVALID_CREDENTIALS';
  constructor() {
    super('Invalid credentials, or the account is temporarily locked');
  }
}

export class UnauthenticatedError extends DomainError {
  readonly code = 'AUTH.UNAUTHENTICATED';
  constructor(message = 'Authentication is required') {
    super(message);
  }
}

export class AccessTokenExpiredError extends DomainError {
  readonly code = 'AUTH.TOKEN_EXPIRED';
  constructor() {
    super('The access token has expired; refresh it');
  }
}

export class SessionRevokedError extends DomainError {
  readonly code = 'AUTH.SESSION_REVOKED';
  constructor() {
    super('This session has been revoked; sign in again');
  }
}

export class RefreshTokenInvalidError extends DomainError {
  readonly code = 'AUTH.REFRESH_TOKEN_INVALID';
  constructor() {
    super('The refresh token is missing, unknown or expired; sign in again');
  }
}

export class RefreshTokenReusedError extends DomainError {
  readonly code = 'AUTH.REFRESH_TOKEN_REUSED';
  constructor() {
    super('This refresh token was already used; the session has been revoked');
  }
}

export class CsrfRejectedError extends DomainError {
  readonly code = 'AUTH.CSRF_REJECTED';
  constructor() {
    super('A valid X-CSRF-Token header is required for this request');
  }
}

export class OriginRejectedError extends DomainError {
  readonly code = 'AUTH.ORIGIN_REJECTED';
  constructor() {
    super('The request comes from an origin that is not allowed');
  }
}

export class ForbiddenError extends DomainError {
  readonly code = 'AUTH.FORBIDDEN';
  constructor(message = 'Your roles do not allow this') {
    super(message);
  }
}

/** Logout with an API key: a key is no session; it ends when it is revoked. */
export class NotASessionError extends DomainError {
  readonly code = 'AUTH.NOT_A_SESSION';
  constructor() {
    super('An API key has no session to end; revoke the key to stop it (DELETE /api-keys/{keyId})');
  }
}

/** An administrator locking themselves out: a different answer from a role denial, which a retry as another admin cures. */
export class SelfLockoutError extends DomainError {
  readonly code = 'AUTH.SELF_LOCKOUT';
  constructor(message: string) {
    super(message);
  }
}

export class PlatformOnlyError extends DomainError {
  readonly code = 'AUTH.PLATFORM_ONLY';
  constructor() {
    super('Platform administrators act on /platform routes only');
  }
}

export class WeakPasswordError extends DomainError {
  readonly code = 'AUTH.WEAK_PASSWORD';
  constructor(readonly reasons: string[]) {
    super(`The password is not acceptable: ${reasons.join('; ')}`, { reasons });
  }
}

export class RoleNotGrantableError extends DomainError {
  readonly code = 'AUTH.ROLE_NOT_GRANTABLE';
  constructor(roles: string[]) {
    super(
      roles.length === 0
        ? 'A user needs at least one role that can be granted here'
        : `These roles cannot be granted here: ${roles.join(', ')}`,
      { roles },
    );
  }
}

export class UserNotFoundError extends DomainError {
  readonly code = 'AUTH.USER_NOT_FOUND';
  constructor() {
    super('No such user');
  }
}

/** What an account email must be, in the words every entry point refuses one with. */
export const ACCOUNT_EMAIL_RULE =
  'An account email is an address of at most 254 characters, like name@example.com, without invisible characters and without letters of another script mixed with Latin ones';

export class InvalidEmailError extends DomainError {
  readonly code = 'AUTH.INVALID_EMAIL';
  constructor() {
    super(ACCOUNT_EMAIL_RULE);
  }
}

export class EmailTakenError extends DomainError {
  readonly code = 'AUTH.EMAIL_TAKEN';
  constructor() {
    super('A user with this email already exists in this tenant');
  }
}

export class ApiKeyNotFoundError extends DomainError {
  readonly code = 'AUTH.API_KEY_NOT_FOUND';
  constructor() {
    super('No such API key');
  }
}

export class ApiKeyExpiryInvalidError extends DomainError {
  readonly code = 'AUTH.API_KEY_EXPIRY_INVALID';
  constructor() {
    super('An API key expiry must be a date and time that lies in the future');
  }
}

/**
 * Revocation state (or whatever else a credential check needs) could not be read: refuse rather
 * than let a possibly revoked token through, and say 503, not 401, since the credentials may be good.
 */
export class RevocationCheckUnavailableError extends DomainError {
  readonly code = 'SERVICE.UNAVAILABLE';
  /** `cause`: what failed (Redis unreachable, no answer in time), kept for the log. */
  constructor(message = 'Sessions cannot be checked right now; retry shortly', cause?: unknown) {
    super(message, undefined, cause === undefined ? undefined : { cause });
  }
}
