import { foldedText, NOT_LETTER_OR_DIGIT } from './folded-text';

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;
const NOT_ASCII_LETTER_OR_DIGIT = /[^A-Z0-9]+/g;
/** `IBAN DE89…` is the account DE89…: the word is a label, not part of it. */
const IBAN_LABEL = /^IBAN(?=[A-Z]{2}[0-9])/;
const DIGIT = /[0-9]/;
/** Fewer letters and digits than this name no account (`0`, `N/A`): nothing to pay into. */
const SHORTEST_ACCOUNT = 4;

/**
 * An account as accounts compare: its letters and digits only, in upper case, full-width and other
 * scripts' digits as ASCII (`ＧＢ２９…` is `GB29…`), without a leading `IBAN` label. Separators,
 * invisible characters and case do not count; letters of any script do.
 */
export function bankAccountKey(account: string): string {
  // Nearly every account is ASCII: its letters and digits are A-Z and 0-9, no Unicode pass needed.
  const key = PRINTABLE_ASCII.test(account)
    ? account.toUpperCase().replace(NOT_ASCII_LETTER_OR_DIGIT, '')
    : foldedText(account).toUpperCase().replace(NOT_LETTER_OR_DIGIT, '');
  return key.replace(IBAN_LABEL, '');
}

/**
 * Whether the text names an account at all: at least four letters and digits, one of them a digit.
 * Blanks, punctuation or a word alone (`'---'`, `N/A`, `none`) do not.
 */
export function namesBankAccount(account: string | null | undefined): account is string {
  if (!account) return false;
  const key = bankAccountKey(account);
  return key.length >= SHORTEST_ACCOUNT && DIGIT.test(key);
}

export function sameBankAccount(a: string, b: string): boolean {
  return bankAccountKey(a) === bankAccountKey(b);
}

/** Bank accounts are shown with all but the last four characters masked. */
export function describeBankAccount(account: string): string {
  const value = bankAccountKey(account);
  return value.length <= 4 ? value : `${'*'.repeat(value.length - 4)}${value.slice(-4)}`;
}
