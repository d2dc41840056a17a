import type { Decimal } from './decimal';
import type { VendorIdentity } from './vendor-identity';

/**
 * Quantity of a PO line already invoiced; earlier runs feed it in, each run hands back the new total.
 * The PO is named as the engine tells POs apart: its vendor, its number and its order date (two
 * vendors may use one number, and a vendor may reuse one years later).
 */
export interface PoLineConsumption {
  readonly vendor: VendorIdentity;
  readonly poNumber: string;
  /** ISO date, `YYYY-MM-DD`: the PO's order date. */
  readonly orderDate: string;
  readonly lineNumber: string;
  readonly invoicedQuantity: Decimal;
}
