import { CalendarDate } from './calendar-date';
import { PurchaseOrderLedger } from './purchase-order-ledger';
import { SkuIndex, nextSkuHit, type SkuSearch } from './sku-index';
import { ACME, purchaseOrder } from '../../../../test/support/matching/document-builders';

/** POs dated one per day from 2026-01-01, each with two of `skuCount` SKUs. */
function orders(count: number, skuCount: number): PurchaseOrderLedger[] {
  const first = CalendarDate.toDayNumber('2026-01-01');
  return Array.from({ length: count }, (_, i) => {
    const po = purchaseOrder({
      poNumber: `PO-${i}`,
      vendor: ACME,
      orderDate: CalendarDate.fromDayNumber(first + i),
      lines: [
        { line: '1', sku: `S${i % skuCount}`, quantity: '1', unitPrice: '1.00' },
        { line: '2', sku: `S${(i * 7 + 3) % skuCount}`, quantity: '1', unitPrice: '1.00' },
      ],
    });
    return new PurchaseOrderLedger(i, po, 'T:ACME');
  });
}

/** Every hit of the search in [firstDay, lastDay], walked as the candidate search walks it. */
function walk(search: SkuSearch, firstDay: number, lastDay: number): number[] {
  const hits: number[] = [];
  for (let at = nextSkuHit(search, 0, firstDay, lastDay); at < search.postings.orders.length;) {
    hits.push(search.postings.orders[at].index);
    at = nextSkuHit(search, at + 1, firstDay, lastDay);
  }
  return hits;
}

function bruteForce(
  all: readonly PurchaseOrderLedger[],
  skus: string[],
  firstDay: number,
  lastDay: number,
): number[] {
  return all
    .filter((order) => order.orderDay >= firstDay && order.orderDay <= lastDay)
    .filter((order) => skus.every((sku) => order.lines.some((line) => line.skuKey === sku)))
    .map((order) => order.index);
}

describe('SKU index: the candidate search walks only POs in the date window with every SKU', () => {
  it.each([
    ['few SKUs (signatures decide)', 20],
    ['more than 32 SKUs (signatures only rule out)', 45],
  ])('finds exactly the POs a full scan finds, in input order: %s', (_name, skuCount) => {
    const all = orders(600, skuCount);
    const index = new SkuIndex(all);
    const firstDay = all[250].orderDay;
    expect(bruteForce(all, ['S3'], firstDay, firstDay + 120).length).toBeGreaterThan(5);
    for (const skus of [['S3'], ['S3', 'S4'], ['S10', 'S3'], ['S1', 'S19']]) {
      const search = index.search(skus);
      const expected = bruteForce(all, skus, firstDay, firstDay + 120);
      expect(search ? walk(search, firstDay, firstDay + 120) : []).toEqual(expected);
    }
  });

  it('finds the same POs given newest first, as a vendor is searched, whatever the window', () => {
    const newestFirst = orders(600, 20).reverse();
    const index = new SkuIndex(newestFirst);
    const first = newestFirst[599].orderDay;
    for (const [from, to] of [
      [first - 30, first + 10],
      [first + 250, first + 370],
      [first + 590, first + 700],
      [first + 700, first + 800],
    ]) {
      for (const skus of [['S3'], ['S3', 'S4']]) {
        const search = index.search(skus);
        const expected = bruteForce(newestFirst, skus, from, to);
        expect(search ? walk(search, from, to) : []).toEqual(expected);
      }
    }
  });

  it('lets a SKU on none of the POs (freight, say) rule no PO out', () => {
    const all = orders(600, 20);
    const index = new SkuIndex(all);
    const firstDay = all[250].orderDay;
    const search = index.search(['FREIGHT', 'S3', 'NOPE', 'S4']);
    expect(search?.skuKeys).toEqual(['S3', 'S4']);
    expect(walk(search!, firstDay, firstDay + 120)).toEqual(
      bruteForce(all, ['S3', 'S4'], firstDay, firstDay + 120),
    );
  });

  it('has no search when none of the SKUs is on any PO', () => {
    expect(new SkuIndex(orders(10, 5)).search(['NOPE', 'FREIGHT'])).toBeNull();
  });
});
