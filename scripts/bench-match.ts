// Benchmarks the matching engine against a naive exact-reference hash join on generated AP data.
//   npm run bench:match -- [--sizes 10000,100000,1000000] [--seed 7] [--repeat N] [--no-respawn] [--help]
// The npm script compiles it with tsc first and runs the JavaScript, as production runs the engine.
// Runs each size in its own child process with a larger heap and young generation (see
// docs/performance.md), so that the peak RSS printed is that size's own; --no-respawn runs all
// sizes in this process instead (peak RSS then only grows).
import { spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { MatchingEngine } from '../src/modules/reconciliation/domain/matching-engine';
import type { ReconciliationInput } from '../src/modules/reconciliation/domain/reconciliation-input';
import { measureAccuracy, type AccuracyFigures } from '../test/support/matching/accuracy-report';
import { generateApDataset } from '../test/support/matching/ap-data-generator';
import type { MatchLabel } from '../test/support/matching/labelled-dataset';
import { naiveReferenceMatch } from '../test/support/matching/naive-reference-matcher';
import { goalsSummary, type SizeResult } from './bench-match-goals';

const NODE_FLAGS = ['--max-old-space-size=20000', '--max-semi-space-size=64', '--expose-gc'];
const HELP = `Usage: npm run bench:match -- [options]

Generates a labelled AP data set per size (as many POs as invoices, about 3 lines each) and times,
on the same data: the matching engine, the naive exact-reference matcher (the floor of issue 5) and
a bare PO-number lookup (scale only). The engine and the floor run --repeat times, alternating, so
that a load spike hits both alike. Prints per size: best and median time, lines/s, the engine / floor
ratio of the medians, accuracy of both matchers, heap growth and the peak RSS of the size's own
process, and the load average. At the end, the speed goals of issue 5 against the medians: 100k
under 2 s, within 3x of the floor (at 100k and above), and lines/s at the largest size at most 1.5x
below 100k.

Options:
  --sizes N,N,...   invoice counts (default 10000,100000,1000000; 1M needs about 5 GB and minutes)
  --seed N          generator seed (default 7)
  --repeat N        timed runs of the engine and of the floor per size (default 5 up to 100,000
                    invoices, where a run takes seconds and one slow run moves a median of 3; 3 above)
  --no-respawn      run every size in this process (no child per size; peak RSS then accumulates)
  --help            this text`;

function option(name: string, fallback: string): string {
  const at = process.argv.indexOf(name);
  return at >= 0 && process.argv[at + 1] ? process.argv[at + 1] : fallback;
}

function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

/** Wall time, and the CPU time of the whole process (V8's GC and compiler threads included). */
function timed<T>(work: () => T): { value: T; ms: number; cpuMs: number } {
  collectGarbage();
  const cpu = process.cpuUsage();
  const start = process.hrtime.bigint();
  const value = work();
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  const used = process.cpuUsage(cpu);
  return { value, ms, cpuMs: (used.user + used.system) / 1000 };
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

interface Timings {
  readonly best: number;
  readonly median: number;
}

function timings(ms: readonly number[]): Timings {
  const sorted = [...ms].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  const median = sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  return { best: sorted[0], median };
}

/** The engine and the floor `repeat` times each, alternating; the accuracy of each from its first run. */
function timeMatchers(input: ReconciliationInput, labels: readonly MatchLabel[], repeat: number) {
  const naiveMs: number[] = [];
  const engineMs: number[] = [];
  const engineCores: number[] = [];
  let naiveFigures: AccuracyFigures | null = null;
  let engineFigures: AccuracyFigures | null = null;
  let resultHeap = 0;
  for (let run = 0; run < repeat; run += 1) {
    const naive = timed(() => naiveReferenceMatch(input));
    naiveMs.push(naive.ms);
    naiveFigures ??= measureAccuracy(labels, naive.value);
    naive.value.length = 0;
    collectGarbage();
    const before = process.memoryUsage().heapUsed;
    const engine = timed(() => new MatchingEngine().run(input));
    engineMs.push(engine.ms);
    engineCores.push(engine.cpuMs / engine.ms);
    if (!engineFigures) {
      collectGarbage(); // what the result keeps, not the run's garbage
      resultHeap = process.memoryUsage().heapUsed - before;
      engineFigures = measureAccuracy(labels, engine.value.decisions);
    }
  }
  return {
    naive: timings(naiveMs),
    engine: timings(engineMs),
    engineCores: timings(engineCores).median,
    naiveFigures: naiveFigures as AccuracyFigures,
    engineFigures: engineFigures as AccuracyFigures,
    resultHeap,
  };
}

function bench(size: number, seed: number, repeat: number): SizeResult {
  const generated = timed(() => generateApDataset({ invoices: size, seed }));
  const { input, labels } = generated.value;
  const invoiceLines = input.invoices.reduce((sum, invoice) => sum + invoice.lines.length, 0);
  const poLines = input.purchaseOrders.reduce((sum, po) => sum + po.lines.length, 0);
  const receiptLines = input.goodsReceipts.reduce((sum, receipt) => sum + receipt.lines.length, 0);
  const lines = invoiceLines + poLines + receiptLines;
  collectGarbage();
  const heapWithData = process.memoryUsage().heapUsed;
  const bare = timed(() => bareHashJoin(input));
  const { naive, engine, engineCores, naiveFigures, engineFigures, resultHeap } = timeMatchers(
    input,
    labels,
    repeat,
  );
  const perSecond = (ms: number): string =>
    `${Math.round(lines / (ms / 1000)).toLocaleString('en-US')} lines/s`;
  const row = (name: string, time: Timings): string =>
    `  ${name.padEnd(22)} ${time.best.toFixed(0).padStart(7)} ms ${time.median.toFixed(0).padStart(7)} ms  ${perSecond(time.median)}`;
  console.log(
    [
      `\n${input.invoices.length.toLocaleString('en-US')} invoices x ${input.purchaseOrders.length.toLocaleString('en-US')} POs ` +
        `(${invoiceLines.toLocaleString('en-US')} invoice lines, ${poLines.toLocaleString('en-US')} PO lines, ${receiptLines.toLocaleString('en-US')} receipt lines; generated in ${(generated.ms / 1000).toFixed(1)} s)`,
      `  ${''.padEnd(22)} ${'best'.padStart(7)}    ${'median'.padStart(7)}    (of ${repeat} runs; lines/s of the median)`,
      `${row('engine', engine)}  ${accuracy(engineFigures)}`,
      `${row('naive matcher (floor)', naive)}  ${accuracy(naiveFigures)}`,
      `  ${'bare lookup (no match)'.padEnd(22)} ${bare.ms.toFixed(0).padStart(7)} ms  (one run)`,
      `  engine / floor ${(engine.median / naive.median).toFixed(2)}x of the medians, ${(engine.best / naive.best).toFixed(2)}x of the best`,
      `  cpu: the engine keeps ${engineCores.toFixed(2)} cores busy (process CPU / wall time: its own thread plus V8's GC and compiler threads)`,
      `  memory: heap with data ${mb(heapWithData)}, engine result +${mb(resultHeap)}, ` +
        `peak RSS ${mb(process.resourceUsage().maxRSS * 1024)} (${process.env.BENCH_MATCH_CHILD === '1' ? "this size's own process, incl. the 3,000-invoice warm-up" : 'this process so far'})`,
      `  load average (1, 5, 15 min) ${load()}`,
    ].join('\n'),
  );
  return { invoices: input.invoices.length, lines, engineMs: engine.median, floorMs: naive.median };
}

function sizesOption(): number[] {
  return option('--sizes', '10000,100000,1000000')
    .split(',')
    .map((size) => Number(size.trim()))
    .filter((size) => Number.isInteger(size) && size > 0);
}

/**
 * One child process per size, so that each size's peak RSS is its own. Each child appends its
 * figures to a file of this run (one JSON line per size), from which the goals are summed up.
 */
function respawnPerSize(sizes: readonly number[]): number {
  const script = process.argv[1];
  const passOn = process.argv.slice(2).filter((arg, i, all) => arg !== '--sizes' && all[i - 1] !== '--sizes');
  const folder = mkdtempSync(join(tmpdir(), 'bench-match-'));
  const report = join(folder, 'sizes.jsonl');
  try {
    for (const size of sizes) {
      const child = spawnSync(
        process.execPath,
        [...process.execArgv, ...NODE_FLAGS, script, ...passOn, '--sizes', String(size)],
        { stdio: 'inherit', env: { ...process.env, BENCH_MATCH_CHILD: '1', BENCH_MATCH_REPORT: report } },
      );
      if (child.status !== 0) return child.status ?? 1;
    }
    const results = (existsSync(report) ? readFileSync(report, 'utf8') : '')
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => JSON.parse(line) as SizeResult);
    console.log(goalsSummary(results));
    return 0;
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

/** The timed runs per size `--repeat` asks for, or null for the default of each size. */
function repeatOption(): number | null {
  const given = option('--repeat', '');
  return given === '' ? null : Math.max(1, Math.floor(Number(given)) || 1);
}

function defaultRepeat(size: number): number {
  return size <= 100_000 ? 5 : 3;
}

function main(): void {
  if (process.argv.includes('--help')) {
    console.log(HELP);
    return;
  }
  const sizes = sizesOption();
  const seed = Number(option('--seed', '7'));
  const repeat = repeatOption();
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
  const results = sizes.map((size) => bench(size, seed, repeat ?? defaultRepeat(size)));
  const report = process.env.BENCH_MATCH_REPORT;
  if (report) {
    for (const result of results) appendFileSync(report, `${JSON.stringify(result)}\n`);
  } else {
    console.log(goalsSummary(results));
  }
}

main();
