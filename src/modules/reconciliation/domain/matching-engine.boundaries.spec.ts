import { Decimal } from './decimal';
import { TenantTolerancePolicy } from './tenant-tolerance-policy';
import { DEFAULT_TOLERANCE_POLICY, type TolerancePolicy } from './tolerance-policy';
import type { InvoiceLineSpec } from '../../../../test/support/matching/document-builders';
import {
  ACME,
  decide,
  invoice,
  purchaseOrder,
  explained,
} from '../../../../test/support/matching/document-builders';

const policy = (changes: Partial<TolerancePolicy>) =>
  new TenantTolerancePolicy({ ...DEFAULT_TOLERANCE_POLICY, matchingMode: 'two_way', ...changes });

describe('matching engine: tolerance boundaries (exactly at the limit, one unit over)', () => {
  // Three PO lines of 10,000.00: each line may be 50.00 over (cap below 1%), the net only 100.00.
  const big = purchaseOrder({
    poNumber: 'PO-NET',
    vendor: ACME,
    lines: ['1', '2', '3'].map((line) => ({ line, sku: `M-${line}`, quantity: '1', unitPrice: '10000.00' })),
  });
  const billNet = (prices: readonly string[]) =>
    decide({
      purchaseOrders: [big],
      invoices: [
        invoice({
          number: 'N-1',
          vendor: ACME,
          lines: prices.map((unitPrice, i) => ({
            po: 'PO-NET',
            sku: `M-${i + 1}`,
            quantity: '1',
            unitPrice,
          })),
        }),
      ],
    });

  it('accepts a net amount exactly 100.00 over (the net cap), every line within its own band', () => {
    const decision = billNet(['10033.33', '10033.33', '10033.34']);
    expect(decision.tier).toBe('auto_matched');
    expect(explained(decision, 'net_amount')).toMatchObject({ outcome: 'ok' });
    expect(String(explained(decision, 'net_amount')?.difference)).toBe('100.00');
  });

  it('raises PRICE_VARIANCE on the net amount one cent over the net cap', () => {
    const decision = billNet(['10033.33', '10033.34', '10033.34']);
    expect(decision).toMatchObject({ tier: 'exception', reason: 'PRICE_VARIANCE' });
    expect(explained(decision, 'net_amount')).toMatchObject({ outcome: 'breach', reason: 'PRICE_VARIANCE' });
    expect(explained(decision, 'lines[1].unit_price')).toMatchObject({ outcome: 'ok' });
  });

  const po = purchaseOrder({
    poNumber: 'PO-1',
    vendor: ACME,
    lines: [
      { line: '1', sku: 'W-1', quantity: '10', unitPrice: '100.00' },
      { line: '2', sku: 'W-2', quantity: '10', unitPrice: '5.00' },
    ],
  });
  const lines: InvoiceLineSpec[] = [
    { po: 'PO-1', sku: 'W-1', quantity: '2', unitPrice: '100.00' },
    { po: 'PO-1', sku: 'W-2', quantity: '2', unitPrice: '5.00' },
  ];
  const withTotal = (total: string) =>
    decide({
      purchaseOrders: [po],
      policy: policy({ taxAbsolute: Decimal.parse('0.05') }),
      invoices: [invoice({ number: 'T-1', vendor: ACME, lines, tax: '42.00', total })],
    });

  it('accepts a stated total exactly at the tax tolerance (0.05) from lines plus tax', () => {
    const decision = withTotal('252.05');
    expect(decision.tier).toBe('auto_matched');
    expect(explained(decision, 'total_amount')).toMatchObject({ outcome: 'ok' });
  });

  it('raises TAX_MISMATCH one cent beyond the tax tolerance', () => {
    const decision = withTotal('252.06');
    expect(decision).toMatchObject({ tier: 'exception', reason: 'TAX_MISMATCH' });
    expect(explained(decision, 'total_amount')?.tolerance?.allowed.toString()).toBe('0.05');
  });

  const billQuantity = (quantity: string) =>
    decide({
      purchaseOrders: [po],
      policy: policy({ quantityOverPercent: Decimal.parse('10') }),
      invoices: [
        invoice({
          number: 'Q-1',
          vendor: ACME,
          lines: [{ po: 'PO-1', sku: 'W-1', quantity, unitPrice: '100.00' }],
        }),
      ],
    });

  it('accepts a quantity exactly 10% over the ordered 10 when the tenant allows 10%', () => {
    expect(billQuantity('11').tier).toBe('auto_matched');
  });

  it('raises QTY_VARIANCE one hundredth over the quantity allowance', () => {
    const decision = billQuantity('11.01');
    expect(decision).toMatchObject({ tier: 'exception', reason: 'QTY_VARIANCE' });
    expect(explained(decision, 'po_lines[PO-1/1].quantity')).toMatchObject({ outcome: 'breach' });
  });
});

describe('matching engine: the blocked search for invoices without a reference', () => {
  const dated = (orderDate: string, currency = 'EUR') =>
    purchaseOrder({
      poNumber: 'PO-77',
      vendor: ACME,
      currency,
      orderDate,
      lines: [{ line: '1', sku: 'W-1', quantity: '10', unitPrice: '20.00' }],
    });
  const unreferenced = (date: string) =>
    invoice({
      number: 'S-1',
      vendor: ACME,
      date,
      lines: [{ sku: 'W-1', quantity: '10', unitPrice: '20.00' }],
    });

  it('finds a PO dated exactly the date window (365 days) before the invoice', () => {
    const decision = decide({
      purchaseOrders: [dated('2025-02-01')],
      invoices: [unreferenced('2026-02-01')],
    });
    expect(decision).toMatchObject({ tier: 'auto_matched', poNumbers: ['PO-77'] });
  });

  it('excludes a PO dated one day before the date window from the search (PO_NOT_FOUND)', () => {
    const decision = decide({
      purchaseOrders: [dated('2025-01-31')],
      invoices: [unreferenced('2026-02-01')],
    });
    expect(decision).toMatchObject({ tier: 'exception', reason: 'PO_NOT_FOUND', poNumbers: [] });
  });

  it('accepts a PO dated up to 7 days after the invoice, not 8', () => {
    expect(
      decide({ purchaseOrders: [dated('2026-02-08')], invoices: [unreferenced('2026-02-01')] }).tier,
    ).toBe('auto_matched');
    expect(
      decide({ purchaseOrders: [dated('2026-02-09')], invoices: [unreferenced('2026-02-01')] }).reason,
    ).toBe('PO_NOT_FOUND');
  });

  it('excludes a PO in another currency from the search: PO_NOT_FOUND, not a guess', () => {
    const decision = decide({
      purchaseOrders: [dated('2026-01-05', 'USD')],
      invoices: [unreferenced('2026-02-01')],
    });
    expect(decision).toMatchObject({ tier: 'exception', reason: 'PO_NOT_FOUND', poNumbers: [] });
  });

  it('suggests (AMBIGUOUS_MATCH) between two POs that are close but not identical', () => {
    const close = (poNumber: string, price: string) =>
      purchaseOrder({
        poNumber,
        vendor: ACME,
        lines: [
          { line: '1', sku: 'W-100', quantity: '10', unitPrice: '12.50' },
          { line: '2', sku: 'B-200', quantity: '4', unitPrice: price },
        ],
      });
    const decision = decide({
      purchaseOrders: [close('PO-A', '30.00'), close('PO-B', '30.10')],
      invoices: [
        invoice({
          number: 'C-1',
          vendor: ACME,
          lines: [
            { sku: 'W-100', quantity: '10', unitPrice: '12.50' },
            { sku: 'B-200', quantity: '4', unitPrice: '30.05' },
          ],
        }),
      ],
    });
    expect(decision).toMatchObject({ tier: 'suggested', reason: 'AMBIGUOUS_MATCH' });
    const named = [...decision.poNumbers, ...decision.candidates.map((candidate) => candidate.poNumber)];
    expect(named).toEqual(expect.arrayContaining(['PO-A', 'PO-B']));
  });
});

describe('matching engine: price as tie-breaker between PO lines of the same SKU', () => {
  const po = purchaseOrder({
    poNumber: 'PO-9',
    vendor: ACME,
    lines: [
      { line: '1', sku: 'W-1', quantity: '10', unitPrice: '20.00' },
      { line: '2', sku: 'W-1', quantity: '10', unitPrice: '25.00' },
    ],
  });
  const billAt = (unitPrice: string) =>
    decide({
      purchaseOrders: [po],
      invoices: [
        invoice({
          number: 'P-1',
          vendor: ACME,
          lines: [{ po: 'PO-9', sku: 'W-1', quantity: '4', unitPrice }],
        }),
      ],
    });

  it.each([
    ['25.00', '2'],
    ['20.00', '1'],
    ['24.90', '2'],
  ])('pairs an invoice line at %s with PO line %s (the closest price)', (unitPrice, poLine) => {
    const decision = billAt(unitPrice);
    expect(decision.tier).toBe('auto_matched');
    expect(decision.matchedLines.map((line) => line.poLineNumber)).toEqual([poLine]);
  });
});
