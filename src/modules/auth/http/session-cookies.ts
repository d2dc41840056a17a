import { Injectable } from '@nestjs/common';
import type { CookieOptions, Request, Response } from 'express';
import { AppConfig } from '../../../platform/config/app-config';
import { Clock } from '../../../platform/clock/clock';

export const REFRESH_COOKIE_PATH = '/auth/refresh';

export interface CookieNames {
  access: string;
  refresh: string;
  csrf: string;
}

/**
 * `__Host-` cookies are Secure, host-only and Path=/ by browser rule, which fits the access and
 * CSRF cookies. The refresh cookie must reach only the refresh route, and `__Host-` forbids any
 * Path but /, so it uses `__Secure-` (Secure enforced by the browser, Path free). With
 * COOKIE_SECURE=false (local http only; refused in production) browsers reject both prefixes, so
 * the names drop them.
 */
export function cookieNames(secure: boolean): CookieNames {
  return secure
    ? { access: '__Host-finrecon-access', refresh: '__Secure-finrecon-refresh', csrf: '__Host-finrecon-csrf' }
    : { access: 'finrecon-access', refresh: 'finrecon-refresh', csrf: 'finrecon-csrf' };
}

export interface SessionCookieValues {
  accessToken: string;
  refreshToken: string;
  refreshExpiresAt: Date;
  csrfToken: string;
}

/**
 * Sets and clears the SPA's session cookies. All three live as long as the refresh token: the
 * access cookie too, so that an expired access token still reaches the API, which answers
 * `AUTH.TOKEN_EXPIRED` (the SPA's cue to refresh) instead of `AUTH.UNAUTHENTICATED` (signed out).
 */
@Injectable()
export class SessionCookies {
  readonly names: CookieNames;

  constructor(
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {
    this.names = cookieNames(config.auth.cookieSecure);
  }

  set(response: Response, values: SessionCookieValues): void {
    response.cookie(this.names.access, values.accessToken, this.options('/', values.refreshExpiresAt, true));
    response.cookie(
      this.names.refresh,
      values.refreshToken,
      this.options(REFRESH_COOKIE_PATH, values.refreshExpiresAt, true),
    );
    // Readable by the SPA's own script when it shares the API's host; otherwise it uses the copy in the body.
    response.cookie(this.names.csrf, values.csrfToken, this.options('/', values.refreshExpiresAt, false));
  }

  clear(response: Response): void {
    const base = { secure: this.config.auth.cookieSecure, sameSite: 'strict' as const, httpOnly: true };
    response.clearCookie(this.names.access, { ...base, path: '/' });
    response.clearCookie(this.names.refresh, { ...base, path: REFRESH_COOKIE_PATH });
    response.clearCookie(this.names.csrf, { ...base, httpOnly: false, path: '/' });
  }

  read(request: Request, name: keyof CookieNames): string | undefined {
    const cookies: unknown = request.cookies;
    if (typeof cookies !== 'object' || cookies === null) return undefined;
    const value = (cookies as Record<string, unknown>)[this.names[name]];
    return typeof value === 'string' && value.length > 0 ? value : undefined;
  }

  private options(path: string, expiresAt: Date, httpOnly: boolean): CookieOptions {
    return {
      httpOnly,
      secure: this.config.auth.cookieSecure,
      sameSite: 'strict',
      path,
      maxAge: Math.max(0, expiresAt.getTime() - this.clock.now().getTime()),
    };
  }
}
