// The analyst's what-if tool: runs the matching engine on canonical CSV files and writes one JSON
// object per invoice.
//   npm run reconcile:files -- --purchase-orders F --receipts F --invoices F [--policy F] --out results.json
import { readFileSync, writeFileSync } from 'node:fs';
import { InvalidReconciliationInputError } from '../src/modules/reconciliation/domain/invalid-reconciliation-input.error';
import type { MatchDecision } from '../src/modules/reconciliation/domain/match-decision';
import { MatchingEngine } from '../src/modules/reconciliation/domain/matching-engine';
import type { ReconciliationResult } from '../src/modules/reconciliation/domain/reconciliation-result';
import { TenantTolerancePolicy } from '../src/modules/reconciliation/domain/tenant-tolerance-policy';
import { goodsReceiptsFrom, invoicesFrom, purchaseOrdersFrom } from './canonical-csv/canonical-documents';
import { type CsvRecord, parseCsv } from './canonical-csv/csv-reader';
import { describeProblem, type DocumentSources } from './canonical-csv/input-problems';
import { policyFrom } from './canonical-csv/policy-file';

export interface DryRunFiles {
  readonly purchaseOrders: string;
  readonly receipts: string;
  readonly invoices: string;
  readonly policy?: string;
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

function withFileName<T>(path: string, read: () => T): T {
  try {
    return read();
  } catch (error) {
    throw new Error(`${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function csvRecords(path: string): CsvRecord[] {
  const text = readFileSync(path, 'utf8');
  return withFileName(path, () => parseCsv(text));
}

function policyFile(path: string): TenantTolerancePolicy {
  const json: unknown = withFileName(path, () => JSON.parse(readFileSync(path, 'utf8')));
  return policyFrom(json, path);
}

/**
 * Runs the engine; input it refuses is reported problem by problem, each at the CSV file and
 * line(s) of its document rather than at the engine's document index.
 */
function reconcile(files: DryRunFiles): ReconciliationResult {
  const purchaseOrders = purchaseOrdersFrom(csvRecords(files.purchaseOrders), files.purchaseOrders);
  const goodsReceipts = goodsReceiptsFrom(csvRecords(files.receipts), files.receipts);
  const invoices = invoicesFrom(csvRecords(files.invoices), files.invoices);
  const policy = files.policy ? policyFile(files.policy) : new TenantTolerancePolicy();
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
    const problems = error.problems.map((problem) => `  ${describeProblem(problem, sources)}`);
    throw new Error([error.message, ...problems].join('\n'));
  }
}

export function runDryRun(files: DryRunFiles): DryRunResult[] {
  const result = reconcile(files);
  return result.decisions.map((decision) => ({
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

export interface Output {
  log(text: string): void;
  error(text: string): void;
}

export const EXIT_REFUSED = 1;
export const EXIT_USAGE = 2;

const USAGE =
  'usage: npm run reconcile:files -- --purchase-orders F --receipts F --invoices F [--policy F] --out results.json';

/** The command line: 0 when the results are written, EXIT_USAGE for bad arguments, EXIT_REFUSED for refused files. */
export function reconcileFiles(argv: readonly string[], output: Output = console): number {
  const argument = (name: string): string | undefined => {
    const at = argv.indexOf(name);
    return at >= 0 ? argv[at + 1] : undefined;
  };
  const purchaseOrders = argument('--purchase-orders');
  const receipts = argument('--receipts');
  const invoices = argument('--invoices');
  const out = argument('--out');
  if (!purchaseOrders || !receipts || !invoices || !out) {
    output.error(USAGE);
    return EXIT_USAGE;
  }
  const policy = argument('--policy');
  try {
    const results = runDryRun({ purchaseOrders, receipts, invoices, ...(policy ? { policy } : {}) });
    writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
    output.log(summaryTable(results));
    output.log(`\n${results.length} decisions written to ${out}`);
    return 0;
  } catch (error) {
    output.error(error instanceof Error ? error.message : String(error));
    return EXIT_REFUSED;
  }
}

if (require.main === module) process.exitCode = reconcileFiles(process.argv.slice(2));
