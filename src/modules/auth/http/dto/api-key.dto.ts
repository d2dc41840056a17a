import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsISO8601,
  IsOptional,
  IsString,
  Length,
} from 'class-validator';
import { CheckedAsStored } from '../../../../platform/http/validation';
import type { ApiKeyRecord } from '../../application/ports/api-key-repository';
import { API_KEY_ROLES, TENANT_ROLES } from '../../domain/role';

export class CreateApiKeyDto {
  @ApiProperty({ example: 'ERP nightly import', description: 'Trimmed; 1 to 100 characters' })
  @CheckedAsStored((name) => name.trim())
  @IsString()
  @Length(1, 100)
  name!: string;

  @ApiProperty({ enum: API_KEY_ROLES, isArray: true, example: ['clerk'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(4)
  @IsIn(API_KEY_ROLES, { each: true })
  roles!: string[];

  @ApiPropertyOptional({ example: '2027-01-31T00:00:00Z' })
  @IsOptional()
  // strict: a calendar date that exists (not 2027-02-30); the application refuses what Date cannot read.
  @IsISO8601({ strict: true })
  expiresAt?: string;
}

export class ApiKeyView {
  @ApiProperty() id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ description: 'Identifies the key; the secret part is never shown again' }) prefix!: string;
  // Keys created before tenant_admin was refused to keys may still show it (it no longer administers).
  @ApiProperty({ enum: TENANT_ROLES, isArray: true }) roles!: string[];
  @ApiProperty() createdAt!: string;
  @ApiPropertyOptional({ nullable: true, type: String }) expiresAt!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) lastUsedAt!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) revokedAt!: string | null;

  static of(key: ApiKeyRecord): ApiKeyView {
    return {
      id: key.id,
      name: key.name,
      prefix: key.prefix,
      roles: key.roles,
      createdAt: key.createdAt.toISOString(),
      expiresAt: key.expiresAt?.toISOString() ?? null,
      lastUsedAt: key.lastUsedAt?.toISOString() ?? null,
      revokedAt: key.revokedAt?.toISOString() ?? null,
    };
  }
}

export class CreatedApiKeyView extends ApiKeyView {
  @ApiProperty({ description: 'The full key (X-Api-Key header). Shown this once only.' }) key!: string;
}
