import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional, IsString, Length } from 'class-validator';
import type { TenantMigrationOutcome } from '../application/migrate-tenants';
import { CheckedAsStored, FollowsDomainRule, Omittable } from '../../../platform/http/validation';
import { parseTenantSlug, tenantReferenceKey } from '../domain/tenant-slug';
import { HostKeyProperty } from './tenant.dto';

export class MigrateTenantsDto {
  @ApiPropertyOptional({ description: 'Report what would be applied, change nothing' })
  @Omittable()
  @IsBoolean()
  dryRun?: boolean;

  @ApiPropertyOptional({ example: 'acme', description: 'Start at this slug (slug order), to resume a run' })
  @IsOptional()
  @CheckedAsStored(tenantReferenceKey)
  @IsString()
  @FollowsDomainRule(parseTenantSlug)
  from?: string;
}

export class MigrateTenantDto {
  @ApiPropertyOptional({ description: 'Report what would be applied, change nothing' })
  @Omittable()
  @IsBoolean()
  dryRun?: boolean;
}

export class RestoreTenantDto {
  @ApiProperty({
    example: 'acme-20261001T120000Z-1a2b3c4d.dump',
    description: 'The file name a backup returned (a bare name in the backups directory, never a path)',
  })
  @IsString()
  @Length(1, 255)
  file!: string;

  @ApiProperty({
    example: 'acme-restored',
    description: 'Slug of the new tenant the backup is restored into',
  })
  @IsString()
  @FollowsDomainRule(parseTenantSlug)
  as!: string;

  @HostKeyProperty()
  hostKey?: string;
}

export class TenantMigrationOutcomeView {
  @ApiProperty() slug!: string;
  @ApiProperty({ enum: ['ok', 'failed', 'skipped'] }) status!: TenantMigrationOutcome['status'];
  @ApiProperty({ type: [String], description: 'Migrations applied (or, in a dry run, that would be)' })
  applied!: string[];
  @ApiPropertyOptional() schemaVersion?: number;
  @ApiPropertyOptional({
    description: 'Why a tenant was skipped or failed; in production a server-side failure says only its code',
  })
  reason?: string;
  @ApiPropertyOptional({ description: 'Of a failure: its stable error code (docs/errors.md)' })
  code?: string;
}

export class TenantMigrationRunView {
  @ApiProperty() dryRun!: boolean;
  @ApiProperty({ type: [TenantMigrationOutcomeView] }) tenants!: TenantMigrationOutcomeView[];
  @ApiProperty() failed!: number;
}

export class TenantRevertView {
  @ApiProperty() slug!: string;
  @ApiProperty({ description: 'Schema version after undoing the newest migration' }) schemaVersion!: number;
}

export class TenantBackupView {
  @ApiProperty() slug!: string;
  @ApiProperty({ example: 'acme-20261001T120000Z-1a2b3c4d.dump' }) file!: string;
  @ApiProperty() sizeBytes!: number;
}

export class DeleteTenantQueryDto {
  @ApiPropertyOptional({
    description:
      'Only for a tenant whose database server is no longer in TENANT_DB_HOSTS: remove the tenant and leave its database on that server, to be dropped by hand (refused otherwise)',
  })
  @IsOptional()
  // `true` or `false` as written; anything else stays text for IsBoolean to refuse.
  @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  forgetDatabase?: boolean;
}
