import { IncomingInvoice } from './incoming-invoice';

export type DuplicateKind =
  'same_number' | 'identical_content' | 'same_amount_and_date' | 'identical_content_other_date';

/** Findings that only make the invoice a likely duplicate, for a person to confirm. */
export function isLikelyDuplicate(kind: DuplicateKind): boolean {
  return kind === 'same_amount_and_date' || kind === 'identical_content_other_date';
}

export interface DuplicateFinding {
  readonly kind: DuplicateKind;
  /** The invoice number of the earlier arrival. */
  readonly original: string;
}

/** What the register needs to remember of an invoice that arrived earlier (in this run or a previous one). */
export interface RegisteredInvoice {
  readonly vendorKey: string;
  readonly kind: string;
  readonly invoiceNumber: string;
  readonly numberKey: string;
  readonly currency: string;
  readonly day: number;
  readonly totalMinor: bigint;
  /** Absent for invoices of earlier runs, whose lines are not kept. */
  readonly fingerprint?: () => string;
}

/**
 * Remembers every invoice seen, in order of arrival, and tells whether a new one repeats an earlier
 * one: same vendor and same number after normalization (`INV-0012` = `inv0012`), or same vendor, date
 * and total under another number (with identical lines that is certain, otherwise only likely), or
 * identical lines and total on another date (likely: resent with a new date, or a recurring bill).
 */
export class DuplicateRegister {
  private readonly byNumber = new Map<string, string>();
  /** By vendor, kind, currency and total; the date is compared within the bucket. */
  private readonly byAmount = new Map<string, RegisteredInvoice[]>();
  /** The keys of the invoice last checked: it is registered right after, with the same keys. */
  private lastChecked: { invoice: IncomingInvoice; byNumber: string; byAmount: string } | null = null;

  check(invoice: IncomingInvoice): DuplicateFinding | null {
    const keys = this.keysOf(invoice);
    const sameNumber = this.byNumber.get(keys.byNumber);
    if (sameNumber !== undefined) return { kind: 'same_number', original: sameNumber };
    const sameAmount = this.byAmount.get(keys.byAmount);
    if (!sameAmount) return null;
    const fingerprint = invoice.contentFingerprint();
    const sameDay = sameAmount.filter((earlier) => earlier.day === invoice.day);
    if (sameDay.length > 0) {
      const identical = sameDay.find((earlier) => earlier.fingerprint?.() === fingerprint);
      if (identical) return { kind: 'identical_content', original: identical.invoiceNumber };
      return { kind: 'same_amount_and_date', original: sameDay[0].invoiceNumber };
    }
    const resent = sameAmount.find((earlier) => earlier.fingerprint?.() === fingerprint);
    return resent ? { kind: 'identical_content_other_date', original: resent.invoiceNumber } : null;
  }

  registerIncoming(invoice: IncomingInvoice): void {
    const source = invoice.source;
    const keys = this.keysOf(invoice);
    this.add(keys.byNumber, keys.byAmount, {
      vendorKey: invoice.vendor.key,
      kind: invoice.kind,
      invoiceNumber: invoice.invoiceNumber,
      numberKey: invoice.numberKey,
      currency: invoice.currency.code,
      day: invoice.day,
      totalMinor: invoice.source.totalAmount,
      fingerprint: () => IncomingInvoice.fingerprintOf(source),
    });
  }

  register(invoice: RegisteredInvoice): void {
    this.add(
      numberKey(invoice.vendorKey, invoice.kind, invoice.numberKey),
      amountKey(invoice.vendorKey, invoice.kind, invoice.currency, invoice.totalMinor),
      invoice,
    );
  }

  private keysOf(invoice: IncomingInvoice): { byNumber: string; byAmount: string } {
    if (this.lastChecked?.invoice === invoice) return this.lastChecked;
    const vendorKey = invoice.vendor.key;
    this.lastChecked = {
      invoice,
      byNumber: numberKey(vendorKey, invoice.kind, invoice.numberKey),
      byAmount: amountKey(vendorKey, invoice.kind, invoice.currency.code, invoice.source.totalAmount),
    };
    return this.lastChecked;
  }

  private add(byNumber: string, byAmount: string, invoice: RegisteredInvoice): void {
    if (!this.byNumber.has(byNumber)) this.byNumber.set(byNumber, invoice.invoiceNumber);
    const list = this.byAmount.get(byAmount);
    if (list) list.push(invoice);
    else this.byAmount.set(byAmount, [invoice]);
  }
}

function numberKey(vendorKey: string, kind: string, invoiceNumberKey: string): string {
  return `${vendorKey}|${kind}|${invoiceNumberKey}`;
}

function amountKey(vendorKey: string, kind: string, currency: string, total: bigint): string {
  return `${vendorKey}|${kind}|${currency}|${total}`;
}
