import type { Decimal } from './decimal';

/** Quantity of a PO line already invoiced; earlier runs feed it in, each run hands back the new total. */
export interface PoLineConsumption {
  readonly poNumber: string;
  readonly lineNumber: string;
  readonly invoicedQuantity: Decimal;
}
