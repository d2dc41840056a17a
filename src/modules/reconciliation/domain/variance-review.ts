import { Decimal } from './decimal';
import type { DecisionFindings } from './decision-findings';
import type { IncomingInvoice, IncomingInvoiceLine } from './incoming-invoice';
import type { LineAllocation } from './line-pairing';
import type { FieldOutcome } from './match-decision';
import { quantitiesPerPoLine, reviewQuantity, type LedgerView } from './quantity-review';
import type { ReasonCode } from './reason-code';
import type { ToleranceBand } from './tolerance-band';
import type { VarianceTolerance } from './tolerance-policy';
import { reviewTax } from './tax-review';

interface Judgement {
  readonly difference: Decimal;
  readonly outcome: FieldOutcome;
  readonly rule: string;
  readonly allowed: Decimal;
}

const EXACT: Judgement = { difference: Decimal.ZERO, outcome: 'ok', rule: 'exact', allowed: Decimal.ZERO };
const fieldNames = new Map<string, string>();

/** `lines[3].unit_price`: the same few names recur on every invoice, so they are built once. */
function lineField(lineNumber: string, field: string): string {
  const key = `${lineNumber}\u0000${field}`;
  let name = fieldNames.get(key);
  if (name === undefined) {
    name = `lines[${lineNumber}].${field}`;
    if (fieldNames.size > 10_000) fieldNames.clear();
    fieldNames.set(key, name);
  }
  return name;
}

/**
 * Judges a difference asymmetrically: `sign` turns it so that positive means unfavourable to the
 * buyer (over-billing on an invoice, under-crediting on a credit note). Unfavourable beyond the
 * `over` band is a breach; favourable within the wider `under` band is a warning; a difference no
 * larger than `floor` (one minor unit per line) is rounding and always passes.
 */
function judge(
  expected: Decimal,
  actual: Decimal,
  tolerance: VarianceTolerance,
  floor: Decimal,
  sign: 1 | -1,
): Judgement {
  if (actual.compare(expected) === 0) return EXACT;
  const difference = actual.sub(expected);
  if (difference.abs().compare(floor) <= 0)
    return { difference, outcome: 'ok', rule: 'rounding', allowed: floor };
  const unfavourable = sign > 0 ? difference.sign() > 0 : difference.sign() < 0;
  if (unfavourable) {
    const allowed = tolerance.over.allowance(expected).max(floor);
    const outcome = difference.abs().compare(allowed) <= 0 ? 'ok' : 'breach';
    return { difference, outcome, rule: overRule(tolerance.over), allowed };
  }
  const allowed = tolerance.underPercent.percentOf(expected.abs()).max(floor);
  const outcome = difference.abs().compare(allowed) <= 0 ? 'warning' : 'breach';
  return { difference, outcome, rule: underRule(tolerance.underPercent), allowed };
}

function record(
  findings: DecisionFindings,
  field: string,
  expected: Decimal,
  actual: Decimal,
  judgement: Judgement,
  reason: ReasonCode,
  note?: string,
): void {
  const flagged = judgement.outcome === 'ok' ? null : reason;
  if (findings.explains)
    findings.explain({
      field,
      expected,
      actual,
      difference: judgement.difference,
      tolerance: judgement.rule === 'exact' ? null : { rule: judgement.rule, allowed: judgement.allowed },
      outcome: judgement.outcome,
      reason: flagged,
      ...(note ? { note } : {}),
    });
  if (flagged) findings.raise(reason, judgement.outcome === 'breach' ? 'blocking' : 'warning');
}

/** Checks prices, amounts, quantities (against order, earlier invoices and receipts), totals and tax. */
export function reviewVariances(
  invoice: IncomingInvoice,
  allocations: readonly LineAllocation[],
  unmatched: readonly IncomingInvoiceLine[],
  findings: DecisionFindings,
  ledger: LedgerView,
): void {
  const exponent = invoice.currency.exponent;
  const minorUnit = Decimal.of(1n, exponent);
  const policy = invoice.policy;
  let expectedNet = 0n;
  let matchedNet = 0n;
  // An invoice has few lines: parallel arrays in order of first appearance, not maps keyed by objects.
  const invoiceLines: IncomingInvoiceLine[] = [];
  const sharesOf: LineAllocation[][] = [];
  for (const allocation of allocations) {
    const at = invoiceLines.indexOf(allocation.invoiceLine);
    if (at >= 0) sharesOf[at].push(allocation);
    else {
      invoiceLines.push(allocation.invoiceLine);
      sharesOf.push([allocation]);
    }
  }

  for (let i = 0; i < invoiceLines.length; i += 1) {
    const line = invoiceLines[i];
    const shares = sharesOf[i];
    const poPrice = shares[0].poLine.unitPrice;
    const priceJudgement = judge(poPrice, line.unitPrice, policy.unitPrice, Decimal.ZERO, invoice.sign);
    const roundedOnInvoice =
      priceJudgement.outcome !== 'ok' &&
      line.unitPrice.scale < poPrice.scale &&
      poPrice.rescale(line.unitPrice.scale, 'half-up').equals(line.unitPrice);
    record(
      findings,
      findings.explains ? lineField(line.source.lineNumber, 'unit_price') : '',
      poPrice,
      line.unitPrice,
      roundedOnInvoice
        ? { ...priceJudgement, outcome: 'ok', rule: 'PO price rounded on the invoice' }
        : priceJudgement,
      'PRICE_VARIANCE',
    );
    let expectedMinor = 0n;
    for (const share of shares)
      expectedMinor += share.quantity.mul(share.poLine.unitPrice).toMinorUnits(exponent, 'half-up');
    expectedNet += expectedMinor;
    matchedNet += line.amountMinor;
    const expected = Decimal.of(expectedMinor, exponent);
    const actual = Decimal.of(line.amountMinor, exponent);
    record(
      findings,
      findings.explains ? lineField(line.source.lineNumber, 'line_amount') : '',
      expected,
      actual,
      judge(expected, actual, policy.lineAmount, minorUnit, invoice.sign),
      'PRICE_VARIANCE',
    );
  }

  for (const line of unmatched) {
    if (findings.explains)
      findings.explain({
        field: `lines[${line.source.lineNumber}]`,
        expected: 'a line of the purchase order',
        actual: line.source.description,
        difference: Decimal.of(line.amountMinor, exponent),
        tolerance: null,
        outcome: 'breach',
        reason: 'OVER_INVOICED',
        note: 'billed item is not on the purchase order',
      });
    findings.raise('OVER_INVOICED', 'blocking');
  }

  const { poLines, quantities } = quantitiesPerPoLine(allocations);
  for (let i = 0; i < poLines.length; i += 1)
    reviewQuantity(invoice, poLines[i], quantities[i], ledger, findings);

  if (invoiceLines.length > 0 && unmatched.length === 0) {
    const floor = Decimal.of(BigInt(invoice.lines.length), exponent);
    const expected = Decimal.of(expectedNet, exponent);
    const actual = Decimal.of(matchedNet, exponent);
    record(
      findings,
      'net_amount',
      expected,
      actual,
      judge(expected, actual, policy.totalAmount, floor, invoice.sign),
      'PRICE_VARIANCE',
    );
  }
  reviewTax(invoice, findings);
}

const underRules = new WeakMap<Decimal, string>();
const overRules = new WeakMap<ToleranceBand, string>();

function underRule(percent: Decimal): string {
  let rule = underRules.get(percent);
  if (rule === undefined) {
    rule = `under: ${percent.normalized().toString()}%`;
    underRules.set(percent, rule);
  }
  return rule;
}

function overRule(band: ToleranceBand): string {
  let rule = overRules.get(band);
  if (rule === undefined) {
    rule = `over: ${band.describe()}`;
    overRules.set(band, rule);
  }
  return rule;
}
