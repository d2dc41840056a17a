import { NOT_LETTER_OR_DIGIT, foldedText } from './folded-text';
import { rememberedFor } from './remembered-text';

// Label words written before a number: they go only when the letters before its first digit are
// such words alone, one after another (`Purchase Order No.`, `Rechnungsnummer`).
const PO_PREFIXES = [
  'PURCHASE',
  'ORDER',
  'PO',
  'OUR',
  'YOUR',
  'IHRE',
  'BESTELLUNG',
  'BESTELL',
  'NUMBER',
  'NUMMER',
  'NO',
  'NR',
];
const INVOICE_PREFIXES = ['INVOICE', 'INV', 'RECHNUNGS', 'RECHNUNG', 'NUMBER', 'NUMMER', 'NO', 'NR'];
/** More letters than this before the first digit are never a label (and bound the search for one). */
const LONGEST_LABEL = 40;

/** What people write in a PO reference field when they have none, once normalized. */
const PLACEHOLDERS = new Set([
  'NA',
  'NONE',
  'NIL',
  'NULL',
  'TBD',
  'TBA',
  'UNKNOWN',
  'NOPO',
  'NOREF',
  'NOREFERENCE',
  'NOTAPPLICABLE',
  'NOTAVAILABLE',
  'XXX',
  '0',
]);
const LINE_PREFIXES = ['LINE', 'LN', 'POS', 'NO'];

// PO line numbers and SKUs repeat across thousands of documents (`1`, `2`, a vendor's catalogue).
const lineKeys = new Map<string, string>();
const skuKeys = new Map<string, string>();
const normalizeLine = (raw: string): string => normalize(raw, LINE_PREFIXES);
const NO_PREFIXES: readonly string[] = [];
/** SKUs only lose case and separators: no prefixes, and zeros are part of the item code. */
const normalizeSku = (raw: string): string => normalize(raw, NO_PREFIXES, false);

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/** A short run of digits without a leading zero: its own normalized form. */
function isPlainNumber(raw: string): boolean {
  if (raw.length > 9 || raw.charCodeAt(0) === 48) return false;
  for (let i = 0; i < raw.length; i += 1) if (!isDigit(raw.charCodeAt(i))) return false;
  return true;
}

/**
 * The normalization works on character codes in reusable buffers: references are normalized
 * hundreds of thousands of times per run, and the regular-expression chain built several strings each.
 * `codes` holds the compacted (upper case, letters and digits only) reference, `origins` the
 * position in the raw text each code came from.
 */
let codes = new Uint16Array(64);
let origins = new Int32Array(64);
/** Whether `compact` upper-cased a letter (otherwise every piece of the key is written as in the raw text). */
let lowered = false;

function ensureCapacity(length: number): void {
  if (codes.length >= length) return;
  codes = new Uint16Array(length * 2);
  origins = new Int32Array(length * 2);
}

/** Upper-cases and keeps letters and digits into `codes`, returning their count; null when the text is not ASCII. */
function compact(raw: string): number | null {
  ensureCapacity(raw.length);
  let length = 0;
  lowered = false;
  for (let i = 0; i < raw.length; i += 1) {
    let code = raw.charCodeAt(i);
    // Outside ASCII, upper-casing can yield ASCII letters (`ß` -> `SS`): left to the full algorithm.
    if (code > 127) return null;
    if (code >= 97 && code <= 122) {
      code -= 32;
      lowered = true;
    }
    if ((code >= 65 && code <= 90) || isDigit(code)) {
      codes[length] = code;
      origins[length] = i;
      length += 1;
    }
  }
  return length;
}

/**
 * Where the reference starts once its prefixes are gone: the letters before its first digit go when
 * they are prefixes alone, one after another (`PO`, `PURCHASEORDERNO`, `INVOICENUMBER`), so a
 * reference like `POLAND5` keeps its letters; or, of a reference that begins with letters of its own,
 * the prefixes written apart from them (`Invoice No. RE-12` is `RE12`, `PO-ABC1` is `ABC1`).
 */
function afterPrefixes(length: number, prefixes: readonly string[]): number {
  let letters = 0;
  while (letters < length && !isDigit(codes[letters])) letters += 1;
  if (letters === 0 || letters === length) return 0;
  if (letters <= LONGEST_LABEL && isLabel(0, letters, prefixes)) return letters;
  for (let end = Math.min(letters - 1, LONGEST_LABEL); end > 0; end -= 1)
    if (origins[end] > origins[end - 1] + 1 && isLabel(0, end, prefixes)) return end;
  return 0;
}

/** Whether `codes[from..to)` is prefixes alone, one after another. */
function isLabel(from: number, to: number, prefixes: readonly string[]): boolean {
  if (from === to) return true;
  for (const prefix of prefixes)
    if (codesStartWith(from, to, prefix) && isLabel(from + prefix.length, to, prefixes)) return true;
  return false;
}

function codesStartWith(from: number, to: number, prefix: string): boolean {
  if (to - from < prefix.length) return false;
  for (let k = 0; k < prefix.length; k += 1) if (codes[from + k] !== prefix.charCodeAt(k)) return false;
  return true;
}

/**
 * Drops leading zeros of every run of digits (`A007` -> `A7`, `000123` -> `123`, `0` stays) of
 * `codes[from..length)`, in place; returns the new length.
 */
function dropLeadingZeros(from: number, length: number): number {
  let firstZero = from;
  while (firstZero < length && codes[firstZero] !== 48) firstZero += 1;
  if (firstZero === length) return length;
  let kept = from;
  for (let i = from; i < length; i += 1) {
    if (codes[i] === 48 && (i === from || !isDigit(codes[i - 1])))
      while (codes[i] === 48 && i + 1 < length && isDigit(codes[i + 1])) i += 1;
    codes[kept] = codes[i];
    origins[kept] = origins[i];
    kept += 1;
  }
  return kept;
}

/**
 * The text of `codes[from..to)`, put together from slices of the raw text: the key is usually
 * written as one piece of it (`PO-2026000123`), or a few (`CAR-8370`).
 */
function keyText(raw: string, from: number, to: number): string {
  let text = '';
  for (let start = from; start < to;) {
    let end = start + 1;
    while (end < to && origins[end] === origins[end - 1] + 1) end += 1;
    text += piece(raw, start, end);
    start = end;
  }
  return text;
}

/** `codes[start..end)`, which came from consecutive characters of `raw`. */
function piece(raw: string, start: number, end: number): string {
  const written = raw.slice(origins[start], origins[end - 1] + 1);
  return lowered ? written.toUpperCase() : written;
}

function normalize(raw: string, prefixes: readonly string[], dropZeros = true): string {
  const length = compact(raw);
  if (length === null) return normalizeText(raw, prefixes, dropZeros);
  const from = afterPrefixes(length, prefixes);
  return keyText(raw, from, dropZeros ? dropLeadingZeros(from, length) : length);
}

/**
 * The same normalization on strings, for text outside ASCII: compatibility forms as the letters and
 * digits they stand for (full-width `０１２`, `Nº` and `№` as `No`), accents dropped, letters and
 * digits of other scripts kept (`Δ-12` is `Δ12`, not `12`).
 */
function normalizeText(raw: string, prefixes: readonly string[], dropZeros: boolean): string {
  const folded = foldedText(raw).toUpperCase();
  const compacted = folded.replace(NOT_LETTER_OR_DIGIT, '');
  if (!dropZeros) return compacted;
  return stripLeadingZeros(compacted.slice(afterPrefixes(compactInto(folded), prefixes)));
}

/**
 * `compact` for folded text outside ASCII: its letters and digits into `codes`, each with its
 * position in `origins` (so `afterPrefixes` sees where words were written apart); returns their count.
 */
function compactInto(folded: string): number {
  ensureCapacity(folded.length);
  let length = 0;
  let start = 0;
  const copy = (end: number) => {
    for (let i = start; i < end; i += 1, length += 1) {
      codes[length] = folded.charCodeAt(i);
      origins[length] = i;
    }
  };
  for (const separator of folded.matchAll(NOT_LETTER_OR_DIGIT)) {
    copy(separator.index);
    start = separator.index + separator[0].length;
  }
  copy(folded.length);
  return length;
}

function stripLeadingZeros(value: string): string {
  let result = '';
  let from = 0;
  for (let i = 0; i < value.length; i += 1) {
    if (value.charCodeAt(i) !== 48 || (i > 0 && isDigit(value.charCodeAt(i - 1)))) continue;
    let end = i;
    while (value.charCodeAt(end) === 48 && isDigit(value.charCodeAt(end + 1))) end += 1;
    if (end === i) continue;
    result += value.slice(from, i);
    from = end;
    i = end;
  }
  return from === 0 ? value : result + value.slice(from);
}

/**
 * Reduces the ways people write references to one key: case, spaces, punctuation, the prefixes
 * `PO`, `P.O.`, `#`, `No.` and leading zeros disappear, so `PO-2026000123`, `po 2026000123`,
 * `PO#002026000123` and `2026000123` all become `2026000123`.
 */
export const ReferenceNormalizer = {
  poNumber(raw: string | null | undefined): string {
    return raw ? normalize(raw, PO_PREFIXES) : '';
  },

  /**
   * The PO number an invoice line cites: a placeholder written where the reference goes (`N/A`,
   * `TBD`, `none`) names no PO, ''. Only citations: a purchase order may be numbered `0`.
   */
  citedPoNumber(raw: string | null | undefined): string {
    const key = ReferenceNormalizer.poNumber(raw);
    return PLACEHOLDERS.has(key) ? '' : key;
  },

  poLineNumber(raw: string | null | undefined): string {
    if (!raw) return '';
    // Most line numbers are already keys (`1`, `12`): V8 hashes an all-digit string slowly.
    return isPlainNumber(raw) ? raw : rememberedFor(lineKeys, raw, normalizeLine);
  },

  /** `INV-0012` and `inv0012` meet; used to find duplicates. */
  invoiceNumber(raw: string): string {
    return normalize(raw, INVOICE_PREFIXES);
  },

  sku(raw: string | null | undefined): string {
    return raw ? rememberedFor(skuKeys, raw, normalizeSku) : '';
  },
};
