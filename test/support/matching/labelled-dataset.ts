import type { MatchTier } from '../../../src/modules/reconciliation/domain/match-decision';
import type { ReasonCode } from '../../../src/modules/reconciliation/domain/reason-code';
import type { ReconciliationInput } from '../../../src/modules/reconciliation/domain/reconciliation-input';

/** What a careful person would decide for one generated invoice. */
export interface MatchLabel {
  readonly scenario: string;
  readonly tier: MatchTier;
  /** Primary reason; null for a clean automatic match. */
  readonly reason: ReasonCode | null;
  /** The purchase orders the invoice really belongs to (empty when it has none). */
  readonly poNumbers: readonly string[];
  /** For POs nobody could tell apart: all of them (a suggestion naming any one is right). */
  readonly twins?: readonly string[];
}

export interface LabelledDataset {
  readonly input: ReconciliationInput;
  /** `labels[i]` describes `input.invoices[i]`. */
  readonly labels: readonly MatchLabel[];
}
