import { MatchingEngine } from '../../../src/modules/reconciliation/domain/matching-engine';
import {
  confusionTable,
  formatFigures,
  measureAccuracy,
  scenarioAgreement,
} from '../../support/matching/accuracy-report';
import { generateApDataset } from '../../support/matching/ap-data-generator';
import { decisionInconsistencies } from '../../support/matching/decision-consistency';
import { naiveReferenceMatch } from '../../support/matching/naive-reference-matcher';

// The labels come from the generator's scenarios (what a careful person would decide), never from the engine.
describe('matching accuracy on 12,000 generated, labelled AP invoices', () => {
  const { input, labels } = generateApDataset({ invoices: 12_000, seed: 20260105 });
  const engine = new MatchingEngine().run(input).decisions;
  const naive = naiveReferenceMatch(input);
  const figures = measureAccuracy(labels, engine);
  const baseline = measureAccuracy(labels, naive);

  beforeAll(() => {
    console.log(
      [
        'Engine decisions (rows: labelled tier, columns: decided tier):',
        confusionTable(labels, engine),
        '',
        formatFigures('engine', figures),
        formatFigures('naive', baseline),
      ].join('\n'),
    );
  });

  it('auto-matches with a precision of at least 99.5%', () => {
    expect(figures.autoPrecision).toBeGreaterThanOrEqual(0.995);
  });

  it('finds the right PO (automatically or as a suggestion) for at least 97% of matchable invoices', () => {
    expect(figures.rightPoRecall).toBeGreaterThanOrEqual(0.97);
  });

  it('gives the right primary reason for at least 97% of the exceptions', () => {
    expect(figures.exceptionReasonAccuracy).toBeGreaterThanOrEqual(0.97);
  });

  it('never auto-matches an invoice against twin POs nobody could tell apart', () => {
    expect(labels.some((label) => label.twins)).toBe(true);
    expect(figures.twinsAutoMatched).toBe(0);
  });

  it('decides at least 90% of every scenario as labelled, so that no small hard kind can fail unseen', () => {
    const weak = [...scenarioAgreement(labels, engine)]
      .filter(([, entry]) => entry.asLabelled < 0.9 * entry.total)
      .map(([scenario, entry]) => `${scenario}: ${entry.asLabelled} of ${entry.total}`);
    expect(weak).toEqual([]);
  });

  it('generates every kind of invoice it is meant to, so that the per-kind check above covers all 31', () => {
    // A scenario that cannot build its case falls back to another kind: one kind missing would go unseen.
    expect([...new Set(labels.map((label) => label.scenario))].sort()).toEqual([
      'bank_details_changed',
      'clean',
      'consolidated',
      'credit_note',
      'currency_mismatch',
      'duplicate_identical_content',
      'duplicate_original',
      'duplicate_renumbered',
      'likely_duplicate',
      'likely_duplicate_original',
      'no_purchase_order',
      'no_reference',
      'not_received',
      'over_invoiced',
      'partial_delivery',
      'price_variance',
      'quantity_variance',
      'remainder_after_earlier_run',
      'services_by_description',
      'short_receipt',
      'split_line',
      'tax_mismatch',
      'twin_purchase_orders',
      'two_partial_invoices',
      'typo_names_other_vendors_po',
      'typo_names_own_other_po',
      'typo_unknown_reference',
      'under_billed_within_band',
      'vendor_name_variant',
      'within_tolerance',
      'wrong_vendor',
    ]);
  });

  it('explains every decision consistently: each reason by a field, a reason on each breach, none on an automatic match', () => {
    const inconsistent = engine.flatMap((decision, i) =>
      decisionInconsistencies(input.invoices[i], decision).map(
        (problem) => `${decision.invoiceNumber}: ${problem}`,
      ),
    );
    expect(inconsistent).toEqual([]);
  });

  it('is clearly better than the naive exact-reference matcher on the same data', () => {
    // Clearly: it misses the right PO, and the right reason, at most a fifth as often as the naive matcher.
    expect(1 - figures.rightPoRecall).toBeLessThanOrEqual((1 - baseline.rightPoRecall) / 5);
    expect(1 - figures.exceptionReasonAccuracy).toBeLessThanOrEqual(
      (1 - baseline.exceptionReasonAccuracy) / 5,
    );
    expect(figures.autoPrecision).toBeGreaterThan(baseline.autoPrecision);
  });

  it('labels a realistic mix: most invoices clean, every kind of exception present', () => {
    const reasons = new Set(labels.map((label) => label.reason));
    for (const code of [
      'PO_NOT_FOUND',
      'VENDOR_MISMATCH',
      'CURRENCY_MISMATCH',
      'PRICE_VARIANCE',
      'QTY_VARIANCE',
      'OVER_INVOICED',
      'NOT_RECEIVED',
      'TAX_MISMATCH',
      'DUPLICATE_INVOICE',
      'AMBIGUOUS_MATCH',
      'BANK_DETAILS_CHANGED',
    ]) {
      expect(reasons).toContain(code);
    }
    expect(labels.filter((label) => label.tier === 'auto_matched').length / labels.length).toBeGreaterThan(
      0.6,
    );
  });
});
