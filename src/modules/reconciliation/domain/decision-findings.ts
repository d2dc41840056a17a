import type { FieldExplanation, MatchTier } from './match-decision';
import { REASON_CODES, reasonPriority, type ReasonCode } from './reason-code';

export type FindingSeverity = 'blocking' | 'review' | 'warning';

export interface Verdict {
  readonly tier: MatchTier;
  readonly reason: ReasonCode | null;
  readonly reasons: ReasonCode[];
}

const SEVERITY_RANK: Record<FindingSeverity, number> = { warning: 0, review: 1, blocking: 2 };
const SEVERITIES: readonly FindingSeverity[] = ['warning', 'review', 'blocking'];
const NOT_RAISED = -1;

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
  /** The severity rank raised per reason code, in priority order (NOT_RAISED when not): no map per decision. */
  private readonly raised: number[] = REASON_CODES.map(() => NOT_RAISED);

  constructor(readonly explains = true) {}

  explain(entry: FieldExplanation): void {
    if (this.explains) this.explanation.push(entry);
  }

  raise(code: ReasonCode, severity: FindingSeverity): void {
    const at = reasonPriority(code);
    this.raised[at] = Math.max(this.raised[at], SEVERITY_RANK[severity]);
  }

  has(code: ReasonCode): boolean {
    return this.raised[reasonPriority(code)] !== NOT_RAISED;
  }

  /** The tier follows the most severe finding; the primary reason is the root cause among those that hold the invoice. */
  verdict(): Verdict {
    let worst = NOT_RAISED;
    const reasons: ReasonCode[] = [];
    for (let at = 0; at < this.raised.length; at += 1) {
      if (this.raised[at] === NOT_RAISED) continue;
      reasons.push(REASON_CODES[at]);
      worst = Math.max(worst, this.raised[at]);
    }
    if (worst === NOT_RAISED) return { tier: 'auto_matched', reason: null, reasons };
    const severity = SEVERITIES[worst];
    const tier: MatchTier =
      severity === 'blocking' ? 'exception' : severity === 'review' ? 'suggested' : 'auto_matched';
    if (severity === 'warning') return { tier, reason: reasons[0], reasons };
    // Reasons that hold the invoice first (in priority order), then the warnings.
    const warning = SEVERITY_RANK.warning;
    const holding = reasons.filter((code) => this.raised[reasonPriority(code)] !== warning);
    for (const code of reasons) if (this.raised[reasonPriority(code)] === warning) holding.push(code);
    return { tier, reason: holding[0], reasons: holding };
  }
}
