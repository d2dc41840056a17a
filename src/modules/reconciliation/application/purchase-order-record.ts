/** A purchase order as stored for the tenant, read-only, amounts exact (strings and minor units). */
export interface PurchaseOrderRecord {
  id: string;
  poNumber: string;
  vendor: { id: string; name: string; taxId: string | null };
  orderDate: string;
  currency: string;
  lines: PurchaseOrderLineRecord[];
}

export interface PurchaseOrderLineRecord {
  lineNumber: number;
  sku: string | null;
  description: string;
  /** Decimal strings: quantities and unit prices carry more digits than money. */
  quantity: string;
  unitPrice: string;
  invoicedQuantity: string;
  /** Integer minor units of the order's currency, as a string (never a float). */
  lineAmountMinor: string;
}
