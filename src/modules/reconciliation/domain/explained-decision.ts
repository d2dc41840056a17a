import { explainDecision, type DecisionGrounds } from './decision-grounds';
import type { DecisionRecord } from './decision-record';
import type {
  CandidatePurchaseOrder,
  FieldExplanation,
  MatchDecision,
  MatchedPoLine,
  MatchTier,
} from './match-decision';
import type { InvoiceKind } from './invoice';
import { summarizeMatchedLines } from './matched-lines';
import type { ReasonCode } from './reason-code';

/** A decision without the parts written on demand. */
export type DecisionFacts = Omit<MatchDecision, 'matchedLines' | 'explanation'>;

/**
 * The decision as consumers see it. The matched lines and the explanation are written the first
 * time they are read (then kept): a large run holds millions of field explanations otherwise, most
 * of them never looked at, and building and keeping them cost more than deciding.
 *
 * Both are own, enumerable accessor properties (JSON and test matchers see them, in the order of
 * `MatchDecision`) whose getters are shared by every decision: a getter closure per object would
 * give each decision its own hidden class, and V8 would keep every one of them as a slow dictionary.
 */
class LazilyExplainedDecision implements MatchDecision {
  declare readonly invoiceIndex: number;
  declare readonly invoiceNumber: string;
  declare readonly vendorName: string;
  declare readonly vendorTaxId: string | null;
  declare readonly kind: InvoiceKind;
  declare readonly currency: string;
  declare readonly tier: MatchTier;
  declare readonly reason: ReasonCode | null;
  declare readonly reasons: readonly ReasonCode[];
  declare readonly score: number;
  declare readonly poNumbers: readonly string[];
  declare readonly matchedLines: readonly MatchedPoLine[];
  declare readonly candidates: readonly CandidatePurchaseOrder[];
  declare readonly explanation: readonly FieldExplanation[];
  declare readonly duplicateOf: string | null;

  readonly #record: DecisionRecord;
  #grounds: DecisionGrounds | null = null;
  #matchedLines: MatchedPoLine[] | null = null;
  #explanation: FieldExplanation[] | null = null;

  static readonly #matchedLinesProperty: PropertyDescriptor = {
    enumerable: true,
    get(this: LazilyExplainedDecision): readonly MatchedPoLine[] {
      if (this.#matchedLines) return this.#matchedLines;
      const grounds = this.#groundsOnce();
      this.#matchedLines = summarizeMatchedLines(grounds.allocations, grounds.invoice.currency.exponent);
      return this.#matchedLines;
    },
  };

  static readonly #explanationProperty: PropertyDescriptor = {
    enumerable: true,
    get(this: LazilyExplainedDecision): readonly FieldExplanation[] {
      this.#explanation ??= explainDecision(this.#groundsOnce());
      return this.#explanation;
    },
  };

  constructor(facts: DecisionFacts, record: DecisionRecord) {
    this.#record = record;
    this.invoiceIndex = facts.invoiceIndex;
    this.invoiceNumber = facts.invoiceNumber;
    this.vendorName = facts.vendorName;
    this.vendorTaxId = facts.vendorTaxId;
    this.kind = facts.kind;
    this.currency = facts.currency;
    this.tier = facts.tier;
    this.reason = facts.reason;
    this.reasons = facts.reasons;
    this.score = facts.score;
    this.poNumbers = facts.poNumbers;
    Object.defineProperty(this, 'matchedLines', LazilyExplainedDecision.#matchedLinesProperty);
    this.candidates = facts.candidates;
    Object.defineProperty(this, 'explanation', LazilyExplainedDecision.#explanationProperty);
    this.duplicateOf = facts.duplicateOf;
  }

  #groundsOnce(): DecisionGrounds {
    this.#grounds ??= this.#record.grounds();
    return this.#grounds;
  }
}

export function explainedLazily(facts: DecisionFacts, record: DecisionRecord): MatchDecision {
  return new LazilyExplainedDecision(facts, record);
}
