import { Module } from '@nestjs/common';
import { PurchaseOrderReader } from './application/ports/purchase-order-reader';
import { PurchaseOrderQueries } from './application/purchase-order-queries';
import { PurchaseOrdersController } from './http/purchase-orders.controller';
import { TypeormPurchaseOrderReader } from './infrastructure/typeorm-purchase-order-reader';

@Module({
  controllers: [PurchaseOrdersController],
  providers: [PurchaseOrderQueries, { provide: PurchaseOrderReader, useClass: TypeormPurchaseOrderReader }],
})
export class ReconciliationModule {}
