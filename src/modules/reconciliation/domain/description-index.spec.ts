import { ACME, purchaseOrder } from '../../../../test/support/matching/document-builders';
import { CalendarDate } from './calendar-date';
import { DescriptionIndex } from './description-index';
import type { IncomingInvoiceLine } from './incoming-invoice';
import { PurchaseOrderLedger } from './purchase-order-ledger';
import { descriptionWords } from './description-similarity';

/** POs ranked for search in the order given, as PurchaseOrderBook.rankedOfVendor ranks a vendor's. */
const ledgers = (descriptions: readonly string[][], orderDate = (_index: number) => '2026-01-05') =>
  descriptions.map((lines, index) => {
    const ledger = new PurchaseOrderLedger(
      index,
      purchaseOrder({
        poNumber: `PO-${index}`,
        vendor: ACME,
        orderDate: orderDate(index),
        lines: lines.map((description, at) => ({
          line: String(at + 1),
          description,
          quantity: '1',
          unitPrice: '1.00',
        })),
      }),
      'T:ACME',
    );
    ledger.searchRank = index;
    return ledger;
  });

/** Invoice lines as the search reads them: their description words, and whether they bill anything. */
const linesOf = (bills: boolean, descriptions: string[]) =>
  descriptions.map(
    (description) =>
      ({
        descriptionWords: () => descriptionWords(description),
        bills: () => bills,
      }) as unknown as IncomingInvoiceLine,
  );
const billing = (...descriptions: string[]) => linesOf(true, descriptions);
/** Lines that bill nothing: notes such as "delivery note 4711". */
const notes = (...descriptions: string[]) => linesOf(false, descriptions);

function found(
  index: DescriptionIndex,
  lines: readonly IncomingInvoiceLine[],
  firstDay = 0,
  lastDay = 1_000_000,
): string[] {
  const hits = index.search(lines, firstDay, lastDay);
  const orders: string[] = [];
  for (let order = hits?.next(); order; order = hits?.next()) orders.push(order.poNumber);
  return orders;
}

describe('description index', () => {
  const index = new DescriptionIndex(
    ledgers([
      ['Window cleaning', 'Floor cleaning'],
      ['Legal advice hour'],
      ['Cleaning service - October'],
      ['Gardening', 'Window repair'],
      ['Cleaning products'],
    ]),
  );

  it('finds every PO sharing a word with the line, each once, in search order', () => {
    expect(found(index, billing('Window cleaning March'))).toEqual(['PO-0', 'PO-2', 'PO-3', 'PO-4']);
  });

  it('walks the line whose words are on the fewest POs: any PO taking the whole invoice is among them', () => {
    expect(found(index, billing('Cleaning service', 'Legal advice'))).toEqual(['PO-1']);
  });

  it('never walks a line that bills nothing, unless no line bills', () => {
    // "Legal" is on one PO only, but a note line need not pair: the service line is searched by.
    expect(found(index, [...billing('Window cleaning'), ...notes('Legal note')])).toEqual([
      'PO-0',
      'PO-2',
      'PO-3',
      'PO-4',
    ]);
    expect(found(index, notes('Window cleaning', 'Legal note'))).toEqual(['PO-1']);
  });

  it('finds nothing for words on no PO, or for months and filler words alone', () => {
    expect(index.search(billing('Catering'), 0, 1_000_000)).toBeNull();
    expect(index.search(billing('October 2026 of the'), 0, 1_000_000)).toBeNull();
  });

  it('finds only the POs dated within the window, skipping blocks of older ones', () => {
    // 100 POs of one service, a day apart from 2025-01-01: the window holds days 70 to 74.
    const dated = new DescriptionIndex(
      ledgers(
        Array.from({ length: 100 }, () => ['Consulting day']),
        (i) => CalendarDate.fromDayNumber(CalendarDate.toDayNumber('2025-01-01') + i),
      ),
    );
    const first = CalendarDate.toDayNumber('2025-01-01') + 70;
    expect(found(dated, billing('Consulting day'), first, first + 4)).toEqual([
      'PO-70',
      'PO-71',
      'PO-72',
      'PO-73',
      'PO-74',
    ]);
  });
});
