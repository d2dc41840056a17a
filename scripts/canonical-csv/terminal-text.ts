/**
 * Characters a file could use to drive or deceive a terminal: control characters (escape
 * sequences, bells), invisible format characters (bidi overrides that show `A-1` as `1-A`,
 * zero-width spaces) and the Unicode line and paragraph separators.
 */
const UNPRINTABLE = /[\p{Cc}\p{Cf}\u2028\u2029]/gu;

function escaped(character: string): string {
  return `\\u${(character.codePointAt(0) as number).toString(16).padStart(4, '0')}`;
}

/**
 * Text for the terminal: every unprintable character written as a \u escape, except the line
 * breaks of the text itself (a value from a file is made `oneLine` where it is put into a message).
 */
export function printable(text: string): string {
  return text.replace(UNPRINTABLE, (character) => (character === '\n' ? character : escaped(character)));
}

/**
 * One line of a message that may hold values from a file: a line break inside a value (a quoted CSV
 * field may hold one) is written `\n`, so a file cannot add lines of its own to what is printed.
 */
export function oneLine(text: string): string {
  return text.replace(/\r\n|\r|\n/g, '\\n');
}
