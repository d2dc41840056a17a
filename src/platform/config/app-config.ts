import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { DEVELOPMENT_SECRETS, environmentSchema, Environment } from './environment.schema';
import { productionProblems } from './production-rules';

export class ConfigurationError extends Error {
  constructor(readonly problems: string[]) {
    super(
      `Invalid configuration (${problems.length} problem(s)):\n${problems.map((p) => `  - ${p}`).join('\n')}`,
    );
    this.name = 'ConfigurationError';
  }
}

export type DbSslMode = Environment['DB_SSL_MODE'];

/** The typed configuration, parsed and checked once at boot and injected everywhere. */
export class AppConfig {
  readonly env: Environment['NODE_ENV'];
  readonly http: {
    host: string;
    port: number;
    trustProxy: boolean | number | string[];
    corsOrigins: string[];
    bodyLimitBytes: number;
    requestTimeoutMs: number;
  };
  readonly shutdownGraceMs: number;
  readonly logLevel: Environment['LOG_LEVEL'];
  readonly database: {
    url: string;
    sslMode: DbSslMode;
    sslCaFile?: string;
    poolSize: number;
    logging: boolean;
    connectRetries: number;
    connectRetryBaseMs: number;
  };
  readonly redis: { url: string };
  readonly secrets: { jwt: string; cookie: string; encryption: string };
  readonly metrics: { token?: string };
  readonly clamd: { host: string; port: number; timeoutMs: number };
  readonly uploads: { dir: string; minFreeBytes: number };
  readonly tenantDatabases: {
    /** Server URLs without a database name; tenants are placed on these. */
    hosts: string[];
    poolSize: number;
    maxLive: number;
    maxConnections: number;
    idleTtlMs: number;
    acquireTimeoutMs: number;
    /** How long an operation on a tenant waits for another one on it (restore, migration) to end. */
    lockWaitMs: number;
    /** Where tenant backups (pg_dump archives) are written and restored from. */
    backupsDir: string;
  };
  readonly auth: {
    accessTokenTtlSeconds: number;
    refreshTokenTtlSeconds: number;
    sessionMaxAgeSeconds: number;
    jwtIssuer: string;
    jwtAudience: string;
    /** False only for local http development (refused in production); see docs/security.md. */
    cookieSecure: boolean;
    lockout: { threshold: number; baseSeconds: number; maxSeconds: number };
    bootstrapAdmin?: { email: string; password: string };
  };
  readonly rateLimit: {
    enabled: boolean;
    perMinute: number;
    loginPerIpPerMinute: number;
    loginPerAccountPerMinute: number;
    refreshPerMinute: number;
    apiKeyPerMinute: number;
    redisPrefix: string;
  };

  constructor(env: Environment) {
    this.env = env.NODE_ENV;
    this.http = {
      host: env.HOST,
      port: env.PORT,
      trustProxy: parseTrustProxy(env.TRUST_PROXY),
      corsOrigins: env.CORS_ORIGINS,
      bodyLimitBytes: env.BODY_LIMIT_BYTES,
      requestTimeoutMs: env.REQUEST_TIMEOUT_MS,
    };
    this.shutdownGraceMs = env.SHUTDOWN_GRACE_MS;
    this.logLevel = env.LOG_LEVEL;
    this.database = {
      url: env.DATABASE_URL,
      sslMode: env.DB_SSL_MODE,
      sslCaFile: env.DB_SSL_CA_FILE,
      poolSize: env.DB_POOL_SIZE,
      logging: env.DB_LOGGING,
      connectRetries: env.DB_CONNECT_RETRIES,
      connectRetryBaseMs: env.DB_CONNECT_RETRY_BASE_MS,
    };
    this.redis = { url: env.REDIS_URL };
    this.secrets = { jwt: env.JWT_SECRET, cookie: env.COOKIE_SECRET, encryption: env.ENCRYPTION_KEY };
    this.metrics = { token: env.METRICS_TOKEN };
    this.clamd = { host: env.CLAMD_HOST, port: env.CLAMD_PORT, timeoutMs: env.CLAMD_TIMEOUT_MS };
    this.uploads = { dir: env.UPLOADS_DIR, minFreeBytes: env.UPLOADS_MIN_FREE_BYTES };
    this.tenantDatabases = {
      hosts: env.TENANT_DB_HOSTS ?? [serverUrlOf(env.DATABASE_URL)],
      poolSize: env.TENANT_DB_POOL_SIZE,
      maxLive: env.TENANT_DB_MAX_LIVE,
      maxConnections: env.TENANT_DB_MAX_CONNECTIONS,
      idleTtlMs: env.TENANT_DB_IDLE_TTL_MS,
      acquireTimeoutMs: env.TENANT_DB_ACQUIRE_TIMEOUT_MS,
      // Never 0: PostgreSQL reads a lock_timeout of 0 as no limit at all.
      lockWaitMs:
        env.TENANT_LOCK_WAIT_MS ?? Math.max(1, Math.min(10_000, Math.floor(env.REQUEST_TIMEOUT_MS / 2))),
      backupsDir: env.TENANT_BACKUPS_DIR,
    };
    this.auth = {
      accessTokenTtlSeconds: env.ACCESS_TOKEN_TTL_SECONDS,
      refreshTokenTtlSeconds: env.REFRESH_TOKEN_TTL_SECONDS,
      sessionMaxAgeSeconds: env.SESSION_MAX_AGE_SECONDS,
      jwtIssuer: env.JWT_ISSUER,
      jwtAudience: env.JWT_AUDIENCE,
      cookieSecure: env.COOKIE_SECURE,
      lockout: {
        threshold: env.LOGIN_LOCKOUT_THRESHOLD,
        baseSeconds: env.LOGIN_LOCKOUT_BASE_SECONDS,
        maxSeconds: env.LOGIN_LOCKOUT_MAX_SECONDS,
      },
      bootstrapAdmin:
        env.BOOTSTRAP_ADMIN_EMAIL && env.BOOTSTRAP_ADMIN_PASSWORD
          ? { email: env.BOOTSTRAP_ADMIN_EMAIL, password: env.BOOTSTRAP_ADMIN_PASSWORD }
          : undefined,
    };
    this.rateLimit = {
      enabled: env.RATE_LIMIT_ENABLED,
      perMinute: env.RATE_LIMIT_PER_MINUTE,
      loginPerIpPerMinute: env.LOGIN_RATE_LIMIT_PER_IP_PER_MINUTE,
      loginPerAccountPerMinute: env.LOGIN_RATE_LIMIT_PER_ACCOUNT_PER_MINUTE,
      refreshPerMinute: env.REFRESH_RATE_LIMIT_PER_MINUTE,
      apiKeyPerMinute: env.API_KEY_RATE_LIMIT_PER_MINUTE,
      redisPrefix: env.RATE_LIMIT_REDIS_PREFIX,
    };
  }

  get isProduction(): boolean {
    return this.env === 'production';
  }

  /** PostgreSQL TLS options for node-postgres, shared by the control plane and tenant pools. */
  postgresSsl(): false | { rejectUnauthorized: boolean; ca?: string } {
    if (this.database.sslMode === 'disable') return false;
    if (this.database.sslMode === 'require') return { rejectUnauthorized: false };
    const ca = this.database.sslCaFile ? readFileSync(this.database.sslCaFile, 'utf8') : undefined;
    return { rejectUnauthorized: true, ca };
  }
}

/**
 * Parses and checks the environment; throws one ConfigurationError listing every problem: schema
 * errors, consistency and (in production) the production rules together, so an operator fixes
 * everything in one round.
 */
export function loadAppConfig(raw: Record<string, string | undefined>): AppConfig {
  const present = withoutEmptyValues(raw);
  const parsed = environmentSchema.safeParse(present);
  if (parsed.success) {
    const problems = rulesProblems(raw, parsed.data);
    if (problems.length > 0) throw new ConfigurationError(problems);
    return new AppConfig(parsed.data);
  }
  const schemaProblems = describeIssues(parsed.error);
  // The rules still run, on the valid variables plus defaults for the malformed ones; a rule that
  // names a variable already reported as malformed would judge its default, so it is left out.
  const malformed = new Set(parsed.error.issues.map((issue) => String(issue.path[0])));
  const rest = environmentSchema.safeParse(
    Object.fromEntries(Object.entries(present).filter(([name]) => !malformed.has(name))),
  );
  const ruleProblems = rest.success
    ? rulesProblems(raw, rest.data).filter((problem) => !namesAny(problem, malformed))
    : [];
  throw new ConfigurationError([...schemaProblems, ...ruleProblems]);
}

function namesAny(problem: string, names: Set<string>): boolean {
  return (problem.match(/\b[A-Z][A-Z0-9_]+\b/g) ?? []).some((name) => names.has(name));
}

function rulesProblems(raw: Record<string, string | undefined>, env: Environment): string[] {
  return [
    ...consistencyProblems(env),
    ...(env.NODE_ENV === 'production' ? productionProblems(raw, env) : developmentSecretProblems(env)),
  ];
}

/**
 * The development secrets are in this repository: anyone could sign a platform admin's token with
 * them. Outside production they are only allowed while the API listens on loopback alone and trusts
 * no proxy, so a deployment that forgot NODE_ENV=production cannot serve the network with them,
 * directly or through a reverse proxy on the same host.
 */
function developmentSecretProblems(env: Environment): string[] {
  const proxied = parseTrustProxy(env.TRUST_PROXY) !== false;
  if (isLoopback(env.HOST) && !proxied) return [];
  const rule = proxied
    ? 'is only allowed while no proxy is trusted (TRUST_PROXY=false): a proxy serves the network'
    : 'is only allowed while HOST is a loopback address';
  return (Object.keys(DEVELOPMENT_SECRETS) as (keyof typeof DEVELOPMENT_SECRETS)[])
    .filter((name) => env[name] === DEVELOPMENT_SECRETS[name])
    .map((name) => `${name}: the development default ${rule}`);
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

function consistencyProblems(env: Environment): string[] {
  const budget = env.TENANT_DB_MAX_LIVE * env.TENANT_DB_POOL_SIZE;
  return [
    ...(budget > env.TENANT_DB_MAX_CONNECTIONS
      ? ['TENANT_DB_MAX_LIVE: times TENANT_DB_POOL_SIZE must not exceed TENANT_DB_MAX_CONNECTIONS']
      : []),
    // A delete waiting longer than its request would run after the caller was told it timed out.
    ...(env.TENANT_LOCK_WAIT_MS !== undefined && env.TENANT_LOCK_WAIT_MS >= env.REQUEST_TIMEOUT_MS
      ? ['TENANT_LOCK_WAIT_MS: must be less than REQUEST_TIMEOUT_MS']
      : []),
    ...authConsistencyProblems(env),
  ];
}

function authConsistencyProblems(env: Environment): string[] {
  const problems: string[] = [];
  if (Boolean(env.BOOTSTRAP_ADMIN_EMAIL) !== Boolean(env.BOOTSTRAP_ADMIN_PASSWORD)) {
    problems.push('BOOTSTRAP_ADMIN_EMAIL: and BOOTSTRAP_ADMIN_PASSWORD must be set together');
  }
  if (env.LOGIN_LOCKOUT_MAX_SECONDS < env.LOGIN_LOCKOUT_BASE_SECONDS) {
    problems.push('LOGIN_LOCKOUT_MAX_SECONDS: must not be less than LOGIN_LOCKOUT_BASE_SECONDS');
  }
  if (env.SESSION_MAX_AGE_SECONDS < env.REFRESH_TOKEN_TTL_SECONDS) {
    problems.push('SESSION_MAX_AGE_SECONDS: must not be less than REFRESH_TOKEN_TTL_SECONDS');
  }
  return problems;
}

/** The tenant servers default to the control-plane server: a URL with its database name removed. */
function serverUrlOf(databaseUrl: string): string {
  const url = new URL(databaseUrl);
  url.pathname = '';
  return url.toString().replace(/\/$/, '');
}

/** `FOO=` in a .env file means "not set", so defaults apply rather than a validation error. */
function withoutEmptyValues(raw: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(raw).filter(
      (entry): entry is [string, string] => entry[1] !== undefined && entry[1] !== '',
    ),
  );
}

function describeIssues(error: z.ZodError): string[] {
  // The message never echoes the value: zod's messages describe the expectation only.
  return error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
}

function parseTrustProxy(value: string): boolean | number | string[] {
  if (value === 'false' || value === '0' || value === '') return false;
  if (value === 'true') return true;
  if (/^\d+$/.test(value)) return Number(value);
  return value.split(',').map((item) => item.trim());
}
