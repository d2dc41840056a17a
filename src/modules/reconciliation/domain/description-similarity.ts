import { rememberedFor } from './remembered-text';

const IGNORED_WORDS = new Set([
  'jan',
  'january',
  'feb',
  'february',
  'mar',
  'march',
  'apr',
  'april',
  'may',
  'jun',
  'june',
  'jul',
  'july',
  'aug',
  'august',
  'sep',
  'sept',
  'september',
  'oct',
  'october',
  'nov',
  'november',
  'dec',
  'december',
  'the',
  'a',
  'an',
  'of',
  'for',
  'and',
  'in',
  'on',
  'to',
  'per',
  'with',
]);

/** The words of a description that identify the item (no months, years or filler words). */
export function descriptionWords(description: string): string[] {
  const text = description.toLowerCase();
  const kept: string[] = [];
  let start = -1;
  for (let i = 0; i <= text.length; i += 1) {
    if (i < text.length && isWordCharacter(text.charCodeAt(i))) {
      if (start < 0) start = i;
    } else if (start >= 0) {
      const word = text.slice(start, i);
      if (!IGNORED_WORDS.has(word) && !isYear(word) && !kept.includes(word)) kept.push(word);
      start = -1;
    }
  }
  return kept;
}

const wordsByDescription = new Map<string, readonly string[]>();

/**
 * `descriptionWords`, shared: descriptions repeat across thousands of lines (a vendor's catalogue,
 * `Consulting day 3`), so each is split once and every line holds the same list.
 */
export function sharedDescriptionWords(description: string): readonly string[] {
  return rememberedFor(wordsByDescription, description, keptDescriptionWords);
}

/** The list the cache keeps, at its exact size: one grown by `push` holds room for 17 words. */
function keptDescriptionWords(description: string): readonly string[] {
  return descriptionWords(description).slice();
}

/** Words are runs of a-z and 0-9 (after lower-casing); everything else separates them. */
function isWordCharacter(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 48 && code <= 57);
}

/** `1999`, `2026`: a year says when, not what. */
function isYear(word: string): boolean {
  if (word.length !== 4 || !isNumber(word)) return false;
  const century = word.slice(0, 2);
  return century === '19' || century === '20';
}

function isNumber(word: string): boolean {
  for (let i = 0; i < word.length; i += 1) {
    const code = word.charCodeAt(i);
    if (code < 48 || code > 57) return false;
  }
  return word.length > 0;
}

/**
 * Similarity of two descriptions in [0, 1]: shared words over the shorter description, so that
 * `Consulting day 3 - October` contains `Consulting day 3`; differing numbers (`day 3` vs `day 4`)
 * halve the score because they usually name a different item.
 */
export function descriptionSimilarity(a: readonly string[], b: readonly string[]): number {
  if (a.length === 0 || b.length === 0) return 0;
  let shared = 0;
  let numbersA = 0;
  let numbersB = 0;
  let sharedNumbers = 0;
  for (const word of a) {
    const number = isNumber(word);
    if (number) numbersA += 1;
    if (b.includes(word)) {
      shared += 1;
      if (number) sharedNumbers += 1;
    }
  }
  for (const word of b) if (isNumber(word)) numbersB += 1;
  const containment = shared / Math.min(a.length, b.length);
  const dice = (2 * shared) / (a.length + b.length);
  const score = Math.max(dice, 0.9 * containment);
  const numbersDisagree = numbersA > 0 && numbersB > 0 && sharedNumbers < Math.min(numbersA, numbersB);
  return numbersDisagree ? score * 0.5 : score;
}

/**
 * How many consecutive word pairs of `a` also follow each other in `b`: tells `Audit day 2 - week 12`
 * from `Audit day 12` (which shares its words, numbers included) when two PO lines are otherwise alike.
 */
export function sharedWordPairs(a: readonly string[], b: readonly string[]): number {
  let shared = 0;
  for (let i = 0; i + 1 < a.length; i += 1) {
    for (let j = 0; j + 1 < b.length; j += 1) {
      if (a[i] === b[j] && a[i + 1] === b[j + 1]) {
        shared += 1;
        break;
      }
    }
  }
  return shared;
}
