import type { ExecutionContext } from '@nestjs/common';
import { normalizeIp, ThrottlerModuleOptions, ThrottlerOptions } from '@nestjs/throttler';
import { createHash } from 'node:crypto';
import { AppConfig } from '../../../platform/config/app-config';
import { RedisConnectionFactory } from '../../../platform/redis/redis-connection-factory';
import { RedisThrottlerStorage } from '../../../platform/throttling/redis-throttler-storage';
import { RefreshSession } from '../application/refresh-session';
import {
  CREDENTIAL_ROUTE,
  CredentialRouteKind,
  REFRESH_TOKEN_SOURCE,
  RefreshTokenSource,
} from './access-metadata';
import type { AuthenticatedRequest } from './authenticated-request';
import { cookieNames } from './session-cookies';

const MINUTE_MS = 60_000;

/**
 * The limits, all per minute and shared by every instance through Redis:
 * - default: per signed-in user, else per client IP (RATE_LIMIT_PER_MINUTE);
 *   an "IP" is an IPv4 address or an IPv6 /64, see clientOf;
 * - api-key: per API key (API_KEY_RATE_LIMIT_PER_MINUTE), instead of the default;
 * - login-ip / login-account: on login routes, per IP and per tenant + email, known or not;
 * - refresh-ip / refresh-account: on refresh routes (cookie and bearer), per IP and per account,
 *   the account being the user whose session the presented refresh token belongs to (used or not,
 *   so replays count); an unknown token counts against its IP under this limit too. Both use
 *   REFRESH_RATE_LIMIT_PER_MINUTE.
 */
export function rateLimitOptions(
  config: AppConfig,
  connections: RedisConnectionFactory,
  refresh: RefreshSession,
): ThrottlerModuleOptions {
  const limits = config.rateLimit;
  const refreshCookie = cookieNames(config.auth.cookieSecure).refresh;
  const throttlers: ThrottlerOptions[] = [
    {
      name: 'default',
      ttl: MINUTE_MS,
      limit: limits.perMinute,
      skipIf: (context) => principalOf(context)?.type === 'api_key',
      getTracker: tracker((request) =>
        request.principal ? `user:${request.principal.id}` : `ip:${clientOf(request)}`,
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
      getTracker: tracker((request) => `ip:${clientOf(request)}`),
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
      getTracker: tracker((request) => `ip:${clientOf(request)}`),
    },
    {
      name: 'refresh-account',
      ttl: MINUTE_MS,
      limit: limits.refreshPerMinute,
      skipIf: (context) => credentialRouteOf(context) !== 'refresh',
      getTracker: async (raw: Record<string, unknown>, context: ExecutionContext) => {
        const request = raw as unknown as AuthenticatedRequest;
        const source = Reflect.getMetadata(REFRESH_TOKEN_SOURCE, context.getHandler()) as RefreshTokenSource;
        const account = await refresh.accountOf(presentedRefreshToken(request, source, refreshCookie));
        return account ? `account:${account}` : `unknown-token-ip:${clientOf(request)}`;
      },
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

/**
 * The client address per-IP limits count against. One IPv6 host is usually given a whole /64 and
 * can take a fresh address from it for every request, so IPv6 counts per /64 (IPv4-mapped IPv6 as
 * the IPv4 address). Requests without an address (socket already closed) share one named bucket.
 */
function clientOf(request: AuthenticatedRequest): string {
  return request.ip ? normalizeIp(request.ip) : 'unknown';
}

function principalOf(context: ExecutionContext) {
  return context.switchToHttp().getRequest<AuthenticatedRequest>().principal;
}

function credentialRouteOf(context: ExecutionContext): CredentialRouteKind | undefined {
  return Reflect.getMetadata(CREDENTIAL_ROUTE, context.getHandler()) as CredentialRouteKind | undefined;
}

/** The refresh token where the route reads it: the SPA's cookie or the integration's body field. */
function presentedRefreshToken(
  request: AuthenticatedRequest,
  source: RefreshTokenSource,
  cookieName: string,
): string | undefined {
  const holder: unknown = source === 'body' ? request.body : request.cookies;
  const value =
    typeof holder === 'object' && holder !== null
      ? (holder as Record<string, unknown>)[source === 'body' ? 'refreshToken' : cookieName]
      : undefined;
  return typeof value === 'string' ? value : undefined;
}

/** Tenant + email as typed (normalized), hashed so the key holds no personal data. */
function accountOf(request: AuthenticatedRequest): string {
  const body: unknown = request.body;
  const fields = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  const tenant = typeof fields.tenantSlug === 'string' ? fields.tenantSlug.trim().toLowerCase() : '';
  const email = typeof fields.email === 'string' ? fields.email.trim().toLowerCase() : '';
  return createHash('sha256').update(`${tenant}\n${email}`).digest('base64url');
}
