// Benchmarks the matching engine against a naive exact-reference hash join on generated AP data.
//   npm run bench:match -- [--sizes 10000,100000,1000000] [--seed 7] [--no-respawn] [--help]
// Runs each size in its own child process with a larger heap and young generation (see
// docs/performance.md), so that the peak RSS printed is that size's own; --no-respawn runs all
// sizes in this process instead (peak RSS then only grows).
import { spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { MatchingEngine } from '../src/modules/reconciliation/domain/matching-engine';
import type { ReconciliationInput } from '../src/modules/reconciliation/domain/reconciliation-input';
import { measureAccuracy, type AccuracyFigures } from '../test/support/matching/accuracy-report';
import { generateApDataset } from '../test/support/matching/ap-data-generator';
import { naiveReferenceMatch } from '../test/support/matching/naive-reference-matcher';

const NODE_FLAGS = ['--max-old-space-size=20000', '--max-semi-space-size=64', '--expose-gc'];
const HELP = `Usage: npm run bench:match -- [options]

Generates a labelled AP data set per size (as many POs as invoices, about 3 lines each) and times,
on the same data: the matching engine, the naive exact-reference matcher (the floor of issue 5) and
a bare PO-number lookup (scale only). Prints per size: time, lines/s, engine / floor ratio, accuracy
of both matchers, heap growth and the peak RSS of the size's own process, and the load average.

Options:
  --sizes N,N,...   invoice counts (default 10000,100000,1000000; 1M needs about 5 GB and minutes)
  --seed N          generator seed (default 7)
  --no-respawn      run every size in this process (no child per size; peak RSS then accumulates)
  --help            this text`;

function option(name: string, fallback: string): string {
  const at = process.argv.indexOf(name);
  return at >= 0 && process.argv[at + 1] ? process.argv[at + 1] : fallback;
}

function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

function timed<T>(work: () => T): { value: T; ms: number } {
  collectGarbage();
  const start = process.hrtime.bigint();
  const value = work();
  return { value, ms: Number(process.hrtime.bigint() - start) / 1e6 };
}

/**
 * Not a matcher, shown for scale only: one map of PO numbers, one lookup per invoice line, the line
 * amounts summed. It pairs no PO lines and decides nothing. The floor of issue 5 (an exact-reference
 * hash join that pairs lines, compares amounts and decides per invoice) is `naiveReferenceMatch`.
 */
function bareHashJoin(input: ReconciliationInput): number {
  const orders = new Map<string, bigint>();
  for (const po of input.purchaseOrders) orders.set(po.poNumber, 0n);
  let found = 0;
  for (const invoice of input.invoices) {
    for (const line of invoice.lines) {
      const total = line.poNumber ? orders.get(line.poNumber) : undefined;
      if (total !== undefined) {
        orders.set(line.poNumber as string, total + line.lineAmount);
        found += 1;
      }
    }
  }
  return found;
}

const load = (): string =>
  loadavg()
    .map((value) => value.toFixed(2))
    .join(' ');
const mb = (bytes: number): string => `${Math.round(bytes / 1048576)} MB`;
const pct = (value: number): string => `${(100 * value).toFixed(2)}%`;
const accuracy = (figures: AccuracyFigures): string =>
  `auto precision ${pct(figures.autoPrecision)}, recall ${pct(figures.rightPoRecall)}, reasons ${pct(figures.exceptionReasonAccuracy)}`;

function bench(size: number, seed: number): void {
  const generated = timed(() => generateApDataset({ invoices: size, seed }));
  const { input, labels } = generated.value;
  const invoiceLines = input.invoices.reduce((sum, invoice) => sum + invoice.lines.length, 0);
  const poLines = input.purchaseOrders.reduce((sum, po) => sum + po.lines.length, 0);
  const receiptLines = input.goodsReceipts.reduce((sum, receipt) => sum + receipt.lines.length, 0);
  const lines = invoiceLines + poLines + receiptLines;
  const heapWithData = process.memoryUsage().heapUsed;
  const bare = timed(() => bareHashJoin(input));
  const naive = timed(() => naiveReferenceMatch(input));
  const naiveFigures = measureAccuracy(labels, naive.value);
  naive.value.length = 0;
  const engine = timed(() => new MatchingEngine().run(input));
  const heapWithResult = process.memoryUsage().heapUsed;
  const engineFigures = measureAccuracy(labels, engine.value.decisions);
  const perSecond = (ms: number): string =>
    `${Math.round(lines / (ms / 1000)).toLocaleString('en-US')} lines/s`;
  console.log(
    [
      `\n${input.invoices.length.toLocaleString('en-US')} invoices x ${input.purchaseOrders.length.toLocaleString('en-US')} POs ` +
        `(${invoiceLines.toLocaleString('en-US')} invoice lines, ${poLines.toLocaleString('en-US')} PO lines, ${receiptLines.toLocaleString('en-US')} receipt lines; generated in ${(generated.ms / 1000).toFixed(1)} s)`,
      `  engine                 ${engine.ms.toFixed(0).padStart(7)} ms  ${perSecond(engine.ms)}  ${accuracy(engineFigures)}`,
      `  naive matcher (floor)  ${naive.ms.toFixed(0).padStart(7)} ms  ${perSecond(naive.ms)}  ${accuracy(naiveFigures)}`,
      `  bare lookup (no match) ${bare.ms.toFixed(0).padStart(7)} ms  ${perSecond(bare.ms)}`,
      `  engine / floor ${(engine.ms / naive.ms).toFixed(2)}x (engine / bare lookup ${(engine.ms / bare.ms).toFixed(1)}x)`,
      `  memory: heap with data ${mb(heapWithData)}, engine result +${mb(heapWithResult - heapWithData)}, ` +
        `peak RSS ${mb(process.resourceUsage().maxRSS * 1024)} (${process.env.BENCH_MATCH_CHILD === '1' ? "this size's own process, incl. the 3,000-invoice warm-up" : 'this process so far'})`,
      `  load average (1, 5, 15 min) ${load()}`,
    ].join('\n'),
  );
}

function sizesOption(): number[] {
  return option('--sizes', '10000,100000,1000000')
    .split(',')
    .map((size) => Number(size.trim()))
    .filter((size) => Number.isInteger(size) && size > 0);
}

/** One child process per size, so that each size's peak RSS is its own. */
function respawnPerSize(sizes: readonly number[]): number {
  const script = process.argv[1];
  const passOn = process.argv.slice(2).filter((arg, i, all) => arg !== '--sizes' && all[i - 1] !== '--sizes');
  for (const size of sizes) {
    const child = spawnSync(
      process.execPath,
      [...process.execArgv, ...NODE_FLAGS, script, ...passOn, '--sizes', String(size)],
      { stdio: 'inherit', env: { ...process.env, BENCH_MATCH_CHILD: '1' } },
    );
    if (child.status !== 0) return child.status ?? 1;
  }
  return 0;
}

function main(): void {
  if (process.argv.includes('--help')) {
    console.log(HELP);
    return;
  }
  const sizes = sizesOption();
  const seed = Number(option('--seed', '7'));
  if (!process.argv.includes('--no-respawn') && process.env.BENCH_MATCH_CHILD !== '1') {
    console.log(`load average before (1, 5, 15 min) ${load()}`);
    process.exit(respawnPerSize(sizes));
  }
  console.log(
    `node ${process.version}, flags: ${process.execArgv.filter((flag) => flag.startsWith('--max') || flag === '--expose-gc').join(' ')}`,
  );
  // Warm the JIT so the first measured size is not charged for compilation.
  const warm = generateApDataset({ invoices: 3000, seed: seed + 1 });
  new MatchingEngine().run(warm.input);
  naiveReferenceMatch(warm.input);
  bareHashJoin(warm.input);
  for (const size of sizes) bench(size, seed);
}

main();
