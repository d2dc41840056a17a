const LEGAL_FORMS = new Set([
  'inc',
  'incorporated',
  'corp',
  'corporation',
  'co',
  'company',
  'ltd',
  'limited',
  'llc',
  'llp',
  'plc',
  'gmbh',
  'ag',
  'kg',
  'sa',
  'sas',
  'sarl',
  'bv',
  'nv',
  'srl',
  'spa',
  'oy',
  'ab',
  'as',
  'pty',
  'the',
]);

/** Tax ids are compared without spaces, dots, dashes or case (`DE 123.456.789` = `de123456789`). */
export function normalizeTaxId(raw: string): string {
  return raw.toUpperCase().replace(/[^A-Z0-9]+/g, '');
}

const normalizedNames = new Map<string, string>();

/**
 * Vendor names are compared in lower case, without accents, punctuation or legal form (dots dropped so
 * `S.A.` reads `sa`), with `&` read as `and`: `ACME Corp.`, `Acme Corporation` and `acme` meet.
 */
export function normalizeVendorName(raw: string): string {
  let normalized = normalizedNames.get(raw);
  if (normalized === undefined) {
    normalized = normalizeName(raw);
    if (normalizedNames.size > 100_000) normalizedNames.clear();
    normalizedNames.set(raw, normalized);
  }
  return normalized;
}

function normalizeName(raw: string): string {
  const words = raw
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/\./g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .split(' ');
  const kept = words.filter((word) => word.length > 0 && !LEGAL_FORMS.has(word));
  return (kept.length > 0 ? kept : words).join(' ');
}
