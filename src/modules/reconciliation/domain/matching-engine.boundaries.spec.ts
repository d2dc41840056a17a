import { Decimal } from './decimal';
import { ToleranceBand } from './tolerance-band';
import type { MatchDecision } from './match-decision';
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
  /** Bills each line of PO-NET once at its price (and, when given, the stated line amount). */
  const billNet = (
    prices: readonly string[],
    tenantPolicy?: TenantTolerancePolicy,
    amounts?: readonly string[],
  ) =>
    decide({
      purchaseOrders: [big],
      ...(tenantPolicy ? { policy: tenantPolicy } : {}),
      invoices: [
        invoice({
          number: 'N-1',
          vendor: ACME,
          lines: prices.map((unitPrice, i) => ({
            po: 'PO-NET',
            sku: `M-${i + 1}`,
            quantity: '1',
            unitPrice,
            ...(amounts ? { amount: amounts[i] } : {}),
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

  it('warns on a net amount exactly 5% under (the under-billing band), and stops one cent beyond', () => {
    // Lines may be 10% under here, so that only the net amount's own band decides.
    const wideLines = policy({
      unitPrice: { ...DEFAULT_TOLERANCE_POLICY.unitPrice, underPercent: Decimal.parse('10') },
      lineAmount: { ...DEFAULT_TOLERANCE_POLICY.lineAmount, underPercent: Decimal.parse('10') },
    });
    const under = (prices: readonly string[]) => billNet(prices, wideLines);
    const atBand = under(['9500.00', '9500.00', '9500.00']);
    expect(atBand).toMatchObject({ tier: 'auto_matched', reason: 'PRICE_VARIANCE' });
    expect(explained(atBand, 'net_amount')).toMatchObject({ outcome: 'warning' });
    const beyond = under(['9500.00', '9500.00', '9499.99']);
    expect(beyond).toMatchObject({ tier: 'exception', reason: 'PRICE_VARIANCE' });
    expect(explained(beyond, 'net_amount')).toMatchObject({ outcome: 'breach' });
  });

  it('lets a cent of rounding per line pass even where the tenant allows no variance at all', () => {
    const none = { over: ToleranceBand.NONE, underPercent: Decimal.ZERO };
    const exact = policy({ unitPrice: none, lineAmount: none, totalAmount: none });
    const stated = (amounts: readonly string[]) =>
      billNet(['10000.00', '10000.00', '10000.00'], exact, amounts);
    const rounded = stated(['10000.01', '10000.01', '10000.01']);
    expect(rounded).toMatchObject({ tier: 'auto_matched', reason: null });
    expect(String(explained(rounded, 'net_amount')?.difference)).toBe('0.03');
    const twoCents = stated(['10000.01', '10000.01', '10000.02']);
    expect(twoCents).toMatchObject({ tier: 'exception', reason: 'PRICE_VARIANCE' });
    expect(explained(twoCents, 'lines[3].line_amount')).toMatchObject({ outcome: 'breach' });
  });

  it('takes a unit price worked back from a line amount a cent off for rounding, not a price variance', () => {
    // 6 × 0.16 = 0.96 ordered; billed 0.97, and 0.97 / 6 printed as 0.1617: 1.06% over, a cent on the line.
    const pennies = purchaseOrder({
      poNumber: 'PO-P',
      vendor: ACME,
      lines: [{ line: '1', sku: 'P-1', quantity: '6', unitPrice: '0.16' }],
    });
    const billed = (unitPrice: string, amount: string) =>
      decide({
        purchaseOrders: [pennies],
        policy: policy({}),
        invoices: [
          invoice({
            number: 'P-1',
            vendor: ACME,
            lines: [{ po: 'PO-P', sku: 'P-1', quantity: '6', unitPrice, amount }],
          }),
        ],
      });
    const worked = billed('0.1617', '0.97');
    expect(worked).toMatchObject({ tier: 'auto_matched', reason: null });
    expect(explained(worked, 'lines[1].unit_price')?.tolerance?.rule).toBe(
      'price worked back from a line amount within rounding',
    );
    // What rounding allowed is the difference itself (not the 1% band, 0.0016, which it exceeds).
    expect(explained(worked, 'lines[1].unit_price')?.difference?.toString()).toBe('0.0017');
    expect(explained(worked, 'lines[1].unit_price')?.tolerance?.allowed.toString()).toBe('0.0017');
    // A price that is not the line amount divided back (0.97 / 6 is 0.1617, not 0.1618), or a line
    // two cents off, is a price variance.
    expect(billed('0.1618', '0.97')).toMatchObject({ tier: 'exception', reason: 'PRICE_VARIANCE' });
    expect(billed('0.1633', '0.98')).toMatchObject({ tier: 'exception', reason: 'PRICE_VARIANCE' });
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

describe('matching engine: currencies with no or three decimals', () => {
  /** One PO line and an invoice billing it in `currency`, the invoice line's amount as stated (or computed). */
  const billIn = (
    currency: string,
    ordered: { quantity: string; unitPrice: string },
    billed: { unitPrice: string; amount?: string },
    tenantPolicy?: TenantTolerancePolicy,
  ) =>
    decide({
      purchaseOrders: [
        purchaseOrder({
          poNumber: 'PO-X',
          vendor: ACME,
          currency,
          lines: [{ line: '1', sku: 'K-1', ...ordered }],
        }),
      ],
      ...(tenantPolicy ? { policy: tenantPolicy } : {}),
      invoices: [
        invoice({
          number: 'X-1',
          vendor: ACME,
          currency,
          lines: [{ po: 'PO-X', sku: 'K-1', quantity: ordered.quantity, ...billed }],
        }),
      ],
    });
  const amounts = (decision: MatchDecision) =>
    decision.matchedLines.map((line) => `${line.amount.toString()} / ${line.expectedAmount.toString()}`);

  it('checks a yen invoice in whole yen: the 50 cap is 50 yen, 50 over passes, 51 does not', () => {
    const ordered = { quantity: '1', unitPrice: '10000' };
    const atCap = billIn('JPY', ordered, { unitPrice: '10050' });
    expect(atCap).toMatchObject({ tier: 'auto_matched', currency: 'JPY' });
    expect(amounts(atCap)).toEqual(['10050 / 10000']);
    const over = billIn('JPY', ordered, { unitPrice: '10051' });
    expect(over).toMatchObject({ tier: 'exception', reason: 'PRICE_VARIANCE' });
    expect(String(explained(over, 'lines[1].unit_price')?.difference)).toBe('51');
  });

  it('checks a Kuwaiti dinar invoice in fils: one fils of rounding per line passes, two do not', () => {
    const exact = policy({
      lineAmount: { over: ToleranceBand.NONE, underPercent: Decimal.ZERO },
      totalAmount: { over: ToleranceBand.NONE, underPercent: Decimal.ZERO },
    });
    const ordered = { quantity: '3', unitPrice: '1.255' };
    const rounded = billIn('KWD', ordered, { unitPrice: '1.255', amount: '3.766' }, exact);
    expect(rounded).toMatchObject({ tier: 'auto_matched', reason: null });
    expect(amounts(rounded)).toEqual(['3.766 / 3.765']);
    expect(billIn('KWD', ordered, { unitPrice: '1.255', amount: '3.767' }, exact)).toMatchObject({
      tier: 'exception',
      reason: 'PRICE_VARIANCE',
    });
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
