/** The first position in the ascending `values` holding at least `target` (`values.length` when none does). */
export function lowerBound<T extends number | bigint>(values: readonly T[], target: T): number {
  let low = 0;
  let high = values.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (values[middle] < target) low = middle + 1;
    else high = middle;
  }
  return low;
}
