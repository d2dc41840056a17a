// Loaded before every integration and e2e test file: point the app at the test services.
process.env.NODE_ENV = 'test';
process.env.LOG_LEVEL = process.env.LOG_LEVEL ?? 'warn';
process.env.DATABASE_URL =
  process.env.TEST_DATABASE_URL ?? 'postgres://finrecon:finrecon@127.0.0.1:5432/finrecon_test';

const databaseName = new URL(process.env.DATABASE_URL).pathname.slice(1);
if (!/test/.test(databaseName)) {
  throw new Error(`Refusing to run tests against database "${databaseName}": its name must say test`);
}

// Each test file counts its own rate limits, so files running side by side or one after another
// never throttle each other (tests of the limits themselves set their own prefixes).
process.env.RATE_LIMIT_REDIS_PREFIX = `test:rl:${Math.random().toString(36).slice(2)}:`;

// Tenants go to the primary cluster unless a test names its hosts (the placement tests add the
// second cluster themselves): tests that look at a tenant database or at pg_stat_activity must
// know which server holds it, and the least-loaded choice depends on what earlier runs left.
process.env.TENANT_DB_HOSTS =
  process.env.TEST_TENANT_DB_HOST ?? 'postgres://finrecon:finrecon@127.0.0.1:5432';
