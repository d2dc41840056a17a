import type { MatchDecision } from './match-decision';
import type { PoLineConsumption } from './po-line-consumption';

export interface ReconciliationResult {
  /** One per invoice, in input order. */
  readonly decisions: readonly MatchDecision[];
  /**
   * Invoiced quantity per PO line after this run (earlier runs plus this run's automatic matches),
   * for every line that has any; feed it to the next run as `consumed`.
   */
  readonly consumption: readonly PoLineConsumption[];
}
