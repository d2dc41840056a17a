import { Decimal } from './decimal';
import { BilledOrders, OrdersByOpenAmount } from './orders-by-open-amount';
import { PurchaseOrderBook } from './purchase-order-book';
import { PurchaseOrderLedger } from './purchase-order-ledger';
import { VendorDirectory } from './vendor-directory';
import { InputCheck } from './reconciliation-input-validator';
import { TenantTolerancePolicy } from './tenant-tolerance-policy';
import { DEFAULT_TOLERANCE_POLICY } from './tolerance-policy';
import {
  ACME,
  consumed,
  invoice,
  purchaseOrder,
  reconcile,
} from '../../../../test/support/matching/document-builders';
import { pointedByAmount } from '../../../../test/support/matching/search-probe';
import type { MatchDecision } from './match-decision';
import type { PoLineConsumption } from './po-line-consumption';

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
  it('at the start of the run, in amount order and then the order given', () => {
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

  it('at the start of the run, on plain numbers: amount order, then the order given; both limits included', () => {
    const all = orders(60).filter((order) => order.index % 5 !== 0);
    const index = OrdersByOpenAmount.atStart([...all].reverse());
    const everything: PurchaseOrderLedger[] = [];
    index.collectBetween(0n, 10n ** 12n, everything);
    const expected = [...all].sort(
      (a, b) => Number(a.openAmountAtStart - b.openAmountAtStart) || b.index - a.index,
    );
    expect(everything.map((o) => o.index)).toEqual(expected.map((o) => o.index));
    const amount = everything[10].openAmountAtStart;
    const sameAmount = within(all, amount, amount, (o) => o.openAmountAtStart).reverse();
    for (const [low, high] of [
      [amount, amount],
      [amount - 1n, amount],
      [amount, amount + 1n],
    ]) {
      const found: PurchaseOrderLedger[] = [];
      index.collectBetween(low, high, found);
      expect(found.map((o) => o.index)).toEqual(sameAmount);
    }
    const outside: PurchaseOrderLedger[] = [];
    index.collectBetween(amount + 1n, amount + 1n, outside);
    index.collectBetween(amount - 1n, amount - 1n, outside);
    expect(outside.filter((o) => o.openAmountAtStart === amount)).toEqual([]);
  });

  it('billed in the run, by what is open on each now, also after later bills and credits', () => {
    const all = orders(120);
    const billed = new BilledOrders();
    const bill = (order: PurchaseOrderLedger, quantity: string) => {
      order.lines[0].carryInvoiced(Decimal.parse(quantity));
      billed.note(order);
    };
    all.forEach((order, i) => i % 3 === 0 && bill(order, '1'));
    all.forEach((order, i) => i % 6 === 0 && bill(order, '2'));
    all.forEach((order, i) => i % 12 === 0 && bill(order, '-1'));
    const noted = all.filter((_, i) => i % 3 === 0);
    // Each range, and each noted PO's own amount now as both limits (exactly at them, and one unit off).
    const own = noted.flatMap((o): [bigint, bigint][] => {
      const open = o.openAmountMinor();
      return [
        [open, open],
        [open + 1n, open + 1n],
        [open - 1n, open - 1n],
      ];
    });
    for (const [low, high] of [...RANGES, ...own]) {
      const found: PurchaseOrderLedger[] = [];
      billed.collectBetween(low, high, found);
      const expected = within(noted, low, high, (o) => o.openAmountMinor());
      expect(found.map((o) => o.index)).toEqual(expected);
    }
  });
});

describe('The PO book: a search by amount finds the POs the run billed by what is open on them now', () => {
  /** One vendor's POs: PO-1 of 10 × 100.00 and 1 × 50.00, the others of 3 × 20.00 (60.00). */
  function book(consumed: readonly PoLineConsumption[] = []): PurchaseOrderBook {
    const big = purchaseOrder({
      poNumber: 'PO-1',
      vendor: ACME,
      lines: [
        { line: '1', quantity: '10', unitPrice: '100.00' },
        { line: '2', quantity: '1', unitPrice: '50.00' },
      ],
    });
    const small = Array.from({ length: 3 }, (_, i) =>
      purchaseOrder({
        poNumber: `PO-${i + 2}`,
        vendor: ACME,
        lines: [{ line: '1', quantity: '3', unitPrice: '20.00' }],
      }),
    );
    const orders = [big, ...small];
    const policy = new TenantTolerancePolicy(DEFAULT_TOLERANCE_POLICY);
    const check = new InputCheck({ purchaseOrders: orders, goodsReceipts: [], invoices: [], policy });
    return new PurchaseOrderBook(orders, [], consumed, new VendorDirectory(), check);
  }
  const numbers = (found: readonly PurchaseOrderLedger[]) => found.map((order) => order.poNumber);
  const find = (search: PurchaseOrderBook, low: bigint, high: bigint) =>
    numbers(search.withOpenAmountBetween(search.orders[0].vendorKey, 'EUR', low, high));
  const bill = (search: PurchaseOrderBook, line: number, quantity: string) => {
    const order = search.orders[0];
    order.lines[line].carryInvoiced(Decimal.parse(quantity));
    search.noteBilled(order);
  };

  it('by the amount at the start until a match bills it, then by what is open on it now only', () => {
    const search = book();
    expect(find(search, 105_000n, 105_000n)).toEqual(['PO-1']);
    expect(find(search, 45_000n, 55_000n)).toEqual([]);
    bill(search, 0, '6');
    expect(find(search, 45_000n, 45_000n)).toEqual(['PO-1']);
    // Neither its amount at the start nor its amount a match ago is what is open on it now.
    expect(find(search, 105_000n, 105_000n)).toEqual([]);
    bill(search, 0, '2');
    expect(find(search, 45_000n, 45_000n)).toEqual([]);
    expect(find(search, 25_000n, 25_000n)).toEqual(['PO-1']);
    bill(search, 0, '-1');
    expect(find(search, 35_000n, 35_000n)).toEqual(['PO-1']);
  });

  it('lists a PO billed and then credited once, by what is open on it now', () => {
    const search = book();
    bill(search, 1, '1');
    expect(find(search, 6_000n, 110_000n)).toEqual(['PO-1', 'PO-2', 'PO-3', 'PO-4']);
    bill(search, 1, '-2');
    // 1,100.00 now (the upper limit), after a credit; 1,050.00 at the start (the lower one).
    expect(find(search, 105_000n, 110_000n)).toEqual(['PO-1']);
    expect(find(search, 105_000n, 105_000n)).toEqual([]);
  });

  it('a PO one match billed in full is found by no amount, until a credit opens part of it again', () => {
    const search = book();
    const order = search.orders[0];
    order.lines[0].carryInvoiced(Decimal.parse('10'));
    order.lines[1].carryInvoiced(Decimal.parse('1'));
    search.noteBilled(order);
    expect(find(search, 0n, 2n)).toEqual([]);
    expect(find(search, 0n, 10n ** 30n)).toEqual(['PO-2', 'PO-3', 'PO-4']);
    bill(search, 0, '-1');
    expect(find(search, 10_000n, 10_000n)).toEqual(['PO-1']);
  });

  it('finds no PO that earlier runs billed in full, not even for a range from zero', () => {
    const search = book([consumed('PO-2', '1', '3')]);
    expect(search.orders[1].openAmountAtStart).toBe(0n);
    expect(find(search, 0n, 6_000n)).toEqual(['PO-3', 'PO-4']);
  });
});

describe('The engine notes a PO billed in part once per match, after all its lines', () => {
  it('a PO one invoice bills in full over two lines is not found by amount as if part of it were open', () => {
    const fillers = Array.from({ length: 45 }, (_, i) =>
      purchaseOrder({
        poNumber: `PO-${1000 + i * 37}`,
        vendor: ACME,
        lines: [{ line: '1', description: `Filler gadget ${i}`, quantity: '3', unitPrice: `${20 + i}.00` }],
      }),
    );
    const cable = purchaseOrder({
      poNumber: 'PO-9000',
      vendor: ACME,
      lines: [
        { line: '1', description: 'Copper cable spool', quantity: '1', unitPrice: '100.00' },
        { line: '2', description: 'Brass fitting kit', quantity: '1', unitPrice: '50.00' },
      ],
    });
    let full: MatchDecision | undefined;
    const pointed = pointedByAmount(() => {
      [full] = reconcile({
        purchaseOrders: [cable, ...fillers],
        invoices: [
          invoice({
            number: 'INV-1',
            vendor: ACME,
            lines: [
              {
                po: 'PO-9000',
                poLine: '1',
                description: 'Copper cable spool',
                quantity: '1',
                unitPrice: '100.00',
              },
              {
                po: 'PO-9000',
                poLine: '2',
                description: 'Brass fitting kit',
                quantity: '1',
                unitPrice: '50.00',
              },
            ],
          }),
          // 0.01: a search by amount whose range includes zero.
          invoice({
            number: 'INV-2',
            vendor: ACME,
            lines: [{ description: 'Copper cable spool', quantity: '1', unitPrice: '0.01' }],
          }),
        ],
      }).decisions;
    });
    expect(full?.tier).toBe('auto_matched');
    expect(pointed).not.toContain('PO-9000');
  });
});
