import { Decimal } from './decimal';
import { TenantTolerancePolicy } from './tenant-tolerance-policy';
import { DEFAULT_TOLERANCE_POLICY } from './tolerance-policy';
import { ToleranceBand } from './tolerance-band';
import {
  ACME,
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
    expect(price?.tolerance?.allowed.toString()).toBe('1.0000');
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
      expect(billFrom({ taxId: 'FR987654321', name: 'Globex Logistics S.A.' }).reasons).not.toContain(
        'NOT_RECEIVED',
      );
    });
  });
});
