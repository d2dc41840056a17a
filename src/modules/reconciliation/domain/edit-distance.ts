let buffers: [Int32Array, Int32Array, Int32Array] = [
  new Int32Array(64),
  new Int32Array(64),
  new Int32Array(64),
];

/** Three reusable rows: distances are computed millions of times in large runs. */
function rows(width: number): [Int32Array, Int32Array, Int32Array] {
  if (buffers[0].length < width)
    buffers = [new Int32Array(width * 2), new Int32Array(width * 2), new Int32Array(width * 2)];
  return buffers;
}

/**
 * Optimal-string-alignment distance (insertions, deletions, substitutions and transpositions of
 * adjacent characters each cost 1), giving up as soon as it exceeds `limit`.
 *
 * Only the band of cells within `limit` of the diagonal is computed: a cell further away is more
 * than `limit` already. Every value is capped at `limit + 1` ("too far"), which leaves the values
 * up to `limit` exact.
 */
export function boundedEditDistance(a: string, b: string, limit: number): number {
  if (a === b) return 0;
  const tooFar = limit + 1;
  if (Math.abs(a.length - b.length) > limit) return tooFar;
  const [first, second, third] = rows(b.length + 2);
  let previousPrevious = first;
  let previous = second;
  let current = third;
  const firstRowEnd = Math.min(b.length, limit);
  for (let j = 0; j <= firstRowEnd; j += 1) previous[j] = j;
  previous[firstRowEnd + 1] = tooFar;
  for (let i = 1; i <= a.length; i += 1) {
    const from = Math.max(1, i - limit);
    const to = Math.min(b.length, i + limit);
    // The cell left of the band, and the one right of it that the next row reads as "above".
    current[from - 1] = from === 1 ? Math.min(i, tooFar) : tooFar;
    current[to + 1] = tooFar;
    let rowMinimum = current[from - 1];
    const ai = a.charCodeAt(i - 1);
    const aBefore = i > 1 ? a.charCodeAt(i - 2) : -1;
    for (let j = from; j <= to; j += 1) {
      const bj = b.charCodeAt(j - 1);
      let value = previous[j - 1] + (ai === bj ? 0 : 1);
      if (previous[j] + 1 < value) value = previous[j] + 1;
      if (current[j - 1] + 1 < value) value = current[j - 1] + 1;
      if (j > 1 && ai === b.charCodeAt(j - 2) && aBefore === bj && previousPrevious[j - 2] + 1 < value)
        value = previousPrevious[j - 2] + 1;
      if (value > tooFar) value = tooFar;
      current[j] = value;
      if (value < rowMinimum) rowMinimum = value;
    }
    if (rowMinimum > limit) return tooFar;
    const recycled = previousPrevious;
    previousPrevious = previous;
    previous = current;
    current = recycled;
  }
  return Math.min(previous[b.length], tooFar);
}

/** Every string obtained by deleting one character, plus the string itself (a typo-tolerant index key set). */
export function singleDeletions(value: string): string[] {
  const keys = [value];
  for (let i = 0; i < value.length; i += 1) keys.push(value.slice(0, i) + value.slice(i + 1));
  return keys;
}
