import type { Decimal } from './decimal';
import type { VendorIdentity } from './vendor-identity';

/**
 * Quantity of a PO line already invoiced, and what it was billed at; earlier runs feed it in, each run
 * hands back the new totals.
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
  /**
   * What that quantity was billed at: each quantity invoiced times the unit price it was billed (or
   * credited) at, summed, exact. A credit note is judged at the average price billed. Absent
   * (consumption kept before it was carried), the quantity counts as billed at the PO price.
   */
  readonly invoicedValue?: Decimal;
}
