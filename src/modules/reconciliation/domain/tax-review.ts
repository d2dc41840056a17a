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
  // Only the rate nearest to the implied one (and a tie) needs the exact computation.
  const implied =
    invoice.netMinor === 0n ? 0 : (100 * Number(invoice.source.taxAmount)) / Number(invoice.netMinor);
  const nearest = [...policy.taxRatesPercent]
    .sort((a, b) => Math.abs(Number(a.toString()) - implied) - Math.abs(Number(b.toString()) - implied))
    .slice(0, 2);
  let closest: { rate: Decimal; expected: Decimal; gap: Decimal } | null = null;
  for (const rate of nearest) {
    const expected = Decimal.of(rate.percentOf(net).toMinorUnits(exponent, 'half-up'), exponent);
    const gap = tax.sub(expected);
    if (!closest || gap.abs().compare(closest.gap.abs()) < 0) closest = { rate, expected, gap };
  }
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
