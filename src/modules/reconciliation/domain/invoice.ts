import type { InvoiceLine } from './invoice-line';
import type { VendorIdentity } from './vendor-identity';

export type InvoiceKind = 'invoice' | 'credit_note';

/** An invoice or a credit note (a credit note carries negative quantities and amounts). */
export interface Invoice {
  readonly invoiceNumber: string;
  readonly vendor: VendorIdentity;
  readonly invoiceDate: string;
  readonly currency: string;
  readonly lines: readonly InvoiceLine[];
  /** Integer minor units. */
  readonly taxAmount: bigint;
  /** Integer minor units: lines plus tax, as stated by the vendor. */
  readonly totalAmount: bigint;
  /** The account the vendor asks to be paid to, when the invoice states one. */
  readonly payeeBankAccount?: string | null;
  /** Defaults to `credit_note` when the total is negative, `invoice` otherwise. */
  readonly kind?: InvoiceKind;
}
