import { Body, Controller, Get, Module, Post, Query } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsEmail, IsInt, IsString, Max, Min, MinLength, ValidateNested } from 'class-validator';
import { Public } from '../../src/platform/http/public-route';

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

@Module({ controllers: [ProbeController] })
export class ProbeModule {}
