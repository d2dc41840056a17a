import { Injectable } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { TenantContext } from '../../../platform/tenancy/tenant-context';
import { TenantDatabases } from '../../tenants/application/ports/tenant-databases';
import { PurchaseOrderReader } from '../application/ports/purchase-order-reader';
import type { PurchaseOrderRecord } from '../application/purchase-order-record';
import { PurchaseOrderRow, toPurchaseOrderRecords } from './purchase-order-row.mapper';

// A constant of this file, interpolated as the head of every query below; values are parameters.
const SELECT_ORDERS = `
  SELECT po.id, po.po_number, po.order_date::text AS order_date, po.currency,
         v.id AS vendor_id, v.name AS vendor_name, v.tax_id AS vendor_tax_id,
         l.line_number, l.sku, l.description, l.quantity::text AS quantity, l.unit_price::text AS unit_price,
         l.invoiced_quantity::text AS invoiced_quantity, l.line_amount_minor::text AS line_amount_minor
    FROM purchase_orders po
    JOIN vendors v ON v.id = po.vendor_id
    LEFT JOIN purchase_order_lines l ON l.purchase_order_id = po.id`;

/** Reads from the database of the tenant bound to the current request, and no other. */
@Injectable()
export class TypeormPurchaseOrderReader extends PurchaseOrderReader {
  constructor(
    private readonly databases: TenantDatabases,
    private readonly context: TenantContext,
  ) {
    super();
  }

  findByNumber(normalizedPoNumber: string, limit: number, offset: number): Promise<PurchaseOrderRecord[]> {
    return this.query(
      `${SELECT_ORDERS}
        WHERE po.id IN (SELECT id FROM purchase_orders WHERE normalized_po_number = $1 ORDER BY po_number, id LIMIT $2 OFFSET $3)
        ORDER BY po.po_number, po.id, l.line_number`,
      [normalizedPoNumber, limit, offset],
    );
  }

  list(limit: number, offset: number): Promise<PurchaseOrderRecord[]> {
    return this.query(
      `${SELECT_ORDERS}
        WHERE po.id IN (SELECT id FROM purchase_orders ORDER BY po_number, id LIMIT $1 OFFSET $2)
        ORDER BY po.po_number, po.id, l.line_number`,
      [limit, offset],
    );
  }

  async findById(id: string): Promise<PurchaseOrderRecord | null> {
    if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
    // SELECT_ORDERS is a constant of this file; the id is a parameter.
    const [order] = await this.query(`${SELECT_ORDERS} WHERE po.id = $1 ORDER BY l.line_number`, [id]);
    return order ?? null;
  }

  private query(sql: string, parameters: unknown[]): Promise<PurchaseOrderRecord[]> {
    return this.databases.withDataSource(this.context.requireTenantId(), async (dataSource: DataSource) =>
      toPurchaseOrderRecords((await dataSource.query(sql, parameters)) as PurchaseOrderRow[]),
    );
  }
}
