import { explainDecision, type DecisionGrounds } from './decision-grounds';
import type { FieldExplanation, MatchDecision, MatchedPoLine } from './match-decision';
import { summarizeMatchedLines } from './matched-lines';

/** A decision without the parts written on demand. */
export type DecisionFacts = Omit<MatchDecision, 'matchedLines' | 'explanation'>;

/**
 * The decision as consumers see it. The matched lines and the explanation are written the first
 * time they are read (then kept): a large run holds millions of field explanations otherwise, most
 * of them never looked at, and building and keeping them cost more than deciding.
 */
export function explainedLazily(facts: DecisionFacts, grounds: DecisionGrounds): MatchDecision {
  let matchedLines: MatchedPoLine[] | null = null;
  let explanation: FieldExplanation[] | null = null;
  return {
    invoiceIndex: facts.invoiceIndex,
    invoiceNumber: facts.invoiceNumber,
    vendorName: facts.vendorName,
    vendorTaxId: facts.vendorTaxId,
    kind: facts.kind,
    currency: facts.currency,
    tier: facts.tier,
    reason: facts.reason,
    reasons: facts.reasons,
    score: facts.score,
    poNumbers: facts.poNumbers,
    get matchedLines(): readonly MatchedPoLine[] {
      matchedLines ??= summarizeMatchedLines(grounds.allocations, grounds.invoice.currency.exponent);
      return matchedLines;
    },
    candidates: facts.candidates,
    get explanation(): readonly FieldExplanation[] {
      explanation ??= explainDecision(grounds);
      return explanation;
    },
    duplicateOf: facts.duplicateOf,
  };
}
