import type { GoodsReceipt } from './goods-receipt';
import type { Invoice, InvoiceKind } from './invoice';
import type { InvoiceLine } from './invoice-line';
import type { PoLineConsumption } from './po-line-consumption';
import type { PurchaseOrder } from './purchase-order';
import type { TenantTolerancePolicy } from './tenant-tolerance-policy';
import type { VendorIdentity } from './vendor-identity';
import type { VendorProfile } from './vendor-profile';

/**
 * An invoice processed by an earlier run, remembered so that a re-sent copy is caught as a duplicate.
 * With its lines, every duplicate rule applies across runs as within one (identical content under
 * another number or date); without them, only the same number and the same date and total.
 */
export interface PriorInvoice {
  readonly vendor: VendorIdentity;
  readonly invoiceNumber: string;
  readonly invoiceDate: string;
  readonly currency: string;
  readonly totalAmount: bigint;
  /** As on the invoice; when absent, a negative total makes it a credit note. */
  readonly kind?: InvoiceKind;
  readonly lines?: readonly InvoiceLine[];
}

export interface ReconciliationInput {
  readonly purchaseOrders: readonly PurchaseOrder[];
  readonly goodsReceipts: readonly GoodsReceipt[];
  /** In order of arrival: when two are duplicates, the later one is flagged. */
  readonly invoices: readonly Invoice[];
  readonly policy: TenantTolerancePolicy;
  readonly vendors?: readonly VendorProfile[];
  /** Invoiced quantity per PO line, and what it was billed at, carried from earlier runs. */
  readonly consumed?: readonly PoLineConsumption[];
  readonly priorInvoices?: readonly PriorInvoice[];
}
