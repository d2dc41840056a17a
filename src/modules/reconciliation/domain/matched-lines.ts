import { Decimal } from './decimal';
import type { LineAllocation } from './line-pairing';
import type { MatchedPoLine } from './match-decision';
import type { PoLineLedger } from './po-line-ledger';

interface Tally {
  readonly lines: string[];
  quantity: Decimal;
  amount: bigint;
  /** The shares' quantities at the prices they are judged at, exact. */
  expected: Decimal;
}

/** What an invoice bills against each PO line, in order of first allocation. */
export function summarizeMatchedLines(
  allocations: readonly LineAllocation[],
  exponent: number,
): MatchedPoLine[] {
  const byPoLine = new Map<PoLineLedger, Tally>();
  for (const allocation of allocations) {
    let entry = byPoLine.get(allocation.poLine);
    if (!entry) {
      entry = { lines: [], quantity: Decimal.ZERO, amount: 0n, expected: Decimal.ZERO };
      byPoLine.set(allocation.poLine, entry);
    }
    entry.lines.push(allocation.invoiceLine.source.lineNumber);
    entry.quantity = entry.quantity.add(allocation.quantity);
    entry.amount += allocation.amountMinor;
    entry.expected = entry.expected.add(allocation.quantity.mul(allocation.expectedPrice));
  }
  return [...byPoLine].map(([poLine, entry]) => ({
    poNumber: poLine.purchaseOrder.poNumber,
    poLineNumber: poLine.source.lineNumber,
    invoiceLineNumbers: entry.lines,
    quantity: entry.quantity,
    amount: Decimal.of(entry.amount, exponent),
    // The whole quantity at the PO price (a credit at the price it credits), rounded once (not a
    // sum of rounded shares).
    expectedAmount: Decimal.of(entry.expected.toMinorUnits(exponent, 'half-up'), exponent),
  }));
}
