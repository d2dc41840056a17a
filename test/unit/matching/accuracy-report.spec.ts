import {
  measureAccuracy,
  scenarioAgreement,
  type ScoredDecision,
} from '../../support/matching/accuracy-report';
import type { MatchLabel } from '../../support/matching/labelled-dataset';

const clean: MatchLabel = { scenario: 'clean', tier: 'auto_matched', reason: null, poNumbers: ['PO-1'] };
const twins: MatchLabel = {
  scenario: 'twin_purchase_orders',
  tier: 'suggested',
  reason: 'AMBIGUOUS_MATCH',
  poNumbers: ['PO-7'],
  twins: ['PO-7', 'PO-8'],
};
const priceVariance: MatchLabel = {
  scenario: 'price_variance',
  tier: 'exception',
  reason: 'PRICE_VARIANCE',
  poNumbers: ['PO-3'],
};
const auto = (po: string): ScoredDecision => ({ tier: 'auto_matched', reason: null, poNumbers: [po] });
const ambiguous = (po: string, others: readonly string[]): ScoredDecision => ({
  tier: 'suggested',
  reason: 'AMBIGUOUS_MATCH',
  poNumbers: [po],
  candidates: others.map((poNumber) => ({ poNumber })),
});

describe('accuracy measures of the matching engine', () => {
  it('counts an automatic match to another PO as a wrong one', () => {
    const figures = measureAccuracy([clean, clean], [auto('PO-1'), auto('PO-2')]);
    expect(figures).toMatchObject({ autoMatched: 2, wrongAutoMatches: 1, autoPrecision: 0.5 });
  });

  it('recalls the right PO only when the decision names it as its own, outside twin POs', () => {
    const figures = measureAccuracy(
      [clean, clean],
      [ambiguous('PO-2', ['PO-1']), ambiguous('PO-1', ['PO-2'])],
    );
    expect(figures.rightPoRecall).toBe(0.5);
  });

  it('recalls twin POs when an AMBIGUOUS_MATCH suggestion lists any of them, never when one is auto-matched', () => {
    const figures = measureAccuracy([twins, twins], [ambiguous('PO-9', ['PO-8']), auto('PO-7')]);
    expect(figures).toMatchObject({ rightPoRecall: 0.5, twinsAutoMatched: 1, autoPrecision: 0 });
  });

  it('counts an exception only with the labelled primary reason', () => {
    const wrongReason: ScoredDecision = { tier: 'exception', reason: 'QTY_VARIANCE', poNumbers: ['PO-3'] };
    const rightReason: ScoredDecision = { ...wrongReason, reason: 'PRICE_VARIANCE' };
    const suggested: ScoredDecision = { ...rightReason, tier: 'suggested' };
    const figures = measureAccuracy(
      [priceVariance, priceVariance, priceVariance],
      [wrongReason, rightReason, suggested],
    );
    expect(figures.exceptionReasonAccuracy).toBeCloseTo(1 / 3);
  });

  it('tells per scenario how many invoices were decided as labelled, and what else was decided', () => {
    const agreement = scenarioAgreement(
      [clean, clean, priceVariance],
      [auto('PO-1'), auto('PO-2'), { tier: 'exception', reason: 'PRICE_VARIANCE', poNumbers: [] }],
    );
    expect([...agreement.keys()]).toEqual(['clean', 'price_variance']);
    expect(agreement.get('clean')).toMatchObject({ total: 2, asLabelled: 1 });
    expect([...(agreement.get('clean')?.misses ?? [])]).toEqual([['auto_matched/-', 1]]);
    expect(agreement.get('price_variance')).toMatchObject({ total: 1, asLabelled: 1 });
  });
});
