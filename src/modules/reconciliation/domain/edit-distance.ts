let buffers: [Int32Array, Int32Array, Int32Array] = [
  new Int32Array(64),
  new Int32Array(64),
  new Int32Array(64),
];

/** Three reusable rows: distances are computed millions of times in large runs. */
function rows(width: number): [Int32Array, Int32Array, Int32Array] {
  if (buffers[0].length < width)
    buffers = [new Int32Array(width * 2), new Int32Array(width * 2), new Int32Array(width * 2)];
  return [buffers[0], buffers[1], buffers[2]];
}

/**
 * Optimal-string-alignment distance (insertions, deletions, substitutions and transpositions of
 * adjacent characters each cost 1), giving up as soon as it exceeds `limit`.
 */
export function boundedEditDistance(a: string, b: string, limit: number): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  const width = b.length + 1;
  let [previousPrevious, previous, current] = rows(width);
  for (let j = 0; j < width; j += 1) previous[j] = j;
  for (let i = 1; i <= a.length; i += 1) {
    current[0] = i;
    let rowMinimum = i;
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let value = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      if (
        i > 1 &&
        j > 1 &&
        a.charCodeAt(i - 1) === b.charCodeAt(j - 2) &&
        a.charCodeAt(i - 2) === b.charCodeAt(j - 1)
      ) {
        value = Math.min(value, previousPrevious[j - 2] + 1);
      }
      current[j] = value;
      if (value < rowMinimum) rowMinimum = value;
    }
    if (rowMinimum > limit) return limit + 1;
    [previousPrevious, previous, current] = [previous, current, previousPrevious];
  }
  return Math.min(previous[b.length], limit + 1);
}

/** Every string obtained by deleting one character, plus the string itself (a typo-tolerant index key set). */
export function singleDeletions(value: string): string[] {
  const keys = [value];
  for (let i = 0; i < value.length; i += 1) keys.push(value.slice(0, i) + value.slice(i + 1));
  return keys;
}
