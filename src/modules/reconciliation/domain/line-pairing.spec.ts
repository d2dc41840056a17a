import { Decimal } from './decimal';
import { IncomingInvoiceLine } from './incoming-invoice';
import { fitCeiling, OpenQuantityNeeds, pairLines, pairsEveryBillingLine } from './line-pairing';
import { PurchaseOrderLedger } from './purchase-order-ledger';
import type { Invoice } from './invoice';
import { ReferenceNormalizer } from './reference-normalizer';
import { SeededRandom } from '../../../../test/support/matching/seeded-random';
import { ACME, invoice, purchaseOrder } from '../../../../test/support/matching/document-builders';

const ITEMS = [
  { sku: 'A-1', description: 'Consulting day 3', price: '10.00' },
  { sku: 'B-2', description: 'Consulting day 4', price: '2.50' },
  { sku: 'C-3', description: 'Hex bolt M8', price: '0.40' },
] as const;

/** A PO of 1 to 4 lines of the items above, some without SKU, some at another price, some billed in part before. */
function randomOrder(random: SeededRandom): PurchaseOrderLedger {
  const source = purchaseOrder({
    poNumber: 'PO-1',
    vendor: ACME,
    lines: Array.from({ length: random.int(1, 4) }, (_, i) => {
      const item = random.pick(ITEMS);
      return {
        line: String(i + 1),
        sku: random.chance(0.7) ? item.sku : null,
        description: item.description,
        quantity: String(random.int(1, 9)),
        unitPrice: random.chance(0.8) ? item.price : '11.00',
      };
    }),
  });
  const order = new PurchaseOrderLedger(0, source, 'acme');
  for (const line of order.lines)
    if (random.chance(0.3)) line.carryInvoiced(Decimal.parse(String(random.int(-1, 9))));
  return order;
}

/** 1 to 4 invoice lines, some citing a PO line, some without SKU, some giving back, some of no quantity. */
function randomLines(random: SeededRandom): IncomingInvoiceLine[] {
  const source = invoice({
    number: 'I-1',
    vendor: ACME,
    lines: Array.from({ length: random.int(1, 4) }, () => {
      const item = random.pick(ITEMS);
      return {
        po: 'PO-1',
        poLine: random.chance(0.3) ? String(random.int(1, 4)) : null,
        sku: random.chance(0.7) ? item.sku : null,
        description: random.chance(0.9) ? item.description : 'Freight',
        quantity: String((random.chance(0.1) ? -1 : 1) * random.int(0, 9)),
        unitPrice: random.chance(0.8) ? item.price : '10.40',
      };
    }),
  });
  return incomingLines(source);
}

/** The invoice's lines as the engine prepares them (keys normalized). */
function incomingLines(source: Invoice): IncomingInvoiceLine[] {
  return source.lines.map(
    (line, position) =>
      new IncomingInvoiceLine(line, position, ReferenceNormalizer.citedPoNumber(line.poNumber)),
  );
}

/** Lines of one item A-1 at 10.00 citing nothing. */
const billingA1 = (quantity: string): IncomingInvoiceLine[] =>
  incomingLines(
    invoice({ number: 'I', vendor: ACME, lines: [{ sku: 'A-1', quantity, unitPrice: '10.00' }] }),
  );

describe('line pairing: the fit ceiling', () => {
  it('is never below the fit the pairing gives, says when some line cannot pair, and knows the open quantity a fit needs', () => {
    const random = new SeededRandom(17);
    const broken: string[] = [];
    for (let n = 0; n < 5000; n += 1) {
      const order = randomOrder(random);
      const lines = randomLines(random);
      const pairing = pairLines(lines, order.lines);
      const ceiling = fitCeiling(lines, order.lines);
      if (ceiling.fit + 1e-9 < pairing.fit)
        broken.push(`case ${n}: ceiling ${ceiling.fit} < fit ${pairing.fit}`);
      for (const fit of [0.3, 0.6, 0.9]) {
        const needed = new OpenQuantityNeeds(lines).forFit(fit);
        if (needed && order.openQuantityOfAllLines().compare(needed) < 0 && pairing.fit > fit + 1e-9)
          broken.push(
            `case ${n}: fit ${pairing.fit} with less open than ${needed.toString()} needed for ${fit}`,
          );
      }
      if (!ceiling.mayPairEveryBillingLine && pairsEveryBillingLine(pairing))
        broken.push(`case ${n}: every line that bills paired`);
    }
    expect(broken).toEqual([]);
  });

  it('counts a line whole when the lines of its item together have room for it, half when they do not', () => {
    const order = new PurchaseOrderLedger(
      0,
      purchaseOrder({
        poNumber: 'PO-1',
        vendor: ACME,
        lines: [
          { line: '1', sku: 'A-1', quantity: '4', unitPrice: '10.00' },
          { line: '2', sku: 'A-1', quantity: '4', unitPrice: '10.00' },
        ],
      }),
      'acme',
    );
    expect(fitCeiling(billingA1('8'), order.lines)).toEqual({ fit: 1, mayPairEveryBillingLine: true });
    expect(fitCeiling(billingA1('9'), order.lines).fit).toBeCloseTo(0.5, 9);
    const unknown = invoice({
      number: 'I',
      vendor: ACME,
      lines: [{ sku: 'Z-9', quantity: '1', unitPrice: '1.00' }],
    });
    expect(fitCeiling(incomingLines(unknown), order.lines)).toEqual({
      fit: 0,
      mayPairEveryBillingLine: false,
    });
  });
});
