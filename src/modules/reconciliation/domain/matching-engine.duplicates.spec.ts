import { TenantTolerancePolicy } from './tenant-tolerance-policy';
import { DEFAULT_TOLERANCE_POLICY } from './tolerance-policy';
import {
  ACME,
  GLOBEX,
  consumed,
  invoice,
  purchaseOrder,
  receipt,
  reconcile,
  explained,
} from '../../../../test/support/matching/document-builders';

const po = purchaseOrder({
  poNumber: 'PO-7',
  vendor: ACME,
  lines: [
    { line: '1', sku: 'W-1', quantity: '10', unitPrice: '20.00' },
    { line: '2', sku: 'W-2', quantity: '10', unitPrice: '5.00' },
  ],
});
const bill = (
  number: string,
  date = '2026-02-01',
  quantity = '5',
  vendor: { taxId?: string | null; name: string } = ACME,
) =>
  invoice({
    number,
    vendor,
    date,
    lines: [
      { po: 'PO-7', sku: 'W-1', quantity, unitPrice: '20.00' },
      { po: 'PO-7', sku: 'W-2', quantity: '2', unitPrice: '5.00' },
    ],
  });

describe('matching engine: duplicates', () => {
  it('flags the later arrival with the same number after normalization (INV-0012 vs inv0012) as DUPLICATE_INVOICE', () => {
    const result = reconcile({
      purchaseOrders: [po],
      invoices: [bill('INV-0012'), bill('inv0012', '2026-02-03')],
    });
    expect(result.decisions.map((decision) => [decision.tier, decision.reason])).toEqual([
      ['auto_matched', null],
      ['exception', 'DUPLICATE_INVOICE'],
    ]);
    expect(result.decisions[1].duplicateOf).toBe('INV-0012');
  });

  it('flags a resend whose number carries label words (Invoice No. 0012 after INV-12) as DUPLICATE_INVOICE', () => {
    const result = reconcile({
      purchaseOrders: [po],
      invoices: [
        bill('INV-12'),
        bill('Invoice No. 0012', '2026-02-09'),
        bill('Rechnungsnummer 12', '2026-02-10'),
      ],
    });
    expect(
      result.decisions.map((decision) => [decision.tier, decision.reason, decision.duplicateOf]),
    ).toEqual([
      ['auto_matched', null, null],
      ['exception', 'DUPLICATE_INVOICE', 'INV-12'],
      ['exception', 'DUPLICATE_INVOICE', 'INV-12'],
    ]);
  });

  it('flags the later arrival even when it carries the earlier invoice date', () => {
    const result = reconcile({
      purchaseOrders: [po],
      invoices: [bill('INV-0013', '2026-02-05'), bill('inv 13', '2026-02-01')],
    });
    expect(result.decisions.map((decision) => [decision.tier, decision.reason])).toEqual([
      ['auto_matched', null],
      ['exception', 'DUPLICATE_INVOICE'],
    ]);
    expect(result.decisions[1].duplicateOf).toBe('INV-0013');
  });

  it('names the duplicate as root cause even though it also over-invoices', () => {
    const result = reconcile({
      purchaseOrders: [po],
      invoices: [bill('INV-1', '2026-02-01', '10'), bill('INV-0001', '2026-02-01', '10')],
    });
    expect(result.decisions[1].reasons[0]).toBe('DUPLICATE_INVOICE');
    expect(result.decisions[1].reasons).toContain('OVER_INVOICED');
  });

  it('flags identical content, date and total under a new number as DUPLICATE_INVOICE, even while the PO has room', () => {
    const result = reconcile({ purchaseOrders: [po], invoices: [bill('INV-1'), bill('INV-2')] });
    expect(result.decisions[1]).toMatchObject({
      tier: 'exception',
      reason: 'DUPLICATE_INVOICE',
      duplicateOf: 'INV-1',
    });
  });

  it('suggests a likely duplicate: same vendor, date and total, new number, lines presented differently', () => {
    const resent = invoice({
      number: 'INV-3',
      vendor: ACME,
      date: '2026-02-01',
      lines: [
        { po: 'PO-7', sku: 'W-1', quantity: '4', unitPrice: '20.00' },
        { po: 'PO-7', sku: 'W-1', quantity: '1', unitPrice: '20.00' },
        { po: 'PO-7', sku: 'W-2', quantity: '2', unitPrice: '5.00' },
      ],
    });
    const result = reconcile({ purchaseOrders: [po], invoices: [bill('INV-1'), resent] });
    expect(result.decisions[1]).toMatchObject({ tier: 'suggested', reason: 'DUPLICATE_INVOICE' });
  });

  it('decides identical content under a new number and date as a further partial invoice while the PO has room, with a warning naming the earlier one', () => {
    // 5 of 10 and 2 of 10 billed twice: a second delivery of the same quantities, not a duplicate.
    const result = reconcile({
      purchaseOrders: [po],
      invoices: [bill('INV-1', '2026-02-01'), bill('INV-77', '2026-02-20')],
    });
    expect(result.decisions[1]).toMatchObject({
      tier: 'auto_matched',
      reason: null,
      reasons: [],
      duplicateOf: null,
    });
    const entry = explained(result.decisions[1], 'invoice_number');
    expect(entry).toMatchObject({
      expected: 'not already received (earlier: INV-1)',
      outcome: 'warning',
      reason: null,
    });
    expect(entry?.note).toContain('check that it is not a resend');
    expect(result.consumption.map((line) => line.invoicedQuantity.toString())).toEqual(['10', '4']);
  });

  it('suggests identical content under a new number and date as a likely DUPLICATE_INVOICE when the PO has no open quantity left for it', () => {
    const result = reconcile({
      purchaseOrders: [po],
      invoices: [bill('INV-1', '2026-02-01', '10'), bill('INV-78', '2026-03-01', '10')],
    });
    // The duplicate is the root cause: the over-invoice it would cause is held for review with it.
    expect(result.decisions[1]).toMatchObject({
      tier: 'suggested',
      reason: 'DUPLICATE_INVOICE',
      reasons: ['DUPLICATE_INVOICE', 'OVER_INVOICED'],
      duplicateOf: 'INV-1',
    });
    const entry = explained(result.decisions[1], 'invoice_number');
    expect(entry).toMatchObject({ outcome: 'warning', reason: 'DUPLICATE_INVOICE' });
    expect(entry?.note).toContain('no open quantity left');
    // A person confirms; nothing is consumed meanwhile.
    expect(result.consumption.map((line) => line.invoicedQuantity.toString())).toEqual(['10', '2']);
  });

  it('suggests identical content under a new number and date as a likely DUPLICATE_INVOICE when, in 3-way mode, it would exceed the receipts', () => {
    const result = reconcile({
      purchaseOrders: [po],
      receipts: [
        receipt('PO-7', [
          ['1', '5'],
          ['2', '2'],
        ]),
      ],
      policy: new TenantTolerancePolicy(DEFAULT_TOLERANCE_POLICY),
      invoices: [bill('INV-1', '2026-02-01'), bill('INV-79', '2026-02-20')],
    });
    expect(result.decisions.map((decision) => [decision.tier, decision.reason])).toEqual([
      ['auto_matched', null],
      ['suggested', 'DUPLICATE_INVOICE'],
    ]);
    expect(result.decisions[1].reasons).toEqual(['DUPLICATE_INVOICE', 'NOT_RECEIVED']);
  });

  it('holds the over-invoice of a same-day likely duplicate for the same review: suggested, duplicate first', () => {
    const resent = invoice({
      number: 'INV-4',
      vendor: ACME,
      date: '2026-02-01',
      lines: [
        { po: 'PO-7', sku: 'W-1', quantity: '6', unitPrice: '20.00' },
        { po: 'PO-7', sku: 'W-1', quantity: '4', unitPrice: '20.00' },
        { po: 'PO-7', sku: 'W-2', quantity: '2', unitPrice: '5.00' },
      ],
    });
    const result = reconcile({
      purchaseOrders: [po],
      invoices: [bill('INV-1', '2026-02-01', '10'), resent],
    });
    expect(result.decisions[1]).toMatchObject({
      tier: 'suggested',
      reasons: ['DUPLICATE_INVOICE', 'OVER_INVOICED'],
      duplicateOf: 'INV-1',
    });
  });

  it('holds a resent credit note that would credit more than was invoiced for review: QTY_VARIANCE after the duplicate', () => {
    const credit = (number: string, date: string) =>
      invoice({
        number,
        vendor: ACME,
        date,
        lines: [{ po: 'PO-7', sku: 'W-1', quantity: '-5', unitPrice: '20.00' }],
      });
    const result = reconcile({
      purchaseOrders: [po],
      invoices: [bill('INV-1'), credit('CN-1', '2026-02-10'), credit('CN-2', '2026-02-20')],
    });
    expect(result.decisions.map((decision) => decision.tier)).toEqual([
      'auto_matched',
      'auto_matched',
      'suggested',
    ]);
    expect(result.decisions[2]).toMatchObject({
      kind: 'credit_note',
      reasons: ['DUPLICATE_INVOICE', 'QTY_VARIANCE'],
      duplicateOf: 'CN-1',
    });
  });

  it('keeps other breaches blocking: a likely duplicate that also bills at a wrong price is an exception, duplicate first', () => {
    const overpriced = (number: string, date: string) =>
      invoice({
        number,
        vendor: ACME,
        date,
        lines: [{ po: 'PO-7', sku: 'W-1', quantity: '10', unitPrice: '25.00' }],
      });
    const result = reconcile({
      purchaseOrders: [po],
      consumed: [consumed('PO-7', '1', '10')],
      invoices: [overpriced('INV-1', '2026-02-01'), overpriced('INV-80', '2026-03-01')],
    });
    expect(result.decisions[1]).toMatchObject({ tier: 'exception', reason: 'DUPLICATE_INVOICE' });
    expect(result.decisions[1].reasons).toEqual(['DUPLICATE_INVOICE', 'OVER_INVOICED', 'PRICE_VARIANCE']);
  });

  it('catches an invoice already processed by an earlier run', () => {
    const original = bill('INV-77');
    const result = reconcile({
      purchaseOrders: [po],
      consumed: [consumed('PO-7', '1', '5'), consumed('PO-7', '2', '2')],
      priorInvoices: [
        {
          vendor: ACME,
          invoiceNumber: 'INV-77',
          invoiceDate: '2026-02-01',
          currency: 'EUR',
          totalAmount: original.totalAmount,
        },
      ],
      invoices: [bill('INV 077', '2026-03-01')],
    });
    expect(result.decisions[0]).toMatchObject({ tier: 'exception', reason: 'DUPLICATE_INVOICE' });
  });

  it('finds a same-day resend of the first of many invoices with one total (a bucket the register indexes by day)', () => {
    const retainers = purchaseOrder({
      poNumber: 'PO-8',
      vendor: ACME,
      lines: [{ line: '1', sku: 'R-1', quantity: '100', unitPrice: '20.00' }],
    });
    const retainer = (number: string, day: number) =>
      invoice({
        number,
        vendor: ACME,
        date: `2026-03-${String(day).padStart(2, '0')}`,
        lines: [{ po: 'PO-8', sku: 'R-1', quantity: '1', unitPrice: '20.00' }],
      });
    const monthly = Array.from({ length: 9 }, (_, i) => retainer(`RET-${i + 1}`, i + 1));
    const result = reconcile({ purchaseOrders: [retainers], invoices: [...monthly, retainer('RET-99', 1)] });
    expect(result.decisions.slice(0, 9).map((decision) => decision.tier)).toEqual(
      Array(9).fill('auto_matched'),
    );
    expect(result.decisions[9]).toMatchObject({
      tier: 'exception',
      reason: 'DUPLICATE_INVOICE',
      duplicateOf: 'RET-1',
    });
  });

  it('finds a same-day resend of the last of a few invoices with one total (a bucket scanned, not yet indexed)', () => {
    const monthly = ['2026-02-01', '2026-03-01', '2026-04-01'].map((date, i) =>
      bill(`INV-${i + 1}`, date, '1'),
    );
    const resent = bill('INV-30', '2026-04-01', '1');
    const result = reconcile({ purchaseOrders: [po], invoices: [...monthly, resent] });
    expect(result.decisions.slice(0, 3).map((decision) => decision.tier)).toEqual(
      Array(3).fill('auto_matched'),
    );
    expect(result.decisions[3]).toMatchObject({
      tier: 'exception',
      reason: 'DUPLICATE_INVOICE',
      duplicateOf: 'INV-3',
    });
  });

  it('does not confuse the same number from two different vendors', () => {
    const globexPo = purchaseOrder({
      poNumber: 'PO-8',
      vendor: GLOBEX,
      lines: [{ line: '1', sku: 'G-1', quantity: '1', unitPrice: '9.00' }],
    });
    const result = reconcile({
      purchaseOrders: [po, globexPo],
      invoices: [
        bill('INV-1'),
        invoice({
          number: 'INV-1',
          vendor: GLOBEX,
          lines: [{ po: 'PO-8', sku: 'G-1', quantity: '1', unitPrice: '9.00' }],
        }),
      ],
    });
    expect(result.decisions.map((decision) => decision.tier)).toEqual(['auto_matched', 'auto_matched']);
  });

  it('does not take two service invoices for different days, same date and amount, for identical content', () => {
    const services = purchaseOrder({
      poNumber: 'PO-8',
      vendor: ACME,
      lines: [
        { line: '1', description: 'Consulting day 3', quantity: '1', unitPrice: '800.00' },
        { line: '2', description: 'Consulting day 4', quantity: '1', unitPrice: '800.00' },
      ],
    });
    const day = (number: string, line: string, description: string) =>
      invoice({
        number,
        vendor: ACME,
        lines: [{ po: 'PO-8', poLine: line, description, quantity: '1', unitPrice: '800.00' }],
      });
    const result = reconcile({
      purchaseOrders: [services],
      invoices: [day('I-3', '1', 'Consulting day 3'), day('I-4', '2', 'Consulting day 4')],
    });
    // Same vendor, date and total under another number: a likely duplicate for a person, not a certain one.
    expect(result.decisions[1]).toMatchObject({ tier: 'suggested', reason: 'DUPLICATE_INVOICE' });
    expect(result.decisions[1].poNumbers).toEqual(['PO-8']);
  });

  it('does not take the retainers of two months, billed the same day, for identical content', () => {
    const retainer = purchaseOrder({
      poNumber: 'PO-9',
      vendor: ACME,
      lines: [{ line: '1', description: 'Monthly retainer', quantity: '12', unitPrice: '500.00' }],
    });
    const month = (number: string, name: string) =>
      invoice({
        number,
        vendor: ACME,
        lines: [
          {
            po: 'PO-9',
            poLine: '1',
            description: `Monthly retainer ${name} 2026`,
            quantity: '1',
            unitPrice: '500.00',
          },
        ],
      });
    const result = reconcile({
      purchaseOrders: [retainer],
      invoices: [month('R-1', 'January'), month('R-2', 'February')],
    });
    expect(result.decisions[1]).toMatchObject({ tier: 'suggested', reason: 'DUPLICATE_INVOICE' });
  });

  it('does not take a credit note for a duplicate of the invoice it corrects', () => {
    const credit = invoice({
      number: 'INV-1',
      vendor: ACME,
      lines: [{ po: 'PO-7', sku: 'W-1', quantity: '-1', unitPrice: '20.00' }],
    });
    const result = reconcile({ purchaseOrders: [po], invoices: [bill('INV-1'), credit] });
    expect(result.decisions[1]).toMatchObject({ tier: 'auto_matched', kind: 'credit_note' });
  });
});
