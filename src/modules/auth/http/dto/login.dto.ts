import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsOptional, IsString, Length, Matches, MaxLength } from 'class-validator';
import { CheckedAsStored } from '../../../../platform/http/validation';
import { TENANT_SLUG_SHAPE } from '../../../tenants/domain/tenant-slug';
import { normalizeEmail } from '../../domain/user';

/**
 * The tenant slug's own shape in any case and with surrounding spaces, which Login normalizes
 * away; anything else (a NUL byte, say) never reaches the database.
 */
const TENANT_SLUG_AS_TYPED = new RegExp(`^\\s*${TENANT_SLUG_SHAPE}\\s*$`, 'i');

export class LoginDto {
  @ApiPropertyOptional({ example: 'acme-gmbh', description: 'The tenant; omit for platform administrators' })
  @IsOptional()
  @IsString()
  @MaxLength(60)
  @Matches(TENANT_SLUG_AS_TYPED, {
    message:
      'tenantSlug must be a tenant slug: 3-40 letters, digits and inner hyphens, starting with a letter',
  })
  tenantSlug?: string;

  @ApiProperty({ example: 'ada@acme.example' })
  // As accounts store it: an address typed with spaces around it or in capitals still signs in.
  @CheckedAsStored(normalizeEmail)
  @IsEmail()
  @MaxLength(254)
  email!: string;

  @ApiProperty({ format: 'password' })
  @IsString()
  @Length(1, 256)
  password!: string;
}

export class RefreshTokenDto {
  @ApiProperty({ description: 'The refresh token from /auth/token or the last /auth/token/refresh' })
  @IsString()
  @Length(1, 100)
  refreshToken!: string;
}

export class SessionUserView {
  @ApiProperty() id!: string;
  @ApiPropertyOptional({ nullable: true, type: String }) email?: string;
  @ApiProperty({ nullable: true, type: String }) tenantId!: string | null;
  @ApiProperty({ type: [String] }) roles!: string[];
}

/** The SPA's login answer: tokens travel in HttpOnly cookies, only the CSRF token in the body. */
export class CookieSessionView {
  @ApiProperty({ type: SessionUserView }) user!: SessionUserView;
  @ApiProperty({ description: 'Send back as X-CSRF-Token on every state-changing request' })
  csrfToken!: string;
  @ApiProperty() accessExpiresAt!: string;
  @ApiProperty() refreshExpiresAt!: string;
}

/** For integrations: tokens in the body, used as `Authorization: Bearer`. */
export class BearerTokensView {
  @ApiProperty() accessToken!: string;
  @ApiProperty({ example: 'Bearer' }) tokenType!: 'Bearer';
  @ApiProperty({ description: 'Seconds until the access token expires' }) expiresIn!: number;
  @ApiProperty() refreshToken!: string;
  @ApiProperty() refreshExpiresAt!: string;
}
