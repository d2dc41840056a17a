import type { GoodsReceipt } from './goods-receipt';
import type { Invoice } from './invoice';
import type { PoLineConsumption } from './po-line-consumption';
import type { PurchaseOrder } from './purchase-order';
import type { TenantTolerancePolicy } from './tenant-tolerance-policy';
import type { VendorIdentity } from './vendor-identity';
import type { VendorProfile } from './vendor-profile';

/** An invoice processed by an earlier run, remembered so that a re-sent copy is caught as a duplicate. */
export interface PriorInvoice {
  readonly vendor: VendorIdentity;
  readonly invoiceNumber: string;
  readonly invoiceDate: string;
  readonly currency: string;
  readonly totalAmount: bigint;
}

export interface ReconciliationInput {
  readonly purchaseOrders: readonly PurchaseOrder[];
  readonly goodsReceipts: readonly GoodsReceipt[];
  /** In order of arrival: when two are duplicates, the later one is flagged. */
  readonly invoices: readonly Invoice[];
  readonly policy: TenantTolerancePolicy;
  readonly vendors?: readonly VendorProfile[];
  /** Invoiced quantity per PO line carried from earlier runs. */
  readonly consumed?: readonly PoLineConsumption[];
  readonly priorInvoices?: readonly PriorInvoice[];
}
