import type { FieldExplanation, MatchTier } from './match-decision';
import { REASON_CODES, reasonPriority, type ReasonCode } from './reason-code';

export type FindingSeverity = 'blocking' | 'review' | 'warning';

export interface Verdict {
  readonly tier: MatchTier;
  readonly reason: ReasonCode | null;
  readonly reasons: readonly ReasonCode[];
}

const SEVERITY_RANK: Record<FindingSeverity, number> = { warning: 0, review: 1, blocking: 2 };
const TIER_OF_RANK: readonly MatchTier[] = ['auto_matched', 'suggested', 'exception'];
const WARNING = SEVERITY_RANK.warning;
const NOT_RAISED = -1;
/** Each reason code holds its severity rank plus one in two bits of `raised` (0: not raised). */
const RANK_BITS = 2;
const RANK_MASK = 3;
/** Findings that do not explain never add an entry: they all share this empty list. */
const NO_EXPLANATION: FieldExplanation[] = [];
/** Every clean verdict shares one empty list of reasons (a run keeps every decision's list). */
const NO_REASONS: readonly ReasonCode[] = Object.freeze([]);

/**
 * Everything checked for one invoice: the per-field explanation and the reasons raised. A blocking
 * reason makes an exception, a review reason a suggestion; warnings are reported but do not hold the invoice.
 *
 * Findings that do not `explain` only collect reasons: the engine decides with those and builds the
 * explanation later, when someone reads it (it is the bulk of a decision's memory). Callers check
 * `explains` before building an entry.
 */
export class DecisionFindings {
  readonly explanation: FieldExplanation[];
  /** The severity rank raised per reason code, packed by priority: one number, no array per decision. */
  private raised = 0;

  constructor(readonly explains = true) {
    this.explanation = explains ? [] : NO_EXPLANATION;
  }

  explain(entry: FieldExplanation): void {
    if (this.explains) this.explanation.push(entry);
  }

  raise(code: ReasonCode, severity: FindingSeverity): void {
    const at = reasonPriority(code);
    const rank = SEVERITY_RANK[severity];
    if (rank <= this.rankAt(at)) return;
    const shift = at * RANK_BITS;
    this.raised = (this.raised & ~(RANK_MASK << shift)) | ((rank + 1) << shift);
  }

  has(code: ReasonCode): boolean {
    return this.rankAt(reasonPriority(code)) !== NOT_RAISED;
  }

  /** The tier follows the most severe finding; the primary reason is the root cause among those that hold the invoice. */
  verdict(): Verdict {
    let worst = NOT_RAISED;
    let count = 0;
    for (let at = 0; at < REASON_CODES.length; at += 1) {
      const rank = this.rankAt(at);
      if (rank !== NOT_RAISED) count += 1;
      worst = Math.max(worst, rank);
    }
    if (worst === NOT_RAISED) return { tier: 'auto_matched', reason: null, reasons: NO_REASONS };
    // Reasons that hold the invoice first (in priority order), then the warnings; only warnings: in priority order.
    // Sized up front: a decision keeps its list, and one grown by `push` holds room for 16.
    const reasons = new Array<ReasonCode>(count);
    const holding = worst !== WARNING ? this.collect(reasons, 0, true) : 0;
    this.collect(reasons, holding, false);
    return { tier: TIER_OF_RANK[worst], reason: reasons[0], reasons };
  }

  private rankAt(at: number): number {
    return ((this.raised >>> (at * RANK_BITS)) & RANK_MASK) - 1;
  }

  /**
   * Puts the reasons raised that hold the invoice (`holding`) or are warnings into `reasons` from
   * `start`, in priority order; returns where the next one goes.
   */
  private collect(reasons: ReasonCode[], start: number, holding: boolean): number {
    let next = start;
    for (let at = 0; at < REASON_CODES.length; at += 1) {
      const rank = this.rankAt(at);
      if (rank !== NOT_RAISED && (rank !== WARNING) === holding) reasons[next++] = REASON_CODES[at];
    }
    return next;
  }
}
