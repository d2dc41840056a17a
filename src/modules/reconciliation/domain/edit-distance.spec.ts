import { boundedEditDistance } from './edit-distance';

/** The full optimal-string-alignment table, without any bound. */
function distance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (__, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i += 1) {
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

describe('boundedEditDistance', () => {
  it('counts a swap of neighbours as one typo', () => {
    expect(boundedEditDistance('acme industrial', 'acme industrail', 2)).toBe(1);
  });

  it('answers limit + 1 for anything further than the limit', () => {
    expect(boundedEditDistance('northwind east', 'northwind west', 0)).toBe(1);
    expect(boundedEditDistance('abc', 'abcdef', 2)).toBe(3);
    expect(boundedEditDistance('', 'ab', 1)).toBe(2);
  });

  it('agrees with the full table on every pair of short words', () => {
    const words = ['', 'a', 'ab', 'ba', 'abc', 'acb', 'bca', 'abcd', 'badc', 'aabb', 'abab', 'dcba', 'abcde'];
    for (const a of words)
      for (const b of words)
        for (let limit = 0; limit <= 4; limit += 1)
          expect(boundedEditDistance(a, b, limit)).toBe(Math.min(distance(a, b), limit + 1));
  });
});
