import {
  copyFileSync,
  existsSync,
  linkSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  attentionList,
  EXIT_REFUSED,
  EXIT_USAGE,
  reconcileFiles,
  runDryRun,
  summaryTable,
} from '../../../scripts/reconcile-files';
import { CANONICAL_COLUMNS } from '../../../scripts/canonical-csv/canonical-documents';

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

  it('keeps the vendor as each invoice wrote it, and scores every decision', () => {
    expect(
      ['INV-0012', 'inv0012', 'A-7781'].map((number) => {
        const result = byNumber.get(number);
        return [result?.vendor_tax_id, result?.vendor_name];
      }),
    ).toEqual([
      ['DE123456789', 'Acme Industrial Supplies GmbH'],
      [null, 'ACME Industrial Supplies'],
      ['DE 123 456 789', 'Acme Industrial Supplies GmbH'],
    ]);
    expect(byNumber.get('INV-0012')?.score).toBe(0.998);
    for (const result of results.filter((each) => each.tier === 'auto_matched'))
      expect(result.score).toBeGreaterThanOrEqual(0.85);
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

  it('lists the invoices that need a person, in file order, each with the finding behind its reason', () => {
    const list = attentionList(results).split('\n');
    expect(list[0]).toBe('invoices that need a person (7 of 11):');
    expect(list.filter((line) => !line.startsWith('    ')).slice(1)).toEqual([
      '  inv0012, ACME Industrial Supplies: exception, DUPLICATE_INVOICE',
      '  A-7790, Acme Industrial Supplies GmbH (DE123456789): exception, NOT_RECEIVED',
      '  A-7791, Acme Industrial Supplies GmbH (DE123456789): suggested, AMBIGUOUS_MATCH',
      '  IN-55, Initech Office Supply Inc. (US770000222): exception, PRICE_VARIANCE',
      '  W-1, City Water Utility: exception, PO_NOT_FOUND',
      '  A-7795, Acme Industrial Supplies GmbH (DE123456789): exception, TAX_MISMATCH',
      '  IN-57, Initech Office Supply Inc. (US770000222): exception, CURRENCY_MISMATCH',
    ]);
    const priceVariance =
      list[list.indexOf('  IN-55, Initech Office Supply Inc. (US770000222): exception, PRICE_VARIANCE') + 1];
    expect(priceVariance).toBe(
      '    lines[1].unit_price: expected 24.00; invoiced 25.50; allowed 0.24 (over: smaller of 1% and 50)',
    );
    expect(list).toContain('    po_number: the invoice cites no purchase order');
  });

  it('lists at most the limit of invoices and says how many more the output file holds', () => {
    const list = attentionList(results, 2).split('\n');
    expect(list.filter((line) => /^ {2}\S/.test(line))).toEqual([
      '  inv0012, ACME Industrial Supplies: exception, DUPLICATE_INVOICE',
      '  A-7790, Acme Industrial Supplies GmbH (DE123456789): exception, NOT_RECEIVED',
      '  ... and 5 more in the output file',
    ]);
  });

  it('says so when every invoice was matched automatically', () => {
    const matched = results.filter((result) => result.tier === 'auto_matched');
    expect(attentionList(matched)).toBe('every one of the 4 invoices was matched automatically');
    expect(attentionList([])).toBe('the invoices file holds no invoice');
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
  const runCommand = (argv: string[], cwd = process.cwd()) => {
    const printed = { log: [] as string[], error: [] as string[] };
    const code = reconcileFiles(
      argv,
      {
        log: (text) => printed.log.push(text),
        error: (text) => printed.error.push(text),
      },
      cwd,
    );
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

  it('writes the results of the given policy and prints their summary by tier and reason', () => {
    const out = join(directory, 'results.json');
    const { code, log } = runCommand([...argumentsFor(files, out), '--policy', files.policy]);
    expect(code).toBe(0);
    const expected = runDryRun(files);
    expect(JSON.parse(readFileSync(out, 'utf8'))).toEqual(JSON.parse(JSON.stringify(expected)));
    const printed = log.join('\n');
    for (const row of summaryTable(expected).split('\n')) expect(printed).toContain(row);
    expect(printed).toMatch(/exception\s+TAX_MISMATCH\s+1/);
    expect(printed).toContain(attentionList(expected));
    expect(printed).toContain(`11 decisions written to ${out}`);
  });

  it('prints text from the files with its control characters escaped, so a file cannot drive the terminal', () => {
    const invoices = join(directory, 'invoices.csv');
    const escape = '\u001b]0;owned\u0007';
    writeFileSync(invoices, readFileSync(files.invoices, 'utf8').replaceAll('IN-55,', `IN-55${escape},`));
    const out = join(directory, 'results.json');
    const { code, log } = runCommand([
      ...argumentsFor({ ...files, invoices }, out),
      '--policy',
      files.policy,
    ]);
    expect(code).toBe(0);
    const printed = log.join('\n');
    expect(printed).toContain('  IN-55\\u001b]0;owned\\u0007, Initech Office Supply Inc.');
    expect(printed).not.toContain('\u001b');
    expect(printed).not.toContain('\u0007');
    // The results file keeps the invoice number as the file wrote it.
    expect(readFileSync(out, 'utf8')).toContain('IN-55\\u001b]0;owned\\u0007');
  });

  it('decides with the default policy when none is given (3-way for every vendor, no tax rates)', () => {
    const out = join(directory, 'results.json');
    expect(runCommand(argumentsFor(files, out)).code).toBe(0);
    const written = JSON.parse(readFileSync(out, 'utf8')) as Array<{
      invoice_number: string;
      tier: string;
      reason: string | null;
    }>;
    const decided = new Map(written.map((result) => [result.invoice_number, [result.tier, result.reason]]));
    expect(decided.get('GC-301')).toEqual(['exception', 'NOT_RECEIVED']);
    expect(decided.get('A-7795')).toEqual(['auto_matched', null]);
  });

  it('notes a purchase-orders file of a header alone, and no receipts where invoices are NOT_RECEIVED', () => {
    const headerOnly = (source: string, name: string) => {
      const path = join(directory, name);
      writeFileSync(path, `${readFileSync(source, 'utf8').split('\n')[0]}\n`);
      return path;
    };
    const purchaseOrders = headerOnly(files.purchaseOrders, 'purchase-orders.csv');
    const receipts = headerOnly(files.receipts, 'receipts.csv');
    const out = join(directory, 'results.json');
    const noOrders = runCommand(argumentsFor({ ...files, purchaseOrders }, out));
    expect(noOrders).toMatchObject({
      code: 0,
      error: [
        `note: ${purchaseOrders} holds no purchase order (a header only): no invoice can be matched to one`,
      ],
    });
    const noReceipts = runCommand(argumentsFor({ ...files, receipts }, out));
    const results = JSON.parse(readFileSync(out, 'utf8')) as Array<{ reasons: string[] }>;
    const held = results.filter((result) => result.reasons.includes('NOT_RECEIVED')).length;
    expect(held).toBeGreaterThan(0);
    expect(noReceipts).toMatchObject({
      code: 0,
      error: [
        `note: ${receipts} holds no goods receipt, and ${held} invoice(s) matched 3-way are NOT_RECEIVED for want ` +
          'of one (a policy with "matchingMode": "two_way" matches without receipts)',
      ],
    });
    const twoWay = join(directory, 'two-way.json');
    writeFileSync(twoWay, JSON.stringify({ defaults: { matchingMode: 'two_way' } }));
    const withoutReceipts = runCommand([...argumentsFor({ ...files, receipts }, out), '--policy', twoWay]);
    expect(withoutReceipts).toMatchObject({ code: 0, error: [] });
    expect(runCommand(argumentsFor(files, out)).error).toEqual([]);
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

  it.each([
    ['a file is not given', ['--out', 'results.json'], 'missing --purchase-orders, --receipts, --invoices'],
    ['an option is misspelt', ['--polcy', 'policy.json'], 'unknown argument "--polcy"'],
    ['an option has no value', ['--policy'], '--policy needs a file'],
    ['an option is followed by another', ['--out', '--policy', 'p.json'], '--out needs a file'],
    ['an option is given twice', ['--out', 'a.json', '--out', 'b.json'], '--out is given twice'],
  ])('prints the usage and exits 2, writing nothing, when %s', (_case, extra, message) => {
    const complete = argumentsFor(files, join(directory, 'results.json')).slice(0, 6);
    const argv = extra[0] === '--out' && extra.length === 2 ? extra : [...complete, ...extra];
    const { code, error } = runCommand(argv, directory);
    expect(code).toBe(EXIT_USAGE);
    expect(EXIT_USAGE).toBe(2);
    expect(error.join('\n')).toContain(message);
    expect(error.join('\n')).toContain('usage: npm run reconcile:files');
    expect(readdirSync(directory)).toEqual([]);
  });

  it('reads and writes relative paths where the command was run (npm passes it as INIT_CWD)', () => {
    for (const [name, source] of Object.entries({
      'po.csv': files.purchaseOrders,
      'gr.csv': files.receipts,
      'inv.csv': files.invoices,
    }))
      copyFileSync(source, join(directory, name));
    const argv = [
      '--purchase-orders',
      'po.csv',
      '--receipts',
      'gr.csv',
      '--invoices',
      'inv.csv',
      '--out',
      'out.json',
    ];
    expect(runCommand(argv, directory).code).toBe(0);
    expect(JSON.parse(readFileSync(join(directory, 'out.json'), 'utf8'))).toHaveLength(11);
  });

  describe('refuses files that would give wrong decisions, naming every problem', () => {
    const PO_HEADER = CANONICAL_COLUMNS.purchaseOrders.join(',');
    const RECEIPT_HEADER = CANONICAL_COLUMNS.receipts.join(',');
    const INVOICE_HEADER = CANONICAL_COLUMNS.invoices.join(',');
    const write = (name: string, ...rows: string[]): string => {
      const path = join(directory, name);
      writeFileSync(path, rows.join('\n'));
      return path;
    };
    const goodFiles = () => ({
      purchaseOrders: write('po.csv', PO_HEADER, 'PO-1,Acme,DE1,2026-01-05,EUR,1,W,Widget,10,12.50,125.00'),
      receipts: write('gr.csv', RECEIPT_HEADER, 'GR-1,PO-1,1,W,10,2026-01-20'),
      invoices: write(
        'inv.csv',
        INVOICE_HEADER,
        'A-1,Acme,DE1,2026-02-01,EUR,PO-1,1,1,W,Widget,10,12.50,125.00,0,125.00',
      ),
      policy: '',
    });
    const refused = (changed: Partial<ReturnType<typeof goodFiles>>): string[] => {
      const out = join(directory, 'results.json');
      const inputs = { ...goodFiles(), ...changed };
      const policy = inputs.policy ? ['--policy', inputs.policy] : [];
      const { code, error } = runCommand([...argumentsFor(inputs, out), ...policy]);
      expect(code).toBe(EXIT_REFUSED);
      expect(existsSync(out)).toBe(false);
      return error.join('\n').split('\n');
    };

    it('an empty file, a header without a canonical column and a column named twice', () => {
      const problems = refused({
        purchaseOrders: write('empty.csv', ''),
        receipts: write(
          'gr2.csv',
          RECEIPT_HEADER.replace('po_number', 'po_no'),
          'GR-1,PO-1,1,W,10,2026-01-20',
        ),
        invoices: write(
          'inv2.csv',
          `${INVOICE_HEADER},currency`,
          'A-1,Acme,DE1,2026-02-01,EUR,PO-1,1,1,W,Widget,10,12.50,125.00,0,125.00,USD',
        ),
      });
      expect(problems).toEqual([
        'The files were refused:',
        `  ${join(directory, 'empty.csv')}: CSV: no header row (the file is empty)`,
        expect.stringContaining(`  ${join(directory, 'gr2.csv')}: the header lacks column po_number`),
        `  ${join(directory, 'inv2.csv')}: CSV line 1: column currency appears twice`,
      ]);
    });

    it('every malformed field of every file at once, each at its file, line and column', () => {
      const problems = refused({
        purchaseOrders: write('po3.csv', PO_HEADER, 'PO-1,Acme,DE1,2026-01-05,EU,1,W,Widget,,12.50,125.00'),
        invoices: write(
          'inv3.csv',
          INVOICE_HEADER,
          'A-1,Acme,DE1,2026-02-01,EUR,PO-1,1,1,W,Widget,10,"1,250",125.00,0,125.00',
          'A-1,Acme,DE1,2026-02-01,EUR,PO-1,1,2,W,Widget,10,12.50,125.001,0,125.00',
        ),
      });
      expect(problems).toEqual([
        'The files were refused:',
        `  ${join(directory, 'po3.csv')} line 2, currency: "EU" is not an ISO 4217 currency code`,
        `  ${join(directory, 'po3.csv')} line 2, quantity: is empty`,
        `  ${join(directory, 'inv3.csv')} line 2, unit_price: "1,250" is not a decimal number (digits, an optional - and . only)`,
        `  ${join(directory, 'inv3.csv')} line 3, line_amount: "125.001" has more decimals than EUR allows`,
      ]);
    });

    it('the rows of one invoice apart from each other, whatever the spelling of its vendor', () => {
      const problems = refused({
        invoices: write(
          'inv4.csv',
          INVOICE_HEADER,
          'A-1,Acme,DE 1,2026-02-01,EUR,PO-1,1,1,W,Widget,5,12.50,62.50,0,125.00',
          'B-1,Acme,DE1,2026-02-01,EUR,PO-1,1,1,W,Widget,1,12.50,12.50,0,12.50',
          'A-1,ACME,DE1,2026-02-01,EUR,PO-1,1,2,W,Widget,5,12.50,62.50,0,125.00',
        ),
      });
      expect(problems).toEqual([
        'The files were refused:',
        `  ${join(directory, 'inv4.csv')} line 4, invoice_number: the rows of invoice A-1 are not together ` +
          "(line 2, then line 4 with other line numbers); keep each invoice's rows consecutive",
      ]);
    });

    it('a directory given as a file, and an output folder that does not exist, listed together', () => {
      const out = join(directory, 'missing', 'results.json');
      const { code, error } = runCommand(argumentsFor({ ...goodFiles(), invoices: directory }, out));
      expect(code).toBe(EXIT_REFUSED);
      expect(error.join('\n').split('\n')).toEqual([
        'The files were refused:',
        expect.stringMatching(new RegExp(`^  ${directory}: EISDIR`)),
        `  --out ${out}: the folder ${join(directory, 'missing')} does not exist`,
      ]);
    });

    it('an output file that is one of the inputs, before reading anything', () => {
      const inputs = goodFiles();
      const { code, error } = runCommand(argumentsFor(inputs, inputs.invoices));
      expect(code).toBe(EXIT_USAGE);
      expect(error.join('\n')).toContain(`--out ${inputs.invoices} is one of the input files`);
      expect(readFileSync(inputs.invoices, 'utf8')).toMatch(/^invoice_number,/);
    });

    it('a policy naming one vendor twice, while a policy saved with a byte order mark is read', () => {
      const twice = write(
        'twice.json',
        JSON.stringify({
          vendorOverrides: [
            { vendorTaxId: 'DE 1', overrides: { matchingMode: 'two_way' } },
            { vendorTaxId: 'de1', overrides: { matchingMode: 'three_way' } },
          ],
        }),
      );
      expect(refused({ policy: twice })).toEqual([
        'The files were refused:',
        `  ${twice}: not a valid policy file`,
        '    vendorOverrides[1]: names the same vendor (tax id DE1) as vendorOverrides[0]',
      ]);
      const withMark = write(
        'mark.json',
        `\uFEFF${JSON.stringify({ defaults: { matchingMode: 'two_way' } })}`,
      );
      const out = join(directory, 'results.json');
      expect(runCommand([...argumentsFor(goodFiles(), out), '--policy', withMark]).code).toBe(0);
    });

    it('an output file that is a link to one of the inputs, symbolic or hard', () => {
      const inputs = goodFiles();
      const before = readFileSync(inputs.invoices, 'utf8');
      const symbolic = join(directory, 'link.json');
      const hard = join(directory, 'hard.json');
      symlinkSync(inputs.invoices, symbolic);
      linkSync(inputs.invoices, hard);
      for (const out of [symbolic, hard]) {
        const { code, error } = runCommand(argumentsFor(inputs, out));
        expect(code).toBe(EXIT_USAGE);
        expect(error.join('\n')).toContain(`--out ${out} is one of the input files`);
      }
      expect(readFileSync(inputs.invoices, 'utf8')).toBe(before);
    });

    it('an output path that is a folder, before the run', () => {
      const out = join(directory, 'folder');
      mkdirSync(out);
      const { code, error } = runCommand(argumentsFor(goodFiles(), out));
      expect(code).toBe(EXIT_REFUSED);
      expect(error).toEqual([`The files were refused:\n  --out ${out}: is a folder; name the results file`]);
    });

    it('a file that is not UTF-8, and one whose fields have text after a closing quote', () => {
      const latin1 = join(directory, 'latin1.csv');
      writeFileSync(
        latin1,
        Buffer.from(
          `${INVOICE_HEADER}\nA-1,M\xfcller,DE1,2026-02-01,EUR,PO-1,1,1,W,Widget,10,12.50,125.00,0,125.00\n`,
          'latin1',
        ),
      );
      const quoted = write(
        'quoted.csv',
        PO_HEADER,
        'PO-1,Acme,DE1,2026-01-05,EUR,1,W,Widget,10,"12"50,125.00',
      );
      expect(refused({ invoices: latin1, purchaseOrders: quoted })).toEqual([
        'The files were refused:',
        `  ${quoted}: CSV line 2: text after the closing quote of a field (a quote inside quotes is written "")`,
        `  ${latin1}: CSV line 2: not UTF-8 text; save the file as UTF-8`,
      ]);
    });

    it('rows of one invoice that disagree on its vendor, and a receipt listed twice', () => {
      const problems = refused({
        receipts: write(
          'gr5.csv',
          RECEIPT_HEADER,
          'GR-1,PO-1,1,W,5,2026-01-20',
          'GR-1,PO-1,1,W,5,2026-01-20',
        ),
        invoices: write(
          'inv5.csv',
          INVOICE_HEADER,
          'A-1,Acme,DE1,2026-02-01,EUR,PO-1,1,1,W,Widget,5,12.50,62.50,0,125.00',
          'A-1,Acme,,2026-02-01,EUR,PO-1,1,2,W,Widget,5,12.50,62.50,0,125.00',
        ),
      });
      expect(problems).toEqual([
        'The files were refused:',
        `  ${join(directory, 'gr5.csv')} line 3, quantity_received: repeats line 2 of the same receipt exactly; ` +
          'if two deliveries of that quantity were booked together, write one row of their sum',
        `  ${join(directory, 'inv5.csv')} line 3, vendor_tax_id: "" differs from "DE1" on line 2 of the same ` +
          "invoice A-1; each invoice's vendor_tax_id must be the same on all its rows",
      ]);
    });

    it('problems of the engine past the first 100 counted, and another document named by its rows', () => {
      const rows = Array.from(
        { length: 130 },
        (_, i) => `A-${i},Acme,DE1,2026-02-31,EUR,PO-1,1,1,W,Widget,1,12.50,12.50,0,12.50`,
      );
      const problems = refused({
        purchaseOrders: write(
          'po6.csv',
          PO_HEADER,
          'PO-1,Acme,DE1,2026-01-05,EUR,1,W,Widget,10,12.50,125.00',
          'PO-2,Acme,DE1,2026-01-05,EUR,1,W,Widget,10,12.50,125.00',
          'PO-1,Acme,DE1,2026-01-05,EUR,1,W,Widget,10,12.50,125.00',
        ),
        invoices: write('inv6.csv', INVOICE_HEADER, ...rows),
      });
      expect(problems[0]).toBe('Reconciliation input is invalid: 131 problems, the first 100 listed');
      expect(problems).toHaveLength(101);
      expect(problems[1]).toBe(
        `  ${join(directory, 'po6.csv')} line 4, po_number: repeats line 2 of ${join(directory, 'po6.csv')}: ` +
          'the same vendor, number and order date are one purchase order',
      );
    });

    it('lists invoices matched automatically with a warning to read, such as a possible resend', () => {
      const out = join(directory, 'results.json');
      const inputs = {
        ...goodFiles(),
        purchaseOrders: write(
          'po8.csv',
          PO_HEADER,
          'PO-1,Acme,DE1,2026-01-05,EUR,1,W,Widget,100,12.50,1250.00',
        ),
        receipts: write('gr8.csv', RECEIPT_HEADER, 'GR-1,PO-1,1,W,100,2026-01-20'),
        invoices: write(
          'inv8.csv',
          INVOICE_HEADER,
          'A-1,Acme,DE1,2026-02-01,EUR,PO-1,1,1,W,Widget,50,12.50,625.00,0,625.00',
          'A-2,Acme,DE1,2026-03-03,EUR,PO-1,1,1,W,Widget,50,12.50,625.00,0,625.00',
        ),
      };
      const { code, log } = runCommand(argumentsFor(inputs, out));
      expect(code).toBe(0);
      const printed = log.join('\n').split('\n');
      expect(printed).toContain('every one of the 2 invoices was matched automatically');
      const at = printed.indexOf('matched automatically with a warning to read before paying (1 of 2):');
      expect(at).toBeGreaterThan(0);
      expect(printed[at + 1]).toBe('  A-2, Acme (DE1): auto_matched, -');
      expect(printed[at + 2]).toMatch(/^ {4}invoice_number: .*check that it is not a resend/);
    });

    it('text that would add lines or reverse what is printed, escaped', () => {
      const invoices = write(
        'inv7.csv',
        INVOICE_HEADER,
        '"A-9\nevery one of the 1 invoices was matched automatically\u202e",Acme,DE1,2026-02-01,EUR,PO-1,1,1,W,Widget,20,12.50,250.00,0,250.00',
      );
      const out = join(directory, 'results.json');
      const { code, log } = runCommand(argumentsFor({ ...goodFiles(), invoices }, out));
      expect(code).toBe(0);
      const printed = log.join('\n').split('\n');
      expect(printed).not.toContain('every one of the 1 invoices was matched automatically');
      expect(printed.find((line) => line.startsWith('  A-9'))).toMatch(
        /^ {2}A-9\\nevery one of the 1 invoices was matched automatically\\u202e, Acme \(DE1\): exception, /,
      );
    });
  });

  it('writes the results file as JSON.stringify would format it, and prints its usage on --help', () => {
    const out = join(directory, 'results.json');
    expect(runCommand(argumentsFor(files, out)).code).toBe(0);
    const { policy: _policy, ...withoutPolicy } = files;
    expect(readFileSync(out, 'utf8')).toBe(`${JSON.stringify(runDryRun(withoutPolicy), null, 2)}\n`);
    expect(readdirSync(directory)).toEqual(['results.json']);
    const { code, log } = runCommand(['--help']);
    expect(code).toBe(0);
    expect(log.join('\n')).toContain('Exit codes: 0 results written, 1 files refused');
  });
});
