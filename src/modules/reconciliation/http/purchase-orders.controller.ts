import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional, IsString, Length } from 'class-validator';
import { RequiresPermission } from '../../auth/http/access-metadata';
import { PurchaseOrderQueries } from '../application/purchase-order-queries';
import type { PurchaseOrderRecord } from '../application/purchase-order-record';
import { PageLimit, PageOffset } from '../../../platform/http/page-query.dto';
import { UuidParam } from '../../../platform/http/uuid-param';

export class PurchaseOrderSearchDto {
  @ApiPropertyOptional({
    description: 'A PO number however written (`PO-2026000123`, `po 2026000123`, `2026000123`)',
    minLength: 1,
    maxLength: 64,
  })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  number?: string;

  @PageLimit(200, 50)
  limit: number = 50;

  @PageOffset()
  offset: number = 0;
}

@ApiTags('purchase orders')
@RequiresPermission('reconciliation.read')
@Controller('purchase-orders')
export class PurchaseOrdersController {
  constructor(private readonly queries: PurchaseOrderQueries) {}

  @Get()
  @ApiOperation({
    summary: "The tenant's purchase orders; `number` matches however the reference is written",
  })
  @ApiOkResponse({ description: 'Orders with their lines; amounts in minor units as strings' })
  search(@Query() query: PurchaseOrderSearchDto): Promise<PurchaseOrderRecord[]> {
    return this.queries.search(query);
  }

  @Get(':id')
  get(@UuidParam('id') id: string): Promise<PurchaseOrderRecord> {
    return this.queries.get(id);
  }
}
