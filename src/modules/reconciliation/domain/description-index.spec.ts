import { ACME, purchaseOrder } from '../../../../test/support/matching/document-builders';
import { DescriptionIndex } from './description-index';
import type { IncomingInvoiceLine } from './incoming-invoice';
import { PurchaseOrderLedger } from './purchase-order-ledger';
import { descriptionWords } from './description-similarity';

const ledgers = (descriptions: readonly string[][]) =>
  descriptions.map(
    (lines, index) =>
      new PurchaseOrderLedger(
        index,
        purchaseOrder({
          poNumber: `PO-${index}`,
          vendor: ACME,
          lines: lines.map((description, at) => ({
            line: String(at + 1),
            description,
            quantity: '1',
            unitPrice: '1.00',
          })),
        }),
        'T:ACME',
      ),
  );

/** Invoice lines as the search reads them: only their description words. */
const billing = (...descriptions: string[]) =>
  descriptions.map(
    (description) =>
      ({ descriptionWords: () => descriptionWords(description) }) as unknown as IncomingInvoiceLine,
  );

function found(index: DescriptionIndex, lines: readonly IncomingInvoiceLine[]): string[] {
  const hits = index.search(lines);
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

  it('finds every PO sharing a word with the line, each once, in input order', () => {
    expect(found(index, billing('Window cleaning March'))).toEqual(['PO-0', 'PO-2', 'PO-3', 'PO-4']);
  });

  it('walks the line whose words are on the fewest POs: any PO taking the whole invoice is among them', () => {
    expect(found(index, billing('Cleaning service', 'Legal advice'))).toEqual(['PO-1']);
  });

  it('finds nothing for words on no PO, or for months and filler words alone', () => {
    expect(index.search(billing('Catering'))).toBeNull();
    expect(index.search(billing('October 2026 of the'))).toBeNull();
  });
});
