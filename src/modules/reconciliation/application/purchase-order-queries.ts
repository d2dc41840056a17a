import { Injectable } from '@nestjs/common';
import { DomainError } from '../../../platform/errors/domain-error';
import { ReferenceNormalizer } from '../domain/reference-normalizer';
import { PurchaseOrderReader } from './ports/purchase-order-reader';
import type { PurchaseOrderRecord } from './purchase-order-record';

export class PurchaseOrderNotFoundError extends DomainError {
  readonly code = 'PURCHASE_ORDER.NOT_FOUND';
  constructor(id: string) {
    super(`No purchase order ${id}`);
  }
}

@Injectable()
export class PurchaseOrderQueries {
  constructor(private readonly reader: PurchaseOrderReader) {}

  search(query: { number?: string; limit: number; offset: number }): Promise<PurchaseOrderRecord[]> {
    if (query.number !== undefined) {
      return this.reader.findByNumber(ReferenceNormalizer.poNumber(query.number), query.limit, query.offset);
    }
    return this.reader.list(query.limit, query.offset);
  }

  async get(id: string): Promise<PurchaseOrderRecord> {
    const order = await this.reader.findById(id);
    if (!order) throw new PurchaseOrderNotFoundError(id);
    return order;
  }
}
