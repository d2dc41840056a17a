import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsOptional, IsString, Length } from 'class-validator';
import { CheckedAsStored, FollowsDomainRule } from '../../../platform/http/validation';
import { MAX_TENANT_NAME_LENGTH } from '../domain/tenant-errors';
import { tenantDisplayName } from '../domain/tenant-display-name';
import { parseTenantSlug } from '../domain/tenant-slug';
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
  @ApiProperty({
    example: 'acme-gmbh',
    description:
      '3-40 letters, digits and single inner hyphens, starting with a letter; stored in lower case',
  })
  @IsString()
  @FollowsDomainRule(parseTenantSlug)
  slug!: string;

  @ApiProperty({ example: 'ACME GmbH', maxLength: MAX_TENANT_NAME_LENGTH })
  // Trimmed first: a name of spaces alone is no name.
  @CheckedAsStored((name) => name.trim())
  @IsString()
  @IsNotEmpty()
  @FollowsDomainRule(tenantDisplayName)
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
