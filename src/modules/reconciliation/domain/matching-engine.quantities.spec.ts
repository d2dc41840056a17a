import { TenantTolerancePolicy } from './tenant-tolerance-policy';
import { DEFAULT_TOLERANCE_POLICY } from './tolerance-policy';
import {
  ACME,
  GLOBEX,
  consumed,
  decide,
  invoice,
  purchaseOrder,
  receipt,
  reconcile,
  explained,
} from '../../../../test/support/matching/document-builders';

const po = purchaseOrder({
  poNumber: 'PO-9',
  vendor: ACME,
  lines: [{ line: '1', sku: 'W-1', quantity: '10', unitPrice: '20.00' }],
});
const bill = (number: string, quantity: string) =>
  invoice({
    number,
    vendor: ACME,
    lines: [{ po: 'PO-9', poLine: '1', sku: 'W-1', quantity, unitPrice: '20.00' }],
  });
const threeWay = new TenantTolerancePolicy(DEFAULT_TOLERANCE_POLICY);
/** A PO of `count` like lines (item W-1, same quantity and price), numbered from 1. */
const likeLinesOrder = (poNumber: string, count: number, quantity = '10', unitPrice = '20.00') =>
  purchaseOrder({
    poNumber,
    vendor: ACME,
    lines: Array.from({ length: count }, (_, i) => ({
      line: String(i + 1),
      sku: 'W-1',
      quantity,
      unitPrice,
    })),
  });
/** Five received on each of lines 1 and 2. */
const halfOfEach: Array<[string, string]> = [
  ['1', '5'],
  ['2', '5'],
];
/** What a run leaves invoiced, per PO line number. */
const invoicedPerLine = (result: ReturnType<typeof reconcile>) =>
  result.consumption.map((entry) => [entry.lineNumber, entry.invoicedQuantity.toString()]);
const threeWayForAcme = new TenantTolerancePolicy({ ...DEFAULT_TOLERANCE_POLICY, matchingMode: 'two_way' }, [
  { vendorTaxId: ACME.taxId, overrides: { matchingMode: 'three_way' } },
]);

describe('matching engine: quantities, partial and consolidated billing, 3-way', () => {
  it('auto-matches a partial invoice and reports the new consumption', () => {
    const result = reconcile({ purchaseOrders: [po], invoices: [bill('I-1', '4')] });
    expect(result.decisions[0].tier).toBe('auto_matched');
    expect(
      result.consumption.map((entry) => [
        entry.poNumber,
        entry.lineNumber,
        entry.invoicedQuantity.toString(),
      ]),
    ).toEqual([['PO-9', '1', '4']]);
  });

  it('accumulates several partial invoices against one PO line within a run', () => {
    const result = reconcile({
      purchaseOrders: [po],
      invoices: [bill('I-1', '4'), bill('I-2', '6'), bill('I-3', '1')],
    });
    expect(result.decisions.map((decision) => decision.tier)).toEqual([
      'auto_matched',
      'auto_matched',
      'exception',
    ]);
    expect(result.decisions[2].reason).toBe('OVER_INVOICED');
    expect(result.consumption[0].invoicedQuantity.toString()).toBe('10');
  });

  it('carries what earlier runs invoiced: the rest passes, more than the rest is OVER_INVOICED', () => {
    expect(
      decide({ purchaseOrders: [po], consumed: [consumed('PO-9', '1', '7')], invoices: [bill('I-1', '3')] })
        .tier,
    ).toBe('auto_matched');
    const over = decide({
      purchaseOrders: [po],
      consumed: [consumed('PO-9', '1', '7')],
      invoices: [bill('I-2', '4')],
    });
    expect(over).toMatchObject({ tier: 'exception', reason: 'OVER_INVOICED' });
    expect(explained(over, 'po_lines[PO-9/1].quantity')?.note).toBe('ordered 10, invoiced before 7');
  });

  it('raises QTY_VARIANCE when one invoice bills more than was ordered', () => {
    expect(decide({ purchaseOrders: [po], invoices: [bill('I-1', '12')] })).toMatchObject({
      tier: 'exception',
      reason: 'QTY_VARIANCE',
    });
  });

  it('in 3-way mode, raises NOT_RECEIVED when no goods receipt exists', () => {
    const decision = decide({ purchaseOrders: [po], policy: threeWay, invoices: [bill('I-1', '10')] });
    expect(decision).toMatchObject({ tier: 'exception', reason: 'NOT_RECEIVED' });
    expect(decision.explanation.find((entry) => entry.reason === 'NOT_RECEIVED')?.note).toBe(
      'no goods receipt recorded for this purchase order',
    );
  });

  it('in 3-way mode, accepts billing what was received (partial delivery) and stops billing more', () => {
    const receipts = [receipt('PO-9', [['1', '6']])];
    expect(
      decide({ purchaseOrders: [po], receipts, policy: threeWay, invoices: [bill('I-1', '6')] }).tier,
    ).toBe('auto_matched');
    expect(
      decide({ purchaseOrders: [po], receipts, policy: threeWay, invoices: [bill('I-2', '7')] }).reason,
    ).toBe('NOT_RECEIVED');
  });

  it('in 3-way mode, bills the one of two like PO lines whose goods were received', () => {
    // Two deliveries of one item ordered as two lines; only the second has arrived.
    const twoDeliveries = likeLinesOrder('PO-10', 2);
    const result = reconcile({
      purchaseOrders: [twoDeliveries],
      receipts: [receipt('PO-10', [['2', '10']])],
      policy: threeWay,
      invoices: [
        invoice({
          number: 'I-10',
          vendor: ACME,
          lines: [{ po: 'PO-10', sku: 'W-1', quantity: '10', unitPrice: '20.00' }],
        }),
      ],
    });
    expect(result.decisions[0]).toMatchObject({ tier: 'auto_matched', poNumbers: ['PO-10'] });
    expect(invoicedPerLine(result)).toEqual([['2', '10']]);
  });

  it('in 3-way mode, bills two invoice lines on the two like PO lines whose goods were received', () => {
    // Half of each of two lines received; an invoice bills the received ten as two lines of five.
    const halfEach = likeLinesOrder('PO-11', 2);
    const fiveOf = { po: 'PO-11', sku: 'W-1', quantity: '5', unitPrice: '20.00' };
    const result = reconcile({
      purchaseOrders: [halfEach],
      receipts: [receipt('PO-11', halfOfEach)],
      policy: threeWay,
      invoices: [invoice({ number: 'I-11', vendor: ACME, lines: [fiveOf, fiveOf] })],
    });
    expect(result.decisions[0]).toMatchObject({ tier: 'auto_matched', poNumbers: ['PO-11'] });
    expect(invoicedPerLine(result)).toEqual([
      ['1', '5'],
      ['2', '5'],
    ]);
  });

  it('in 3-way mode, spreads one invoice line over the two like PO lines by what each received', () => {
    // Half of each of two lines received; one invoice line bills the received ten without a line cited.
    const halfEach = likeLinesOrder('PO-13', 2);
    const billTen = (quantity: string, poLine?: string) =>
      invoice({
        number: 'I-13',
        vendor: ACME,
        lines: [{ po: 'PO-13', poLine, sku: 'W-1', quantity, unitPrice: '20.00' }],
      });
    const decided = (quantity: string, poLine?: string) =>
      reconcile({
        purchaseOrders: [halfEach],
        receipts: [receipt('PO-13', halfOfEach)],
        policy: threeWay,
        invoices: [billTen(quantity, poLine)],
      });
    const ten = decided('10');
    expect(ten.decisions[0]).toMatchObject({ tier: 'auto_matched', reason: null, poNumbers: ['PO-13'] });
    expect(invoicedPerLine(ten)).toEqual([
      ['1', '5'],
      ['2', '5'],
    ]);
    // Beyond what both received, the bill is still held, for just the goods not received.
    const twelve = decided('12').decisions[0];
    expect(twelve).toMatchObject({ tier: 'exception', reason: 'NOT_RECEIVED' });
    expect(
      JSON.parse(JSON.stringify(explained(twelve, 'po_lines[PO-13/1].received_quantity'))),
    ).toMatchObject({
      expected: '5',
      actual: '7',
      difference: '2',
      outcome: 'breach',
    });
    // A line that cites its PO line is held to it.
    expect(decided('10', '1').decisions[0]).toMatchObject({ tier: 'exception', reason: 'NOT_RECEIVED' });
  });

  it('spreads by receipts past a like PO line that received more than it ordered', () => {
    // Three lines of 4; the first received 10 (over-delivered), the third 4, the second none.
    const threeLines = likeLinesOrder('PO-16', 3, '4');
    const result = reconcile({
      purchaseOrders: [threeLines],
      receipts: [
        receipt('PO-16', [
          ['1', '10'],
          ['3', '4'],
        ]),
      ],
      policy: threeWay,
      invoices: [
        invoice({
          number: 'I-16',
          vendor: ACME,
          lines: [{ po: 'PO-16', sku: 'W-1', quantity: '7', unitPrice: '20.00' }],
        }),
      ],
    });
    expect(result.decisions[0]).toMatchObject({ tier: 'auto_matched', reason: null });
    expect(invoicedPerLine(result)).toEqual([
      ['1', '4'],
      ['3', '3'],
    ]);
  });

  it("splits a spread line's amount so that the parts add up and none is negative", () => {
    // Six like lines of 1 at 0.015, each received; one line bills the six for 0.09.
    const sixLines = likeLinesOrder('PO-17', 6, '1', '0.015');
    const result = reconcile({
      purchaseOrders: [sixLines],
      receipts: [
        receipt(
          'PO-17',
          ['1', '2', '3', '4', '5', '6'].map((line) => [line, '1'] as [string, string]),
        ),
      ],
      policy: threeWay,
      invoices: [
        invoice({
          number: 'I-17',
          vendor: ACME,
          lines: [{ po: 'PO-17', sku: 'W-1', quantity: '6', unitPrice: '0.015', amount: '0.09' }],
        }),
      ],
    });
    const amounts = result.decisions[0].matchedLines.map((line) => line.amount.toString());
    expect(amounts).toHaveLength(6);
    expect(amounts.every((amount) => !amount.startsWith('-'))).toBe(true);
    expect(amounts.reduce((sum, amount) => sum + BigInt(amount.replace('.', '')), 0n)).toBe(9n);
  });

  it('never drops a charge line of no quantity beside two like PO lines, whatever was received', () => {
    const likeLines = likeLinesOrder('PO-15', 2);
    // More invoiced on line 1 by an earlier run than was received on it.
    const result = reconcile({
      purchaseOrders: [likeLines],
      receipts: [receipt('PO-15', halfOfEach)],
      consumed: [consumed('PO-15', '1', '7')],
      policy: threeWay,
      invoices: [
        invoice({
          number: 'I-15',
          vendor: ACME,
          lines: [{ po: 'PO-15', sku: 'W-1', quantity: '0', unitPrice: '20.00', amount: '750.00' }],
        }),
      ],
    });
    expect(result.decisions[0].tier).not.toBe('auto_matched');
    expect(result.decisions[0].matchedLines).toHaveLength(1);
  });

  it('decides alike whichever comes first: a line citing one of two like PO lines, or a line citing none', () => {
    // Five received on each line; the invoice bills five citing line 1 and five citing no line.
    const halfEach = likeLinesOrder('PO-14', 2);
    const cited = { po: 'PO-14', poLine: '1', sku: 'W-1', quantity: '5', unitPrice: '20.00' };
    const uncited = { po: 'PO-14', sku: 'W-1', quantity: '5', unitPrice: '20.00' };
    const decided = (lines: Array<typeof uncited>) =>
      reconcile({
        purchaseOrders: [halfEach],
        receipts: [receipt('PO-14', halfOfEach)],
        policy: threeWay,
        invoices: [invoice({ number: 'I-14', vendor: ACME, lines })],
      });
    for (const lines of [
      [cited, uncited],
      [uncited, cited],
    ]) {
      const result = decided(lines);
      expect(result.decisions[0]).toMatchObject({ tier: 'auto_matched', reason: null });
      expect(invoicedPerLine(result)).toEqual([
        ['1', '5'],
        ['2', '5'],
      ]);
    }
  });

  it('bills the like PO line at the invoice price, not the one whose goods were received at another price', () => {
    // One item ordered at two prices; the cheaper line was delivered. The invoice bills the dearer one.
    const twoPrices = purchaseOrder({
      poNumber: 'PO-12',
      vendor: ACME,
      lines: [
        { line: '1', sku: 'W-1', quantity: '10', unitPrice: '10.00' },
        { line: '2', sku: 'W-1', quantity: '10', unitPrice: '12.00' },
      ],
    });
    const decided = (policy: TenantTolerancePolicy) =>
      reconcile({
        purchaseOrders: [twoPrices],
        receipts: [receipt('PO-12', [['1', '10']])],
        policy,
        invoices: [
          invoice({
            number: 'I-12',
            vendor: ACME,
            lines: [{ po: 'PO-12', sku: 'W-1', quantity: '10', unitPrice: '12.00' }],
          }),
        ],
      });
    const twoWay = decided(
      new TenantTolerancePolicy({ ...DEFAULT_TOLERANCE_POLICY, matchingMode: 'two_way' }),
    );
    expect(twoWay.decisions[0]).toMatchObject({ tier: 'auto_matched', reasons: [] });
    expect(invoicedPerLine(twoWay)).toEqual([['2', '10']]);
    // 3-way: line 2's goods have not arrived, which is the finding, not a price variance on line 1.
    expect(decided(threeWay).decisions[0]).toMatchObject({
      tier: 'exception',
      reason: 'NOT_RECEIVED',
      reasons: ['NOT_RECEIVED'],
    });
  });

  it('in 3-way mode, counts what earlier runs invoiced against what was received', () => {
    const receipts = [receipt('PO-9', [['1', '6']])];
    const earlier = [consumed('PO-9', '1', '4')];
    const withinReceived = decide({
      purchaseOrders: [po],
      receipts,
      consumed: earlier,
      policy: threeWay,
      invoices: [bill('I-1', '2')],
    });
    expect(withinReceived).toMatchObject({ tier: 'auto_matched', reason: null });
    const beyondReceived = decide({
      purchaseOrders: [po],
      receipts,
      consumed: earlier,
      policy: threeWay,
      invoices: [bill('I-2', '3')],
    });
    expect(beyondReceived).toMatchObject({
      tier: 'exception',
      reason: 'NOT_RECEIVED',
      reasons: ['NOT_RECEIVED'],
    });
  });

  it('in 2-way mode, needs no goods receipt', () => {
    expect(decide({ purchaseOrders: [po], invoices: [bill('I-1', '10')] }).tier).toBe('auto_matched');
  });

  it('chooses 3-way per vendor: the override applies to that vendor only', () => {
    const other = { taxId: 'NL111', name: 'Other BV' };
    const othersPo = purchaseOrder({
      poNumber: 'PO-10',
      vendor: other,
      lines: [{ line: '1', sku: 'W-1', quantity: '1', unitPrice: '5.00' }],
    });
    const result = reconcile({
      purchaseOrders: [po, othersPo],
      policy: threeWayForAcme,
      invoices: [
        bill('I-1', '1'),
        invoice({
          number: 'O-1',
          vendor: other,
          lines: [{ po: 'PO-10', sku: 'W-1', quantity: '1', unitPrice: '5.00' }],
        }),
      ],
    });
    expect(result.decisions.map((decision) => decision.reason)).toEqual(['NOT_RECEIVED', null]);
  });

  it('names QTY_VARIANCE, not NOT_RECEIVED, as the root cause when more than ordered is billed', () => {
    const decision = decide({
      purchaseOrders: [po],
      receipts: [receipt('PO-9', [['1', '10']])],
      policy: threeWay,
      invoices: [bill('I-1', '12')],
    });
    expect(decision.reasons).toEqual(['QTY_VARIANCE', 'NOT_RECEIVED']);
  });

  it('does not consume PO quantity for invoices that are not auto-matched', () => {
    const result = reconcile({
      purchaseOrders: [po],
      invoices: [
        invoice({
          number: 'I-1',
          vendor: ACME,
          lines: [{ po: 'PO-9', sku: 'W-1', quantity: '10', unitPrice: '25.00' }],
        }),
        bill('I-2', '10'),
      ],
    });
    expect(result.decisions.map((decision) => decision.tier)).toEqual(['exception', 'auto_matched']);
  });
});

describe('matching engine: consumption carried from earlier runs', () => {
  const globexPo = purchaseOrder({
    poNumber: 'PO-9',
    vendor: GLOBEX,
    lines: [{ line: '1', sku: 'G-1', quantity: '10', unitPrice: '20.00' }],
  });

  it('carries what was invoiced onto the PO of the same vendor only, when two vendors use one PO number', () => {
    const first = reconcile({ purchaseOrders: [po, globexPo], invoices: [bill('I-1', '6')] });
    const second = reconcile({
      purchaseOrders: [po, globexPo],
      consumed: first.consumption,
      invoices: [
        invoice({
          number: 'G-1',
          vendor: GLOBEX,
          lines: [{ po: 'PO-9', poLine: '1', sku: 'G-1', quantity: '6', unitPrice: '20.00' }],
        }),
      ],
    });
    expect(second.decisions[0]).toMatchObject({ tier: 'auto_matched', reason: null });
    const carried = second.consumption.map((entry) => [entry.vendor.name, entry.invoicedQuantity.toString()]);
    expect(carried).toEqual([
      [ACME.name, '6'],
      [GLOBEX.name, '6'],
    ]);
  });

  it('hands back the vendor, number and order date of each PO, so the next run finds the same PO', () => {
    const result = reconcile({ purchaseOrders: [po], invoices: [bill('I-1', '4')] });
    expect(result.consumption).toEqual([
      expect.objectContaining({ vendor: ACME, poNumber: 'PO-9', orderDate: '2026-01-05', lineNumber: '1' }),
    ]);
    const next = reconcile({
      purchaseOrders: [po],
      consumed: result.consumption,
      invoices: [bill('I-2', '7')],
    });
    expect(next.decisions[0]).toMatchObject({ tier: 'exception', reason: 'OVER_INVOICED' });
  });

  it('carries an entry naming its vendor without tax id onto that vendor’s PO when two vendors share the number', () => {
    const initech = (name: string, taxId: string, orderDate: string) =>
      purchaseOrder({
        poNumber: 'PO-100',
        vendor: { taxId, name },
        orderDate,
        lines: [{ line: '1', sku: 'P-1', quantity: '10', unitPrice: '2.00' }],
      });
    const decision = decide({
      purchaseOrders: [
        initech('Initech AG', 'CHE-1', '2026-01-05'),
        initech('Initech GmbH', 'DE9', '2026-01-09'),
      ],
      consumed: [consumed('PO-100', '1', '10', { name: 'Initech AG' }, '2026-01-05')],
      invoices: [
        invoice({
          number: 'X-1',
          vendor: { taxId: 'CHE-1', name: 'Initech AG' },
          lines: [{ po: 'PO-100', sku: 'P-1', quantity: '10', unitPrice: '2.00' }],
        }),
      ],
    });
    expect(decision).toMatchObject({ tier: 'exception', reason: 'OVER_INVOICED' });
  });
});

describe('matching engine: goods returned to the vendor', () => {
  it('counts a negative receipt line as a return that lowers what was received', () => {
    const receipts = [receipt('PO-9', [['1', '10']]), receipt('PO-9', [['1', '-4']], 'RET-1')];
    const billed = (quantity: string) =>
      decide({ purchaseOrders: [po], receipts, policy: threeWay, invoices: [bill('I-1', quantity)] });
    expect(billed('6')).toMatchObject({ tier: 'auto_matched' });
    expect(billed('8')).toMatchObject({ tier: 'exception', reason: 'NOT_RECEIVED' });
  });
});

describe('matching engine: credit notes', () => {
  const credit = (quantity: string) =>
    invoice({
      number: 'CN-1',
      vendor: ACME,
      lines: [{ po: 'PO-9', sku: 'W-1', quantity: `-${quantity}`, unitPrice: '20.00' }],
    });

  it('auto-matches a credit note within what was invoiced and gives the quantity back', () => {
    const result = reconcile({
      purchaseOrders: [po],
      consumed: [consumed('PO-9', '1', '10')],
      invoices: [credit('3')],
    });
    expect(result.decisions[0]).toMatchObject({ tier: 'auto_matched', kind: 'credit_note' });
    expect(result.consumption[0].invoicedQuantity.toString()).toBe('7');
  });

  it('raises QTY_VARIANCE for a credit note crediting more than was invoiced', () => {
    expect(
      decide({ purchaseOrders: [po], consumed: [consumed('PO-9', '1', '2')], invoices: [credit('3')] }),
    ).toMatchObject({ tier: 'exception', reason: 'QTY_VARIANCE' });
  });

  it('treats a credit at a lower price than the PO as unfavourable (less credit) beyond tolerance', () => {
    const decision = decide({
      purchaseOrders: [po],
      consumed: [consumed('PO-9', '1', '10')],
      invoices: [
        invoice({
          number: 'CN-2',
          vendor: ACME,
          lines: [{ po: 'PO-9', sku: 'W-1', quantity: '-3', unitPrice: '15.00' }],
        }),
      ],
    });
    expect(decision).toMatchObject({ tier: 'exception', reason: 'PRICE_VARIANCE' });
  });
  const creditOfAmount = (amount: string) =>
    invoice({
      number: 'CN-3',
      vendor: ACME,
      lines: [{ po: 'PO-9', sku: 'W-1', quantity: '-10', unitPrice: '20.00', amount }],
    });

  it('takes a credit note that credits less than its lines at PO prices for the unfavourable direction', () => {
    // -190.00 credits 10.00 less than 10 × 20.00: beyond the 1% line band, like over-billing.
    const decision = decide({
      purchaseOrders: [po],
      consumed: [consumed('PO-9', '1', '10')],
      invoices: [creditOfAmount('-190.00')],
    });
    expect(decision).toMatchObject({ tier: 'exception', reason: 'PRICE_VARIANCE' });
    expect(explained(decision, 'lines[1].line_amount')).toMatchObject({
      outcome: 'breach',
      tolerance: { rule: 'over: smaller of 1% and 50 (a credit: crediting less than at PO prices)' },
    });
  });

  it('lets a credit note that credits a little more than its lines pass with a warning', () => {
    const decision = decide({
      purchaseOrders: [po],
      consumed: [consumed('PO-9', '1', '10')],
      invoices: [creditOfAmount('-204.00')],
    });
    expect(decision.tier).toBe('auto_matched');
    expect(explained(decision, 'lines[1].line_amount')).toMatchObject({
      outcome: 'warning',
    });
  });
});

describe('matching engine: a return line on an invoice', () => {
  const twoItems = purchaseOrder({
    poNumber: 'PO-7',
    vendor: ACME,
    lines: [
      { line: '1', sku: 'W-1', quantity: '10', unitPrice: '10.00' },
      { line: '2', sku: 'W-2', quantity: '10', unitPrice: '5.00' },
    ],
  });
  const billWithReturn = (returned: string) =>
    invoice({
      number: 'I-R',
      vendor: ACME,
      lines: [
        { po: 'PO-7', poLine: '2', sku: 'W-2', quantity: '10', unitPrice: '5.00' },
        { po: 'PO-7', poLine: '1', sku: 'W-1', quantity: `-${returned}`, unitPrice: '10.00' },
      ],
    });

  it('gives the returned quantity back to its PO line instead of counting it as billed', () => {
    const result = reconcile({
      purchaseOrders: [twoItems],
      consumed: [consumed('PO-7', '1', '10')],
      invoices: [billWithReturn('2')],
    });
    expect(result.decisions[0].tier).toBe('auto_matched');
    const invoiced = result.consumption.map(
      (entry) => `${entry.lineNumber}=${entry.invoicedQuantity.toString()}`,
    );
    expect(invoiced.sort()).toEqual(['1=8', '2=10']);
  });

  it('decides the same whether the return line comes before or after the line it gives back from', () => {
    const lines = [
      { sku: 'W-2', quantity: '10', unitPrice: '5.00' },
      { sku: 'W-2', quantity: '-2', unitPrice: '5.00' },
    ];
    const decisions = [lines, [...lines].reverse()].map((ordered) =>
      decide({
        purchaseOrders: [twoItems],
        invoices: [invoice({ number: 'I-N', vendor: ACME, lines: ordered })],
      }),
    );
    expect(decisions[0]).toMatchObject({ tier: 'auto_matched', poNumbers: ['PO-7'] });
    expect(decisions[1]).toMatchObject({
      tier: 'auto_matched',
      poNumbers: ['PO-7'],
      score: decisions[0].score,
    });
    expect(decisions[1].matchedLines.map((line) => line.invoiceLineNumbers)).toEqual([['1', '2']]);
  });

  it('refuses a return of more than was invoiced on the PO line', () => {
    const decision = decide({ purchaseOrders: [twoItems], invoices: [billWithReturn('3')] });
    expect(decision).toMatchObject({ tier: 'exception', reason: 'QTY_VARIANCE' });
    expect(explained(decision, 'po_lines[PO-7/1].credited_quantity')).toMatchObject({
      outcome: 'breach',
    });
  });

  it('treats a return line at a lower price than the PO as less credit', () => {
    const decision = decide({
      purchaseOrders: [twoItems],
      consumed: [consumed('PO-7', '1', '10')],
      invoices: [
        invoice({
          number: 'I-R2',
          vendor: ACME,
          lines: [
            { po: 'PO-7', poLine: '2', sku: 'W-2', quantity: '10', unitPrice: '5.00' },
            { po: 'PO-7', poLine: '1', sku: 'W-1', quantity: '-2', unitPrice: '8.00' },
          ],
        }),
      ],
    });
    expect(decision).toMatchObject({ tier: 'exception', reason: 'PRICE_VARIANCE' });
  });
});
