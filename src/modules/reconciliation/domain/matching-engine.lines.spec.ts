import {
  ACME,
  decide,
  invoice,
  purchaseOrder,
  reconcile,
  explained,
} from '../../../../test/support/matching/document-builders';
import type { Invoice } from './invoice';

/** The invoice as written and with its lines in reverse order (each keeps its line number). */
const inBothOrders = (written: Invoice): Invoice[] => [
  written,
  { ...written, lines: [...written.lines].reverse() },
];

/** A second PO of the vendor: two C-300 at 75.00. */
const cablesOrder = (poNumber: string) =>
  purchaseOrder({
    poNumber,
    vendor: ACME,
    lines: [{ line: '1', sku: 'C-300', quantity: '2', unitPrice: '75.00' }],
  });

describe('matching engine: pairing invoice lines with PO lines', () => {
  const po = purchaseOrder({
    poNumber: 'PO-500',
    vendor: ACME,
    lines: [
      { line: '1', sku: 'W-100', description: 'Widget', quantity: '10', unitPrice: '12.50' },
      { line: '2', sku: 'B-200', description: 'Bracket', quantity: '4', unitPrice: '30.00' },
    ],
  });

  it('pairs by SKU when the PO line number is missing or wrong', () => {
    const decision = decide({
      purchaseOrders: [po],
      invoices: [
        invoice({
          number: 'I-1',
          vendor: ACME,
          lines: [
            { po: 'PO-500', poLine: '7', sku: 'b-200', quantity: '4', unitPrice: '30.00' },
            { po: 'PO-500', sku: 'W100', quantity: '10', unitPrice: '12.50' },
          ],
        }),
      ],
    });
    expect(decision.tier).toBe('auto_matched');
    expect(
      decision.matchedLines.map((line) => `${line.invoiceLineNumbers.join('+')}->${line.poLineNumber}`),
    ).toEqual(['1->2', '2->1']);
  });

  it.each(['Travel expenses Munich', 'Consulting day 3'])(
    'holds for a person a line billing "%s" on the cited line of `Consulting day 4`',
    (description) => {
      const services = purchaseOrder({
        poNumber: 'PO-610',
        vendor: ACME,
        lines: [
          { line: '1', sku: null, description: 'Consulting day 4', quantity: '1', unitPrice: '800.00' },
        ],
      });
      const decision = decide({
        purchaseOrders: [services],
        invoices: [
          invoice({
            number: 'I-610',
            vendor: ACME,
            lines: [{ po: 'PO-610', poLine: '1', description, quantity: '1', unitPrice: '800.00' }],
          }),
        ],
      });
      expect(decision).toMatchObject({ tier: 'suggested', reason: 'AMBIGUOUS_MATCH', poNumbers: ['PO-610'] });
      expect(explained(decision, 'lines[1].description')).toMatchObject({
        expected: 'Consulting day 4',
        actual: description,
        outcome: 'breach',
        note: 'the cited PO line 1 describes another item',
      });
    },
  );

  it('takes the cited line as it is when the PO line has no description to disagree with', () => {
    const coded = purchaseOrder({
      poNumber: 'PO-620',
      vendor: ACME,
      lines: [{ line: '1', sku: 'W-100', description: '', quantity: '2', unitPrice: '50.00' }],
    });
    const decision = decide({
      purchaseOrders: [coded],
      invoices: [
        invoice({
          number: 'I-620',
          vendor: ACME,
          lines: [
            { po: 'PO-620', poLine: '1', description: 'Widget, steel', quantity: '2', unitPrice: '50.00' },
          ],
        }),
      ],
    });
    expect(decision).toMatchObject({ tier: 'auto_matched', reasons: [] });
  });

  it('pairs services without SKU by description (`Consulting day 3 - October` is `Consulting day 3`, not `day 4`)', () => {
    const services = purchaseOrder({
      poNumber: 'PO-600',
      vendor: ACME,
      lines: [
        { line: '1', sku: null, description: 'Consulting day 4', quantity: '1', unitPrice: '900.00' },
        { line: '2', sku: null, description: 'Consulting day 3', quantity: '1', unitPrice: '900.00' },
      ],
    });
    const decision = decide({
      purchaseOrders: [services],
      invoices: [
        invoice({
          number: 'I-2',
          vendor: ACME,
          lines: [
            { po: 'PO-600', description: 'Consulting day 3 - October', quantity: '1', unitPrice: '900.00' },
            { po: 'PO-600', description: 'Consulting day 4 - October', quantity: '1', unitPrice: '900.00' },
          ],
        }),
      ],
    });
    expect(decision.tier).toBe('auto_matched');
    expect(
      decision.matchedLines.map((line) => `${line.invoiceLineNumbers.join('+')}->${line.poLineNumber}`),
    ).toEqual(['1->2', '2->1']);
  });

  it('pairs by the cited PO line number before a closer description on another line', () => {
    const consulting = purchaseOrder({
      poNumber: 'PO-700',
      vendor: ACME,
      lines: [
        { line: '1', sku: null, description: 'Consulting services', quantity: '5', unitPrice: '800.00' },
        {
          line: '2',
          sku: null,
          description: 'Consulting services onsite',
          quantity: '5',
          unitPrice: '1000.00',
        },
      ],
    });
    const decision = decide({
      purchaseOrders: [consulting],
      invoices: [
        invoice({
          number: 'I-3',
          vendor: ACME,
          lines: [
            {
              po: 'PO-700',
              poLine: '2',
              description: 'Consulting services',
              quantity: '3',
              unitPrice: '1000.00',
            },
          ],
        }),
      ],
    });
    expect(decision).toMatchObject({ tier: 'auto_matched', reason: null });
    expect(decision.matchedLines.map((line) => line.poLineNumber)).toEqual(['2']);
  });

  it('pairs by the description when the cited PO line number names another item (`day 3` cited on `day 4`)', () => {
    const days = purchaseOrder({
      poNumber: 'PO-701',
      vendor: ACME,
      lines: [
        {
          line: '1',
          sku: null,
          description: 'Consulting day 3 onsite workshop',
          quantity: '1',
          unitPrice: '900.00',
        },
        { line: '2', sku: null, description: 'Consulting day 4', quantity: '1', unitPrice: '900.00' },
      ],
    });
    const decision = decide({
      purchaseOrders: [days],
      invoices: [
        invoice({
          number: 'I-4',
          vendor: ACME,
          lines: [
            {
              po: 'PO-701',
              poLine: '2',
              description: 'Consulting day 3 remote',
              quantity: '1',
              unitPrice: '900.00',
            },
          ],
        }),
      ],
    });
    expect(decision.matchedLines.map((line) => line.poLineNumber)).toEqual(['1']);
  });

  it('lets two invoice lines bill one PO line', () => {
    const decision = decide({
      purchaseOrders: [po],
      invoices: [
        invoice({
          number: 'I-3',
          vendor: ACME,
          lines: [
            { po: 'PO-500', sku: 'W-100', quantity: '6', unitPrice: '12.50' },
            { po: 'PO-500', sku: 'W-100', description: 'Widget (rest)', quantity: '4', unitPrice: '12.50' },
            { po: 'PO-500', sku: 'B-200', quantity: '4', unitPrice: '30.00' },
          ],
        }),
      ],
    });
    expect(decision.tier).toBe('auto_matched');
    expect(decision.matchedLines[0]).toMatchObject({ poLineNumber: '1', invoiceLineNumbers: ['1', '2'] });
    expect(decision.matchedLines[0].quantity.toString()).toBe('10');
  });

  it('spreads one invoice line over two PO lines of the same item', () => {
    const twoDeliveries = purchaseOrder({
      poNumber: 'PO-700',
      vendor: ACME,
      lines: [
        { line: '1', sku: 'W-100', quantity: '100', unitPrice: '2.00' },
        { line: '2', sku: 'W-100', quantity: '50', unitPrice: '2.00' },
      ],
    });
    const decision = decide({
      purchaseOrders: [twoDeliveries],
      invoices: [
        invoice({
          number: 'I-4',
          vendor: ACME,
          lines: [{ po: 'PO-700', sku: 'W-100', quantity: '150', unitPrice: '2.00' }],
        }),
      ],
    });
    expect(decision.tier).toBe('auto_matched');
    expect(
      decision.matchedLines.map((line) => [
        line.poLineNumber,
        line.quantity.toString(),
        line.amount.toString(),
      ]),
    ).toEqual([
      ['1', '100', '200.00'],
      ['2', '50', '100.00'],
    ]);
  });

  it('pairs lines of one item and price in the same way whatever their order: the larger quantity first', () => {
    // The 8 at 2.50 fits the 2.50 line whole; the 6 goes on the 11.00 line (a price variance),
    // rather than the 6 taking the 2.50 line and the 8 spilling over it when it comes second.
    const twoPrices = purchaseOrder({
      poNumber: 'PO-800',
      vendor: ACME,
      lines: [
        { line: '1', sku: 'W-100', quantity: '8', unitPrice: '2.50' },
        { line: '2', sku: 'W-100', quantity: '6', unitPrice: '11.00' },
      ],
    });
    const written = invoice({
      number: 'I-80',
      vendor: ACME,
      lines: [
        { po: 'PO-800', sku: 'W-100', quantity: '6', unitPrice: '2.50' },
        { po: 'PO-800', sku: 'W-100', quantity: '8', unitPrice: '2.50' },
      ],
    });
    for (const sent of inBothOrders(written)) {
      const decision = decide({ purchaseOrders: [twoPrices], invoices: [sent] });
      expect(decision).toMatchObject({ tier: 'exception', reason: 'PRICE_VARIANCE' });
      expect(
        [...decision.matchedLines]
          .sort((a, b) => a.poLineNumber.localeCompare(b.poLineNumber))
          .map((line) => [line.poLineNumber, line.invoiceLineNumbers, line.quantity.toString()]),
      ).toEqual([
        ['1', ['2'], '8'],
        ['2', ['1'], '6'],
      ]);
    }
  });

  it('matches a consolidated invoice to every PO its lines cite', () => {
    const second = cablesOrder('PO-501');
    const decision = decide({
      purchaseOrders: [po, second],
      invoices: [
        invoice({
          number: 'I-5',
          vendor: ACME,
          lines: [
            { po: 'PO-500', sku: 'W-100', quantity: '10', unitPrice: '12.50' },
            { po: 'PO-500', sku: 'B-200', quantity: '4', unitPrice: '30.00' },
            { po: 'PO 501', sku: 'C-300', quantity: '2', unitPrice: '75.00' },
          ],
        }),
      ],
    });
    expect(decision).toMatchObject({ tier: 'auto_matched', poNumbers: ['PO-500', 'PO-501'] });
    // The explanation, written later from what the run kept, tells how each cited PO was found.
    expect(
      decision.explanation
        .filter((entry) => entry.field === 'po_number')
        .map((entry) => [entry.actual, entry.expected, entry.outcome]),
    ).toEqual([
      ['PO-500', 'PO-500', 'ok'],
      ['PO 501', 'PO-501', 'ok'],
    ]);
  });

  describe('a consolidated invoice', () => {
    const second = cablesOrder('PO-502');
    const consolidated = (number: string, secondQuantity: string) =>
      invoice({
        number,
        vendor: ACME,
        lines: [
          { po: 'PO-500', sku: 'W-100', quantity: '6', unitPrice: '12.50' },
          { po: 'PO-502', sku: 'C-300', quantity: secondQuantity, unitPrice: '75.00' },
        ],
      });

    it('consumes on each PO what its lines bill', () => {
      const result = reconcile({ purchaseOrders: [po, second], invoices: [consolidated('I-8', '2')] });
      expect(result.decisions[0].tier).toBe('auto_matched');
      expect(
        result.consumption.map((entry) => [
          entry.poNumber,
          entry.lineNumber,
          entry.invoicedQuantity.toString(),
        ]),
      ).toEqual([
        ['PO-500', '1', '6'],
        ['PO-502', '1', '2'],
      ]);
    });

    it('is an exception when it over-bills one of its POs, naming that PO line, and consumes on none', () => {
      const result = reconcile({ purchaseOrders: [po, second], invoices: [consolidated('I-9', '3')] });
      const decision = result.decisions[0];
      expect(decision).toMatchObject({
        tier: 'exception',
        reason: 'QTY_VARIANCE',
        poNumbers: ['PO-500', 'PO-502'],
      });
      expect(explained(decision, 'po_lines[PO-502/1].quantity')).toMatchObject({ outcome: 'breach' });
      expect(explained(decision, 'po_lines[PO-500/1].quantity')).toMatchObject({ outcome: 'ok' });
      expect(result.consumption).toEqual([]);
    });
  });

  describe('a line citing no PO beside lines that cite one', () => {
    // Two open lines of one item: the citing line fills the first, the other line must take the second.
    const twoLines = purchaseOrder({
      poNumber: 'PO-510',
      vendor: ACME,
      lines: [
        { line: '1', sku: 'W-100', quantity: '5', unitPrice: '10.00' },
        { line: '2', sku: 'W-100', quantity: '5', unitPrice: '10.00' },
      ],
    });

    it.each([
      ['no reference', undefined],
      ['a placeholder reference', 'N/A'],
    ])('with %s bills what the citing lines left open, not the same quantity again', (_, reference) => {
      const result = reconcile({
        purchaseOrders: [twoLines],
        invoices: [
          invoice({
            number: 'I-20',
            vendor: ACME,
            lines: [
              { po: 'PO-510', sku: 'W-100', quantity: '5', unitPrice: '10.00' },
              { po: reference, sku: 'W-100', quantity: '5', unitPrice: '10.00' },
            ],
          }),
        ],
      });
      expect(result.decisions[0]).toMatchObject({ tier: 'auto_matched', poNumbers: ['PO-510'] });
      expect(
        result.consumption.map((entry) => [entry.lineNumber, entry.invoicedQuantity.toString()]),
      ).toEqual([
        ['1', '5'],
        ['2', '5'],
      ]);
    });

    it('still breaches when the lines together bill more than the PO ordered', () => {
      const decision = decide({
        purchaseOrders: [twoLines],
        invoices: [
          invoice({
            number: 'I-21',
            vendor: ACME,
            lines: [
              { po: 'PO-510', sku: 'W-100', quantity: '8', unitPrice: '10.00' },
              { sku: 'W-100', quantity: '3', unitPrice: '10.00' },
            ],
          }),
        ],
      });
      expect(decision).toMatchObject({ tier: 'exception', reason: 'QTY_VARIANCE' });
    });

    it('on a consolidated invoice, takes what the citing lines left on either PO', () => {
      const other = cablesOrder('PO-511');
      const result = reconcile({
        purchaseOrders: [twoLines, other],
        invoices: [
          invoice({
            number: 'I-22',
            vendor: ACME,
            lines: [
              { po: 'PO-510', sku: 'W-100', quantity: '5', unitPrice: '10.00' },
              { po: 'PO-511', sku: 'C-300', quantity: '2', unitPrice: '75.00' },
              { sku: 'W-100', quantity: '5', unitPrice: '10.00' },
            ],
          }),
        ],
      });
      expect(result.decisions[0]).toMatchObject({ tier: 'auto_matched', poNumbers: ['PO-510', 'PO-511'] });
      expect(
        result.consumption.map((entry) => [
          entry.poNumber,
          entry.lineNumber,
          entry.invoicedQuantity.toString(),
        ]),
      ).toEqual([
        ['PO-510', '1', '5'],
        ['PO-510', '2', '5'],
        ['PO-511', '1', '2'],
      ]);
    });
    it('places a line citing no PO on the POs in their input order, whichever the invoice cites first', () => {
      const order = (poNumber: string) =>
        purchaseOrder({
          poNumber,
          vendor: ACME,
          lines: [{ line: '1', sku: 'W-100', quantity: '5', unitPrice: '10.00' }],
        });
      const written = invoice({
        number: 'I-23',
        vendor: ACME,
        lines: [
          { po: 'PO-521', sku: 'W-100', quantity: '2', unitPrice: '10.00' },
          { po: 'PO-520', sku: 'W-100', quantity: '2', unitPrice: '10.00' },
          { sku: 'W-100', quantity: '3', unitPrice: '10.00' },
        ],
      });
      for (const sent of inBothOrders(written)) {
        const result = reconcile({ purchaseOrders: [order('PO-520'), order('PO-521')], invoices: [sent] });
        expect(result.decisions[0].tier).toBe('auto_matched');
        expect(
          result.consumption.map((entry) => [entry.poNumber, entry.invoicedQuantity.toString()]),
        ).toEqual([
          ['PO-520', '5'],
          ['PO-521', '2'],
        ]);
      }
    });
  });

  it('flags a billed item that is not on the PO as OVER_INVOICED', () => {
    const decision = decide({
      purchaseOrders: [po],
      invoices: [
        invoice({
          number: 'I-6',
          vendor: ACME,
          lines: [
            { po: 'PO-500', sku: 'W-100', quantity: '10', unitPrice: '12.50' },
            {
              po: 'PO-500',
              sku: 'FREIGHT',
              description: 'Freight surcharge',
              quantity: '1',
              unitPrice: '45.00',
            },
          ],
        }),
      ],
    });
    expect(decision).toMatchObject({ tier: 'exception', reason: 'OVER_INVOICED' });
    expect(explained(decision, 'lines[2]')?.note).toBe('billed item is not on the purchase order');
  });

  it('never pairs a line whose SKU differs, even on the PO line number it cites', () => {
    const decision = decide({
      purchaseOrders: [po],
      invoices: [
        invoice({
          number: 'I-7',
          vendor: ACME,
          lines: [
            { po: 'PO-500', poLine: '1', sku: 'W-100', quantity: '10', unitPrice: '12.50' },
            { po: 'PO-500', poLine: '2', sku: 'X-999', quantity: '4', unitPrice: '30.00' },
          ],
        }),
      ],
    });
    expect(decision).toMatchObject({ tier: 'exception', reason: 'OVER_INVOICED' });
    expect(decision.matchedLines.map((line) => line.poLineNumber)).toEqual(['1']);
    expect(explained(decision, 'lines[2]')?.note).toBe('billed item is not on the purchase order');
  });
});
