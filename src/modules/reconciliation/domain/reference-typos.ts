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

/** Digits, plus the characters the reference itself uses (typos rarely introduce new letters). */
export function typoAlphabet(referenceKey: string): string {
  let alphabet = '0123456789';
  for (const character of referenceKey) if (!alphabet.includes(character)) alphabet += character;
  return alphabet;
}

/** How many variants the typo search generates for a reference (the cost of looking them all up). */
export function typoVariantCount(referenceKey: string, alphabet: string): number {
  return (2 + 2 * alphabet.length) * referenceKey.length + alphabet.length;
}

/**
 * Whether `candidate` is `cited` with one typo: a character missing, a character extra or wrong
 * (the new one from `alphabet`), or two neighbours swapped. Exactly the references the variant
 * search finds, checked directly: cheaper than generating the variants when there are few candidates.
 */
export function isOneTypoAway(cited: string, candidate: string, alphabet: string): boolean {
  const length = cited.length;
  const difference = candidate.length - length;
  if (difference < -1 || difference > 1) return false;
  let i = 0;
  const shorter = Math.min(length, candidate.length);
  while (i < shorter && cited.charCodeAt(i) === candidate.charCodeAt(i)) i += 1;
  if (difference === -1) return sameFrom(cited, i + 1, candidate, i);
  if (difference === 1) return alphabet.includes(candidate[i]) && sameFrom(cited, i, candidate, i + 1);
  if (i === length) return false;
  if (sameFrom(cited, i + 1, candidate, i + 1)) return alphabet.includes(candidate[i]);
  return (
    i + 1 < length &&
    cited.charCodeAt(i) === candidate.charCodeAt(i + 1) &&
    cited.charCodeAt(i + 1) === candidate.charCodeAt(i) &&
    sameFrom(cited, i + 2, candidate, i + 2)
  );
}

/** Whether `a` from `i` on equals `b` from `j` on (to the end of both). */
function sameFrom(a: string, i: number, b: string, j: number): boolean {
  if (a.length - i !== b.length - j) return false;
  for (; i < a.length; i += 1, j += 1) if (a.charCodeAt(i) !== b.charCodeAt(j)) return false;
  return true;
}
