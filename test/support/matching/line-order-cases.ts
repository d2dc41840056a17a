import type { GoodsReceipt } from '../../../src/modules/reconciliation/domain/goods-receipt';
import type { Invoice } from '../../../src/modules/reconciliation/domain/invoice';
import type { MatchDecision } from '../../../src/modules/reconciliation/domain/match-decision';
import type { PurchaseOrder } from '../../../src/modules/reconciliation/domain/purchase-order';
import { TenantTolerancePolicy } from '../../../src/modules/reconciliation/domain/tenant-tolerance-policy';
import { DEFAULT_TOLERANCE_POLICY } from '../../../src/modules/reconciliation/domain/tolerance-policy';
import { ACME, invoice, purchaseOrder, receipt, type PoLineSpec } from './document-builders';
import { SeededRandom } from './seeded-random';

/**
 * Small seeded cases where an invoice's lines compete for the same PO lines: two items, like lines
 * at one or two prices, partial receipts, lines citing a PO line or none, a PO or none, returns.
 * The same invoice with its lines shuffled must be decided alike.
 */
export interface LineOrderCase {
  readonly purchaseOrders: readonly PurchaseOrder[];
  readonly receipts: readonly GoodsReceipt[];
  readonly invoice: Invoice;
  /** The invoice with its lines in another order, each keeping its line number. */
  readonly shuffled: Invoice;
  readonly policy: TenantTolerancePolicy;
}

const ITEMS = [
  { sku: 'A-1', description: 'Bolt', price: '10.00' },
  { sku: 'B-2', description: 'Nut', price: '2.50' },
] as const;

const THREE_WAY = new TenantTolerancePolicy(DEFAULT_TOLERANCE_POLICY);
const TWO_WAY = new TenantTolerancePolicy({ ...DEFAULT_TOLERANCE_POLICY, matchingMode: 'two_way' });

function orderLines(random: SeededRandom): PoLineSpec[] {
  return Array.from({ length: random.int(2, 3) }, (_, i) => {
    const item = random.pick(ITEMS);
    return {
      line: String(i + 1),
      sku: random.chance(0.8) ? item.sku : null,
      description: item.description,
      quantity: String(random.int(1, 8)),
      unitPrice: random.chance(0.8) ? item.price : '11.00',
    };
  });
}

function receiptOf(random: SeededRandom, poNumber: string, lines: readonly PoLineSpec[]): GoodsReceipt[] {
  const received = lines
    .filter(() => random.chance(0.7))
    .map((line) => [line.line, String(random.int(0, 8))] as const);
  return random.chance(0.5) && received.length > 0 ? [receipt(poNumber, received)] : [];
}

export function lineOrderCase(random: SeededRandom): LineOrderCase {
  const lines = orderLines(random);
  const first = purchaseOrder({ poNumber: 'PO-1', vendor: ACME, lines });
  const second = purchaseOrder({
    poNumber: 'PO-2',
    vendor: ACME,
    lines: lines.map((line) => ({ ...line, quantity: String(random.int(1, 5)) })),
  });
  const receipts = receiptOf(random, 'PO-1', lines);
  const written = invoice({
    number: 'INV-1',
    vendor: ACME,
    lines: Array.from({ length: random.int(2, 4) }, () => {
      const item = random.pick(ITEMS);
      return {
        po: random.chance(0.6) ? 'PO-1' : random.chance(0.5) ? 'PO-2' : null,
        poLine: random.chance(0.4) ? random.pick(lines).line : null,
        sku: random.chance(0.8) ? item.sku : null,
        description: item.description,
        quantity: String((random.chance(0.1) ? -1 : 1) * random.int(1, 8)),
        unitPrice: random.chance(0.85) ? item.price : '10.40',
      };
    }),
  });
  const shuffled = { ...written, lines: random.shuffle([...written.lines]) };
  const policy = receipts.length > 0 && random.chance(0.7) ? THREE_WAY : TWO_WAY;
  return { purchaseOrders: [first, second], receipts, invoice: written, shuffled, policy };
}

/**
 * What a decision says, with the matched lines and the explanation as sets: their order follows
 * the invoice's lines. An invoice line is named by its content, in the matched lines and in the
 * explanation's field names (two lines alike in everything are interchangeable), not by its number.
 */
export function decisionContent(decision: MatchDecision, sent: Invoice): string {
  const content = (lineNumber: string): string => {
    const line = sent.lines.find((candidate) => candidate.lineNumber === lineNumber);
    return line
      ? [line.poNumber, line.poLineNumber, line.sku, line.description, line.quantity, line.unitPrice].join(
          '|',
        )
      : lineNumber;
  };
  return JSON.stringify({
    tier: decision.tier,
    reasons: decision.reasons,
    score: decision.score,
    poNumbers: [...decision.poNumbers].sort(),
    candidates: decision.candidates.map((candidate) => `${candidate.poNumber}:${candidate.score}`).sort(),
    duplicateOf: decision.duplicateOf,
    matched: decision.matchedLines
      .map(
        (line) =>
          `${line.poNumber}/${line.poLineNumber}:${line.invoiceLineNumbers.map(content).sort().join(',')}:${line.quantity.toString()}:${line.amount.toString()}`,
      )
      .sort(),
    explanation: decision.explanation
      .map((entry) => {
        const field = entry.field.replace(/^lines\[([^\]]*)\]/, (_whole, lineNumber: string) =>
          content(lineNumber),
        );
        return `${field}:${entry.outcome}:${entry.reason}`;
      })
      .sort(),
  });
}
