// The analyst's what-if tool: runs the matching engine on canonical CSV files and writes one JSON
// object per invoice.
//   npm run reconcile:files -- --purchase-orders F --receipts F --invoices F [--policy F] --out results.json
import {
  closeSync,
  existsSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs';
import { dirname, resolve } from 'node:path';
import { InvalidReconciliationInputError } from '../src/modules/reconciliation/domain/invalid-reconciliation-input.error';
import type { MatchDecision } from '../src/modules/reconciliation/domain/match-decision';
import { MatchingEngine } from '../src/modules/reconciliation/domain/matching-engine';
import type { ReconciliationResult } from '../src/modules/reconciliation/domain/reconciliation-result';
import { TenantTolerancePolicy } from '../src/modules/reconciliation/domain/tenant-tolerance-policy';
import {
  CanonicalFileError,
  goodsReceiptsFrom,
  invoicesFrom,
  purchaseOrdersFrom,
} from './canonical-csv/canonical-documents';
import { type CsvTable, csvText, parseCsv } from './canonical-csv/csv-reader';
import { describeProblem, type DocumentSources } from './canonical-csv/input-problems';
import { policyFrom } from './canonical-csv/policy-file';
import { oneLine, printable } from './canonical-csv/terminal-text';

export interface DryRunFiles {
  readonly purchaseOrders: string;
  readonly receipts: string;
  readonly invoices: string;
  readonly policy?: string;
  /** Where the results will be written: its folder is checked with the inputs, before the run. */
  readonly out?: string;
}

export interface DryRunResult {
  readonly vendor_tax_id: string | null;
  readonly vendor_name: string;
  readonly invoice_number: string;
  readonly tier: MatchDecision['tier'];
  readonly reason: MatchDecision['reason'];
  readonly reasons: MatchDecision['reasons'];
  readonly po_numbers: MatchDecision['poNumbers'];
  readonly score: number;
  readonly candidates: MatchDecision['candidates'];
  readonly matched_lines: MatchDecision['matchedLines'];
  readonly explanation: MatchDecision['explanation'];
}

/** An error's message; Node's fs errors may come from another realm (under Jest), so not by `instanceof`. */
function messageOf(error: unknown): string {
  if (typeof error === 'object' && error !== null && 'message' in error && typeof error.message === 'string')
    return error.message;
  return String(error);
}

function withFileName<T>(path: string, read: () => T): T {
  try {
    return read();
  } catch (error) {
    throw new Error(`${path}: ${messageOf(error)}`);
  }
}

function csvTable(path: string): CsvTable {
  return withFileName(path, () => parseCsv(csvText(readFileSync(path))));
}

function policyFile(path: string): TenantTolerancePolicy {
  // Editors on Windows save JSON with a byte order mark, which JSON.parse refuses.
  const json: unknown = withFileName(path, () =>
    JSON.parse(readFileSync(path, 'utf8').replace(/^\uFEFF/, '')),
  );
  return policyFrom(json, path);
}

function checkOutputFolder(out: string): void {
  const folder = dirname(out);
  if (!existsSync(folder) || !statSync(folder).isDirectory())
    throw new Error(`--out ${out}: the folder ${folder} does not exist`);
  if (existsSync(out) && statSync(out).isDirectory())
    throw new Error(`--out ${out}: is a folder; name the results file`);
}

/** Whether two paths name one file: the same path, or a link (symbolic or hard) to it. */
function sameFile(a: string, b: string): boolean {
  if (a === b) return true;
  try {
    const first = statSync(a);
    const second = statSync(b);
    return first.dev === second.dev && first.ino === second.ino;
  } catch {
    return false; // one of them does not exist (yet): not the same file
  }
}

/**
 * Writes the results as one JSON array, formatted as `JSON.stringify(results, null, 2)` would, a
 * decision at a time (one string of a large run's results would pass V8's limit on a string), to a
 * file beside `out` that then takes its name: a failed write leaves no half-written results.
 */
function writeResults(out: string, results: readonly DryRunResult[]): void {
  const partial = `${out}.partial`;
  const file = openSync(partial, 'w');
  try {
    let chunk = results.length === 0 ? '[]' : '[';
    results.forEach((result, i) => {
      chunk += `${i === 0 ? '' : ','}\n  ${JSON.stringify(result, null, 2).replaceAll('\n', '\n  ')}`;
      if (chunk.length > 1 << 20) {
        writeSync(file, chunk);
        chunk = '';
      }
    });
    writeSync(file, `${chunk}${results.length === 0 ? '' : '\n]'}\n`);
  } catch (error) {
    closeSync(file);
    rmSync(partial, { force: true });
    throw error;
  }
  closeSync(file);
  renameSync(partial, out);
}

/** Every problem of every input file, so that one run shows all that must be fixed. */
function readInputs(files: DryRunFiles) {
  const problems: string[] = [];
  const attempt = <T>(read: () => T): T | null => {
    try {
      return read();
    } catch (error) {
      if (error instanceof CanonicalFileError) problems.push(...error.problems);
      else problems.push(messageOf(error));
      return null;
    }
  };
  const purchaseOrders = attempt(() =>
    purchaseOrdersFrom(csvTable(files.purchaseOrders), files.purchaseOrders),
  );
  const goodsReceipts = attempt(() => goodsReceiptsFrom(csvTable(files.receipts), files.receipts));
  const invoices = attempt(() => invoicesFrom(csvTable(files.invoices), files.invoices));
  const policy = files.policy
    ? attempt(() => policyFile(files.policy as string))
    : new TenantTolerancePolicy();
  if (files.out) attempt(() => checkOutputFolder(files.out as string));
  if (!purchaseOrders || !goodsReceipts || !invoices || !policy || problems.length > 0)
    throw new Error(
      ['The files were refused:', ...problems.map((problem) => `  ${problem.replaceAll('\n', '\n  ')}`)].join(
        '\n',
      ),
    );
  return { purchaseOrders, goodsReceipts, invoices, policy };
}

type DryRunInputs = ReturnType<typeof readInputs>;

/**
 * What the analyst should know before reading the results of files that are valid but decide
 * little: a purchase-orders file of a header alone (no invoice can be matched), or a receipts file of
 * a header alone while invoices were held as NOT_RECEIVED (matched 3-way, which needs receipts).
 */
export function inputNotes(
  files: DryRunFiles,
  inputs: DryRunInputs,
  results: readonly DryRunResult[],
): string[] {
  const notes: string[] = [];
  if (inputs.purchaseOrders.documents.length === 0)
    notes.push(
      `note: ${files.purchaseOrders} holds no purchase order (a header only): no invoice can be matched to one`,
    );
  const notReceived = results.filter((result) => result.reasons.includes('NOT_RECEIVED')).length;
  if (inputs.goodsReceipts.documents.length === 0 && notReceived > 0)
    notes.push(
      `note: ${files.receipts} holds no goods receipt, and ${notReceived} invoice(s) matched 3-way are ` +
        'NOT_RECEIVED for want of one (a policy with "matchingMode": "two_way" matches without receipts)',
    );
  return notes;
}

/**
 * Runs the engine; input it refuses is reported problem by problem, each at the CSV file and
 * line(s) of its document rather than at the engine's document index.
 */
function reconcile(inputs: DryRunInputs): ReconciliationResult {
  const { purchaseOrders, goodsReceipts, invoices, policy } = inputs;
  try {
    return new MatchingEngine().run({
      purchaseOrders: purchaseOrders.documents,
      goodsReceipts: goodsReceipts.documents,
      invoices: invoices.documents,
      policy,
    });
  } catch (error) {
    if (!(error instanceof InvalidReconciliationInputError)) throw error;
    const sources: DocumentSources = {
      purchaseOrders: purchaseOrders.sources,
      goodsReceipts: goodsReceipts.sources,
      invoices: invoices.sources,
    };
    const problems = error.problems.map((problem) => `  ${oneLine(describeProblem(problem, sources))}`);
    throw new Error([error.message, ...problems].join('\n'));
  }
}

export function runDryRun(files: DryRunFiles): DryRunResult[] {
  return dryRun(files).results;
}

/** The results of a dry run, with the notes on its input to print before them. */
function dryRun(files: DryRunFiles): { results: DryRunResult[]; notes: string[] } {
  const inputs = readInputs(files);
  const result = reconcile(inputs);
  const results: DryRunResult[] = result.decisions.map((decision) => ({
    vendor_tax_id: decision.vendorTaxId,
    vendor_name: decision.vendorName,
    invoice_number: decision.invoiceNumber,
    tier: decision.tier,
    reason: decision.reason,
    reasons: decision.reasons,
    po_numbers: decision.poNumbers,
    score: decision.score,
    candidates: decision.candidates,
    matched_lines: decision.matchedLines,
    explanation: decision.explanation,
  }));
  return { results, notes: inputNotes(files, inputs, results) };
}

/** Invoices per tier and primary reason, as printed after a run. */
export function summaryTable(results: readonly DryRunResult[]): string {
  const counts = new Map<string, number>();
  for (const result of results) {
    const key = `${result.tier}\u0000${result.reason ?? '-'}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const order = ['auto_matched', 'suggested', 'exception'];
  const rows = [...counts]
    .map(([key, count]) => [...key.split('\u0000'), String(count)])
    .sort((a, b) => order.indexOf(a[0]) - order.indexOf(b[0]) || a[1].localeCompare(b[1]));
  const lines = [`${'tier'.padEnd(14)}${'reason'.padEnd(22)}${'invoices'.padStart(8)}`];
  for (const [tier, reason, count] of rows)
    lines.push(`${tier.padEnd(14)}${reason.padEnd(22)}${count.padStart(8)}`);
  lines.push(`${'total'.padEnd(36)}${String(results.length).padStart(8)}`);
  return lines.join('\n');
}

/** Invoices listed by `attentionList` at the most; the rest are in the output file. */
export const ATTENTION_LIMIT = 20;

/**
 * The invoices a person must look at (suggested or exception), one line each in input order, with the
 * finding behind the primary reason: what was expected, what the invoice says and what was allowed;
 * then those matched automatically with a warning to read before paying (a possible resend, an
 * unconfirmed bank account), each with its first warning.
 */
export function attentionList(results: readonly DryRunResult[], limit = ATTENTION_LIMIT): string {
  if (results.length === 0) return 'the invoices file holds no invoice';
  const open = results.filter((result) => result.tier !== 'auto_matched');
  const warned = results.filter((result) => result.tier === 'auto_matched' && firstWarning(result));
  const sections: string[] = [];
  if (open.length === 0)
    sections.push(`every one of the ${results.length} invoices was matched automatically`);
  else
    sections.push(
      listed(`invoices that need a person (${open.length} of ${results.length}):`, open, limit, (result) =>
        result.explanation.find((entry) => entry.reason === result.reason),
      ),
    );
  if (warned.length > 0)
    sections.push(
      listed(
        `matched automatically with a warning to read before paying (${warned.length} of ${results.length}):`,
        warned,
        limit,
        firstWarning,
      ),
    );
  return sections.join('\n');
}

type Finding = DryRunResult['explanation'][number];

function firstWarning(result: DryRunResult): Finding | undefined {
  return result.explanation.find((entry) => entry.outcome === 'warning');
}

/** A heading, then each invoice (at most `limit`) in one line with the finding `findingOf` picks. */
function listed(
  heading: string,
  results: readonly DryRunResult[],
  limit: number,
  findingOf: (result: DryRunResult) => Finding | undefined,
): string {
  const lines = [heading];
  for (const result of results.slice(0, limit)) {
    const sender = result.vendor_tax_id
      ? `${result.vendor_name} (${result.vendor_tax_id})`
      : result.vendor_name;
    lines.push(oneLine(`  ${result.invoice_number}, ${sender}: ${result.tier}, ${result.reason ?? '-'}`));
    const finding = findingOf(result);
    if (finding) lines.push(oneLine(`    ${findingText(finding)}`));
  }
  if (results.length > limit) lines.push(`  ... and ${results.length - limit} more in the output file`);
  return lines.join('\n');
}

function findingText(entry: Finding): string {
  const details = [
    entry.expected !== null ? `expected ${String(entry.expected)}` : '',
    entry.actual !== null ? `invoiced ${String(entry.actual)}` : '',
    entry.tolerance ? `allowed ${String(entry.tolerance.allowed)} (${entry.tolerance.rule})` : '',
    entry.note ?? '',
  ].filter((part) => part !== '');
  return details.length === 0 ? entry.field : `${entry.field}: ${details.join('; ')}`;
}

export interface Output {
  log(text: string): void;
  error(text: string): void;
}

/** Every line the command prints goes through `printable`. */
function printableOutput(output: Output): Output {
  return {
    log: (text) => output.log(printable(text)),
    error: (text) => output.error(printable(text)),
  };
}

export const EXIT_REFUSED = 1;
export const EXIT_USAGE = 2;

const USAGE =
  'usage: npm run reconcile:files -- --purchase-orders F --receipts F --invoices F [--policy F] --out results.json';

const HELP = `${USAGE}

Runs the matching engine on canonical CSV files (columns in docs/matching.md, "Dry run on files")
and writes one JSON object per invoice to --out, then prints a summary by tier and reason and the
invoices that need a person. Nothing is stored; no service is needed.

  --purchase-orders F  purchase order lines (po_number, vendor_name, vendor_tax_id, order_date, ...)
  --receipts F         goods receipt lines (receipt_number, po_number, line_number, ...)
  --invoices F         invoice lines (invoice_number, vendor_name, vendor_tax_id, invoice_date, ...)
  --policy F           tolerance policy JSON (default: the engine's default policy, 3-way)
  --out F              results file (JSON); written whole or not at all

Exit codes: 0 results written, 1 files refused (every problem listed), 2 bad arguments.`;

const FILE_OPTIONS = {
  '--purchase-orders': 'purchaseOrders',
  '--receipts': 'receipts',
  '--invoices': 'invoices',
  '--policy': 'policy',
  '--out': 'out',
} as const;

type Arguments = Partial<Record<(typeof FILE_OPTIONS)[keyof typeof FILE_OPTIONS], string>>;

/** Each option once, each with a value; anything else (a typo, a value missing) is a usage error, not ignored. */
function parseArguments(argv: readonly string[]): Arguments | string {
  const parsed: Arguments = {};
  for (let i = 0; i < argv.length; i += 2) {
    const option = argv[i];
    if (!Object.hasOwn(FILE_OPTIONS, option)) return `unknown argument "${option}"`;
    const name = FILE_OPTIONS[option as keyof typeof FILE_OPTIONS];
    const value = argv[i + 1];
    if (value === undefined || value.startsWith('--') || value.trim() === '') return `${option} needs a file`;
    if (parsed[name] !== undefined) return `${option} is given twice`;
    parsed[name] = value;
  }
  const missing = ['--purchase-orders', '--receipts', '--invoices', '--out'].filter(
    (option) => parsed[FILE_OPTIONS[option as keyof typeof FILE_OPTIONS]] === undefined,
  );
  return missing.length > 0 ? `missing ${missing.join(', ')}` : parsed;
}

/**
 * The command line: 0 when the results are written, EXIT_USAGE for bad arguments, EXIT_REFUSED for
 * refused files. Relative paths are relative to `cwd`: where the user ran `npm run`, which npm
 * passes as INIT_CWD while it runs the script from the project folder.
 */
export function reconcileFiles(
  argv: readonly string[],
  terminal: Output = console,
  cwd: string = process.env.INIT_CWD ?? process.cwd(),
): number {
  const output = printableOutput(terminal);
  if (argv.length === 1 && (argv[0] === '--help' || argv[0] === '-h')) {
    output.log(HELP);
    return 0;
  }
  const parsed = parseArguments(argv);
  if (typeof parsed === 'string') {
    output.error(`reconcile:files: ${parsed}\n${USAGE}`);
    return EXIT_USAGE;
  }
  const path = (file: string): string => resolve(cwd, file);
  const out = path(parsed.out as string);
  const files: DryRunFiles = {
    purchaseOrders: path(parsed.purchaseOrders as string),
    receipts: path(parsed.receipts as string),
    invoices: path(parsed.invoices as string),
    ...(parsed.policy ? { policy: path(parsed.policy) } : {}),
    out,
  };
  const inputs = [files.purchaseOrders, files.receipts, files.invoices, files.policy];
  if (inputs.some((input) => input !== undefined && sameFile(input, out))) {
    output.error(`reconcile:files: --out ${out} is one of the input files\n${USAGE}`);
    return EXIT_USAGE;
  }
  try {
    const { results, notes } = dryRun(files);
    withFileName(`--out ${out}`, () => writeResults(out, results));
    for (const note of notes) output.error(note);
    output.log(summaryTable(results));
    output.log(`\n${attentionList(results)}`);
    output.log(`\n${results.length} decisions written to ${out}`);
    return 0;
  } catch (error) {
    output.error(messageOf(error));
    return EXIT_REFUSED;
  }
}

if (require.main === module) process.exitCode = reconcileFiles(process.argv.slice(2));
