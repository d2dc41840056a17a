import { Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { timingSafeEqual } from 'node:crypto';
import { AppConfig } from '../../../platform/config/app-config';
import { CsrfTokens } from '../application/csrf-tokens';
import { CsrfRejectedError, OriginRejectedError } from '../domain/auth-errors';
import { SessionCookies } from './session-cookies';

export const CSRF_HEADER = 'x-csrf-token';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * For requests that a browser authenticates on its own (cookies): an allowed Origin (or Referer)
 * and the anti-CSRF token in X-CSRF-Token, equal to the CSRF cookie (double submit) and signed for
 * this very session. SameSite=Strict already keeps other sites' requests cookie-less; this also
 * stops same-site origins that are not ours (another port, a sibling subdomain).
 */
@Injectable()
export class CsrfCheck {
  constructor(
    private readonly config: AppConfig,
    private readonly tokens: CsrfTokens,
    private readonly cookies: SessionCookies,
  ) {}

  isStateChanging(request: Request): boolean {
    return !SAFE_METHODS.has(request.method);
  }

  assert(request: Request, sessionId: string | undefined): void {
    this.assertOrigin(request);
    const header = request.headers[CSRF_HEADER];
    const cookie = this.cookies.read(request, 'csrf');
    if (typeof header !== 'string' || !cookie || !sessionId || !same(header, cookie)) {
      throw new CsrfRejectedError();
    }
    if (!this.tokens.verify(header, sessionId)) throw new CsrfRejectedError();
  }

  assertOrigin(request: Request): void {
    const origin = originOf(request);
    if (!origin || !this.config.http.corsOrigins.includes(origin)) throw new OriginRejectedError();
  }
}

function originOf(request: Request): string | undefined {
  const origin = request.headers.origin;
  if (typeof origin === 'string' && origin !== 'null') return origin;
  const referer = request.headers.referer;
  if (typeof referer !== 'string') return undefined;
  try {
    return new URL(referer).origin;
  } catch {
    return undefined;
  }
}

function same(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
