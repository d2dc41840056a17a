import { TenantTolerancePolicy } from './tenant-tolerance-policy';
import { DEFAULT_TOLERANCE_POLICY } from './tolerance-policy';
import {
  ACME,
  consumed,
  decide,
  invoice,
  purchaseOrder,
  receipt,
  reconcile,
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
    expect(over.explanation.find((entry) => entry.field === 'po_lines[PO-9/1].quantity')?.note).toBe(
      'ordered 10, invoiced before 7',
    );
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
});
