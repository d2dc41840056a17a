import { randomBytes, randomUUID } from 'node:crypto';
import request from 'supertest';
import type { App } from 'supertest/types';
import { UserAdministration } from '../../src/modules/auth/application/user-administration';
import type { User } from '../../src/modules/auth/domain/user';
import type { Tenant } from '../../src/modules/tenants/domain/tenant';
import { ControlPlaneDatabase } from '../../src/platform/database/control-plane-database';
import { RedisConnectionFactory } from '../../src/platform/redis/redis-connection-factory';
import { TenantTestContext, uniqueSlug } from './tenant-fixtures';
import { startTestApp, TestApp } from './test-app';

export const ALLOWED_ORIGIN = 'http://app.finrecon.test';
export const FOREIGN_ORIGIN = 'http://evil.example.test';

/**
 * Environment for auth tests: a Redis key prefix of its own (so rate-limit counters never leak
 * between test files or runs), generous limits unless a test is about limits, and an allowed origin.
 */
export function authTestEnv(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    RATE_LIMIT_REDIS_PREFIX: `test:rl:${randomUUID()}:`,
    RATE_LIMIT_PER_MINUTE: '10000',
    LOGIN_RATE_LIMIT_PER_IP_PER_MINUTE: '10000',
    LOGIN_RATE_LIMIT_PER_ACCOUNT_PER_MINUTE: '10000',
    REFRESH_RATE_LIMIT_PER_MINUTE: '10000',
    API_KEY_RATE_LIMIT_PER_MINUTE: '10000',
    CORS_ORIGINS: ALLOWED_ORIGIN,
    ...overrides,
  };
}

export interface TestUser {
  user: User;
  email: string;
  password: string;
  tenant: Tenant | null;
}

export function strongPassword(): string {
  return `Pw-${randomBytes(9).toString('base64url')}-9z`;
}

/**
 * The real API plus the tenant use cases, with every tenant (and so its users, by cascade) and
 * every platform user it creates removed by `cleanUp()`.
 */
export class AuthTestWorld {
  private readonly platformUsers: string[] = [];

  private constructor(
    readonly api: TestApp,
    readonly tenants: TenantTestContext,
  ) {}

  static async start(env: Record<string, string> = {}): Promise<AuthTestWorld> {
    const tenants = await TenantTestContext.start();
    const api = await startTestApp(authTestEnv(env));
    return new AuthTestWorld(api, tenants);
  }

  get server(): App {
    return this.api.app.getHttpServer() as App;
  }

  get<T>(token: abstract new (...args: never[]) => T): T {
    return this.api.app.get(token as never) as T;
  }

  provisionTenant(): Promise<Tenant> {
    return this.tenants.provision(uniqueSlug('auth'));
  }

  async createUser(tenant: Tenant | null, roles: string[], email?: string): Promise<TestUser> {
    const address = email ?? `u-${randomBytes(4).toString('hex')}@example.test`;
    const password = strongPassword();
    const user = await this.get(UserAdministration).create(
      { tenantId: tenant?.id ?? null, email: address, password, roles },
      { type: 'system', id: 'test' },
      {},
    );
    if (!tenant) this.platformUsers.push(user.id);
    return { user, email: address, password, tenant };
  }

  async cleanUp(): Promise<void> {
    // Rate-limit counters expire within a minute anyway; remove this world's at once.
    const redis = this.get(RedisConnectionFactory).create({ role: 'test-cleanup' });
    const counters = await redis.keys(`${this.api.config.rateLimit.redisPrefix}*`);
    if (counters.length > 0) await redis.del(...counters);
    if (this.platformUsers.length > 0) {
      await this.get(ControlPlaneDatabase).dataSource.query('DELETE FROM users WHERE id = ANY($1)', [
        this.platformUsers,
      ]);
    }
    await this.api.close();
    await this.tenants.cleanUp();
  }
}

export interface CookieSession {
  /** The Cookie request header a browser would send to the API. */
  cookie: string;
  setCookie: string[];
  csrfToken: string;
  body: Record<string, unknown>;
}

export function credentialsOf(user: TestUser): { tenantSlug?: string; email: string; password: string } {
  return {
    ...(user.tenant ? { tenantSlug: user.tenant.slug } : {}),
    email: user.email,
    password: user.password,
  };
}

export async function cookieLogin(server: App, user: TestUser): Promise<CookieSession> {
  const response = await request(server)
    .post('/auth/login')
    .set('Origin', ALLOWED_ORIGIN)
    .send(credentialsOf(user));
  if (response.status !== 200)
    throw new Error(`login failed: ${response.status} ${JSON.stringify(response.body)}`);
  const setCookie = setCookiesOf(response.headers);
  return {
    cookie: cookieHeaderFrom(setCookie),
    setCookie,
    csrfToken: response.body.csrfToken,
    body: response.body,
  };
}

export async function bearerLogin(
  server: App,
  user: TestUser,
): Promise<{ accessToken: string; refreshToken: string }> {
  const response = await request(server).post('/auth/token').send(credentialsOf(user));
  if (response.status !== 200)
    throw new Error(`token failed: ${response.status} ${JSON.stringify(response.body)}`);
  return { accessToken: response.body.accessToken, refreshToken: response.body.refreshToken };
}

export function setCookiesOf(headers: Record<string, unknown>): string[] {
  const value = headers['set-cookie'];
  return Array.isArray(value) ? (value as string[]) : typeof value === 'string' ? [value] : [];
}

/** `name=value; name2=value2` from Set-Cookie lines (attributes dropped, cleared cookies skipped). */
export function cookieHeaderFrom(setCookie: string[]): string {
  return setCookie
    .map((line) => line.split(';')[0])
    .filter((pair) => !pair.endsWith('='))
    .join('; ');
}

export function cookieNamed(setCookie: string[], name: string): string | undefined {
  return setCookie.find((line) => line.startsWith(`${name}=`));
}
