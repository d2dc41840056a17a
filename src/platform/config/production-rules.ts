import { DEVELOPMENT_SECRETS, Environment } from './environment.schema';

const SECRET_NAMES = Object.keys(DEVELOPMENT_SECRETS) as (keyof typeof DEVELOPMENT_SECRETS)[];
const MIN_SECRET_LENGTH = 32;

/**
 * Settings that are fine on a laptop and dangerous in production. Returns every problem at once,
 * naming variables and never their values.
 */
export function productionProblems(raw: Record<string, string | undefined>, env: Environment): string[] {
  const problems: string[] = [];
  for (const name of SECRET_NAMES) {
    const value = raw[name];
    if (!value) problems.push(`${name}: is required in production`);
    else if (value.length < MIN_SECRET_LENGTH)
      problems.push(`${name}: must be at least ${MIN_SECRET_LENGTH} characters`);
    else if (value === DEVELOPMENT_SECRETS[name])
      problems.push(`${name}: must not be the development default`);
  }
  if (!raw.DATABASE_URL) problems.push('DATABASE_URL: is required in production');
  // Without it /metrics answers anyone who reaches the API (tenant counts, request rates, errors).
  if (!raw.METRICS_TOKEN) problems.push('METRICS_TOKEN: is required in production');
  if (!raw.REDIS_URL) problems.push('REDIS_URL: is required in production');
  if (env.DB_SSL_MODE !== 'require' && env.DB_SSL_MODE !== 'verify-full') {
    problems.push('DB_SSL_MODE: must be require or verify-full in production');
  }
  if (raw.REDIS_URL && !hasPassword(raw.REDIS_URL))
    problems.push('REDIS_URL: must carry a password in production');
  if (env.CORS_ORIGINS.some((origin) => origin.includes('*'))) {
    problems.push('CORS_ORIGINS: must list exact origins, not *, in production');
  }
  if (env.DB_LOGGING) problems.push('DB_LOGGING: SQL logging must be off in production');
  if (env.LOG_LEVEL === 'debug' || env.LOG_LEVEL === 'trace') {
    problems.push('LOG_LEVEL: debug and trace are not allowed in production');
  }
  if (!env.COOKIE_SECURE) problems.push('COOKIE_SECURE: cookies must be Secure in production');
  if (trustsEveryAddress(env.TRUST_PROXY))
    problems.push(
      'TRUST_PROXY: true (or a /0 subnet) believes any client-sent X-Forwarded-For; give the hop count or the proxy addresses in production',
    );
  if (!env.RATE_LIMIT_ENABLED) problems.push('RATE_LIMIT_ENABLED: rate limiting must be on in production');
  return problems;
}

function trustsEveryAddress(trustProxy: string): boolean {
  return trustProxy === 'true' || trustProxy.split(',').some((item) => /\/0+$/.test(item.trim()));
}

function hasPassword(url: string): boolean {
  try {
    return new URL(url).password.length > 0;
  } catch {
    return false;
  }
}
