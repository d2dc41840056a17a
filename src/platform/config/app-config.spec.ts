import { AppConfig, ConfigurationError, loadAppConfig } from './app-config';
import { DEVELOPMENT_SECRETS } from './environment.schema';

const strong = (letter: string) => letter.repeat(40);
/** Secrets other than the development defaults (which a trusted proxy rules out). */
const SECRETS = { JWT_SECRET: strong('j'), COOKIE_SECRET: strong('c'), ENCRYPTION_KEY: strong('e') };
const validProduction = {
  NODE_ENV: 'production',
  JWT_SECRET: strong('j'),
  COOKIE_SECRET: strong('c'),
  ENCRYPTION_KEY: strong('e'),
  DATABASE_URL: 'postgres://app:pw@db.internal:5432/finrecon',
  DB_SSL_MODE: 'verify-full',
  REDIS_URL: 'rediss://:redis-pw@cache.internal:6380',
  CORS_ORIGINS: 'https://app.example.com',
  METRICS_TOKEN: strong('m'),
};

function problemsOf(env: Record<string, string | undefined>): string[] {
  try {
    loadAppConfig(env);
  } catch (error) {
    if (error instanceof ConfigurationError) return error.problems;
    throw error;
  }
  return [];
}

describe('configuration', () => {
  it('starts in development with no variables at all', () => {
    const config = loadAppConfig({});
    expect(config).toBeInstanceOf(AppConfig);
    expect(config.env).toBe('development');
    expect(config.database.url).toContain('127.0.0.1:5432');
    expect(config.http.trustProxy).toBe(false);
  });

  it('accepts a complete production configuration', () => {
    expect(problemsOf(validProduction)).toEqual([]);
  });

  it('treats an empty value as unset so the default applies', () => {
    expect(loadAppConfig({ PORT: '' }).http.port).toBe(3000);
  });

  it('reports malformed values by variable name', () => {
    expect(
      problemsOf({ PORT: 'eighty', DB_SSL_MODE: 'maybe' })
        .map((p) => p.split(':')[0])
        .sort(),
    ).toEqual(['DB_SSL_MODE', 'PORT']);
  });

  it('refuses a service URL of another kind, which would only be retried forever', () => {
    expect(problemsOf({ REDIS_URL: 'http://cache:6379' })).toEqual([
      'REDIS_URL: must be a redis:// or rediss:// URL',
    ]);
    expect(problemsOf({ DATABASE_URL: 'mysql://db/finrecon' })).toEqual([
      'DATABASE_URL: must be a postgres:// or postgresql:// URL',
    ]);
    expect(problemsOf({ TENANT_DB_HOSTS: 'postgres://a/x,redis://b/y' })).toEqual([
      'TENANT_DB_HOSTS.1: must be a postgres:// or postgresql:// URL',
    ]);
    expect(problemsOf({ REDIS_URL: 'rediss://:pw@cache:6380', DATABASE_URL: 'postgresql://u@db/x' })).toEqual(
      [],
    );
    // A malformed URL is reported as one, not as the wrong kind.
    expect(problemsOf({ DATABASE_URL: 'postgres://u@/db' })).toEqual(['DATABASE_URL: Invalid URL']);
  });

  it('refuses a bootstrap administrator email longer than an account may have', () => {
    const long = `${'a'.repeat(250)}@example.com`;
    const problems = problemsOf({
      BOOTSTRAP_ADMIN_EMAIL: long,
      BOOTSTRAP_ADMIN_PASSWORD: 'a-long-enough-password-1',
    });
    expect(problems.map((problem) => problem.split(':')[0])).toEqual(['BOOTSTRAP_ADMIN_EMAIL']);
  });

  it.each([
    ['a missing secret', { JWT_SECRET: undefined }, 'JWT_SECRET: is required in production'],
    ['a short secret', { COOKIE_SECRET: 'x'.repeat(31) }, 'COOKIE_SECRET: must be at least 32 characters'],
    [
      'a development default secret',
      { ENCRYPTION_KEY: DEVELOPMENT_SECRETS.ENCRYPTION_KEY },
      'ENCRYPTION_KEY: must not be the development default',
    ],
    ['a missing DATABASE_URL', { DATABASE_URL: undefined }, 'DATABASE_URL: is required in production'],
    ['a missing REDIS_URL', { REDIS_URL: undefined }, 'REDIS_URL: is required in production'],
    ['an open /metrics', { METRICS_TOKEN: undefined }, 'METRICS_TOKEN: is required in production'],
    [
      'PostgreSQL without TLS',
      { DB_SSL_MODE: 'disable' },
      'DB_SSL_MODE: must be require or verify-full in production',
    ],
    [
      'Redis without a password',
      { REDIS_URL: 'redis://cache:6379' },
      'REDIS_URL: must carry a password in production',
    ],
    [
      'a wildcard CORS origin',
      { CORS_ORIGINS: 'https://a.example.com,*' },
      'CORS_ORIGINS: must list exact origins, not *, in production',
    ],
    ['SQL logging', { DB_LOGGING: 'true' }, 'DB_LOGGING: SQL logging must be off in production'],
    ['debug logging', { LOG_LEVEL: 'debug' }, 'LOG_LEVEL: debug and trace are not allowed in production'],
    ['insecure cookies', { COOKIE_SECURE: 'false' }, 'COOKIE_SECURE: cookies must be Secure in production'],
    [
      'rate limiting switched off',
      { RATE_LIMIT_ENABLED: 'false' },
      'RATE_LIMIT_ENABLED: rate limiting must be on in production',
    ],
  ])('refuses production with %s', (_name, override, expected) => {
    expect(problemsOf({ ...validProduction, ...override })).toEqual([expected]);
  });

  it('lists every production problem at once and never a value', () => {
    const env = { NODE_ENV: 'production', JWT_SECRET: 'tiny-secret', REDIS_URL: 'redis://cache:6379' };
    const problems = problemsOf(env);
    expect(problems.length).toBeGreaterThanOrEqual(5);
    expect(problems.join('\n')).not.toMatch(/tiny-secret|cache:6379/);
  });

  it('in production lists malformed values and broken production rules together', () => {
    const problems = problemsOf({
      ...validProduction,
      PORT: 'abc',
      DB_SSL_MODE: 'maybe',
      JWT_SECRET: 'tiny-secret',
      REDIS_URL: 'redis://cache:6379',
      DB_LOGGING: 'true',
    });
    expect(problems.map((problem) => problem.split(':')[0]).sort()).toEqual([
      'DB_LOGGING',
      'DB_SSL_MODE',
      'JWT_SECRET',
      'PORT',
      'REDIS_URL',
    ]);
    expect(problems).toEqual(
      expect.arrayContaining([
        'JWT_SECRET: must be at least 32 characters',
        'REDIS_URL: must carry a password in production',
        'DB_LOGGING: SQL logging must be off in production',
      ]),
    );
    // The malformed DB_SSL_MODE is reported once, as malformed, not again by the TLS rule.
    expect(problems.filter((problem) => problem.startsWith('DB_SSL_MODE'))).toHaveLength(1);
    expect(problems.join('\n')).not.toMatch(/abc|maybe|tiny-secret|cache:6379/);
  });

  it('outside production reports malformed values and inconsistent settings together', () => {
    expect(
      problemsOf({ PORT: 'abc', LOGIN_LOCKOUT_BASE_SECONDS: '600', LOGIN_LOCKOUT_MAX_SECONDS: '60' }).map(
        (problem) => problem.split(':')[0],
      ),
    ).toEqual(['PORT', 'LOGIN_LOCKOUT_MAX_SECONDS']);
  });

  it('parses TRUST_PROXY as a flag, a hop count or a list of subnets', () => {
    const behindProxy = (value: string) => loadAppConfig({ ...SECRETS, TRUST_PROXY: value });
    expect(behindProxy('true').http.trustProxy).toBe(true);
    expect(behindProxy('2').http.trustProxy).toBe(2);
    expect(behindProxy('10.0.0.0/8, 192.168.0.0/16').http.trustProxy).toEqual([
      '10.0.0.0/8',
      '192.168.0.0/16',
    ]);
  });

  it.each([['yes'], ['TRUE'], ['loopback,bogus'], ['10.0.0.0/33'], ['10.0.0.1/8/2']])(
    'refuses TRUST_PROXY=%s, which Express cannot read',
    (value) => {
      expect(problemsOf({ TRUST_PROXY: value })).toEqual([
        expect.stringMatching(/^TRUST_PROXY: must be true, false, a hop count/),
      ]);
    },
  );

  it('accepts proxy names, addresses and IPv6 subnets in TRUST_PROXY', () => {
    expect(
      loadAppConfig({ ...SECRETS, TRUST_PROXY: 'loopback, 10.1.2.3, fd00::/8' }).http.trustProxy,
    ).toEqual(['loopback', '10.1.2.3', 'fd00::/8']);
  });

  it('refuses TRUST_PROXY=true or a /0 subnet in production: any client could name its own address', () => {
    expect(problemsOf({ ...validProduction, TRUST_PROXY: 'true' })).toEqual([
      expect.stringMatching(
        /^TRUST_PROXY: true \(or a \/0 subnet\) believes any client-sent X-Forwarded-For/,
      ),
    ]);
    expect(problemsOf({ ...validProduction, TRUST_PROXY: '0.0.0.0/0,::/0' })).toEqual([
      expect.stringMatching(/^TRUST_PROXY: true \(or a \/0 subnet\)/),
    ]);
    expect(problemsOf({ ...validProduction, TRUST_PROXY: '1' })).toEqual([]);
    expect(problemsOf({ ...validProduction, TRUST_PROXY: '10.0.0.0/8' })).toEqual([]);
  });

  it('reports a database URL that is no URL by name, with the other problems, instead of crashing', () => {
    const problems = problemsOf({ DATABASE_URL: 'postgres://app:p#ss@db:5432/finrecon', PORT: 'abc' });
    expect(problems.map((problem) => problem.split(':')[0]).sort()).toEqual(['DATABASE_URL', 'PORT']);
    expect(problems.join('\n')).not.toContain('p#ss');
  });

  it.each([
    ['DATABASE_URL', 'postgres://app:pw@db.internal:5432/finrecon?sslmode=disable'],
    ['DATABASE_URL', 'postgres://app:pw@db.internal:5432/finrecon?ssl=0'],
    [
      'TENANT_DB_HOSTS',
      'postgres://app:pw@db1.internal:5432, postgres://app:pw@db2.internal:5432?sslrootcert=x',
    ],
  ])('refuses TLS settings in %s, which would override DB_SSL_MODE', (name, value) => {
    const problems = problemsOf({ ...validProduction, [name]: value });
    expect(problems).toEqual([expect.stringMatching(new RegExp(`^${name}(\\.\\d+)?: must not set sslmode`))]);
    expect(problems.join('\n')).not.toContain('pw@');
  });

  it('refuses the committed development secrets outside production unless the API listens on loopback only', () => {
    expect(problemsOf({ HOST: '127.0.0.1' })).toEqual([]);
    expect(problemsOf({ HOST: '::1' })).toEqual([]);
    expect(problemsOf({ HOST: '0.0.0.0' })).toEqual([
      'JWT_SECRET: the development default is only allowed while HOST is a loopback address',
      'COOKIE_SECRET: the development default is only allowed while HOST is a loopback address',
      'ENCRYPTION_KEY: the development default is only allowed while HOST is a loopback address',
    ]);
    // Behind a proxy on the same host, loopback serves the network too.
    expect(problemsOf({ HOST: '127.0.0.1', TRUST_PROXY: 'loopback' })).toEqual([
      'JWT_SECRET: the development default is only allowed while no proxy is trusted (TRUST_PROXY=false): a proxy serves the network',
      'COOKIE_SECRET: the development default is only allowed while no proxy is trusted (TRUST_PROXY=false): a proxy serves the network',
      'ENCRYPTION_KEY: the development default is only allowed while no proxy is trusted (TRUST_PROXY=false): a proxy serves the network',
    ]);
    expect(
      problemsOf({
        HOST: '0.0.0.0',
        JWT_SECRET: strong('j'),
        COOKIE_SECRET: strong('c'),
        ENCRYPTION_KEY: strong('e'),
      }),
    ).toEqual([]);
  });

  it('maps DB_SSL_MODE to node-postgres TLS options', () => {
    expect(loadAppConfig({ DB_SSL_MODE: 'disable' }).postgresSsl()).toBe(false);
    expect(loadAppConfig({ DB_SSL_MODE: 'require' }).postgresSsl()).toEqual({ rejectUnauthorized: false });
    expect(loadAppConfig({ DB_SSL_MODE: 'verify-full' }).postgresSsl()).toEqual({ rejectUnauthorized: true });
  });

  it('defaults auth to short access tokens, Secure cookies and rate limits on', () => {
    const config = loadAppConfig({});
    expect(config.auth).toMatchObject({
      accessTokenTtlSeconds: 600,
      cookieSecure: true,
      jwtIssuer: 'finrecon',
    });
    expect(config.auth.bootstrapAdmin).toBeUndefined();
    expect(config.rateLimit).toMatchObject({ enabled: true, perMinute: 300 });
  });

  it('allows COOKIE_SECURE=false and RATE_LIMIT_ENABLED=false outside production only', () => {
    const local = loadAppConfig({ COOKIE_SECURE: 'false', RATE_LIMIT_ENABLED: 'false' });
    expect(local.auth.cookieSecure).toBe(false);
    expect(local.rateLimit.enabled).toBe(false);
  });

  it('refuses a bootstrap admin email without a password, and a short bootstrap password', () => {
    expect(problemsOf({ BOOTSTRAP_ADMIN_EMAIL: 'ops@example.com' })).toEqual([
      'BOOTSTRAP_ADMIN_EMAIL: and BOOTSTRAP_ADMIN_PASSWORD must be set together',
    ]);
    expect(
      problemsOf({ BOOTSTRAP_ADMIN_EMAIL: 'ops@example.com', BOOTSTRAP_ADMIN_PASSWORD: 'short' }).map(
        (p) => p.split(':')[0],
      ),
    ).toEqual(['BOOTSTRAP_ADMIN_PASSWORD']);
  });

  it.each([
    'REQUEST_TIMEOUT_MS',
    'SHUTDOWN_GRACE_MS',
    'DB_CONNECT_RETRY_BASE_MS',
    'CLAMD_TIMEOUT_MS',
    'TENANT_DB_IDLE_TTL_MS',
    'TENANT_DB_ACQUIRE_TIMEOUT_MS',
  ])('refuses %s beyond what a timer can wait (Node would fire it after 1 ms)', (name) => {
    expect(problemsOf({ [name]: '2147483647' })).toEqual([]);
    expect(problemsOf({ [name]: '3000000000' }).map((p) => p.split(':')[0])).toEqual([name]);
  });

  it('waits for a tenant lock 10 s by default, or half a request when requests are shorter', () => {
    expect(loadAppConfig({}).tenantDatabases.lockWaitMs).toBe(10_000);
    expect(loadAppConfig({ REQUEST_TIMEOUT_MS: '5000' }).tenantDatabases.lockWaitMs).toBe(2_500);
    expect(loadAppConfig({ TENANT_LOCK_WAIT_MS: '700' }).tenantDatabases.lockWaitMs).toBe(700);
    // Never 0, which PostgreSQL would read as no limit.
    expect(loadAppConfig({ REQUEST_TIMEOUT_MS: '1' }).tenantDatabases.lockWaitMs).toBe(1);
  });

  it('refuses a tenant lock wait as long as a request may take', () => {
    expect(problemsOf({ TENANT_LOCK_WAIT_MS: '30000' }).map((p) => p.split(':')[0])).toEqual([
      'TENANT_LOCK_WAIT_MS',
    ]);
    expect(problemsOf({ TENANT_LOCK_WAIT_MS: '30000', REQUEST_TIMEOUT_MS: '60000' })).toEqual([]);
    // Beyond what a timer can wait, whatever the request timeout.
    expect(
      problemsOf({ TENANT_LOCK_WAIT_MS: '3000000000', REQUEST_TIMEOUT_MS: '2147483647' }).map(
        (p) => p.split(':')[0],
      ),
    ).toEqual(['TENANT_LOCK_WAIT_MS']);
  });

  it('refuses refresh-token and session lifetimes beyond a year', () => {
    expect(
      problemsOf({ REFRESH_TOKEN_TTL_SECONDS: '31622401', SESSION_MAX_AGE_SECONDS: '31622401' })
        .map((p) => p.split(':')[0])
        .sort(),
    ).toEqual(['REFRESH_TOKEN_TTL_SECONDS', 'SESSION_MAX_AGE_SECONDS']);
  });

  it('refuses an access-token lifetime above one hour', () => {
    expect(problemsOf({ ACCESS_TOKEN_TTL_SECONDS: '7200' }).map((p) => p.split(':')[0])).toEqual([
      'ACCESS_TOKEN_TTL_SECONDS',
    ]);
  });
});
