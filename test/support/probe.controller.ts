import { Body, Controller, Get, Module, Param, Post, Query } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsEmail, IsInt, IsString, Max, Min, MinLength, ValidateNested } from 'class-validator';
import { RequiresPermission } from '../../src/modules/auth/http/access-metadata';
import { ControlPlaneDatabase } from '../../src/platform/database/control-plane-database';
import { DomainError } from '../../src/platform/errors/domain-error';
import { Public } from '../../src/platform/http/public-route';

/** A failure raised on purpose with status 500 whose message carries a tool's output. */
class ToolFailedError extends DomainError {
  readonly code = 'TENANT.BACKUP_FAILED';
  constructor(message: string) {
    super(message);
  }
}

class AddressDto {
  @IsString()
  @MinLength(2)
  city!: string;
}

export class ProbeBodyDto {
  @IsEmail()
  email!: string;

  @IsInt()
  @Min(1)
  @Max(10)
  quantity!: number;

  @ValidateNested()
  @Type(() => AddressDto)
  address!: AddressDto;
}

/** Routes that exist only in tests, to drive the platform's error, timeout and shutdown paths. */
@Public()
@Controller('test-probe')
export class ProbeController {
  constructor(private readonly database: ControlPlaneDatabase) {}

  /** Hands the text to PostgreSQL unchecked, as a route whose validation missed a case would. */
  /** A value PostgreSQL may refuse (a smallint out of range) that validation let through. */
  @Get('stored-smallint')
  async storedSmallint(@Query('value') value = '0'): Promise<{ value: number }> {
    const rows: { value: number }[] = await this.database.dataSource.query('SELECT $1::smallint AS value', [
      value,
    ]);
    return rows[0];
  }

  @Get('tool-failed')
  toolFailed(): never {
    throw new ToolFailedError(
      'pg_dump failed (exit 1): connection to server at "db.internal" (10.1.2.3) failed',
    );
  }

  @Post('echo')
  echo(@Body() body: ProbeBodyDto): ProbeBodyDto {
    return body;
  }

  @Get('boom')
  boom(): never {
    throw new Error('connection string postgres://admin:hunter2@db.internal leaked');
  }

  @Get('slow')
  async slow(@Query('ms') ms = '500'): Promise<{ waitedMs: number }> {
    const waitedMs = Number(ms);
    await new Promise((resolve) => setTimeout(resolve, waitedMs));
    return { waitedMs };
  }
}

/** A tenant route that names its tenant in the path, as future tenant-scoped routes may. */
@Controller('test-probe/tenants/:tenantId')
export class TenantPathProbeController {
  @Get()
  @RequiresPermission('users.read')
  named(@Param('tenantId') tenantId: string): { tenantId: string } {
    return { tenantId };
  }
}

@Module({ controllers: [ProbeController, TenantPathProbeController] })
export class ProbeModule {}
