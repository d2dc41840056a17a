import type { PurchaseOrderLine } from './purchase-order-line';
import type { VendorIdentity } from './vendor-identity';

export interface PurchaseOrder {
  readonly poNumber: string;
  readonly vendor: VendorIdentity;
  /** ISO 4217 code. */
  readonly currency: string;
  /** ISO date, `YYYY-MM-DD`. */
  readonly orderDate: string;
  readonly lines: readonly PurchaseOrderLine[];
}
