import { ExecutionContext, Injectable } from '@nestjs/common';
import { ThrottlerGuard, ThrottlerLimitDetail } from '@nestjs/throttler';
import type { Response } from 'express';
import { RateLimitedError } from './rate-limited.error';

/**
 * @nestjs/throttler's guard with our answer: 429 problem+json REQUEST.RATE_LIMITED and a plain
 * Retry-After header whichever named limit was hit (the library would suffix the header name).
 * Run by the access guard after authentication, so limits can follow the principal.
 */
@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  protected override async throwThrottlingException(
    context: ExecutionContext,
    detail: ThrottlerLimitDetail,
  ): Promise<void> {
    const retryAfter = Math.max(1, detail.timeToBlockExpire);
    context.switchToHttp().getResponse<Response>().setHeader('Retry-After', String(retryAfter));
    throw new RateLimitedError(retryAfter);
  }
}
