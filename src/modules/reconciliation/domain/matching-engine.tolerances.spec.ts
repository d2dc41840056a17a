import { Decimal } from './decimal';
import { TenantTolerancePolicy } from './tenant-tolerance-policy';
import { DEFAULT_TOLERANCE_POLICY } from './tolerance-policy';
import { ToleranceBand } from './tolerance-band';
import {
  ACME,
  GLOBEX,
  decide,
  invoice,
  purchaseOrder,
  explained,
} from '../../../../test/support/matching/document-builders';

// Default policy: unit price and line amount over-billing up to the smaller of 1% and 50.00,
// net amount up to the smaller of 1% and 100.00, under-billing warned up to 5%.
const po = purchaseOrder({
  poNumber: 'PO-1',
  vendor: ACME,
  lines: [{ line: '1', sku: 'W-1', quantity: '10', unitPrice: '100.00' }],
});
const billAt = (unitPrice: string, amount?: string, quantity = '10') =>
  decide({
    purchaseOrders: [po],
    invoices: [
      invoice({
        number: 'I-1',
        vendor: ACME,
        lines: [{ po: 'PO-1', sku: 'W-1', quantity, unitPrice, ...(amount ? { amount } : {}) }],
      }),
    ],
  });

describe('matching engine: tolerances', () => {
  it('accepts a unit price exactly at the 1% over-billing limit', () => {
    const decision = billAt('101.00');
    expect(decision.tier).toBe('auto_matched');
    const price = explained(decision, 'lines[1].unit_price');
    expect(price).toMatchObject({ outcome: 'ok', tolerance: { rule: 'over: smaller of 1% and 50' } });
    expect(price?.difference?.toString()).toBe('1.00');
  });

  it('raises PRICE_VARIANCE one cent over the limit', () => {
    const decision = billAt('101.01');
    expect(decision).toMatchObject({ tier: 'exception', reason: 'PRICE_VARIANCE' });
    const price = explained(decision, 'lines[1].unit_price');
    expect(price).toMatchObject({ outcome: 'breach', reason: 'PRICE_VARIANCE' });
    // Shown at the price's own decimals, without the zeros the percentage adds.
    expect(price?.tolerance?.allowed.toString()).toBe('1.00');
  });

  it('applies the absolute cap when it is smaller than the percentage', () => {
    const expensive = purchaseOrder({
      poNumber: 'PO-2',
      vendor: ACME,
      lines: [{ line: '1', sku: 'M-1', quantity: '1', unitPrice: '10000.00' }],
    });
    const bill = (unitPrice: string) =>
      decide({
        purchaseOrders: [expensive],
        invoices: [
          invoice({
            number: 'I-2',
            vendor: ACME,
            lines: [{ po: 'PO-2', sku: 'M-1', quantity: '1', unitPrice }],
          }),
        ],
      });
    expect(bill('10050.00').tier).toBe('auto_matched');
    expect(bill('10050.01').reason).toBe('PRICE_VARIANCE');
  });

  it('lets under-billing within 5% pass with a PRICE_VARIANCE warning', () => {
    const decision = billAt('95.00');
    expect(decision).toMatchObject({
      tier: 'auto_matched',
      reason: 'PRICE_VARIANCE',
      reasons: ['PRICE_VARIANCE'],
    });
    expect(explained(decision, 'lines[1].unit_price')?.outcome).toBe('warning');
  });

  it('stops under-billing beyond the 5% band', () => {
    expect(billAt('94.99')).toMatchObject({ tier: 'exception', reason: 'PRICE_VARIANCE' });
  });

  it('accepts a line amount exactly 1% over the quantity at the PO price, not one cent more', () => {
    expect(explained(billAt('100.00', '1010.00'), 'lines[1].line_amount')).toMatchObject({ outcome: 'ok' });
    const over = billAt('100.00', '1010.01');
    expect(over).toMatchObject({ tier: 'exception', reason: 'PRICE_VARIANCE' });
    expect(explained(over, 'lines[1].line_amount')).toMatchObject({
      outcome: 'breach',
      reason: 'PRICE_VARIANCE',
    });
    expect(explained(over, 'lines[1].unit_price')).toMatchObject({ outcome: 'ok' });
  });

  it('never raises an exception for a one-cent rounding difference on a line', () => {
    const decision = billAt('100.00', '1000.01');
    expect(decision.tier).toBe('auto_matched');
    expect(explained(decision, 'lines[1].line_amount')).toMatchObject({
      outcome: 'ok',
      tolerance: { rule: 'rounding' },
    });
  });

  it('accepts a unit price printed with fewer decimals than the PO when it is the PO price rounded', () => {
    const screws = purchaseOrder({
      poNumber: 'PO-3',
      vendor: ACME,
      lines: [{ line: '1', sku: 'S-1', quantity: '10000', unitPrice: '0.0375' }],
    });
    const decision = decide({
      purchaseOrders: [screws],
      invoices: [
        invoice({
          number: 'I-3',
          vendor: ACME,
          lines: [{ po: 'PO-3', sku: 'S-1', quantity: '10000', unitPrice: '0.04', amount: '375.00' }],
        }),
      ],
    });
    expect(decision.tier).toBe('auto_matched');
  });

  it('applies a vendor override instead of the tenant default', () => {
    const strict = new TenantTolerancePolicy({ ...DEFAULT_TOLERANCE_POLICY, matchingMode: 'two_way' }, [
      {
        vendorTaxId: 'DE 123 456 789',
        overrides: { unitPrice: { over: ToleranceBand.NONE, underPercent: Decimal.ZERO } },
      },
    ]);
    const decision = decide({
      purchaseOrders: [po],
      policy: strict,
      invoices: [
        invoice({
          number: 'I-4',
          vendor: ACME,
          lines: [{ po: 'PO-1', sku: 'W-1', quantity: '10', unitPrice: '100.50' }],
        }),
      ],
    });
    expect(decision).toMatchObject({ tier: 'exception', reason: 'PRICE_VARIANCE' });
  });

  describe('a vendor override of some fields', () => {
    // Acme (by tax id): a 30-day date window, 10% quantity over, a 0.50 tax tolerance; nothing else.
    const acmeOverrides = new TenantTolerancePolicy(
      { ...DEFAULT_TOLERANCE_POLICY, matchingMode: 'two_way' },
      [
        {
          vendorTaxId: ACME.taxId,
          overrides: {
            dateWindowDays: 30,
            quantityOverPercent: Decimal.parse('10'),
            taxAbsolute: Decimal.parse('0.50'),
          },
        },
      ],
    );
    const dated = (orderDate: string) =>
      purchaseOrder({
        poNumber: 'PO-D',
        vendor: ACME,
        orderDate,
        lines: [{ line: '1', sku: 'W-1', quantity: '10', unitPrice: '100.00' }],
      });
    const unreferenced = invoice({
      number: 'I-D',
      vendor: ACME,
      date: '2026-02-01',
      lines: [{ sku: 'W-1', quantity: '10', unitPrice: '100.00' }],
    });
    const withPolicy = (spec: Parameters<typeof invoice>[0]) =>
      decide({ purchaseOrders: [po], policy: acmeOverrides, invoices: [invoice(spec)] });
    const line = (quantity: string, unitPrice = '100.00') => ({
      po: 'PO-1',
      sku: 'W-1',
      quantity,
      unitPrice,
    });

    it('searches only the vendor’s own date window: 30 days found, 31 not', () => {
      expect(
        decide({ purchaseOrders: [dated('2026-01-02')], policy: acmeOverrides, invoices: [unreferenced] }),
      ).toMatchObject({ tier: 'auto_matched', poNumbers: ['PO-D'] });
      expect(
        decide({ purchaseOrders: [dated('2026-01-01')], policy: acmeOverrides, invoices: [unreferenced] }),
      ).toMatchObject({ tier: 'exception', reason: 'PO_NOT_FOUND', poNumbers: [] });
    });

    it('allows the vendor’s quantity tolerance: 11 of 10 passes, 11.01 does not', () => {
      expect(withPolicy({ number: 'I-Q1', vendor: ACME, lines: [line('11')] })).toMatchObject({
        tier: 'auto_matched',
      });
      expect(withPolicy({ number: 'I-Q2', vendor: ACME, lines: [line('11.01')] })).toMatchObject({
        tier: 'exception',
        reason: 'QTY_VARIANCE',
      });
    });

    it('allows the vendor’s tax tolerance: 0.50 off passes, 0.51 does not', () => {
      const stated = (total: string) =>
        withPolicy({ number: 'I-T', vendor: ACME, lines: [line('1')], tax: '19.00', total });
      expect(stated('119.50')).toMatchObject({ tier: 'auto_matched' });
      expect(stated('119.51')).toMatchObject({ tier: 'exception', reason: 'TAX_MISMATCH' });
    });

    it('keeps the tenant defaults for every field it does not name (unit price 1%)', () => {
      expect(withPolicy({ number: 'I-P1', vendor: ACME, lines: [line('1', '101.00')] }).tier).toBe(
        'auto_matched',
      );
      expect(withPolicy({ number: 'I-P2', vendor: ACME, lines: [line('1', '101.01')] })).toMatchObject({
        tier: 'exception',
        reason: 'PRICE_VARIANCE',
      });
    });
  });

  describe('a vendor override given by name', () => {
    const threeWayForAcme = new TenantTolerancePolicy(
      { ...DEFAULT_TOLERANCE_POLICY, matchingMode: 'two_way' },
      [{ vendorName: 'Acme Industrial Supplies', overrides: { matchingMode: 'three_way' } }],
    );
    const billFrom = (vendor: { taxId?: string | null; name: string }) =>
      decide({
        purchaseOrders: [po],
        policy: threeWayForAcme,
        invoices: [
          invoice({
            number: 'I-5',
            vendor,
            lines: [{ po: 'PO-1', sku: 'W-1', quantity: '10', unitPrice: '100.00' }],
          }),
        ],
      });

    it('applies to an invoice that spells the vendor as the override does', () => {
      expect(billFrom({ name: 'Acme Industrial Supplies' })).toMatchObject({ reason: 'NOT_RECEIVED' });
    });

    it('applies to an invoice whose misspelt name is recognised as that vendor', () => {
      expect(billFrom({ name: 'Acme Industrail Supplies' })).toMatchObject({ reason: 'NOT_RECEIVED' });
    });

    it('applies to an invoice that identifies the vendor by tax id under another name', () => {
      expect(billFrom({ taxId: ACME.taxId, name: 'ACME Supplies' })).toMatchObject({
        reason: 'NOT_RECEIVED',
      });
    });

    it('does not reach a vendor whose name is only close to it', () => {
      const eastOnly = new TenantTolerancePolicy({ ...DEFAULT_TOLERANCE_POLICY, matchingMode: 'two_way' }, [
        { vendorName: 'Acme Industrial Suppliez', overrides: { matchingMode: 'three_way' } },
      ]);
      const decision = decide({
        purchaseOrders: [po],
        policy: eastOnly,
        invoices: [
          invoice({
            number: 'I-6',
            vendor: ACME,
            lines: [{ po: 'PO-1', sku: 'W-1', quantity: '10', unitPrice: '100.00' }],
          }),
        ],
      });
      expect(decision).toMatchObject({ tier: 'auto_matched', reason: null });
    });

    it('does not apply to another vendor', () => {
      const globexPo = purchaseOrder({
        poNumber: 'PO-G1',
        vendor: GLOBEX,
        lines: [{ line: '1', sku: 'W-1', quantity: '10', unitPrice: '100.00' }],
      });
      const decision = decide({
        purchaseOrders: [po, globexPo],
        policy: threeWayForAcme,
        invoices: [
          invoice({
            number: 'G-5',
            vendor: GLOBEX,
            lines: [{ po: 'PO-G1', sku: 'W-1', quantity: '10', unitPrice: '100.00' }],
          }),
        ],
      });
      // No goods receipt anywhere: only the 2-way tenant default lets this pass.
      expect(decision).toMatchObject({ tier: 'auto_matched', reason: null, poNumbers: ['PO-G1'] });
      expect(billFrom(ACME)).toMatchObject({ reason: 'NOT_RECEIVED' });
    });
  });
});
