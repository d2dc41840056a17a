import { goalsSummary, type SizeResult } from './bench-match-goals';

const size = (invoices: number, engineMs: number, floorMs: number): SizeResult => ({
  invoices,
  lines: invoices * 7,
  engineMs,
  floorMs,
});

describe('bench:match judges the speed goals of issue 5 on the medians it measured', () => {
  it('100k under 2 s and within 3x of the floor, growth to 1M at most 1.5x: each met on its figures', () => {
    const summary = goalsSummary([
      size(10_000, 200, 40),
      size(100_000, 1999, 700),
      size(1_000_000, 29_000, 8000),
    ]);
    expect(summary).toContain(
      '100k x 100k under 2 s: met (1999 ms; the naive floor took 700 ms on this machine)',
    );
    expect(summary).toContain('engine / floor at 10,000: 5.00x (below the goal');
    expect(summary).toContain('within 3x of the naive floor at 100,000: met (2.86x)');
    expect(summary).toContain('within 3x of the naive floor at 1,000,000: NOT met (3.63x)');
    expect(summary).toContain(
      'near-linear to 1,000,000 (lines/s at most 1.5x below 100k): met (engine 1.45x below, floor 1.14x below)',
    );
  });

  it('exactly 2 s and growth above 1.5x are not met', () => {
    const summary = goalsSummary([size(100_000, 2000, 1000), size(1_000_000, 32_000, 10_000)]);
    expect(summary).toContain(
      '100k x 100k under 2 s: NOT met (2000 ms; the naive floor took 1000 ms on this machine)',
    );
    expect(summary).toContain('within 3x of the naive floor at 100,000: met (2.00x)');
    expect(summary).toContain('NOT met (engine 1.60x below, floor 1.00x below)');
  });

  it('says what it could not judge when 100k was not run', () => {
    const summary = goalsSummary([size(10_000, 300, 100)]);
    expect(summary).toContain('not measured (run --sizes with 100000)');
    expect(summary).not.toContain('near-linear');
  });
});
