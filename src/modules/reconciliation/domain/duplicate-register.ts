import { IncomingInvoice } from './incoming-invoice';
import type { Invoice } from './invoice';

export type DuplicateKind =
  'same_number' | 'identical_content' | 'same_amount_and_date' | 'identical_content_other_date';

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
  /** The document, for its content fingerprint; absent for invoices of earlier runs, whose lines are not kept. */
  readonly source?: Invoice;
}

/**
 * Remembers every invoice seen, in order of arrival, and tells whether a new one repeats an earlier
 * one: same vendor and same number after normalization (`INV-0012` = `inv0012`), or same vendor, date
 * and total under another number (with identical lines that is certain, otherwise only likely), or
 * identical lines and total on another date (resent with a new date, or a further partial invoice of
 * the same quantities: the decision tells them apart by the PO's open quantity).
 */
export class DuplicateRegister {
  /** By vendor key, then kind: nested maps on keys that already exist, no key built per invoice. */
  private readonly vendors = new Map<string, Map<string, KindRegister>>();

  check(invoice: IncomingInvoice): DuplicateFinding | null {
    const register = this.vendors.get(invoice.vendor.key)?.get(invoice.kind);
    if (!register) return null;
    const sameNumber = register.byNumber.get(invoice.numberKey);
    if (sameNumber !== undefined) return { kind: 'same_number', original: sameNumber };
    const sameAmount = register.byAmount
      .get(invoice.currency.code)
      ?.get(totalKey(invoice.source.totalAmount));
    if (!sameAmount) return null;
    const fingerprint = invoice.contentFingerprint();
    const sameDay = sameAmount.onDay(invoice.day);
    if (sameDay.length > 0) {
      const identical = sameDay.find((earlier) => contentOf(earlier) === fingerprint);
      if (identical) return { kind: 'identical_content', original: identical.invoiceNumber };
      return { kind: 'same_amount_and_date', original: sameDay[0].invoiceNumber };
    }
    const resent = sameAmount.firstWithFingerprint(fingerprint);
    return resent ? { kind: 'identical_content_other_date', original: resent.invoiceNumber } : null;
  }

  registerIncoming(invoice: IncomingInvoice): void {
    const source = invoice.source;
    this.register({
      vendorKey: invoice.vendor.key,
      kind: invoice.kind,
      invoiceNumber: invoice.invoiceNumber,
      numberKey: invoice.numberKey,
      currency: invoice.currency.code,
      day: invoice.day,
      totalMinor: invoice.source.totalAmount,
      source,
    });
  }

  register(invoice: RegisteredInvoice): void {
    let kinds = this.vendors.get(invoice.vendorKey);
    if (!kinds) this.vendors.set(invoice.vendorKey, (kinds = new Map()));
    let register = kinds.get(invoice.kind);
    if (!register) kinds.set(invoice.kind, (register = { byNumber: new Map(), byAmount: new Map() }));
    if (!register.byNumber.has(invoice.numberKey))
      register.byNumber.set(invoice.numberKey, invoice.invoiceNumber);
    let byTotal = register.byAmount.get(invoice.currency);
    if (!byTotal) register.byAmount.set(invoice.currency, (byTotal = new Map()));
    const key = totalKey(invoice.totalMinor);
    let sameAmount = byTotal.get(key);
    if (!sameAmount) byTotal.set(key, (sameAmount = new SameAmount()));
    sameAmount.add(invoice);
  }
}

function contentOf(invoice: RegisteredInvoice): string | undefined {
  return invoice.source ? IncomingInvoice.fingerprintOf(invoice.source) : undefined;
}

/** Totals that are safe integers (nearly all) as numbers: they hash faster than bigints. */
function totalKey(totalMinor: bigint): number | bigint {
  const value = Number(totalMinor);
  return Number.isSafeInteger(value) ? value : totalMinor;
}

/** One vendor's invoices (or credit notes): invoice number by normalized number, and by currency and total. */
interface KindRegister {
  readonly byNumber: Map<string, string>;
  readonly byAmount: Map<string, Map<number | bigint, SameAmount>>;
}

/** Buckets with more invoices than this index them by day. */
const DAY_INDEX_FROM = 8;
const NONE: readonly RegisteredInvoice[] = [];

/**
 * The invoices of one vendor, kind, currency and total, in order of arrival: nearly always one or
 * two, so the indexes by day and by content are built only for the rare bucket that grows.
 */
class SameAmount {
  private readonly all: RegisteredInvoice[] = [];
  private byDay: Map<number, RegisteredInvoice[]> | null = null;
  /** The first arrival per content fingerprint, for `all[0..fingerprinted)`: built only when asked. */
  private byFingerprint: Map<string, RegisteredInvoice> | null = null;
  private fingerprinted = 0;

  add(invoice: RegisteredInvoice): void {
    this.all.push(invoice);
    if (this.byDay) addTo(this.byDay, invoice);
    else if (this.all.length === DAY_INDEX_FROM) {
      this.byDay = new Map();
      for (const earlier of this.all) addTo(this.byDay, earlier);
    }
  }

  /** The arrivals dated `day`, in order of arrival. */
  onDay(day: number): readonly RegisteredInvoice[] {
    if (this.byDay) return this.byDay.get(day) ?? NONE;
    let found: RegisteredInvoice[] | null = null;
    for (const earlier of this.all) if (earlier.day === day) (found ??= []).push(earlier);
    return found ?? NONE;
  }

  /** The earliest arrival with this content (invoices of earlier runs have none on record). */
  firstWithFingerprint(fingerprint: string): RegisteredInvoice | undefined {
    const byFingerprint = (this.byFingerprint ??= new Map());
    for (; this.fingerprinted < this.all.length; this.fingerprinted += 1) {
      const earlier = this.all[this.fingerprinted];
      const content = contentOf(earlier);
      if (content !== undefined && !byFingerprint.has(content)) byFingerprint.set(content, earlier);
    }
    return byFingerprint.get(fingerprint);
  }
}

function addTo(byDay: Map<number, RegisteredInvoice[]>, invoice: RegisteredInvoice): void {
  const sameDay = byDay.get(invoice.day);
  if (sameDay) sameDay.push(invoice);
  else byDay.set(invoice.day, [invoice]);
}
