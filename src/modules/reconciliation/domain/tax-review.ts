import { Decimal, roundSafeUnits, safeInteger } from './decimal';
import type { DecisionFindings } from './decision-findings';
import type { AppliedTolerance } from './match-decision';
import type { IncomingInvoice, IncomingInvoiceLine } from './incoming-invoice';

const rateNotes = new WeakMap<Decimal, string>();

function rateNote(rate: Decimal): string {
  let note = rateNotes.get(rate);
  if (note === undefined) {
    note = `closest applicable rate ${percentText(rate)} (half-up)`;
    rateNotes.set(rate, note);
  }
  return note;
}

interface RateFit {
  readonly rate: Decimal;
  /** Net × rate, exactly. */
  readonly exact: Decimal;
  /** Net × rate, rounded half-up to the currency. */
  readonly expected: Decimal;
  /** The stated tax minus `expected`. */
  readonly gap: Decimal;
}

function taxAt(invoice: IncomingInvoice, rate: Decimal, net: Decimal): RateFit {
  const exact = rate.percentOf(net);
  const expected = exact.rescale(invoice.currency.exponent, 'half-up');
  const tax = Decimal.of(invoice.source.taxAmount, invoice.currency.exponent);
  return { rate, exact, expected, gap: tax.sub(expected) };
}

/**
 * The applicable rate whose tax is closest to the stated one, compared exactly (no implied float
 * rate); between rates whose rounded tax is as close, the one whose unrounded tax is closer, then
 * the first listed. For the explanation: deciding only needs whether some rate fits.
 */
function closestRate(invoice: IncomingInvoice, net: Decimal): RateFit {
  const tax = Decimal.of(invoice.source.taxAmount, invoice.currency.exponent);
  const [first, ...others] = invoice.policy.taxRatesPercent;
  let best = taxAt(invoice, first, net);
  for (const rate of others) {
    const fit = taxAt(invoice, rate, net);
    const byRounded = fit.gap.abs().compare(best.gap.abs());
    if (byRounded < 0 || (byRounded === 0 && fit.exact.sub(tax).abs().compare(best.exact.sub(tax).abs()) < 0))
      best = fit;
  }
  return best;
}

/**
 * Checks that the total is lines plus tax, then the tax: at the rates the lines state when every line
 * that bills states one (each a rate the tenant lists, when it lists any), else, when the tenant
 * lists tax rates, that it fits one of them.
 */
export function reviewTax(invoice: IncomingInvoice, findings: DecisionFindings): void {
  const totalBreach = totalMismatches(invoice);
  if (findings.explains) explainTotal(invoice, totalBreach, findings);
  if (totalBreach) findings.raise('TAX_MISMATCH', 'blocking');
  const stated = netByStatedRate(invoice);
  if (stated) return reviewStatedRates(invoice, stated, findings);
  if (invoice.policy.taxRatesPercent.length === 0) return;
  const rateBreach = !someRateFits(invoice);
  if (findings.explains) explainRate(invoice, rateBreach, findings);
  if (rateBreach) findings.raise('TAX_MISMATCH', 'blocking');
}

/** Whether the stated total differs from lines plus tax by more than the tax floor. */
function totalMismatches(invoice: IncomingInvoice): boolean {
  const source = invoice.source;
  const gap = safeInteger(source.totalAmount) - safeInteger(invoice.netMinor) - safeInteger(source.taxAmount);
  if (Number.isSafeInteger(gap)) return beyondFloor(invoice, gap);
  const exactGap = source.totalAmount - invoice.netMinor - source.taxAmount;
  return Decimal.of(exactGap, invoice.currency.exponent).abs().compare(taxFloor(invoice)) > 0;
}

/**
 * Whether the tax is within the floor of the tax at one of the applicable rates, rounded half-up.
 * The closest rate is within it exactly when any rate is, so the rates need not be ranked here.
 */
function someRateFits(invoice: IncomingInvoice): boolean {
  const exponent = invoice.currency.exponent;
  const safeNet = safeInteger(invoice.netMinor);
  const tax = safeInteger(invoice.source.taxAmount);
  for (const rate of invoice.policy.taxRatesPercent) {
    // rate × net / 100, as `percentOf` then rounded half-up to the currency
    const expected = roundSafeUnits(
      rate.safeUnits() * safeNet,
      rate.scale + exponent + 2,
      exponent,
      'half-up',
    );
    const gap = tax - expected;
    const fits = Number.isSafeInteger(gap)
      ? !beyondFloor(invoice, gap)
      : taxAt(invoice, rate, Decimal.of(invoice.netMinor, exponent)).gap.abs().compare(taxFloor(invoice)) <=
        0;
    if (fits) return true;
  }
  return false;
}

/**
 * `|gap| > taxFloor(invoice)` for a gap in minor units that is a safe integer, without building the
 * floor: beyond one minor unit per line, and beyond the tax tolerance (exact in minor units when the
 * tolerance has no finer digits than the currency).
 */
function beyondFloor(invoice: IncomingInvoice, gap: number): boolean {
  const size = Math.abs(gap);
  if (size <= Math.max(1, invoice.lines.length)) return false;
  const exponent = invoice.currency.exponent;
  const tolerance = invoice.policy.taxAbsolute;
  const allowed = tolerance.scale <= exponent ? tolerance.toSafeMinorUnits(exponent, 'half-up') : Number.NaN;
  if (!Number.isNaN(allowed)) return size > allowed;
  return Decimal.of(BigInt(size), exponent).compare(tolerance) > 0;
}

/** One minor unit per line or the tax tolerance, whichever is larger. */
function taxFloor(invoice: IncomingInvoice): Decimal {
  const lines = BigInt(Math.max(1, invoice.lines.length));
  return Decimal.of(lines, invoice.currency.exponent).max(invoice.policy.taxAbsolute);
}

function floorTolerance(invoice: IncomingInvoice): AppliedTolerance {
  return {
    rule: 'one minor unit per line or the tax tolerance, whichever is larger',
    allowed: taxFloor(invoice),
  };
}

interface RateGroup {
  readonly rate: Decimal;
  netMinor: bigint;
}

/** The net billed at each rate the lines state, in order of first use; null unless every line that bills states one. */
function netByStatedRate(invoice: IncomingInvoice): RateGroup[] | null {
  const groups: RateGroup[] = [];
  for (const line of invoice.lines) {
    const rate = line.source.taxRatePercent;
    if (rate === undefined || rate === null) {
      if (line.bills()) return null;
      continue;
    }
    const group = groups.find((candidate) => candidate.rate.compare(rate) === 0);
    if (group) group.netMinor += line.amountMinor;
    else groups.push({ rate, netMinor: line.amountMinor });
  }
  return groups.length > 0 ? groups : null;
}

/**
 * The tax at the lines' own rates, as EN 16931 totals it: per rate, the net at that rate × the rate,
 * rounded half-up; then summed. Within the tax floor of the stated tax, and each rate one the tenant
 * lists (when it lists any).
 */
function reviewStatedRates(
  invoice: IncomingInvoice,
  groups: readonly RateGroup[],
  findings: DecisionFindings,
): void {
  const exponent = invoice.currency.exponent;
  let expected = Decimal.of(0n, exponent);
  for (const group of groups)
    expected = expected.add(taxAt(invoice, group.rate, Decimal.of(group.netMinor, exponent)).expected);
  const tax = Decimal.of(invoice.source.taxAmount, exponent);
  const breach = tax.sub(expected).abs().compare(taxFloor(invoice)) > 0;
  const unlisted = unlistedRateLines(invoice);
  if (findings.explains) {
    for (const entry of unlisted) explainUnlistedRate(invoice, entry, findings);
    findings.explain({
      field: 'tax_amount',
      expected,
      actual: tax,
      difference: tax.sub(expected),
      tolerance: floorTolerance(invoice),
      outcome: breach ? 'breach' : 'ok',
      reason: breach ? 'TAX_MISMATCH' : null,
      note: `at the lines' rates: ${groups.map((group) => `${percentText(group.rate)} of ${Decimal.of(group.netMinor, exponent).toString()}`).join(', ')} (half-up per rate)`,
    });
  }
  if (breach || unlisted.length > 0) findings.raise('TAX_MISMATCH', 'blocking');
}

/** A line and the VAT rate it states. */
interface StatedRate {
  readonly line: IncomingInvoiceLine;
  readonly rate: Decimal;
}

/** The lines stating a rate the tenant does not list, with that rate (none when it lists no rates). */
function unlistedRateLines(invoice: IncomingInvoice): StatedRate[] {
  const listed = invoice.policy.taxRatesPercent;
  const unlisted: StatedRate[] = [];
  if (listed.length === 0) return unlisted;
  for (const line of invoice.lines) {
    const rate = line.source.taxRatePercent;
    if (rate && !listed.some((applicable) => applicable.compare(rate) === 0)) unlisted.push({ line, rate });
  }
  return unlisted;
}

function explainUnlistedRate(
  invoice: IncomingInvoice,
  { line, rate }: StatedRate,
  findings: DecisionFindings,
): void {
  findings.explain({
    field: `lines[${line.source.lineNumber}].tax_rate`,
    expected: invoice.policy.taxRatesPercent.map(percentText).join(' or '),
    actual: percentText(rate),
    difference: null,
    tolerance: null,
    outcome: 'breach',
    reason: 'TAX_MISMATCH',
    note: 'not a rate the tenant applies',
  });
}

function percentText(rate: Decimal): string {
  return `${rate.normalized().toString()}%`;
}

function explainTotal(invoice: IncomingInvoice, breach: boolean, findings: DecisionFindings): void {
  const exponent = invoice.currency.exponent;
  const net = Decimal.of(invoice.netMinor, exponent);
  const tax = Decimal.of(invoice.source.taxAmount, exponent);
  const statedTotal = Decimal.of(invoice.source.totalAmount, exponent);
  const computedTotal = net.add(tax);
  findings.explain({
    field: 'total_amount',
    expected: computedTotal,
    actual: statedTotal,
    difference: statedTotal.sub(computedTotal),
    tolerance: floorTolerance(invoice),
    outcome: breach ? 'breach' : 'ok',
    reason: breach ? 'TAX_MISMATCH' : null,
    note: 'lines plus tax',
  });
}

function explainRate(invoice: IncomingInvoice, breach: boolean, findings: DecisionFindings): void {
  const exponent = invoice.currency.exponent;
  const net = Decimal.of(invoice.netMinor, exponent);
  const closest = closestRate(invoice, net);
  findings.explain({
    field: 'tax_amount',
    expected: closest.expected,
    actual: Decimal.of(invoice.source.taxAmount, exponent),
    difference: closest.gap,
    tolerance: floorTolerance(invoice),
    outcome: breach ? 'breach' : 'ok',
    reason: breach ? 'TAX_MISMATCH' : null,
    note: rateNote(closest.rate),
  });
}
