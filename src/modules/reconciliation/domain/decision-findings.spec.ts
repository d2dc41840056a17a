import { DecisionFindings } from './decision-findings';
import { REASON_CODES } from './reason-code';

describe('decision findings', () => {
  it('auto-matches when nothing was raised', () => {
    expect(new DecisionFindings().verdict()).toEqual({ tier: 'auto_matched', reason: null, reasons: [] });
  });

  it('makes a suggestion of a review finding and an exception of a blocking one', () => {
    const review = new DecisionFindings();
    review.raise('AMBIGUOUS_MATCH', 'review');
    expect(review.verdict().tier).toBe('suggested');
    review.raise('PRICE_VARIANCE', 'blocking');
    expect(review.verdict()).toMatchObject({ tier: 'exception', reason: 'AMBIGUOUS_MATCH' });
  });

  it('puts the root cause first, following the documented priority (docs/matching.md)', () => {
    const findings = new DecisionFindings();
    for (const code of [...REASON_CODES].reverse()) findings.raise(code, 'blocking');
    expect(findings.verdict().reasons).toEqual([
      'DUPLICATE_INVOICE',
      'BANK_DETAILS_CHANGED',
      'VENDOR_MISMATCH',
      'CURRENCY_MISMATCH',
      'PO_NOT_FOUND',
      'AMBIGUOUS_MATCH',
      'OVER_INVOICED',
      'QTY_VARIANCE',
      'NOT_RECEIVED',
      'PRICE_VARIANCE',
      'TAX_MISMATCH',
    ]);
  });

  it('never lets a warning be the primary reason of an exception', () => {
    const findings = new DecisionFindings();
    findings.raise('DUPLICATE_INVOICE', 'warning');
    findings.raise('TAX_MISMATCH', 'blocking');
    expect(findings.verdict()).toMatchObject({
      tier: 'exception',
      reason: 'TAX_MISMATCH',
      reasons: ['TAX_MISMATCH', 'DUPLICATE_INVOICE'],
    });
  });
});
