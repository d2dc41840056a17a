import type { Invoice } from './invoice';
import type { MatchDecision } from './match-decision';
import { generateApDataset } from '../../../../test/support/matching/ap-data-generator';
import {
  ACME,
  consumed,
  decide,
  explained,
  invoice,
  purchaseOrder,
  reconcile,
} from '../../../../test/support/matching/document-builders';

const po = purchaseOrder({
  poNumber: 'PO-9',
  vendor: ACME,
  lines: [{ line: '1', sku: 'W-1', quantity: '10', unitPrice: '20.00' }],
});
const bill = (number: string, quantity: string, unitPrice: string) =>
  invoice({ number, vendor: ACME, lines: [{ po: 'PO-9', poLine: '1', sku: 'W-1', quantity, unitPrice }] });
const credit = (number: string, quantity: string, unitPrice: string) =>
  invoice({
    number,
    vendor: ACME,
    kind: 'credit_note',
    lines: [{ po: 'PO-9', poLine: '1', sku: 'W-1', quantity: `-${quantity}`, unitPrice }],
  });
/** Explanation values as the API shows them (decimals as text). */
const asShown = (value: unknown): unknown => JSON.parse(JSON.stringify(value));
const shown = (decision: MatchDecision, field: string) => asShown(explained(decision, field));
/** Billed 2% below the PO price: passes as under-billing, with a warning. */
const billedBelow = bill('I-1', '10', '19.60');

describe('matching engine: a credit note is judged at the prices billed', () => {
  it('matches a credit note that reverses an invoice billed below the PO price', () => {
    const result = reconcile({
      purchaseOrders: [po],
      invoices: [billedBelow, credit('CN-1', '10', '19.60')],
    });
    expect(result.decisions[0]).toMatchObject({ tier: 'auto_matched', reasons: ['PRICE_VARIANCE'] });
    const reversal = result.decisions[1];
    expect(reversal).toMatchObject({ tier: 'auto_matched', reason: null, reasons: [] });
    expect(shown(reversal, 'lines[1].unit_price')).toMatchObject({
      expected: '19.60',
      actual: '19.60',
      outcome: 'ok',
      note: 'the average price billed on PO line 1 (PO price 20.00)',
    });
    expect(asShown(reversal.matchedLines[0])).toMatchObject({ amount: '-196.00', expectedAmount: '-196.00' });
    expect(result.consumption).toEqual([]);
  });

  it('carries what was billed to the next run, which judges the credit alike', () => {
    const first = reconcile({ purchaseOrders: [po], invoices: [billedBelow] });
    expect(
      first.consumption.map((entry) => [entry.invoicedQuantity.toString(), entry.invoicedValue?.toString()]),
    ).toEqual([['10', '196.00']]);
    const reversal = decide({
      purchaseOrders: [po],
      consumed: first.consumption,
      invoices: [credit('CN-1', '10', '19.60')],
    });
    expect(reversal).toMatchObject({ tier: 'auto_matched', reasons: [] });
  });

  it('judges a credit at the PO price when the earlier run carried the quantity only', () => {
    const reversal = decide({
      purchaseOrders: [po],
      consumed: [consumed('PO-9', '1', '10')],
      invoices: [credit('CN-1', '10', '19.60')],
    });
    expect(reversal).toMatchObject({ tier: 'exception', reason: 'PRICE_VARIANCE' });
    expect(shown(reversal, 'lines[1].unit_price')).toMatchObject({
      expected: '20.00',
      tolerance: { rule: 'over: smaller of 1% and 50 (a credit: crediting less than at PO prices)' },
    });
  });

  it('holds a credit at less than was billed, beyond the tolerance, as unfavourable', () => {
    const reversal = decide({
      purchaseOrders: [po],
      consumed: [consumed('PO-9', '1', '10', ACME, '2026-01-05', '196.00')],
      invoices: [credit('CN-1', '10', '19.00')],
    });
    expect(reversal).toMatchObject({ tier: 'exception', reason: 'PRICE_VARIANCE' });
    expect(shown(reversal, 'lines[1].unit_price')).toMatchObject({
      expected: '19.60',
      difference: '-0.60',
      outcome: 'breach',
      tolerance: { rule: 'over: smaller of 1% and 50 (a credit: crediting less than was billed)' },
    });
    expect(shown(reversal, 'lines[1].line_amount')).toMatchObject({
      expected: '-196.00',
      actual: '-190.00',
      tolerance: { rule: 'over: smaller of 1% and 50 (a credit: crediting less than was billed)' },
    });
  });

  it('judges a credit at the average price of everything billed on the line', () => {
    const twoPrices = [bill('I-1', '5', '20.00'), bill('I-2', '5', '19.60')];
    const atAverage = decide({
      purchaseOrders: [po],
      invoices: [...twoPrices, credit('CN-1', '10', '19.80')],
    });
    expect(atAverage).toMatchObject({ tier: 'auto_matched', reasons: [] });
    expect(shown(atAverage, 'lines[1].unit_price')).toMatchObject({ expected: '19.80', outcome: 'ok' });
    // Crediting the first invoice at its own price credits 0.20 a unit more than the average: a warning.
    const atFirstPrice = decide({
      purchaseOrders: [po],
      invoices: [...twoPrices, credit('CN-1', '5', '20.00')],
    });
    expect(atFirstPrice).toMatchObject({ tier: 'auto_matched', reasons: ['PRICE_VARIANCE'] });
    expect(shown(atFirstPrice, 'lines[1].unit_price')).toMatchObject({
      expected: '19.80',
      outcome: 'warning',
      tolerance: { rule: 'under: 5% (a credit: crediting more than was billed)' },
    });
  });

  it('works out an average that does not come out exact to ten decimals, and the amount to the cent', () => {
    // 20.00 + 2 × 19.60 = 59.20 billed for 3: 19.7333333333 a unit. The vendor prints 19.73 and
    // credits the 59.20 billed.
    const reversal = decide({
      purchaseOrders: [po],
      invoices: [
        bill('I-1', '1', '20.00'),
        bill('I-2', '2', '19.60'),
        invoice({
          number: 'CN-1',
          vendor: ACME,
          kind: 'credit_note',
          lines: [
            { po: 'PO-9', poLine: '1', sku: 'W-1', quantity: '-3', unitPrice: '19.73', amount: '-59.20' },
          ],
        }),
      ],
    });
    expect(reversal).toMatchObject({ tier: 'auto_matched', reasons: [] });
    expect(shown(reversal, 'lines[1].unit_price')).toMatchObject({
      expected: '19.7333333333',
      outcome: 'ok',
    });
    expect(shown(reversal, 'lines[1].line_amount')).toMatchObject({ expected: '-59.20', outcome: 'ok' });
  });

  it('prices a credit at the PO price again once everything billed on the line is credited', () => {
    const decisions = reconcile({
      purchaseOrders: [po],
      invoices: [
        billedBelow,
        credit('CN-1', '10', '19.60'),
        bill('I-2', '10', '20.00'),
        credit('CN-2', '10', '20.00'),
      ],
    }).decisions;
    expect(decisions.map((decision) => [decision.tier, decision.reasons])).toEqual([
      ['auto_matched', ['PRICE_VARIANCE']],
      ['auto_matched', []],
      ['auto_matched', []],
      ['auto_matched', []],
    ]);
    expect(shown(decisions[3], 'lines[1].unit_price')).toMatchObject({ expected: '20.00' });
    expect(shown(decisions[3], 'lines[1].unit_price')).not.toHaveProperty('note');
  });

  it('takes a price printed rounded for the PO price it billed, so the reversal matches too', () => {
    const fine = purchaseOrder({
      poNumber: 'PO-5',
      vendor: ACME,
      lines: [{ line: '1', sku: 'S-1', quantity: '1000', unitPrice: '0.0375' }],
    });
    const line = (quantity: string, amount: string) => ({
      po: 'PO-5',
      poLine: '1',
      sku: 'S-1',
      quantity,
      unitPrice: '0.04',
      amount,
    });
    const result = reconcile({
      purchaseOrders: [fine],
      invoices: [
        invoice({ number: 'I-5', vendor: ACME, lines: [line('1000', '37.50')] }),
        invoice({ number: 'CN-5', vendor: ACME, kind: 'credit_note', lines: [line('-1000', '-37.50')] }),
      ],
    });
    expect(result.decisions.map((decision) => [decision.tier, decision.reasons])).toEqual([
      ['auto_matched', []],
      ['auto_matched', []],
    ]);
    expect(shown(result.decisions[1], 'lines[1].unit_price')).toMatchObject({ expected: '0.0375' });
  });

  it('keeps what an invoice with a return line billed alike, whichever of its lines comes first', () => {
    const twoItems = purchaseOrder({
      poNumber: 'PO-8',
      vendor: ACME,
      lines: [
        { line: '1', sku: 'W-1', quantity: '10', unitPrice: '20.00' },
        { line: '2', sku: 'W-2', quantity: '100', unitPrice: '10.00' },
      ],
    });
    const returned = { po: 'PO-8', poLine: '1', sku: 'W-1', quantity: '-10', unitPrice: '19.50' };
    const billedAgain = { po: 'PO-8', poLine: '1', sku: 'W-1', quantity: '10', unitPrice: '20.10' };
    const other = { po: 'PO-8', poLine: '2', sku: 'W-2', quantity: '100', unitPrice: '10.00' };
    const first = invoice({
      number: 'I-8',
      vendor: ACME,
      lines: [{ po: 'PO-8', poLine: '1', sku: 'W-1', quantity: '10', unitPrice: '19.60' }],
    });
    const valuesAfter = (lines: (typeof returned)[]) => {
      const result = reconcile({
        purchaseOrders: [twoItems],
        invoices: [first, invoice({ number: 'I-9', vendor: ACME, lines })],
      });
      expect(result.decisions[1]).toMatchObject({ tier: 'auto_matched' });
      return result.consumption.map((entry) => `${entry.lineNumber}: ${entry.invoicedValue?.toString()}`);
    };
    // 196.00 billed, 195.00 given back, 201.00 billed again: 202.00 for the 10 invoiced.
    expect(valuesAfter([returned, billedAgain, other])).toEqual(['1: 202.00', '2: 1000.00']);
    expect(valuesAfter([billedAgain, returned, other])).toEqual(['1: 202.00', '2: 1000.00']);
  });

  it('credits every automatic match of a generated run in full, in a later run, without a price finding', () => {
    const { input } = generateApDataset({ invoices: 2_000, seed: 23 });
    const first = reconcile({
      purchaseOrders: input.purchaseOrders,
      receipts: input.goodsReceipts,
      invoices: input.invoices,
      policy: input.policy,
    });
    const reversed = input.invoices.filter(
      (sent, i) => first.decisions[i].tier === 'auto_matched' && first.decisions[i].kind === 'invoice',
    );
    const credits = reversed.map(reversal);
    const second = reconcile({
      purchaseOrders: input.purchaseOrders,
      receipts: input.goodsReceipts,
      invoices: credits,
      policy: input.policy,
      consumed: first.consumption,
    });
    expect(credits.length).toBeGreaterThan(1_000);
    const priced = second.decisions.filter((decision) => decision.reasons.includes('PRICE_VARIANCE'));
    expect(priced.map((decision) => decision.invoiceNumber)).toEqual([]);
    const matched = second.decisions.filter((decision) => decision.tier === 'auto_matched');
    // The few left are twin POs a person must choose between, as for the invoices they credit.
    expect(matched.length).toBeGreaterThan(credits.length * 0.99);
    second.decisions.forEach((decision, k) => {
      const original = first.decisions[input.invoices.indexOf(reversed[k])];
      if (decision.tier === 'auto_matched') expect(decision.poNumbers).toEqual(original.poNumbers);
    });
  });
});

/** A credit note that reverses `sent` in full, line by line at the prices it billed. */
function reversal(sent: Invoice): Invoice {
  return {
    ...sent,
    invoiceNumber: `CN-${sent.invoiceNumber}`,
    kind: 'credit_note',
    payeeBankAccount: null,
    taxAmount: -sent.taxAmount,
    totalAmount: -sent.totalAmount,
    lines: sent.lines.map((line) => ({
      ...line,
      quantity: line.quantity.neg(),
      lineAmount: -line.lineAmount,
    })),
  };
}
