import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import type { AuditActor } from '../../../platform/audit/audit-trail';
import type { DomainError } from '../../../platform/errors/domain-error';
import type { RequestMeta } from '../application/request-meta';
import { PlatformOnlyError, UnauthenticatedError } from '../domain/auth-errors';
import type { Principal } from '../domain/principal';

/** The request as the access guard leaves it. */
export interface AuthenticatedRequest extends Request {
  principal?: Principal;
  /** Why presented credentials were refused; answered only if the route is not public. */
  authFailure?: DomainError;
}

/** The verified principal of a non-public route. */
export const CurrentPrincipal = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Principal => {
    const principal = context.switchToHttp().getRequest<AuthenticatedRequest>().principal;
    if (!principal) throw new UnauthenticatedError();
    return principal;
  },
);

export function requestMetaOf(request: Request): RequestMeta {
  return {
    ip: request.ip,
    userAgent: request.headers['user-agent'],
    requestId: typeof request.id === 'string' ? request.id : undefined,
  };
}

export const CurrentRequestMeta = createParamDecorator(
  (_data: unknown, context: ExecutionContext): RequestMeta =>
    requestMetaOf(context.switchToHttp().getRequest()),
);

export function actorOf(principal: Principal): AuditActor {
  return { type: principal.type === 'api_key' ? 'api_key' : 'user', id: principal.id };
}

/** Tenant routes are only reached by tenant principals (the access guard refuses the others). */
export function tenantOf(principal: Principal): string {
  if (!principal.tenantId) throw new PlatformOnlyError();
  return principal.tenantId;
}
