import { Decimal } from './decimal';
import { OrdersByOpenAmount, PartlyBilledOrders } from './orders-by-open-amount';
import { PurchaseOrderLedger } from './purchase-order-ledger';
import { ACME, purchaseOrder } from '../../../../test/support/matching/document-builders';

/** POs of two lines each; every fifth has a line worth more than 2^53 minor units. */
function orders(count: number): PurchaseOrderLedger[] {
  return Array.from({ length: count }, (_, i) => {
    const po = purchaseOrder({
      poNumber: `PO-${i}`,
      vendor: ACME,
      lines: [
        { line: '1', quantity: String(1 + (i % 7)), unitPrice: `${10 + (i % 13)}.00` },
        { line: '2', quantity: i % 5 === 0 ? '90000000000000' : '2', unitPrice: '1000.00' },
      ],
    });
    const order = new PurchaseOrderLedger(i, po, 'T:ACME');
    order.openAmountAtStart = order.openAmountMinor();
    return order;
  });
}

function within(
  all: readonly PurchaseOrderLedger[],
  low: bigint,
  high: bigint,
  amount: (o: PurchaseOrderLedger) => bigint,
) {
  return all.filter((order) => amount(order) >= low && amount(order) <= high).map((order) => order.index);
}

const RANGES: [bigint, bigint][] = [
  [0n, 10n ** 30n],
  [200_000n, 300_000n],
  [1_000_000n, 1_000_000n],
  [9_000_000_000_000_000_000n, 9_000_000_000_000_100_000n],
];

describe('POs by open amount: the search by amount finds exactly what a full scan finds', () => {
  it('at the start of the run, in amount order and then input order', () => {
    const all = orders(200);
    const index = OrdersByOpenAmount.atStart(all);
    for (const [low, high] of RANGES) {
      const found: PurchaseOrderLedger[] = [];
      index.collectBetween(low, high, found);
      const expected = within(all, low, high, (o) => o.openAmountAtStart);
      expect(found.map((o) => o.index).sort((a, b) => a - b)).toEqual(expected);
      for (let i = 1; i < found.length; i += 1) {
        const [a, b] = [found[i - 1], found[i]];
        expect(a.openAmountAtStart < b.openAmountAtStart || a.index < b.index).toBe(true);
      }
    }
  });

  it('billed in part, by what is open on each now, also after later bills and credits', () => {
    const all = orders(120);
    const billed = new PartlyBilledOrders();
    const bill = (order: PurchaseOrderLedger, quantity: string) => {
      order.lines[0].recordInvoiced(Decimal.parse(quantity));
      billed.note(order);
    };
    all.forEach((order, i) => i % 3 === 0 && bill(order, '1'));
    all.forEach((order, i) => i % 6 === 0 && bill(order, '2'));
    all.forEach((order, i) => i % 12 === 0 && bill(order, '-1'));
    const noted = all.filter((_, i) => i % 3 === 0);
    for (const [low, high] of RANGES) {
      const found: PurchaseOrderLedger[] = [];
      billed.collectBetween(low, high, found, (order) => order.index % 9 === 0);
      const expected = within(noted, low, high, (o) => o.openAmountMinor()).filter((i) => i % 9 !== 0);
      expect(found.map((o) => o.index)).toEqual(expected);
    }
  });
});
