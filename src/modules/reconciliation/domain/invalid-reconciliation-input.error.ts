import { DomainError } from '../../../platform/errors/domain-error';

export interface InputProblem {
  /** Where the bad value is, e.g. `invoices[3].lines[1].currency`. */
  readonly path: string;
  readonly message: string;
}

/**
 * The documents handed to the engine are not well formed: the problems found are listed (the first
 * ones, when there are many) and `total` counts them all.
 */
export class InvalidReconciliationInputError extends DomainError {
  readonly code = 'RECONCILIATION.INVALID_INPUT';

  constructor(
    readonly problems: readonly InputProblem[],
    readonly total: number = problems.length,
  ) {
    super(
      total > problems.length
        ? `Reconciliation input is invalid: ${total} problems, the first ${problems.length} listed`
        : `Reconciliation input is invalid: ${total} problem(s)`,
      { problems, total },
    );
  }
}
