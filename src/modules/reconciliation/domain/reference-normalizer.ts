const PO_PREFIXES = ['PURCHASEORDER', 'PONUMBER', 'ORDERNO', 'ORDER', 'PONO', 'PONR', 'PO', 'NO', 'NR'];
const INVOICE_PREFIXES = ['INVOICE', 'INVNO', 'INVNR', 'INV', 'NO', 'NR'];

const NOT_ALPHANUMERIC = /[^A-Z0-9]+/g;
const LINE_PREFIXES = ['LINE', 'LN', 'POS', 'NO'];

/**
 * PO line numbers and SKUs repeat across thousands of documents (`1`, `2`, a vendor's catalogue):
 * each spelling is normalized once. Bounded so that a run with endless distinct values cannot grow it.
 */
function cached(cache: Map<string, string>, raw: string, normalizeRaw: (raw: string) => string): string {
  let key = cache.get(raw);
  if (key === undefined) {
    key = normalizeRaw(raw);
    if (cache.size > 50_000) cache.clear();
    cache.set(raw, key);
  }
  return key;
}

const lineKeys = new Map<string, string>();
const skuKeys = new Map<string, string>();
const normalizeLine = (raw: string): string => normalize(raw, LINE_PREFIXES);
const normalizeSku = (raw: string): string => raw.toUpperCase().replace(NOT_ALPHANUMERIC, '');

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

function stripPrefixes(compact: string, prefixes: readonly string[]): string {
  let value = compact;
  // Prefixes only go when a digit follows, so a reference like `POLAND5` keeps its letters.
  for (let stripped = true; stripped && value.length > 0 && !isDigit(value.charCodeAt(0));) {
    stripped = false;
    for (const prefix of prefixes) {
      if (
        value.length > prefix.length &&
        isDigit(value.charCodeAt(prefix.length)) &&
        value.startsWith(prefix)
      ) {
        value = value.slice(prefix.length);
        stripped = true;
        break;
      }
    }
  }
  return value;
}

/** Drops leading zeros of every run of digits (`A007` -> `A7`, `000123` -> `123`, `0` stays). */
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

function normalize(raw: string, prefixes: readonly string[]): string {
  return stripLeadingZeros(stripPrefixes(raw.toUpperCase().replace(NOT_ALPHANUMERIC, ''), prefixes));
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

  poLineNumber(raw: string | null | undefined): string {
    return raw ? cached(lineKeys, raw, normalizeLine) : '';
  },

  /** `INV-0012` and `inv0012` meet; used to find duplicates. */
  invoiceNumber(raw: string): string {
    return normalize(raw, INVOICE_PREFIXES);
  },

  sku(raw: string | null | undefined): string {
    return raw ? cached(skuKeys, raw, normalizeSku) : '';
  },
};
