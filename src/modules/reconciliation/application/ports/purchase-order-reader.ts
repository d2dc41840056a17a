import type { PurchaseOrderRecord } from '../purchase-order-record';

/** Reads the current tenant's purchase orders (the tenant comes from the request context). */
export abstract class PurchaseOrderReader {
  /** Orders whose number normalizes to the same reference (`PO-0042`, `po 42` and `42` meet). */
  abstract findByNumber(
    normalizedPoNumber: string,
    limit: number,
    offset: number,
  ): Promise<PurchaseOrderRecord[]>;
  abstract list(limit: number, offset: number): Promise<PurchaseOrderRecord[]>;
  abstract findById(id: string): Promise<PurchaseOrderRecord | null>;
}
