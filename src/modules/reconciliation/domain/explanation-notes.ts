/** Plain-language notes for how a purchase order was found. */
export const ROUTE_NOTES = {
  exact: 'cited reference',
  reference: 'cited reference, written differently (case, spaces, prefix or leading zeros)',
  similar_reference:
    'the cited reference has a typo; matched the PO one or two characters away whose lines fit',
  search: 'found by vendor, currency, amount and lines (no usable reference)',
} as const;

function compact(account: string): string {
  return account.toUpperCase().replace(/[^A-Z0-9]/g, '');
}

/** Whether the text names an account at all: blanks or punctuation alone (`'  '`, `'---'`) do not. */
export function namesBankAccount(account: string | null | undefined): account is string {
  return !!account && compact(account) !== '';
}

export function sameBankAccount(a: string, b: string): boolean {
  return compact(a) === compact(b);
}

/** Bank accounts are shown with all but the last four characters masked. */
export function describeBankAccount(account: string): string {
  const value = compact(account);
  return value.length <= 4 ? value : `${'*'.repeat(value.length - 4)}${value.slice(-4)}`;
}
