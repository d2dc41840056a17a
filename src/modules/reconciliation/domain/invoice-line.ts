import type { Decimal } from './decimal';

export interface InvoiceLine {
  readonly lineNumber: string;
  /** The PO number as the vendor wrote it (`PO-2026000123`, `po 2026000123`, ...), if any. */
  readonly poNumber?: string | null;
  readonly poLineNumber?: string | null;
  readonly sku?: string | null;
  readonly description: string;
  /** Negative on credit notes. */
  readonly quantity: Decimal;
  readonly unitPrice: Decimal;
  /** Integer minor units of the invoice currency; negative on credit notes. */
  readonly lineAmount: bigint;
  /** The VAT rate in percent the invoice states for the line (EN 16931 BT-152), when it states one. */
  readonly taxRatePercent?: Decimal | null;
}
