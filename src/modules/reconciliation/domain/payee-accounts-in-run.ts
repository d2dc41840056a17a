import { bankAccountKey } from './bank-account';

/**
 * The first payee account each vendor's invoices named in a run. For a vendor with no confirmed
 * account it is all there is to compare with: a later invoice asking to be paid elsewhere is the
 * same fraud signal as a changed account, only without a confirmed one to say which is right.
 */
export class PayeeAccountsInRun {
  /** Per vendor: the account as written (to show) and as accounts compare (worked out once). */
  private readonly first = new Map<string, { readonly account: string; readonly key: string }>();

  /**
   * The account an earlier invoice of the vendor named, when it is another than `account`; null
   * when there was none (then `account` is remembered) or it is the same.
   */
  earlierOther(vendorKey: string, account: string): string | null {
    const earlier = this.first.get(vendorKey);
    const key = bankAccountKey(account);
    if (earlier === undefined) {
      this.first.set(vendorKey, { account, key });
      return null;
    }
    return earlier.key === key ? null : earlier.account;
  }
}
