import { DomainError } from '../../../platform/errors/domain-error';

export class RateLimitedError extends DomainError {
  readonly code = 'REQUEST.RATE_LIMITED';
  constructor(retryAfterSeconds: number) {
    super(`Too many requests; retry in ${retryAfterSeconds} s`, { retryAfterSeconds });
  }
}
