import { DomainError } from '../../../platform/errors/domain-error';

export interface InputProblem {
  /** Where the bad value is, e.g. `invoices[3].lines[1].currency`. */
  readonly path: string;
  readonly message: string;
}

/** The documents handed to the engine are not well formed; every problem found is listed. */
export class InvalidReconciliationInputError extends DomainError {
  readonly code = 'RECONCILIATION.INVALID_INPUT';

  constructor(readonly problems: readonly InputProblem[]) {
    super(`Reconciliation input is invalid: ${problems.length} problem(s)`, { problems });
  }
}
