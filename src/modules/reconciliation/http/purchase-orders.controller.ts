import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { RequiresPermission } from '../../auth/http/access-metadata';
import { PurchaseOrderQueries } from '../application/purchase-order-queries';
import type { PurchaseOrderRecord } from '../application/purchase-order-record';
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

  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit: number = 50;

  @ApiPropertyOptional({ minimum: 0, maximum: 1_000_000_000, default: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(1_000_000_000)
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
