const POWERS_OF_TEN: number[] = [];
for (let i = 0, p = 1; i <= 15; i += 1, p *= 10) POWERS_OF_TEN.push(p);

/** The longest all-digit reference handled as a number: one inserted digit must still be a safe integer. */
const MAX_DIGITS = 14;

/** The numeric value of a normalized reference made only of digits (no leading zero), or null. */
export function numericReference(referenceKey: string): number | null {
  const length = referenceKey.length;
  if (length === 0 || length > MAX_DIGITS + 1) return null;
  for (let i = 0; i < length; i += 1) {
    const code = referenceKey.charCodeAt(i);
    if (code < 48 || code > 57) return null;
  }
  if (length > 1 && referenceKey.charCodeAt(0) === 48) return null;
  return Number(referenceKey);
}

/**
 * Visits the numeric value of every all-digit reference one typo away from `referenceKey` (one
 * digit missing, extra, wrong, or two neighbours swapped) that could be a normalized reference
 * (no leading zero). Arithmetic instead of building and hashing a few hundred strings per search.
 * Returns false when the reference is not a short run of digits; the caller then works on strings.
 */
export function forEachNumericTypo(referenceKey: string, visit: (value: number) => void): boolean {
  const length = referenceKey.length;
  if (length < 2 || length > MAX_DIGITS || numericReference(referenceKey) === null) return false;
  const digits: number[] = [];
  for (let i = 0; i < length; i += 1) digits.push(referenceKey.charCodeAt(i) - 48);
  // prefix[k]: value of digits[0..k); suffix[k]: value of digits[k..length).
  const prefix = [0];
  for (let i = 0; i < length; i += 1) prefix.push(prefix[i] * 10 + digits[i]);
  const suffix = new Array<number>(length + 1).fill(0);
  for (let i = length - 1; i >= 0; i -= 1)
    suffix[i] = digits[i] * POWERS_OF_TEN[length - 1 - i] + suffix[i + 1];
  const emit = (value: number, first: number, variantLength: number): void => {
    if (first !== 0 || variantLength === 1) visit(value);
  };
  for (let i = 0; i <= length; i += 1) {
    const rest = length - i;
    if (i < length) {
      emit(
        prefix[i] * POWERS_OF_TEN[rest - 1] + suffix[i + 1],
        i === 0 ? (digits[1] ?? 0) : digits[0],
        length - 1,
      );
      if (i + 1 < length) {
        const swapped =
          prefix[i] * POWERS_OF_TEN[rest] +
          digits[i + 1] * POWERS_OF_TEN[rest - 1] +
          digits[i] * POWERS_OF_TEN[rest - 2] +
          suffix[i + 2];
        emit(swapped, i === 0 ? digits[1] : digits[0], length);
      }
      for (let digit = 0; digit <= 9; digit += 1) {
        const value = prefix[i] * POWERS_OF_TEN[rest] + digit * POWERS_OF_TEN[rest - 1] + suffix[i + 1];
        emit(value, i === 0 ? digit : digits[0], length);
      }
    }
    for (let digit = 0; digit <= 9; digit += 1) {
      const value = prefix[i] * POWERS_OF_TEN[rest + 1] + digit * POWERS_OF_TEN[rest] + suffix[i];
      emit(value, i === 0 ? digit : digits[0], length + 1);
    }
  }
  return true;
}
