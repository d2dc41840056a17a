import { Decimal, roundSafeUnits, safeInteger } from './decimal';
import type { DecisionFindings } from './decision-findings';
import type { AppliedTolerance } from './match-decision';
import type { IncomingInvoice } from './incoming-invoice';

const rateNotes = new WeakMap<Decimal, string>();

function rateNote(rate: Decimal): string {
  let note = rateNotes.get(rate);
  if (note === undefined) {
    note = `closest applicable rate ${rate.normalized().toString()}% (half-up)`;
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

/** Checks that the total is lines plus tax and, when the tenant lists tax rates, that the tax fits one of them. */
export function reviewTax(invoice: IncomingInvoice, findings: DecisionFindings): void {
  const totalBreach = totalMismatches(invoice);
  if (findings.explains) explainTotal(invoice, totalBreach, findings);
  if (totalBreach) findings.raise('TAX_MISMATCH', 'blocking');
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
