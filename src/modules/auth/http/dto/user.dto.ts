import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, isEmail, IsIn, IsString, Length } from 'class-validator';
import { CheckedAsStored, FollowsDomainRule } from '../../../../platform/http/validation';
import { ACCOUNT_EMAIL_RULE } from '../../domain/auth-errors';
import { ROLES } from '../../domain/role';
import { accountEmail, normalizeEmail, type User } from '../../domain/user';

export class CreateUserDto {
  @ApiProperty({ example: 'ada@acme.example', description: 'Stored trimmed and in lower case' })
  @CheckedAsStored(normalizeEmail)
  @IsString()
  @FollowsDomainRule(accountEmail, { test: (email) => isEmail(email), message: ACCOUNT_EMAIL_RULE })
  email!: string;

  @ApiProperty({
    format: 'password',
    description: 'At least 12 characters, not containing the email name or company name',
  })
  @IsString()
  @Length(1, 256)
  password!: string;

  @ApiProperty({ enum: ROLES, isArray: true, example: ['clerk'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(5)
  @IsIn(ROLES, { each: true })
  roles!: string[];
}

export class ChangeRolesDto {
  @ApiProperty({ enum: ROLES, isArray: true, example: ['approver'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(5)
  @IsIn(ROLES, { each: true })
  roles!: string[];
}

export class ResetPasswordDto {
  @ApiProperty({ format: 'password' })
  @IsString()
  @Length(1, 256)
  password!: string;
}

export class UserView {
  @ApiProperty() id!: string;
  @ApiProperty({ nullable: true, type: String }) tenantId!: string | null;
  @ApiProperty() email!: string;
  @ApiProperty({ enum: ROLES, isArray: true }) roles!: string[];
  @ApiProperty({ enum: ['active', 'disabled'] }) status!: string;
  @ApiProperty({ description: 'Temporarily locked after repeated failed logins' }) locked!: boolean;
  @ApiPropertyOptional({ nullable: true, type: String }) lastLoginAt!: string | null;
  @ApiProperty() createdAt!: string;

  static of(user: User, now: Date): UserView {
    return {
      id: user.id,
      tenantId: user.tenantId,
      email: user.email,
      roles: user.roles,
      status: user.status,
      locked: user.lockedUntil !== null && user.lockedUntil.getTime() > now.getTime(),
      lastLoginAt: user.lastLoginAt?.toISOString() ?? null,
      createdAt: user.createdAt.toISOString(),
    };
  }
}
