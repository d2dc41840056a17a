/** Accents of Latin letters (combining diacritical marks), dropped from keys: `é` is `e`. */
const LATIN_ACCENTS = /[\u0300-\u036f]/g;
/** Invisible format characters (zero-width space and joiner, soft hyphen, BOM, direction marks). */
const FORMAT_CHARACTERS = /\p{Cf}/gu;
/** What a key of text outside ASCII keeps: letters with their marks, and digits, of any script. */
export const NOT_LETTER_OR_DIGIT = /[^\p{L}\p{M}\p{N}]+/gu;
/**
 * Latin letters that no Unicode decomposition takes apart, as ASCII writes them (`Søren` is
 * `Soren`, `Œuvre` is `Oeuvre`, `Łódź` is `Lodz`), so a supplier master typed without them still meets.
 */
const UNDECOMPOSED_LATIN: Readonly<Record<string, string>> = {
  Æ: 'AE',
  æ: 'ae',
  Œ: 'OE',
  œ: 'oe',
  Ø: 'O',
  ø: 'o',
  Ł: 'L',
  ł: 'l',
  Đ: 'D',
  đ: 'd',
  Ð: 'D',
  ð: 'd',
  Þ: 'TH',
  þ: 'th',
  Ħ: 'H',
  ħ: 'h',
  ı: 'i',
};
const UNDECOMPOSED_LATIN_LETTERS = new RegExp(`[${Object.keys(UNDECOMPOSED_LATIN).join('')}]`, 'g');

/**
 * Text outside ASCII as keys compare it: compatibility forms as what they stand for (full-width
 * `ＡＢ１`, `Nº`), Latin accents dropped and ligatures spelled out (`æ` is `ae`, `ø` is `o`), the marks of other scripts kept and composed again (a Korean
 * syllable, a voiced kana, a Devanagari vowel sign), invisible format characters removed, and the
 * digits of every script as ASCII digits.
 */
export function foldedText(raw: string): string {
  return raw
    .normalize('NFKD')
    .replace(LATIN_ACCENTS, '')
    .replace(UNDECOMPOSED_LATIN_LETTERS, (letter) => UNDECOMPOSED_LATIN[letter])
    .normalize('NFC')
    .replace(FORMAT_CHARACTERS, '')
    .replace(OTHER_DIGITS, asciiDigit);
}

/** Decimal digits of other scripts (Arabic-Indic, Devanagari...): `PO-١٢٣` is PO 123. */
const OTHER_DIGITS = /[^\P{Nd}0-9]/gu;
const DECIMAL_DIGIT = /^\p{Nd}$/u;

/**
 * A decimal digit's value: Unicode encodes each script's digits 0 to 9 in one run of ten (runs may
 * follow one another), so the value is the count of digits before it in its runs, modulo ten.
 */
function asciiDigit(digit: string): string {
  const code = digit.codePointAt(0) as number;
  let before = 0;
  while (before < 60 && DECIMAL_DIGIT.test(String.fromCodePoint(code - before - 1))) before += 1;
  return String(before % 10);
}
