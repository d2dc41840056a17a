import { join } from 'node:path';
import { runDryRun, summaryTable } from '../../../scripts/reconcile-files';

const fixtures = join(__dirname, '../../fixtures/canonical');
const files = {
  purchaseOrders: join(fixtures, 'purchase-orders.csv'),
  receipts: join(fixtures, 'receipts.csv'),
  invoices: join(fixtures, 'invoices.csv'),
  policy: join(fixtures, 'policy.json'),
};

describe('reconcile:files dry run on the canonical sample CSVs', () => {
  const results = runDryRun(files);
  const byNumber = new Map(results.map((result) => [result.invoice_number, result]));

  it('writes one object per invoice, in file order, with the invoice number as in the file', () => {
    expect(results.map((result) => result.invoice_number)).toEqual([
      'INV-0012',
      'inv0012',
      'A-7781',
      'GC-301',
      'A-7790',
      'A-7791',
      'IN-55',
      'IN-56',
      'W-1',
      'A-7795',
      'IN-57',
    ]);
    expect(Object.keys(results[0])).toEqual(
      expect.arrayContaining([
        'vendor_tax_id',
        'vendor_name',
        'invoice_number',
        'tier',
        'reason',
        'reasons',
        'po_numbers',
        'score',
        'explanation',
      ]),
    );
  });

  it.each([
    ['INV-0012', 'auto_matched', null, ['PO-2026000101']],
    ['inv0012', 'exception', 'DUPLICATE_INVOICE', ['PO-2026000101']],
    ['A-7781', 'auto_matched', null, ['PO-2026000102']],
    ['GC-301', 'auto_matched', null, ['PO-2026000103']],
    ['A-7790', 'exception', 'NOT_RECEIVED', ['PO-2026000104']],
    ['A-7791', 'suggested', 'AMBIGUOUS_MATCH', ['PO-2026000105']],
    ['IN-55', 'exception', 'PRICE_VARIANCE', ['PO-2026000107']],
    ['IN-56', 'auto_matched', null, ['PO-2026000107']],
    ['W-1', 'exception', 'PO_NOT_FOUND', []],
    ['A-7795', 'exception', 'TAX_MISMATCH', ['PO-2026000108']],
    ['IN-57', 'exception', 'CURRENCY_MISMATCH', ['PO-2026000107']],
  ])('decides %s: %s %s', (number, tier, reason, poNumbers) => {
    expect(byNumber.get(number)).toMatchObject({ tier, reason, po_numbers: poNumbers });
  });

  it('serializes amounts as exact decimal strings', () => {
    const json = JSON.parse(JSON.stringify(byNumber.get('IN-55'))) as {
      explanation: Array<{ field: string; expected: string; actual: string }>;
    };
    expect(json.explanation.find((entry) => entry.field === 'lines[1].unit_price')).toMatchObject({
      expected: '24.00',
      actual: '25.50',
    });
  });

  it('prints a summary by tier and reason', () => {
    const table = summaryTable(results);
    expect(table).toContain('auto_matched  -                            4');
    expect(table).toMatch(/total\s+11/);
  });
});
