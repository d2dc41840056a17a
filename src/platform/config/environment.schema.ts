import { isIP } from 'node:net';
import { z } from 'zod';

/**
 * Development defaults: they make `npm run demo` work with no .env file and are refused in
 * production (see production-rules.ts).
 */
export const DEVELOPMENT_SECRETS = {
  JWT_SECRET: 'dev-only-jwt-secret-change-me-0123456789abcdef',
  COOKIE_SECRET: 'dev-only-cookie-secret-change-me-0123456789ab',
  ENCRYPTION_KEY: 'dev-only-encryption-key-change-me-0123456789',
} as const;

const booleanFlag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

const positiveInt = z.coerce.number().int().positive();
/** Node fires a timer of more than 2^31 - 1 ms after 1 ms: a larger delay would act as no delay. */
const MAX_TIMER_MS = 2_147_483_647;
const milliseconds = positiveInt.max(MAX_TIMER_MS);
/** The longest an access token may live; revocation markers outlive it whatever an instance's setting. */
export const MAX_ACCESS_TOKEN_TTL_SECONDS = 3600;
/** A year: cookie lifetimes far beyond it are no policy, and beyond Date's range they break login. */
const MAX_SESSION_SECONDS = 366 * 24 * 3600;

/**
 * TLS is configured by DB_SSL_MODE alone: node-postgres lets these URL parameters override it
 * silently (`?sslmode=disable` would turn off TLS behind the production rule).
 */
const TLS_URL_PARAMETERS = ['sslmode', 'ssl', 'sslrootcert', 'sslcert', 'sslkey', 'uselibpqcompat'];
/** A URL of one of `schemes`; a malformed URL keeps zod's own message, a well-formed one of another scheme gets this one. */
function urlOfScheme(schemes: readonly string[]) {
  return z
    .url()
    .refine(
      (value) => !URL.canParse(value) || schemes.includes(new URL(value).protocol.slice(0, -1)),
      `must be a ${schemes.map((scheme) => `${scheme}://`).join(' or ')} URL`,
    );
}

const databaseUrl = urlOfScheme(['postgres', 'postgresql']).refine(
  // zod runs this even on a value that is no URL (z.url() reports that one by itself).
  (value) =>
    !URL.canParse(value) || !TLS_URL_PARAMETERS.some((name) => new URL(value).searchParams.has(name)),
  `must not set ${TLS_URL_PARAMETERS.join(', ')} in the URL: use DB_SSL_MODE and DB_SSL_CA_FILE`,
);

const PROXY_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/** What Express's `trust proxy` accepts: a boolean, a hop count, or addresses, subnets and names. */
function isTrustProxy(value: string): boolean {
  if (['true', 'false', '0', ''].includes(value) || /^\d+$/.test(value)) return true;
  return value.split(',').every((item) => {
    const [address, bits, extra] = item.trim().split('/');
    if (extra !== undefined) return false;
    if (bits === undefined) return PROXY_NAMES.has(address) || isIP(address) !== 0;
    const max = isIP(address) === 4 ? 32 : isIP(address) === 6 ? 128 : -1;
    return /^\d+$/.test(bits) && Number(bits) <= max;
  });
}
const csv = z.string().transform((value) =>
  value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item.length > 0),
);

export const environmentSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  TRUST_PROXY: z
    .string()
    .refine(
      isTrustProxy,
      'must be true, false, a hop count, or IP addresses, subnets or loopback/linklocal/uniquelocal',
    )
    .default('false'),
  CORS_ORIGINS: csv.default(['http://localhost:5173', 'http://127.0.0.1:5173']),
  BODY_LIMIT_BYTES: positiveInt.default(1024 * 1024),
  REQUEST_TIMEOUT_MS: milliseconds.default(30_000),
  SHUTDOWN_GRACE_MS: milliseconds.default(35_000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),

  DATABASE_URL: databaseUrl.default('postgres://finrecon:finrecon@127.0.0.1:5432/finrecon'),
  DB_SSL_MODE: z.enum(['disable', 'require', 'verify-full']).default('disable'),
  DB_SSL_CA_FILE: z.string().optional(),
  DB_POOL_SIZE: positiveInt.max(200).default(10),
  DB_LOGGING: booleanFlag.default(false),
  DB_CONNECT_RETRIES: z.coerce.number().int().min(0).max(50).default(8),
  DB_CONNECT_RETRY_BASE_MS: milliseconds.default(250),

  REDIS_URL: urlOfScheme(['redis', 'rediss']).default('redis://127.0.0.1:6379'),

  JWT_SECRET: z.string().default(DEVELOPMENT_SECRETS.JWT_SECRET),
  COOKIE_SECRET: z.string().default(DEVELOPMENT_SECRETS.COOKIE_SECRET),
  ENCRYPTION_KEY: z.string().default(DEVELOPMENT_SECRETS.ENCRYPTION_KEY),

  METRICS_TOKEN: z.string().min(16).optional(),

  CLAMD_HOST: z.string().min(1).default('127.0.0.1'),
  CLAMD_PORT: z.coerce.number().int().min(1).max(65535).default(3310),
  CLAMD_TIMEOUT_MS: milliseconds.default(10_000),

  TENANT_DB_HOSTS: csv.pipe(z.array(databaseUrl).min(1)).optional(),
  TENANT_DB_POOL_SIZE: positiveInt.max(20).default(2),
  TENANT_DB_MAX_LIVE: positiveInt.default(30),
  TENANT_DB_MAX_CONNECTIONS: positiveInt.default(60),
  TENANT_DB_IDLE_TTL_MS: milliseconds.default(60_000),
  TENANT_DB_ACQUIRE_TIMEOUT_MS: milliseconds.default(5_000),
  /** Unset: 10 s, or half of REQUEST_TIMEOUT_MS when that is shorter (see AppConfig). */
  TENANT_LOCK_WAIT_MS: milliseconds.optional(),
  TENANT_BACKUPS_DIR: z.string().min(1).default('backups'),

  UPLOADS_DIR: z.string().min(1).default('uploads'),
  UPLOADS_MIN_FREE_BYTES: positiveInt.default(256 * 1024 * 1024),

  // --- auth (docs/security.md) ---
  ACCESS_TOKEN_TTL_SECONDS: positiveInt.min(60).max(MAX_ACCESS_TOKEN_TTL_SECONDS).default(600),
  REFRESH_TOKEN_TTL_SECONDS: positiveInt
    .min(300)
    .max(MAX_SESSION_SECONDS)
    .default(12 * 3600),
  SESSION_MAX_AGE_SECONDS: positiveInt
    .min(300)
    .max(MAX_SESSION_SECONDS)
    .default(7 * 24 * 3600),
  JWT_ISSUER: z.string().min(1).default('finrecon'),
  JWT_AUDIENCE: z.string().min(1).default('finrecon-api'),
  COOKIE_SECURE: booleanFlag.default(true),
  LOGIN_LOCKOUT_THRESHOLD: positiveInt.max(100).default(5),
  LOGIN_LOCKOUT_BASE_SECONDS: positiveInt.default(60),
  LOGIN_LOCKOUT_MAX_SECONDS: positiveInt.default(3600),
  BOOTSTRAP_ADMIN_EMAIL: z.email().max(254).optional(),
  BOOTSTRAP_ADMIN_PASSWORD: z.string().min(12).max(256).optional(),

  // --- rate limits (per minute; shared by every instance through Redis) ---
  RATE_LIMIT_ENABLED: booleanFlag.default(true),
  RATE_LIMIT_PER_MINUTE: positiveInt.default(300),
  LOGIN_RATE_LIMIT_PER_IP_PER_MINUTE: positiveInt.default(20),
  LOGIN_RATE_LIMIT_PER_ACCOUNT_PER_MINUTE: positiveInt.default(10),
  REFRESH_RATE_LIMIT_PER_MINUTE: positiveInt.default(30),
  API_KEY_RATE_LIMIT_PER_MINUTE: positiveInt.default(600),
  RATE_LIMIT_REDIS_PREFIX: z.string().min(1).max(100).default('finrecon:rl:'),
});

export type Environment = z.infer<typeof environmentSchema>;
