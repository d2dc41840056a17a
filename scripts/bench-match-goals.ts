// The speed goals of issue 5 point 13, judged on the medians of one `npm run bench:match` invocation.

/** What the goals of issue 5 are judged on, per size. */
export interface SizeResult {
  readonly invoices: number;
  readonly lines: number;
  readonly engineMs: number;
  readonly floorMs: number;
}

const GOAL_SIZE = 100_000;
const GOAL_MS = 2000;
const GOAL_RATIO = 3;
/** Near-linear: lines/s at the largest size at most this many times below lines/s at GOAL_SIZE. */
const GOAL_GROWTH = 1.5;

/** The goals of issue 5 point 13 against this invocation's medians; sizes not run are said to be missing. */
export function goalsSummary(results: readonly SizeResult[]): string {
  const verdict = (met: boolean): string => (met ? 'met' : 'NOT met');
  const at = results.find((result) => result.invoices === GOAL_SIZE);
  const largest = results.reduce<SizeResult | undefined>(
    (big, result) => (!big || result.invoices > big.invoices ? result : big),
    undefined,
  );
  const lines = ['\nAgainst the goals (medians of this invocation):'];
  if (!at) {
    lines.push(`  100k x 100k under 2 s and growth from 100k: not measured (run --sizes with ${GOAL_SIZE})`);
  } else {
    // The floor's own time says how fast this machine is: the same code took 2 to 8 s here on different days.
    lines.push(
      `  100k x 100k under ${GOAL_MS / 1000} s: ${verdict(at.engineMs < GOAL_MS)} (${Math.round(at.engineMs)} ms; ` +
        `the naive floor took ${Math.round(at.floorMs)} ms on this machine)`,
    );
  }
  for (const result of results) {
    const ratio = result.engineMs / result.floorMs;
    const size = result.invoices.toLocaleString('en-US');
    lines.push(
      result.invoices < GOAL_SIZE
        ? `  engine / floor at ${size}: ${ratio.toFixed(2)}x (below the goal's size, shown for reference)`
        : `  within ${GOAL_RATIO}x of the naive floor at ${size}: ${verdict(ratio <= GOAL_RATIO)} (${ratio.toFixed(2)}x)`,
    );
  }
  if (at && largest && largest.invoices > GOAL_SIZE) {
    const perSecond = (result: SizeResult, ms: number): number => result.lines / ms;
    const engineFall = perSecond(at, at.engineMs) / perSecond(largest, largest.engineMs);
    const floorFall = perSecond(at, at.floorMs) / perSecond(largest, largest.floorMs);
    lines.push(
      `  near-linear to ${largest.invoices.toLocaleString('en-US')} (lines/s at most ${GOAL_GROWTH}x below 100k): ` +
        `${verdict(engineFall <= GOAL_GROWTH)} (engine ${engineFall.toFixed(2)}x below, floor ${floorFall.toFixed(2)}x below)`,
    );
  }
  return lines.join('\n');
}
