import { NOT_LETTER_OR_DIGIT, foldedText } from './folded-text';

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
  'aps',
  'asa',
  'oyj',
  'ehf',
  'kgaa',
  'ohg',
  'bvba',
  'sprl',
  'lda',
  'ltda',
  'sro',
  'doo',
  'kft',
  'zrt',
  'the',
  // Cyrillic and Greek forms, as keys write them (lower case, dots dropped): ООО, АО, ПАО, ЗАО, ОАО,
  // ИП, ТОВ; Α.Ε., Ε.Π.Ε., Ι.Κ.Ε., Ο.Ε., Ε.Ε.
  'ооо',
  'ао',
  'пао',
  'зао',
  'оао',
  'ип',
  'тов',
  'αε',
  'επε',
  'ικε',
  'οε',
  'εε',
  // Japanese and Korean abbreviations, written in parentheses or as one sign: (株) ㈱, (有) ㈲, (주) ㈜.
  '株',
  '有',
  '주',
]);

/**
 * Legal forms written without a space before or after the name, as Chinese, Japanese and Korean
 * names are (`株式会社トヨタ`, `华为技术有限公司`, `삼성전자주식회사`): set aside at either end of a
 * word. Longest first, so `股份有限公司` goes whole rather than as `有限公司`.
 */
const AFFIXED_LEGAL_FORMS = [
  '股份有限公司',
  '有限责任公司',
  '有限責任公司',
  '유한책임회사',
  '株式会社',
  '有限会社',
  '合同会社',
  '合名会社',
  '合資会社',
  '有限公司',
  '주식회사',
  '유한회사',
];

/** Tax ids are compared without spaces, dots, dashes or case (`DE 123.456.789` = `de123456789`). */
export function normalizeTaxId(raw: string): string {
  if (isAscii(raw)) return raw.toUpperCase().replace(/[^A-Z0-9]+/g, '');
  return foldedText(raw).toUpperCase().replace(NOT_LETTER_OR_DIGIT, '');
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
  const words = isAscii(raw) ? asciiWords(raw) : textWords(raw).map(withoutAffixedLegalForm);
  const kept = words.filter((word) => word.length > 0 && !LEGAL_FORMS.has(word));
  return (kept.length > 0 ? kept : words).join(' ');
}

/** A word with a legal form at its start or end set aside, unless the form is all there is. */
function withoutAffixedLegalForm(word: string): string {
  for (const form of AFFIXED_LEGAL_FORMS) {
    if (word.length <= form.length) continue;
    if (word.startsWith(form)) return word.slice(form.length);
    if (word.endsWith(form)) return word.slice(0, -form.length);
  }
  return word;
}

function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i += 1) if (text.charCodeAt(i) > 127) return false;
  return true;
}

/**
 * The words of an ASCII name in one pass (nearly all names): letters and digits in lower case,
 * dots dropped, `&` its own word `and`, anything else separates words.
 */
function asciiWords(raw: string): string[] {
  const words: string[] = [];
  let word = '';
  for (let i = 0; i < raw.length; i += 1) {
    const code = raw.charCodeAt(i);
    if ((code >= 97 && code <= 122) || (code >= 48 && code <= 57)) word += raw[i];
    else if (code >= 65 && code <= 90) word += String.fromCharCode(code + 32);
    else if (code !== 46) {
      if (word.length > 0) words.push(word);
      word = '';
      if (code === 38) words.push('and');
    }
  }
  if (word.length > 0) words.push(word);
  return words.length > 0 ? words : [''];
}

function textWords(raw: string): string[] {
  return (
    foldedText(raw)
      // Upper case first folds what lower case alone keeps apart: ß and SS, ı and I, ς and σ.
      .toUpperCase()
      .toLowerCase()
      .replace(/&/g, ' and ')
      .replace(/\./g, '')
      // Letters and digits of any script: a Greek or Cyrillic name is a name, not an empty key.
      .replace(NOT_LETTER_OR_DIGIT, ' ')
      .trim()
      .split(' ')
  );
}
