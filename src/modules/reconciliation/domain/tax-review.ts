import { Decimal } from './decimal';
import type { DecisionFindings } from './decision-findings';
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
  /** Net × rate, rounded half-up to the currency. */
  readonly expected: Decimal;
  readonly gap: Decimal;
}

/**
 * The applicable rate whose tax is closest to the stated one, compared exactly (no implied float
 * rate); between rates whose rounded tax is as close, the one whose unrounded tax is closer, then
 * the first listed.
 */
function closestRate(
  rates: readonly Decimal[],
  net: Decimal,
  tax: Decimal,
  exponent: number,
): RateFit | null {
  let best: Decimal | null = null;
  let bestExact = Decimal.ZERO;
  let bestExpected = Decimal.ZERO;
  let bestGap = Decimal.ZERO;
  for (const rate of rates) {
    const exact = rate.percentOf(net);
    const expected = exact.rescale(exponent, 'half-up');
    const gap = tax.sub(expected);
    const byRounded = best ? gap.abs().compare(bestGap.abs()) : -1;
    if (byRounded < 0 || (byRounded === 0 && exact.sub(tax).abs().compare(bestExact.sub(tax).abs()) < 0)) {
      best = rate;
      bestExact = exact;
      bestExpected = expected;
      bestGap = gap;
    }
  }
  return best ? { rate: best, expected: bestExpected, gap: bestGap } : null;
}

/** Checks that the total is lines plus tax and, when the tenant lists tax rates, that the tax fits one of them. */
export function reviewTax(invoice: IncomingInvoice, findings: DecisionFindings): void {
  const exponent = invoice.currency.exponent;
  const policy = invoice.policy;
  const floor = Decimal.of(BigInt(Math.max(1, invoice.lines.length)), exponent).max(policy.taxAbsolute);
  const tolerance = findings.explains
    ? { rule: 'one minor unit per line or the tax tolerance, whichever is larger', allowed: floor }
    : null;
  const net = Decimal.of(invoice.netMinor, exponent);
  const tax = Decimal.of(invoice.source.taxAmount, exponent);
  const statedTotal = Decimal.of(invoice.source.totalAmount, exponent);
  const computedTotal = net.add(tax);
  const totalGap = statedTotal.sub(computedTotal);
  const totalBreach = totalGap.abs().compare(floor) > 0;
  if (findings.explains)
    findings.explain({
      field: 'total_amount',
      expected: computedTotal,
      actual: statedTotal,
      difference: totalGap,
      tolerance,
      outcome: totalBreach ? 'breach' : 'ok',
      reason: totalBreach ? 'TAX_MISMATCH' : null,
      note: 'lines plus tax',
    });
  if (totalBreach) findings.raise('TAX_MISMATCH', 'blocking');
  if (policy.taxRatesPercent.length === 0) return;
  const closest = closestRate(policy.taxRatesPercent, net, tax, exponent);
  if (!closest) return;
  const rateBreach = closest.gap.abs().compare(floor) > 0;
  if (findings.explains)
    findings.explain({
      field: 'tax_amount',
      expected: closest.expected,
      actual: tax,
      difference: closest.gap,
      tolerance,
      outcome: rateBreach ? 'breach' : 'ok',
      reason: rateBreach ? 'TAX_MISMATCH' : null,
      note: rateNote(closest.rate),
    });
  if (rateBreach) findings.raise('TAX_MISMATCH', 'blocking');
}
