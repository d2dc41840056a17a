// The analyst's what-if tool: runs the matching engine on canonical CSV files and writes one JSON
// object per invoice.
//   npm run reconcile:files -- --purchase-orders F --receipts F --invoices F [--policy F] --out results.json
import { readFileSync, writeFileSync } from 'node:fs';
import type { MatchDecision } from '../src/modules/reconciliation/domain/match-decision';
import { MatchingEngine } from '../src/modules/reconciliation/domain/matching-engine';
import { TenantTolerancePolicy } from '../src/modules/reconciliation/domain/tenant-tolerance-policy';
import { goodsReceiptsFrom, invoicesFrom, purchaseOrdersFrom } from './canonical-csv/canonical-documents';
import { parseCsv } from './canonical-csv/csv-reader';
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

export function runDryRun(files: DryRunFiles): DryRunResult[] {
  const read = (path: string): string => readFileSync(path, 'utf8');
  const result = new MatchingEngine().run({
    purchaseOrders: purchaseOrdersFrom(parseCsv(read(files.purchaseOrders)), files.purchaseOrders),
    goodsReceipts: goodsReceiptsFrom(parseCsv(read(files.receipts)), files.receipts),
    invoices: invoicesFrom(parseCsv(read(files.invoices)), files.invoices),
    policy: files.policy ? policyFrom(JSON.parse(read(files.policy))) : new TenantTolerancePolicy(),
  });
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

function argument(name: string): string | undefined {
  const at = process.argv.indexOf(name);
  return at >= 0 ? process.argv[at + 1] : undefined;
}

function main(): void {
  const purchaseOrders = argument('--purchase-orders');
  const receipts = argument('--receipts');
  const invoices = argument('--invoices');
  const out = argument('--out');
  if (!purchaseOrders || !receipts || !invoices || !out) {
    console.error(
      'usage: npm run reconcile:files -- --purchase-orders F --receipts F --invoices F [--policy F] --out results.json',
    );
    process.exit(2);
  }
  const policy = argument('--policy');
  const results = runDryRun({ purchaseOrders, receipts, invoices, ...(policy ? { policy } : {}) });
  writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
  console.log(summaryTable(results));
  console.log(`\n${results.length} decisions written to ${out}`);
}

if (require.main === module) {
  try {
    main();
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
