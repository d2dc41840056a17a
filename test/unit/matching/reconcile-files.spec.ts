import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  EXIT_REFUSED,
  EXIT_USAGE,
  reconcileFiles,
  runDryRun,
  summaryTable,
} from '../../../scripts/reconcile-files';

const filesIn = (name: string) => {
  const fixtures = join(__dirname, '../../fixtures', name);
  return {
    purchaseOrders: join(fixtures, 'purchase-orders.csv'),
    receipts: join(fixtures, 'receipts.csv'),
    invoices: join(fixtures, 'invoices.csv'),
    policy: join(fixtures, 'policy.json'),
  };
};
const files = filesIn('canonical');

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

describe('reconcile:files on invoices sent again and purchase order numbers shared by two vendors', () => {
  const results = runDryRun(filesIn('canonical-resend'));

  it('decides every invoice sent again separately and reports it as a duplicate', () => {
    expect(results.map((result) => [result.invoice_number, result.tier, result.reason])).toEqual([
      ['A-1', 'auto_matched', null],
      ['G-7', 'auto_matched', null],
      ['A-1', 'exception', 'DUPLICATE_INVOICE'],
      ['I-9', 'auto_matched', null],
      ['I-9', 'exception', 'DUPLICATE_INVOICE'],
    ]);
  });

  it('matches each vendor’s invoice to its own purchase order of the shared number', () => {
    expect(results[1]).toMatchObject({ vendor_name: 'Globex Consulting Ltd', po_numbers: ['PO-1001'] });
    expect(results[1].reasons).not.toContain('VENDOR_MISMATCH');
  });
});

describe('reconcile:files command line', () => {
  const runCommand = (argv: string[]) => {
    const printed = { log: [] as string[], error: [] as string[] };
    const code = reconcileFiles(argv, {
      log: (text) => printed.log.push(text),
      error: (text) => printed.error.push(text),
    });
    return { code, ...printed };
  };
  const argumentsFor = (fixtures: ReturnType<typeof filesIn>, out: string) => [
    '--purchase-orders',
    fixtures.purchaseOrders,
    '--receipts',
    fixtures.receipts,
    '--invoices',
    fixtures.invoices,
    '--out',
    out,
  ];
  let directory: string;
  beforeEach(() => {
    directory = mkdtempSync(join(tmpdir(), 'reconcile-files-'));
  });
  afterEach(() => rmSync(directory, { recursive: true, force: true }));

  it('writes the results and prints the summary', () => {
    const out = join(directory, 'results.json');
    const { code, log } = runCommand(argumentsFor(files, out));
    expect(code).toBe(0);
    expect(JSON.parse(readFileSync(out, 'utf8'))).toHaveLength(11);
    expect(log.join('\n')).toContain(`11 decisions written to ${out}`);
  });

  it('lists every problem the engine finds at its CSV file, line and column, and exits 1', () => {
    const invalid = filesIn('canonical-invalid');
    const { code, error } = runCommand(argumentsFor(invalid, join(directory, 'results.json')));
    expect(code).toBe(EXIT_REFUSED);
    expect(EXIT_REFUSED).toBe(1);
    expect(error.join('\n').split('\n')).toEqual([
      'Reconciliation input is invalid: 4 problem(s)',
      `  ${invalid.purchaseOrders} line 3, quantity: must be positive`,
      `  ${invalid.receipts} line 3, receipt_date: "2026-01-32" is not a date (YYYY-MM-DD)`,
      `  ${invalid.invoices} lines 3-4, invoice_date: "2026-02-30" is not a date (YYYY-MM-DD)`,
      `  ${invalid.invoices} line 4, unit_price: must not be negative`,
    ]);
  });

  it('prints the usage and exits 2 when a file is not given', () => {
    const { code, error } = runCommand(['--out', join(directory, 'results.json')]);
    expect(code).toBe(EXIT_USAGE);
    expect(EXIT_USAGE).toBe(2);
    expect(error[0]).toMatch(/^usage: npm run reconcile:files/);
  });
});
