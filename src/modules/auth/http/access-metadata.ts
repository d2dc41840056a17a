import { applyDecorators, SetMetadata } from '@nestjs/common';
import type { Permission } from '../domain/permission-table';

export const REQUIRED_PERMISSION = 'finrecon:required-permission';
export const SESSION_ROUTE = 'finrecon:session-route';
export const CREDENTIAL_ROUTE = 'finrecon:credential-route';
export const REFRESH_TOKEN_SOURCE = 'finrecon:refresh-token-source';

/**
 * The route's permission; the roles that hold it come from the one PERMISSION_TABLE. There is
 * deliberately no `@Roles(...)`: access rules live in that table only (docs/security.md).
 */
export const RequiresPermission = (permission: Permission): MethodDecorator & ClassDecorator =>
  SetMetadata(REQUIRED_PERMISSION, permission);

/**
 * The caller's own session (who am I, log out): any authenticated principal, platform admins
 * included, with no tenant admission (a suspended tenant's users can still log out).
 */
export const SessionRoute = (): MethodDecorator & ClassDecorator => SetMetadata(SESSION_ROUTE, true);

export type CredentialRouteKind = 'login' | 'refresh';
export type RefreshTokenSource = 'cookie' | 'body';

/**
 * Routes that accept passwords or refresh tokens get the stricter login/refresh rate limits. A
 * refresh route says where it reads the token, so the per-account limit reads the same one.
 */
export function CredentialRoute(kind: 'login'): MethodDecorator;
export function CredentialRoute(kind: 'refresh', tokenIn: RefreshTokenSource): MethodDecorator;
export function CredentialRoute(kind: CredentialRouteKind, tokenIn?: RefreshTokenSource): MethodDecorator {
  return applyDecorators(SetMetadata(CREDENTIAL_ROUTE, kind), SetMetadata(REFRESH_TOKEN_SOURCE, tokenIn));
}
