import type { FieldExplanation, MatchTier } from './match-decision';
import { reasonPriority, type ReasonCode } from './reason-code';

export type FindingSeverity = 'blocking' | 'review' | 'warning';

export interface Verdict {
  readonly tier: MatchTier;
  readonly reason: ReasonCode | null;
  readonly reasons: ReasonCode[];
}

const SEVERITY_RANK: Record<FindingSeverity, number> = { warning: 0, review: 1, blocking: 2 };

/**
 * Everything checked for one invoice: the per-field explanation and the reasons raised. A blocking
 * reason makes an exception, a review reason a suggestion; warnings are reported but do not hold the invoice.
 *
 * Findings that do not `explain` only collect reasons: the engine decides with those and builds the
 * explanation later, when someone reads it (it is the bulk of a decision's memory). Callers check
 * `explains` before building an entry.
 */
export class DecisionFindings {
  readonly explanation: FieldExplanation[] = [];
  private readonly raised = new Map<ReasonCode, FindingSeverity>();

  constructor(readonly explains = true) {}

  explain(entry: FieldExplanation): void {
    if (this.explains) this.explanation.push(entry);
  }

  raise(code: ReasonCode, severity: FindingSeverity): void {
    const current = this.raised.get(code);
    if (current === undefined || SEVERITY_RANK[severity] > SEVERITY_RANK[current])
      this.raised.set(code, severity);
  }

  has(code: ReasonCode): boolean {
    return this.raised.has(code);
  }

  /** The tier follows the most severe finding; the primary reason is the root cause among those that hold the invoice. */
  verdict(): Verdict {
    let worst: FindingSeverity | null = null;
    for (const severity of this.raised.values()) {
      if (worst === null || SEVERITY_RANK[severity] > SEVERITY_RANK[worst]) worst = severity;
    }
    const reasons = [...this.raised.keys()].sort((a, b) => reasonPriority(a) - reasonPriority(b));
    if (worst === null) return { tier: 'auto_matched', reason: null, reasons };
    const tier: MatchTier =
      worst === 'blocking' ? 'exception' : worst === 'review' ? 'suggested' : 'auto_matched';
    const holding = reasons.filter((code) => worst === 'warning' || this.raised.get(code) !== 'warning');
    return {
      tier,
      reason: holding[0] ?? null,
      reasons: [...holding, ...reasons.filter((code) => !holding.includes(code))],
    };
  }
}
