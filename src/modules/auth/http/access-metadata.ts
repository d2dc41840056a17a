import { SetMetadata } from '@nestjs/common';
import type { Permission } from '../domain/permission-table';
import type { Role } from '../domain/role';

export const REQUIRED_PERMISSION = 'finrecon:required-permission';
export const REQUIRED_ROLES = 'finrecon:required-roles';
export const SESSION_ROUTE = 'finrecon:session-route';
export const CREDENTIAL_ROUTE = 'finrecon:credential-route';

/** The route's permission; the roles that hold it come from the one PERMISSION_TABLE. */
export const RequiresPermission = (permission: Permission): MethodDecorator & ClassDecorator =>
  SetMetadata(REQUIRED_PERMISSION, permission);

/** Direct role list, for the rare route no permission describes; prefer RequiresPermission. */
export const Roles = (...roles: Role[]): MethodDecorator & ClassDecorator =>
  SetMetadata(REQUIRED_ROLES, roles);

/**
 * The caller's own session (who am I, log out): any authenticated principal, platform admins
 * included, with no tenant admission (a suspended tenant's users can still log out).
 */
export const SessionRoute = (): MethodDecorator & ClassDecorator => SetMetadata(SESSION_ROUTE, true);

export type CredentialRouteKind = 'login' | 'refresh';

/** Routes that accept passwords or refresh tokens get the stricter login/refresh rate limits. */
export const CredentialRoute = (kind: CredentialRouteKind): MethodDecorator =>
  SetMetadata(CREDENTIAL_ROUTE, kind);
