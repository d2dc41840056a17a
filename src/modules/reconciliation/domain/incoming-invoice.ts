import { CalendarDate } from './calendar-date';
import { Currency } from './currency';
import type { Decimal } from './decimal';
import { sharedDescriptionWords } from './description-similarity';
import type { Invoice, InvoiceKind } from './invoice';
import type { InvoiceLine } from './invoice-line';
import { ReferenceNormalizer } from './reference-normalizer';
import type { TolerancePolicy } from './tolerance-policy';
import type { ResolvedVendor } from './vendor-directory';

export class IncomingInvoiceLine {
  readonly referenceKey: string;
  readonly poLineKey: string;
  readonly skuKey: string;
  private words: readonly string[] | null = null;

  constructor(
    readonly source: InvoiceLine,
    readonly position: number,
    /** `ReferenceNormalizer.citedPoNumber(source.poNumber)`, shared by the lines citing the same text. */
    referenceKey: string,
  ) {
    this.referenceKey = referenceKey;
    this.poLineKey = ReferenceNormalizer.poLineNumber(source.poLineNumber);
    this.skuKey = ReferenceNormalizer.sku(source.sku);
  }

  get quantity(): Decimal {
    return this.source.quantity;
  }

  get unitPrice(): Decimal {
    return this.source.unitPrice;
  }

  get amountMinor(): bigint {
    return this.source.lineAmount;
  }

  descriptionWords(): readonly string[] {
    if (!this.words) this.words = sharedDescriptionWords(this.source.description);
    return this.words;
  }

  /**
   * Whether the line bills (or credits) anything: not a note such as "delivery note 4711" or a free
   * sample. A line with no amount but a priced quantity still bills (5 x 20.00 stated as 0.00).
   */
  bills(): boolean {
    return this.amountMinor !== 0n || !(this.quantity.isZero() || this.unitPrice.isZero());
  }
}

/** An invoice with its keys normalized, its vendor recognised and its policy resolved. */
export class IncomingInvoice {
  readonly kind: InvoiceKind;
  /** +1 for invoices, -1 for credit notes: multiplying a difference by it makes "unfavourable to the buyer" positive. */
  readonly sign: 1 | -1;
  readonly currency: Currency;
  readonly day: number;
  readonly lines: IncomingInvoiceLine[];
  readonly netMinor: bigint;
  readonly numberKey: string;

  constructor(
    readonly index: number,
    readonly source: Invoice,
    readonly vendor: ResolvedVendor,
    readonly policy: TolerancePolicy,
  ) {
    this.kind = source.kind ?? (source.totalAmount < 0n ? 'credit_note' : 'invoice');
    this.sign = this.kind === 'credit_note' ? -1 : 1;
    this.currency = Currency.of(source.currency);
    this.day = CalendarDate.toDayNumber(source.invoiceDate);
    // The lines of an invoice mostly cite the same PO as written: it is normalized once.
    let cited: string | null | undefined;
    let citedKey = '';
    const lines: IncomingInvoiceLine[] = [];
    let net = 0n;
    for (let position = 0; position < source.lines.length; position += 1) {
      const line = source.lines[position];
      if (line.poNumber !== cited) {
        cited = line.poNumber;
        citedKey = ReferenceNormalizer.citedPoNumber(cited);
      }
      lines.push(new IncomingInvoiceLine(line, position, citedKey));
      net = position === 0 ? line.lineAmount : net + line.lineAmount;
    }
    this.lines = lines;
    this.netMinor = net;
    this.numberKey = ReferenceNormalizer.invoiceNumber(source.invoiceNumber);
  }

  get invoiceNumber(): string {
    return this.source.invoiceNumber;
  }

  /** A canonical description of the content, to recognise the same invoice sent again under another number. */
  contentFingerprint(): string {
    return IncomingInvoice.fingerprintOf(this.source);
  }

  /**
   * Works from the document alone so that the duplicate register need not keep prepared invoices
   * alive. A line is its PO and PO line, its item (the SKU, or the description when it has no SKU:
   * two service lines at the same price are different days or months of work; case and spacing
   * aside, the description is compared whole, months included) and its figures.
   */
  static fingerprintOf(invoice: Pick<Invoice, 'lines'>): string {
    return invoice.lines
      .map((line) =>
        [
          ReferenceNormalizer.citedPoNumber(line.poNumber),
          ReferenceNormalizer.poLineNumber(line.poLineNumber),
          ReferenceNormalizer.sku(line.sku) || line.description.trim().toLowerCase().replace(/\s+/g, ' '),
          line.quantity.normalized().toString(),
          line.unitPrice.normalized().toString(),
          line.lineAmount.toString(),
        ].join('/'),
      )
      .sort()
      .join(';');
  }
}
