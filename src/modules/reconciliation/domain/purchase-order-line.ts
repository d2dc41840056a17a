import type { Decimal } from './decimal';

export interface PurchaseOrderLine {
  /** The line number as printed on the PO (`1`, `10`, `A2`). */
  readonly lineNumber: string;
  readonly sku?: string | null;
  readonly description: string;
  readonly quantity: Decimal;
  /** May carry more decimals than the currency (e.g. 0.0375 per screw). */
  readonly unitPrice: Decimal;
  /** Integer minor units of the PO currency. */
  readonly lineAmount: bigint;
}
