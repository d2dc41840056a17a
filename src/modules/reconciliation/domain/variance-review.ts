import { Decimal, divideRounded, safeInteger } from './decimal';
import type { DecisionFindings, FindingSeverity } from './decision-findings';
import type { IncomingInvoice, IncomingInvoiceLine } from './incoming-invoice';
import type { LineAllocation } from './line-pairing';
import type { FieldOutcome } from './match-decision';
import { reviewQuantities } from './quantity-review';
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
 * buyer. Amounts carry the document's sign already (a credit is negative), so for them more is
 * always unfavourable (`sign` 1: over-billing, or crediting less); unit prices are positive on both
 * documents, so a credit note passes -1 (crediting at a lower price). Unfavourable beyond the
 * `over` band is a breach; favourable within the wider `under` band is a warning; a difference no
 * larger than `floor` (one minor unit per line) is rounding and always passes.
 */
function judge(
  expected: Decimal,
  actual: Decimal,
  tolerance: VarianceTolerance,
  floor: Decimal,
  sign: 1 | -1,
  creditBasis: CreditBasis = AT_PO_PRICES,
): Judgement {
  if (actual.compare(expected) === 0) return EXACT;
  const difference = actual.sub(expected);
  if (difference.abs().compare(floor) <= 0)
    return { difference, outcome: 'ok', rule: 'rounding', allowed: floor };
  const unfavourable = sign > 0 ? difference.sign() > 0 : difference.sign() < 0;
  // On a credit, "over" is crediting less than the PO says, and "under" crediting more.
  const credit = sign < 0 || expected.sign() < 0;
  if (unfavourable) {
    const allowed = tolerance.over.allowance(expected).max(floor);
    const outcome = difference.abs().compare(allowed) <= 0 ? 'ok' : 'breach';
    const rule = overRule(tolerance.over);
    return { difference, outcome, rule: credit ? `${rule}${creditBasis.less}` : rule, allowed };
  }
  const allowed = tolerance.underPercent.percentOf(expected.abs()).max(floor);
  const outcome = difference.abs().compare(allowed) <= 0 ? 'warning' : 'breach';
  const rule = underRule(tolerance.underPercent);
  return { difference, outcome, rule: credit ? `${rule}${creditBasis.more}` : rule, allowed };
}

/** What a credit is measured against, as its rule names it. */
interface CreditBasis {
  readonly less: string;
  readonly more: string;
}

const AT_PO_PRICES: CreditBasis = {
  less: ' (a credit: crediting less than at PO prices)',
  more: ' (a credit: crediting more than at PO prices)',
};
/** A credit on PO lines billed at other prices than the PO's is measured against those (`creditPrice`). */
const AT_BILLED_PRICES: CreditBasis = {
  less: ' (a credit: crediting less than was billed)',
  more: ' (a credit: crediting more than was billed)',
};

/** The basis of the shares of invoice line `first` (its first share) and after: billed prices when any share is priced so. */
function creditBasisOf(
  allocations: readonly LineAllocation[],
  first: number,
  onlyLine: boolean,
): CreditBasis {
  const line = allocations[first].invoiceLine;
  for (let i = first; i < allocations.length; i += 1) {
    const share = allocations[i];
    if (onlyLine && share.invoiceLine !== line) continue;
    if (basisOf(share) === AT_BILLED_PRICES) return AT_BILLED_PRICES;
  }
  return AT_PO_PRICES;
}

/** A share is priced at the PO price unless `priceFor` gave it the average billed (another object). */
function basisOf(share: LineAllocation): CreditBasis {
  return share.expectedPrice === share.poLine.unitPrice ? AT_PO_PRICES : AT_BILLED_PRICES;
}

/**
 * An allowance as the explanation shows it: exact, without the zeros a percentage adds beyond the
 * checked value's own decimals (1% of 1000.00 is `10.00`, not `10.0000`; of 1000.05, `10.0005`).
 */
function shownAt(allowed: Decimal, checked: Decimal): Decimal {
  const trimmed = allowed.normalized();
  return trimmed.scale >= checked.scale ? trimmed : trimmed.rescale(checked.scale, 'half-up');
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
      ...(note ? { note } : null),
      field,
      expected,
      actual,
      // An exact match still shows its zero at the values' own scale ("0.00", not "0").
      difference: judgement === EXACT ? actual.sub(expected) : judgement.difference,
      tolerance:
        judgement.rule === 'exact'
          ? null
          : { rule: judgement.rule, allowed: shownAt(judgement.allowed, expected) },
      outcome: judgement.outcome,
      reason: flagged,
    });
  if (flagged) findings.raise(reason, judgement.outcome === 'breach' ? 'blocking' : 'warning');
}

/**
 * Checks prices, amounts, quantities (against order, earlier invoices and receipts), totals and tax.
 * `invoicedBefore` (parallel to the allocations) and `breachSeverity` are as for `reviewQuantities`.
 */
export function reviewVariances(
  invoice: IncomingInvoice,
  allocations: readonly LineAllocation[],
  unmatched: readonly IncomingInvoiceLine[],
  invoicedBefore: readonly Decimal[],
  breachSeverity: FindingSeverity,
  findings: DecisionFindings,
): void {
  let matchedLines = 0;
  // Minor units as safe integers (NaN once they are not): the sums usually need no bigint.
  let expectedNet = 0;
  let matchedNet = 0;
  for (let i = 0; i < allocations.length; i += 1) {
    if (!firstOfInvoiceLine(allocations, i)) continue;
    const line = allocations[i].invoiceLine;
    matchedLines += 1;
    reviewCitedItem(allocations[i], findings);
    reviewUnitPrice(invoice, allocations[i], findings);
    const expected = safeExpectedMinor(allocations, i, invoice.currency.exponent);
    reviewLineAmount(invoice, allocations, i, expected, findings);
    expectedNet = safeSum(expectedNet, expected);
    matchedNet = safeSum(matchedNet, safeInteger(line.amountMinor));
  }
  let billedUnmatched = 0;
  for (const line of unmatched) if (reviewUnmatched(invoice, line, findings)) billedUnmatched += 1;
  reviewQuantities(invoice, allocations, invoicedBefore, breachSeverity, findings);
  // The net of the matched lines stands for the invoice's only when they are all its lines: lines
  // citing a PO that was not found (or is held) on a consolidated invoice are not in it.
  const everyLineReviewed = matchedLines + unmatched.length === invoice.lines.length;
  if (matchedLines > 0 && billedUnmatched === 0 && everyLineReviewed)
    reviewNetAmount(invoice, allocations, expectedNet, matchedNet, findings);
  reviewTax(invoice, findings);
}

/**
 * Whether allocation `at` is the first share of its invoice line. An invoice has few lines, so the
 * lines are reviewed in order of first allocation by walking the allocations, without arrays or maps.
 */
function firstOfInvoiceLine(allocations: readonly LineAllocation[], at: number): boolean {
  const line = allocations[at].invoiceLine;
  for (let i = 0; i < at; i += 1) if (allocations[i].invoiceLine === line) return false;
  return true;
}

/**
 * A line paired with the PO line it cites although their descriptions disagree (a weak link: no
 * other line agrees either) may bill another item under that number: a person decides.
 */
function reviewCitedItem(allocation: LineAllocation, findings: DecisionFindings): void {
  const line = allocation.invoiceLine;
  const weak = allocation.linkedBy === 'po_line_number' && allocation.similarity < 1;
  // Descriptions can only disagree when both sides have one.
  if (!weak || line.descriptionWords().length === 0) return;
  if (allocation.poLine.descriptionWords().length === 0) return;
  if (findings.explains)
    findings.explain({
      field: lineField(line.source.lineNumber, 'description'),
      expected: allocation.poLine.source.description,
      actual: line.source.description,
      difference: null,
      tolerance: null,
      outcome: 'breach',
      reason: 'AMBIGUOUS_MATCH',
      note: `the cited PO line ${allocation.poLine.source.lineNumber} describes another item`,
    });
  findings.raise('AMBIGUOUS_MATCH', 'review');
}

function reviewUnitPrice(invoice: IncomingInvoice, share: LineAllocation, findings: DecisionFindings): void {
  const line = share.invoiceLine;
  const expected = share.expectedPrice;
  const poPrice = share.poLine.unitPrice;
  // Prices are positive on both documents: on a line that credits, a lower price is less credit.
  const sign = line.quantity.sign() < 0 ? -1 : 1;
  const basis = basisOf(share);
  const judgement = judge(expected, line.unitPrice, invoice.policy.unitPrice, Decimal.ZERO, sign, basis);
  const rounding =
    judgement.outcome === 'ok' ? null : priceRounding(line, expected, basis, invoice.currency.exponent);
  record(
    findings,
    findings.explains ? lineField(line.source.lineNumber, 'unit_price') : '',
    expected,
    line.unitPrice,
    // Rounding allowed this line's whole difference, whatever the band: shown as what was allowed.
    rounding
      ? { ...judgement, outcome: 'ok', rule: rounding, allowed: judgement.difference.abs() }
      : judgement,
    'PRICE_VARIANCE',
    basis === AT_BILLED_PRICES && findings.explains
      ? `the average price billed on PO line ${share.poLine.source.lineNumber} (PO price ${poPrice.toString()})`
      : undefined,
  );
}

/**
 * Why a unit price outside its band is still rounding, or null when it is not: the expected (PO)
 * price rounded to fewer decimals on the invoice, or a price the vendor worked back from a line
 * amount within one minor unit of quantity × expected price (6 × 0.16 = 0.96 billed as 0.97 at 0.1617: the line is a cent
 * off, which is rounding, though the price alone is 1.06% off).
 */
function priceRounding(
  line: IncomingInvoiceLine,
  expected: Decimal,
  basis: CreditBasis,
  exponent: number,
): string | null {
  const price = line.unitPrice;
  if (price.isRoundingOf(expected))
    return basis === AT_PO_PRICES ? 'PO price rounded on the invoice' : 'price billed rounded on the credit';
  const quantity = line.quantity.abs();
  if (quantity.isZero()) return null;
  const atExpected = quantity.mul(expected).toMinorUnits(exponent, 'half-up');
  const amount = line.amountMinor < 0n ? -line.amountMinor : line.amountMinor;
  const gap = amount - atExpected;
  if (gap > 1n || gap < -1n) return null;
  // The printed price is the line amount divided by the quantity, rounded to the price's decimals.
  const workedBack = divideRounded(
    amount * 10n ** BigInt(quantity.scale + price.scale),
    10n ** BigInt(exponent) * quantity.units,
    'half-up',
  );
  return workedBack === price.units ? 'price worked back from a line amount within rounding' : null;
}

/**
 * The line amount against its shares' quantities at the prices they are judged at (`expectedPrice`:
 * PO prices, a credit's the average billed); `safeExpected` as `safeExpectedMinor` gives it.
 */
function reviewLineAmount(
  invoice: IncomingInvoice,
  allocations: readonly LineAllocation[],
  first: number,
  safeExpected: number,
  findings: DecisionFindings,
): void {
  const line = allocations[first].invoiceLine;
  // Equal amounts are an exact match, which raises nothing: only an explanation needs the decimals.
  if (!findings.explains && safeExpected === safeInteger(line.amountMinor)) return;
  const exponent = invoice.currency.exponent;
  const expected = Decimal.of(
    Number.isNaN(safeExpected) ? expectedMinor(allocations, first, exponent) : BigInt(safeExpected),
    exponent,
  );
  const actual = Decimal.of(line.amountMinor, exponent);
  record(
    findings,
    findings.explains ? lineField(line.source.lineNumber, 'line_amount') : '',
    expected,
    actual,
    judge(
      expected,
      actual,
      invoice.policy.lineAmount,
      Decimal.of(1n, exponent),
      1,
      line.quantity.sign() < 0 ? creditBasisOf(allocations, first, true) : AT_PO_PRICES,
    ),
    'PRICE_VARIANCE',
  );
}

/**
 * What the invoice line of allocation `first` (its first share) costs at its shares' `expectedPrice`,
 * rounded half-up to the currency once, in minor units: NaN when that is not a safe integer. A line
 * spread over several PO lines is priced whole, not as a sum of rounded shares.
 */
function safeExpectedMinor(allocations: readonly LineAllocation[], first: number, exponent: number): number {
  if (isSpread(allocations, first)) return safeInteger(expectedMinor(allocations, first, exponent));
  return safeAmountMinor(allocations[first], exponent);
}

/** Whether the invoice line of allocation `first` has further shares. */
function isSpread(allocations: readonly LineAllocation[], first: number): boolean {
  const line = allocations[first].invoiceLine;
  for (let i = first + 1; i < allocations.length; i += 1)
    if (allocations[i].invoiceLine === line) return true;
  return false;
}

/** The share's quantity × PO unit price rounded half-up to the currency, as `Decimal` `mul` then `toSafeMinorUnits`. */
function safeAmountMinor(share: LineAllocation, exponent: number): number {
  const quantity = share.quantity;
  return quantity.productInSafeMinorUnits(share.expectedPrice, exponent, 'half-up');
}

/** `safeExpectedMinor` exactly, in bigint: the shares' exact cost summed, then rounded. */
function expectedMinor(allocations: readonly LineAllocation[], first: number, exponent: number): bigint {
  const line = allocations[first].invoiceLine;
  let expected = Decimal.ZERO;
  for (let i = first; i < allocations.length; i += 1) {
    const share = allocations[i];
    if (share.invoiceLine === line) expected = expected.add(share.quantity.mul(share.expectedPrice));
  }
  return expected.toMinorUnits(exponent, 'half-up');
}

/**
 * A line on no PO line: billed beyond the order, unless it bills nothing (a note such as "delivery
 * note 4711", a free sample). Returns whether it bills.
 */
function reviewUnmatched(
  invoice: IncomingInvoice,
  line: IncomingInvoiceLine,
  findings: DecisionFindings,
): boolean {
  const bills = line.bills();
  if (findings.explains)
    findings.explain({
      field: `lines[${line.source.lineNumber}]`,
      expected: 'a line of the purchase order',
      actual: line.source.description,
      difference: Decimal.of(line.amountMinor, invoice.currency.exponent),
      tolerance: null,
      outcome: bills ? 'breach' : 'ok',
      reason: bills ? 'OVER_INVOICED' : null,
      note: bills
        ? 'billed item is not on the purchase order'
        : 'not on the purchase order, but bills nothing',
    });
  if (bills) findings.raise('OVER_INVOICED', 'blocking');
  return bills;
}

/** The matched lines' total against their amounts at expected prices; the sums as `reviewVariances` keeps them. */
function reviewNetAmount(
  invoice: IncomingInvoice,
  allocations: readonly LineAllocation[],
  safeExpectedNet: number,
  safeMatchedNet: number,
  findings: DecisionFindings,
): void {
  if (!findings.explains && safeExpectedNet === safeMatchedNet) return;
  const exponent = invoice.currency.exponent;
  const exact = Number.isNaN(safeExpectedNet) || Number.isNaN(safeMatchedNet);
  const expected = Decimal.of(
    exact ? expectedNetMinor(allocations, exponent) : BigInt(safeExpectedNet),
    exponent,
  );
  const actual = Decimal.of(exact ? matchedNetMinor(allocations) : BigInt(safeMatchedNet), exponent);
  const floor = Decimal.of(BigInt(invoice.lines.length), exponent);
  record(
    findings,
    'net_amount',
    expected,
    actual,
    judge(
      expected,
      actual,
      invoice.policy.totalAmount,
      floor,
      1,
      expected.sign() < 0 ? creditBasisOf(allocations, 0, false) : AT_PO_PRICES,
    ),
    'PRICE_VARIANCE',
  );
}

function expectedNetMinor(allocations: readonly LineAllocation[], exponent: number): bigint {
  let net = 0n;
  for (let i = 0; i < allocations.length; i += 1)
    if (firstOfInvoiceLine(allocations, i)) net += expectedMinor(allocations, i, exponent);
  return net;
}

function matchedNetMinor(allocations: readonly LineAllocation[]): bigint {
  let net = 0n;
  for (let i = 0; i < allocations.length; i += 1)
    if (firstOfInvoiceLine(allocations, i)) net += allocations[i].invoiceLine.amountMinor;
  return net;
}

/** A sum of safe integers, or NaN when it is not one (or either is NaN). */
function safeSum(a: number, b: number): number {
  const sum = a + b;
  return Number.isSafeInteger(sum) ? sum : Number.NaN;
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
