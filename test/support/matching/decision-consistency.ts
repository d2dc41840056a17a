import { Currency } from '../../../src/modules/reconciliation/domain/currency';
import { Decimal } from '../../../src/modules/reconciliation/domain/decimal';
import type { Invoice } from '../../../src/modules/reconciliation/domain/invoice';
import type { MatchDecision } from '../../../src/modules/reconciliation/domain/match-decision';

/**
 * What a decision says that does not hold together, as readable lines (none when all does): every
 * reason code named by an explained field and every field's reason among the codes, a reason on
 * every breach and on no `ok`, no breach on an automatic match and a reason on every other, the
 * primary reason first, a score in 0..1, matched lines that add up to the amounts of the invoice
 * lines they bill, and on an automatic match every line that bills among them.
 */
export function decisionInconsistencies(invoice: Invoice, decision: MatchDecision): string[] {
  const found: string[] = [];
  const { reasons, explanation } = decision;
  if (!(decision.score >= 0 && decision.score <= 1)) found.push(`score ${decision.score}`);
  if (decision.reason !== (reasons[0] ?? null)) found.push(`primary ${decision.reason} is not first`);
  if (decision.tier === 'auto_matched' && explanation.some((entry) => entry.outcome === 'breach'))
    found.push('an automatic match with a breach');
  if (decision.tier !== 'auto_matched' && reasons.length === 0)
    found.push(`${decision.tier} without a reason`);
  for (const entry of explanation) {
    if (entry.outcome === 'breach' && !entry.reason) found.push(`${entry.field}: a breach without a reason`);
    if (entry.outcome === 'ok' && entry.reason) found.push(`${entry.field}: ok with ${entry.reason}`);
    if (entry.reason && !reasons.includes(entry.reason))
      found.push(`${entry.field}: ${entry.reason} is not among the reasons`);
  }
  for (const reason of reasons)
    if (!explanation.some((entry) => entry.reason === reason)) found.push(`${reason} explained by no field`);
  const exponent = Currency.of(invoice.currency).exponent;
  const billed = new Set(decision.matchedLines.flatMap((line) => line.invoiceLineNumbers));
  const matched = decision.matchedLines.reduce((sum, line) => sum.add(line.amount), Decimal.of(0n, exponent));
  const lines = invoice.lines.filter((line) => billed.has(line.lineNumber));
  const stated = Decimal.of(
    lines.reduce((sum, line) => sum + line.lineAmount, 0n),
    exponent,
  );
  if (matched.compare(stated) !== 0)
    found.push(`matched lines bill ${matched}, their invoice lines ${stated}`);
  if (decision.tier === 'auto_matched')
    for (const line of invoice.lines)
      if (line.lineAmount !== 0n && !billed.has(line.lineNumber))
        found.push(`line ${line.lineNumber} bills on no PO line of an automatic match`);
  return found;
}
