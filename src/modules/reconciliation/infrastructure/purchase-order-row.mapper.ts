import type { PurchaseOrderRecord } from '../application/purchase-order-record';

export interface PurchaseOrderRow {
  id: string;
  po_number: string;
  order_date: string;
  currency: string;
  vendor_id: string;
  vendor_name: string;
  vendor_tax_id: string | null;
  line_number: number | null;
  sku: string | null;
  description: string | null;
  quantity: string | null;
  unit_price: string | null;
  invoiced_quantity: string | null;
  line_amount_minor: string | null;
}

/** Folds one row per order line into orders with their lines, keeping the query's order. */
export function toPurchaseOrderRecords(rows: PurchaseOrderRow[]): PurchaseOrderRecord[] {
  const orders = new Map<string, PurchaseOrderRecord>();
  for (const row of rows) {
    let order = orders.get(row.id);
    if (!order) {
      order = {
        id: row.id,
        poNumber: row.po_number,
        vendor: { id: row.vendor_id, name: row.vendor_name, taxId: row.vendor_tax_id },
        orderDate: row.order_date,
        currency: row.currency,
        lines: [],
      };
      orders.set(row.id, order);
    }
    if (row.line_number === null) continue;
    order.lines.push({
      lineNumber: row.line_number,
      sku: row.sku,
      description: row.description ?? '',
      quantity: row.quantity ?? '0',
      unitPrice: row.unit_price ?? '0',
      invoicedQuantity: row.invoiced_quantity ?? '0',
      lineAmountMinor: row.line_amount_minor ?? '0',
    });
  }
  return [...orders.values()];
}
