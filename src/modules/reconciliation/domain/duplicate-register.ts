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
  /**
   * The key of the sender as written, when it is not a recognised vendor: recognised through its POs
   * as `vendorKey`, or not recognised at all (then `vendorKey` itself).
   */
  readonly writtenKey?: string | undefined;
  readonly kind: string;
  readonly invoiceNumber: string;
  readonly numberKey: string;
  readonly currency: string;
  readonly day: number;
  readonly totalMinor: bigint;
  /** The document's lines, for its content fingerprint; absent for invoices of earlier runs given without them. */
  readonly source?: Pick<Invoice, 'lines'>;
}

/**
 * Remembers every invoice seen, in order of arrival, and tells whether a new one repeats an earlier
 * one: same vendor and same number after normalization (`INV-0012` = `inv0012`), or same vendor, date
 * and total under another number (with identical lines that is certain, otherwise only likely), or
 * identical lines and total on another date (resent with a new date, or a further partial invoice of
 * the same quantities: the decision tells them apart by the PO's open quantity).
 */
export class DuplicateRegister {
  /**
   * By kind (invoice or credit note), the first invoice number by vendor and normalized number, on
   * a composite key: numbers repeat across vendors, and a map per vendor cost a cache miss per level.
   */
  private readonly firstByNumber = new Map<string, Map<string, string>>();
  /**
   * Totals rarely repeat: one flat map, each entry chaining the other vendors, kinds or currencies
   * with the same total. One lookup instead of one per level; in large runs each level was a cache miss.
   */
  private readonly byTotal = new Map<number | bigint, SameAmount>();
  /** Invoices of senders not recognised by tax id or name, by kind, written sender key and number. */
  private readonly byWrittenNumber = new Map<string, RegisteredInvoice[]>();
  /** The same invoices by kind, written sender key, currency and total. */
  private readonly byWrittenTotal = new Map<string, RegisteredInvoice[]>();
  /** The key of the invoice checked last: the engine registers each invoice right after checking it. */
  private checkedInvoice: IncomingInvoice | null = null;
  private checkedKey = '';

  check(invoice: IncomingInvoice): DuplicateFinding | null {
    const key = numberKey(invoice.vendor.key, invoice.numberKey);
    this.checkedInvoice = invoice;
    this.checkedKey = key;
    return this.findForVendor(invoice, key) ?? this.sameUnderWrittenName(invoice);
  }

  /**
   * A sender not recognised by tax id or name also meets what the same written sender sent before:
   * the same document, citing no PO once and a PO another time, was recognised one time and not the
   * other. Never an invoice recognised as another vendor: two companies may share a name.
   */
  private sameUnderWrittenName(invoice: IncomingInvoice): DuplicateFinding | null {
    const written = writtenKeyOf(invoice);
    if (written === undefined) return null;
    const ours = invoice.vendor.key;
    const accepted = (entry: RegisteredInvoice) =>
      entry.vendorKey === ours || entry.vendorKey === written || ours === written;
    const earlier = this.byWrittenNumber
      .get(writtenNumberKey(invoice.kind, written, invoice.numberKey))
      ?.find(accepted);
    if (earlier) return { kind: 'same_number', original: earlier.invoiceNumber };
    const sameTotal = (
      this.byWrittenTotal.get(
        writtenTotalKey(invoice.kind, written, invoice.currency.code, invoice.source.totalAmount),
      ) ?? []
    ).filter(accepted);
    if (sameTotal.length === 0) return null;
    return sameTotalFinding(
      sameTotal.filter((entry) => entry.day === invoice.day),
      invoice.contentFingerprint(),
      (fingerprint) => sameTotal.find((entry) => contentOf(entry) === fingerprint),
    );
  }

  private findForVendor(invoice: IncomingInvoice, key: string): DuplicateFinding | null {
    const kind = invoice.kind;
    const sameNumber = this.firstByNumber.get(kind)?.get(key);
    if (sameNumber !== undefined) return { kind: 'same_number', original: sameNumber };
    const sameAmount = SameAmount.find(
      this.byTotal.get(totalKey(invoice.source.totalAmount)),
      invoice.vendor.key,
      kind,
      invoice.currency.code,
    );
    if (!sameAmount) return null;
    return sameTotalFinding(sameAmount.onDay(invoice.day), invoice.contentFingerprint(), (fingerprint) =>
      sameAmount.firstWithFingerprint(fingerprint),
    );
  }

  registerIncoming(invoice: IncomingInvoice): void {
    const source = invoice.source;
    const key = this.checkedInvoice === invoice ? this.checkedKey : undefined;
    this.checkedInvoice = null;
    this.add(
      {
        vendorKey: invoice.vendor.key,
        writtenKey: writtenKeyOf(invoice),
        kind: invoice.kind,
        invoiceNumber: invoice.invoiceNumber,
        numberKey: invoice.numberKey,
        currency: invoice.currency.code,
        day: invoice.day,
        totalMinor: source.totalAmount,
        source,
      },
      key,
    );
  }

  register(invoice: RegisteredInvoice): void {
    this.add(invoice);
  }

  private add(invoice: RegisteredInvoice, checkedKey?: string): void {
    const { vendorKey, kind } = invoice;
    if (invoice.writtenKey !== undefined) {
      listUnder(this.byWrittenNumber, writtenNumberKey(kind, invoice.writtenKey, invoice.numberKey), invoice);
      const totalKeyText = writtenTotalKey(kind, invoice.writtenKey, invoice.currency, invoice.totalMinor);
      listUnder(this.byWrittenTotal, totalKeyText, invoice);
    }
    const key = checkedKey ?? numberKey(vendorKey, invoice.numberKey);
    let firstByNumber = this.firstByNumber.get(kind);
    if (!firstByNumber) this.firstByNumber.set(kind, (firstByNumber = new Map()));
    if (!firstByNumber.has(key)) firstByNumber.set(key, invoice.invoiceNumber);
    const total = totalKey(invoice.totalMinor);
    const sameTotal = this.byTotal.get(total);
    const sameAmount = SameAmount.find(sameTotal, vendorKey, kind, invoice.currency);
    if (sameAmount) sameAmount.add(invoice);
    else
      this.byTotal.set(total, new SameAmount(vendorKey, kind, invoice.currency, sameTotal ?? null, invoice));
  }
}

/**
 * What earlier invoices of the same vendor, kind, currency and total make of a new one: on the same
 * day, identical lines (certain) or other lines (likely); on another day, identical lines (resent, or
 * the next equal partial invoice).
 */
function sameTotalFinding(
  sameDay: readonly RegisteredInvoice[],
  fingerprint: string,
  identicalOnAnotherDay: (fingerprint: string) => RegisteredInvoice | undefined,
): DuplicateFinding | null {
  const identical = sameDay.find((earlier) => contentOf(earlier) === fingerprint);
  if (identical) return { kind: 'identical_content', original: identical.invoiceNumber };
  if (sameDay.length > 0) return { kind: 'same_amount_and_date', original: sameDay[0].invoiceNumber };
  const resent = identicalOnAnotherDay(fingerprint);
  return resent ? { kind: 'identical_content_other_date', original: resent.invoiceNumber } : null;
}

/** The sender's own key when it is not a recognised vendor (see RegisteredInvoice.writtenKey). */
function writtenKeyOf(invoice: IncomingInvoice): string | undefined {
  const vendor = invoice.vendor;
  return vendor.writtenKey ?? (vendor.resolution === 'unknown' ? vendor.key : undefined);
}

function writtenNumberKey(kind: string, writtenKey: string, normalizedNumber: string): string {
  return `${kind}|${numberKey(writtenKey, normalizedNumber)}`;
}

function writtenTotalKey(kind: string, writtenKey: string, currency: string, totalMinor: bigint): string {
  return `${kind}|${currency}|${totalMinor.toString()}|${writtenKey}`;
}

function listUnder(map: Map<string, RegisteredInvoice[]>, key: string, invoice: RegisteredInvoice): void {
  const list = map.get(key);
  if (list) list.push(invoice);
  else map.set(key, [invoice]);
}

/** Vendor and normalized number in one key; the length keeps any two pairs apart. */
function numberKey(vendorKey: string, normalizedNumber: string): string {
  return `${normalizedNumber.length}:${normalizedNumber}${vendorKey}`;
}

function contentOf(invoice: RegisteredInvoice): string | undefined {
  return invoice.source ? IncomingInvoice.fingerprintOf(invoice.source) : undefined;
}

/** Totals that are safe integers (nearly all) as numbers: they hash faster than bigints. */
function totalKey(totalMinor: bigint): number | bigint {
  const value = Number(totalMinor);
  return Number.isSafeInteger(value) ? value : totalMinor;
}

/** Buckets with more invoices than this index them by day. */
const DAY_INDEX_FROM = 8;
const NONE: readonly RegisteredInvoice[] = [];

/**
 * The invoices of one vendor, kind, currency and total, in order of arrival: nearly always one or
 * two, so the indexes by day and by content are built only for the rare bucket that grows.
 */
class SameAmount {
  /**
   * The arrivals after the first, from the second on: most buckets keep one invoice, and an array
   * would be two more objects per invoice for the garbage collector to copy while the run goes on.
   */
  private later: RegisteredInvoice[] | null = null;
  private byDay: Map<number, RegisteredInvoice[]> | null = null;
  /** The first arrival per content fingerprint, for the first `fingerprinted` arrivals: built only when asked. */
  private byFingerprint: Map<string, RegisteredInvoice> | null = null;
  private fingerprinted = 0;

  constructor(
    private readonly vendorKey: string,
    private readonly kind: string,
    private readonly currency: string,
    /** Another vendor, kind or currency with the same total. */
    private readonly next: SameAmount | null,
    private readonly first: RegisteredInvoice,
  ) {}

  /** The bucket of a vendor, kind and currency along the chain of one total. */
  static find(
    entry: SameAmount | null | undefined,
    vendorKey: string,
    kind: string,
    currency: string,
  ): SameAmount | null {
    for (let candidate = entry; candidate; candidate = candidate.next) {
      if (candidate.vendorKey === vendorKey && candidate.kind === kind && candidate.currency === currency)
        return candidate;
    }
    return null;
  }

  add(invoice: RegisteredInvoice): void {
    if (this.later) this.later.push(invoice);
    else this.later = [invoice];
    if (this.byDay) addTo(this.byDay, invoice);
    else if (this.count() === DAY_INDEX_FROM) {
      this.byDay = new Map();
      for (let i = 0; i < DAY_INDEX_FROM; i += 1) addTo(this.byDay, this.arrival(i));
    }
  }

  /** The arrivals dated `day`, in order of arrival. */
  onDay(day: number): readonly RegisteredInvoice[] {
    if (this.byDay) return this.byDay.get(day) ?? NONE;
    let found: RegisteredInvoice[] | null = null;
    for (let i = 0; i < this.count(); i += 1) {
      const earlier = this.arrival(i);
      if (earlier.day === day) (found ??= []).push(earlier);
    }
    return found ?? NONE;
  }

  /** The earliest arrival with this content (invoices of earlier runs have none on record). */
  firstWithFingerprint(fingerprint: string): RegisteredInvoice | undefined {
    const byFingerprint = (this.byFingerprint ??= new Map());
    for (; this.fingerprinted < this.count(); this.fingerprinted += 1) {
      const earlier = this.arrival(this.fingerprinted);
      const content = contentOf(earlier);
      if (content !== undefined && !byFingerprint.has(content)) byFingerprint.set(content, earlier);
    }
    return byFingerprint.get(fingerprint);
  }

  private count(): number {
    return this.later ? this.later.length + 1 : 1;
  }

  /** The `i`-th arrival, from 0. */
  private arrival(i: number): RegisteredInvoice {
    return i === 0 ? this.first : (this.later as RegisteredInvoice[])[i - 1];
  }
}

function addTo(byDay: Map<number, RegisteredInvoice[]>, invoice: RegisteredInvoice): void {
  const sameDay = byDay.get(invoice.day);
  if (sameDay) sameDay.push(invoice);
  else byDay.set(invoice.day, [invoice]);
}
