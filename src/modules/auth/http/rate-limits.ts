import type { ExecutionContext } from '@nestjs/common';
import type { ThrottlerModuleOptions, ThrottlerOptions } from '@nestjs/throttler';
import { createHash } from 'node:crypto';
import { AppConfig } from '../../../platform/config/app-config';
import { RedisConnectionFactory } from '../../../platform/redis/redis-connection-factory';
import { RedisThrottlerStorage } from '../../../platform/throttling/redis-throttler-storage';
import { CREDENTIAL_ROUTE, CredentialRouteKind } from './access-metadata';
import type { AuthenticatedRequest } from './authenticated-request';

const MINUTE_MS = 60_000;

/**
 * The limits, all per minute and shared by every instance through Redis:
 * - default: per signed-in user, else per client IP (RATE_LIMIT_PER_MINUTE);
 * - api-key: per API key (API_KEY_RATE_LIMIT_PER_MINUTE), instead of the default;
 * - login-ip / login-account: on login routes, per IP and per tenant + email, known or not;
 * - refresh-ip: on refresh routes, per IP (a refresh token works once, so it is its own limit).
 */
export function rateLimitOptions(
  config: AppConfig,
  connections: RedisConnectionFactory,
): ThrottlerModuleOptions {
  const limits = config.rateLimit;
  const throttlers: ThrottlerOptions[] = [
    {
      name: 'default',
      ttl: MINUTE_MS,
      limit: limits.perMinute,
      skipIf: (context) => principalOf(context)?.type === 'api_key',
      getTracker: tracker((request) =>
        request.principal ? `user:${request.principal.id}` : `ip:${request.ip}`,
      ),
    },
    {
      name: 'api-key',
      ttl: MINUTE_MS,
      limit: limits.apiKeyPerMinute,
      skipIf: (context) => principalOf(context)?.type !== 'api_key',
      getTracker: tracker((request) => `key:${request.principal?.id}`),
    },
    {
      name: 'login-ip',
      ttl: MINUTE_MS,
      limit: limits.loginPerIpPerMinute,
      skipIf: (context) => credentialRouteOf(context) !== 'login',
      getTracker: tracker((request) => `ip:${request.ip}`),
    },
    {
      name: 'login-account',
      ttl: MINUTE_MS,
      limit: limits.loginPerAccountPerMinute,
      skipIf: (context) => credentialRouteOf(context) !== 'login',
      getTracker: tracker((request) => `account:${accountOf(request)}`),
    },
    {
      name: 'refresh-ip',
      ttl: MINUTE_MS,
      limit: limits.refreshPerMinute,
      skipIf: (context) => credentialRouteOf(context) !== 'refresh',
      getTracker: tracker((request) => `ip:${request.ip}`),
    },
  ];
  return {
    throttlers,
    storage: new RedisThrottlerStorage(connections, limits.redisPrefix),
    // One counter per tracker and limit across all routes (the library default is per route).
    generateKey: (_context, tracker) => tracker,
    setHeaders: false,
  };
}

/** The library types the request loosely; ours is the access guard's request. */
function tracker(read: (request: AuthenticatedRequest) => string) {
  return (request: Record<string, unknown>): string => read(request as unknown as AuthenticatedRequest);
}

function principalOf(context: ExecutionContext) {
  return context.switchToHttp().getRequest<AuthenticatedRequest>().principal;
}

function credentialRouteOf(context: ExecutionContext): CredentialRouteKind | undefined {
  return Reflect.getMetadata(CREDENTIAL_ROUTE, context.getHandler()) as CredentialRouteKind | undefined;
}

/** Tenant + email as typed (normalized), hashed so the key holds no personal data. */
function accountOf(request: AuthenticatedRequest): string {
  const body: unknown = request.body;
  const fields = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  const tenant = typeof fields.tenantSlug === 'string' ? fields.tenantSlug.trim().toLowerCase() : '';
  const email = typeof fields.email === 'string' ? fields.email.trim().toLowerCase() : '';
  return createHash('sha256').update(`${tenant}\n${email}`).digest('base64url');
}
