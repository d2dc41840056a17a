import { DomainError } from '../../../platform/errors/domain-error';

export interface DependencyStatus {
  status: 'up' | 'down';
  [fact: string]: unknown;
}

export class NotReadyError extends DomainError {
  readonly code = 'HEALTH.NOT_READY';
  constructor(failing: string[], checks: Record<string, DependencyStatus>) {
    super(`Not ready: ${failing.join(', ')} down`, { failing, checks });
  }
}
