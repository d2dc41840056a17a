import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length, Matches } from 'class-validator';
import { TENANT_STATUSES, Tenant, TenantStatus } from '../domain/tenant';

/** The optional database server (host:port) a new or restored tenant is placed on. */
export function HostKeyProperty(): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({
      example: '127.0.0.1:5433',
      description: 'Place on this database server (host:port)',
    }),
    IsOptional(),
    IsString(),
    Length(3, 255),
  );
}

export class CreateTenantDto {
  @ApiProperty({ example: 'acme-gmbh', description: '3-40 lowercase letters, digits, inner hyphens' })
  @IsString()
  @Matches(/^[a-z][a-z0-9-]{1,38}[a-z0-9]$/, {
    message: 'slug must be 3-40 lowercase letters, digits and inner hyphens',
  })
  slug!: string;

  @ApiProperty({ example: 'ACME GmbH' })
  @IsString()
  @Length(1, 200)
  displayName!: string;

  @HostKeyProperty()
  hostKey?: string;
}

export class TenantView {
  @ApiProperty() id!: string;
  @ApiProperty() slug!: string;
  @ApiProperty() displayName!: string;
  @ApiProperty({ enum: TENANT_STATUSES }) status!: TenantStatus;
  @ApiProperty({ description: 'Database server (host:port)' }) hostKey!: string;
  @ApiProperty() schemaVersion!: number;
  @ApiProperty() createdAt!: string;
  @ApiProperty() updatedAt!: string;

  /** The database name and failure details stay internal (operators see them in the CLI). */
  static of(tenant: Tenant): TenantView {
    return {
      id: tenant.id,
      slug: tenant.slug,
      displayName: tenant.displayName,
      status: tenant.status,
      hostKey: tenant.hostKey,
      schemaVersion: tenant.schemaVersion,
      createdAt: tenant.createdAt.toISOString(),
      updatedAt: tenant.updatedAt.toISOString(),
    };
  }
}
