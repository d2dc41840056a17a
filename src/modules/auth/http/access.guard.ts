import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Response } from 'express';
import { AppConfig } from '../../../platform/config/app-config';
import { PUBLIC_ROUTE } from '../../../platform/http/public-route';
import { TenantGate } from '../../tenants/application/tenant-gate';
import { ForbiddenError, PlatformOnlyError, UnauthenticatedError } from '../domain/auth-errors';
import { Permission, permits } from '../domain/permission-table';
import type { Principal } from '../domain/principal';
import { CREDENTIAL_ROUTE, REQUIRED_PERMISSION, SESSION_ROUTE } from './access-metadata';
import { actorOf, AuthenticatedRequest, requestMetaOf } from './authenticated-request';
import { CredentialCheck } from './credential-check';
import { CsrfCheck } from './csrf-check';
import { RateLimitGuard } from './rate-limit.guard';

export const TENANT_HEADER = 'x-tenant-id';

/**
 * The one global guard, default deny. In order:
 * 1. authenticate whatever credential is presented (API key, bearer, cookie) without refusing yet;
 * 2. rate-limit, per principal when there is one, else per IP (failed attempts count too);
 *    credential routes (login, refresh) get their stricter limits on top;
 * 3. public routes pass; others need a principal (401), and cookie-authenticated state-changing
 *    requests an allowed Origin and a valid CSRF token (403);
 * 4. /platform/** is for platform admins only; every other route is tenant-scoped: the principal
 *    needs a tenant, the route's permission (from PERMISSION_TABLE; user and key administration
 *    never to API keys), and passage through the TenantGate (tenant exists, is active and migrated,
 *    and is the tenant the request names).
 * A tenant route that declares neither @Public, @SessionRoute nor a permission is refused to all.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly credentials: CredentialCheck,
    private readonly rateLimit: RateLimitGuard,
    private readonly csrf: CsrfCheck,
    private readonly gate: TenantGate,
    private readonly config: AppConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const isPublic = this.flag(PUBLIC_ROUTE, context);
    if (!isPublic) {
      const result = await this.credentials.verify(request, context.switchToHttp().getResponse<Response>());
      if (result && 'principal' in result) request.principal = result.principal;
      else if (result) request.authFailure = result.failure;
    }
    // Public routes other than the credential routes (health, metrics) are not limited here: probes
    // must answer while Redis is down; shield them at the load balancer.
    const limited = !isPublic || this.reflector.get(CREDENTIAL_ROUTE, context.getHandler()) !== undefined;
    if (this.config.rateLimit.enabled && limited) await this.rateLimit.canActivate(context);
    if (isPublic) return true;
    const principal = request.principal;
    if (!principal) throw request.authFailure ?? new UnauthenticatedError();
    if (principal.via === 'cookie' && this.csrf.isStateChanging(request))
      this.csrf.assert(request, principal.sessionId);
    if (this.flag(SESSION_ROUTE, context)) return true;
    if (isPlatformRoute(request)) {
      if (!principal.roles.includes('platform_admin')) throw new ForbiddenError();
      this.assertDeclaredAccess(principal, context, true);
      return true;
    }
    if (principal.tenantId === null) throw new PlatformOnlyError();
    this.assertDeclaredAccess(principal, context, false);
    await this.gate.admit({
      tenantId: principal.tenantId,
      requestedTenants: requestedTenantsOf(request),
      actor: actorOf(principal),
      requestId: requestMetaOf(request).requestId,
      ip: request.ip,
    });
    return true;
  }

  private assertDeclaredAccess(
    principal: Principal,
    context: ExecutionContext,
    platformRoute: boolean,
  ): void {
    const permission = this.reflector.getAllAndOverride<Permission | undefined>(REQUIRED_PERMISSION, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (permission && !permits(principal, permission)) throw new ForbiddenError();
    // Platform routes are guarded by the platform_admin check above; tenant routes must say who may.
    if (!permission && !platformRoute) throw new ForbiddenError('This route declares no permission');
  }

  private flag(key: string, context: ExecutionContext): boolean {
    return (
      this.reflector.getAllAndOverride<boolean | undefined>(key, [
        context.getHandler(),
        context.getClass(),
      ]) === true
    );
  }
}

function isPlatformRoute(request: AuthenticatedRequest): boolean {
  const route: unknown = request.route;
  const path = route && typeof route === 'object' && 'path' in route ? String(route.path) : request.path;
  return path === '/platform' || path.startsWith('/platform/');
}

/** Route parameters that name a tenant: each must name the caller's own. */
const TENANT_PARAMETERS = ['tenantId', 'tenantSlug', 'tenant'];

/**
 * Every tenant the request itself names: X-Tenant-Id and each tenant route parameter. All are
 * checked, so a header naming the caller's tenant cannot cover a path naming another.
 */
function requestedTenantsOf(request: AuthenticatedRequest): string[] {
  const named: string[] = [];
  const header = request.headers[TENANT_HEADER];
  if (typeof header === 'string' && header.length > 0) named.push(header);
  const params = (request.params ?? {}) as Record<string, string | undefined>;
  for (const name of TENANT_PARAMETERS) {
    const value = params[name];
    if (value !== undefined && value.length > 0) named.push(value);
  }
  return named;
}
