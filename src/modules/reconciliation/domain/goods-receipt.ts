import type { Decimal } from './decimal';

export interface GoodsReceiptLine {
  /** The PO line the goods were received against. */
  readonly lineNumber: string;
  readonly sku?: string | null;
  readonly quantityReceived: Decimal;
}

export interface GoodsReceipt {
  readonly receiptNumber: string;
  readonly poNumber: string;
  readonly receiptDate: string;
  readonly lines: readonly GoodsReceiptLine[];
}
