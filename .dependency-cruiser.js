// The hexagon's dependency rules (CONVENTIONS.md section 1), checked by `npm run arch` in npm test.
// Paths match `src/modules/...` anywhere so the rules can be proven on test/fixtures/architecture.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'domain-is-pure',
      severity: 'error',
      comment: 'domain/ is pure TypeScript: no framework, ORM, Redis, queue or I/O imports',
      from: { path: '(^|/)src/modules/[^/]+/domain/' },
      to: {
        path: [
          '^node_modules/(@nestjs|typeorm|ioredis|bullmq|pg|express|multer|clamscan|file-type|nestjs-pino|pino)',
          '(^|/)src/modules/[^/]+/(application|infrastructure|http)/',
          '^src/platform/(?!errors/domain-error)',
        ],
        dependencyTypes: ['npm', 'npm-dev', 'npm-optional', 'npm-peer', 'local', 'core'],
      },
    },
    {
      name: 'domain-no-node-io',
      severity: 'error',
      comment: 'domain/ does no I/O',
      from: { path: '(^|/)src/modules/[^/]+/domain/' },
      to: {
        dependencyTypes: ['core'],
        path: '^(fs|fs/promises|net|http|https|http2|child_process|dgram|dns|tls|os|stream|stream/promises|worker_threads|cluster|readline)$',
      },
    },
    {
      name: 'application-not-infrastructure',
      severity: 'error',
      comment: 'use cases depend on ports, never on adapters or controllers',
      from: { path: '(^|/)src/modules/[^/]+/application/' },
      to: { path: '(^|/)src/modules/[^/]+/(infrastructure|http)/' },
    },
    {
      name: 'application-no-persistence-or-queue-libraries',
      severity: 'error',
      comment:
        'use cases reach PostgreSQL, Redis and queues through ports (abstract classes) that infrastructure/ ' +
        'implements; never typeorm, pg, ioredis or bullmq directly. Exception: a port under application/ports/ ' +
        'may name a typeorm type with `import type` (TenantDatabases hands adapters a DataSource); that ' +
        'import is erased at compile time, and the next rule still refuses a value import there.',
      from: {
        path: '(^|/)src/modules/[^/]+/application/',
        pathNot: '(^|/)src/modules/[^/]+/application/ports/',
      },
      to: { path: '^node_modules/(typeorm|pg|ioredis|bullmq|@nestjs/bullmq|@nestjs/typeorm)/' },
    },
    {
      name: 'application-ports-type-only-orm',
      severity: 'error',
      comment: 'a port may mention an ORM type (import type) but never load the library',
      from: { path: '(^|/)src/modules/[^/]+/application/ports/' },
      to: {
        path: '^node_modules/(typeorm|pg|ioredis|bullmq|@nestjs/bullmq|@nestjs/typeorm)/',
        dependencyTypesNot: ['type-only'],
      },
    },
    {
      name: 'application-platform-abstractions-only',
      severity: 'error',
      comment:
        'from src/platform, use cases may use the cross-cutting abstractions only: the Clock and AuditTrail ports, ' +
        'typed config, DomainError, recognising an outage and the tenant context; never the database, Redis, ' +
        'queue, HTTP, logging or ' +
        'metrics adapters',
      from: { path: '(^|/)src/modules/[^/]+/application/' },
      to: {
        path: '(^|/)src/platform/',
        pathNot:
          '(^|/)src/platform/(clock/clock|audit/audit-trail|config/app-config|errors/domain-error|errors/outage|tenancy/tenant-context|pagination/list-page)\\.ts$',
      },
    },
    {
      name: 'no-circular',
      severity: 'error',
      comment:
        'import cycles make modules impossible to reason about alone; type-only cycles are erased at compile time',
      from: {},
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '\\.spec\\.ts$' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
  },
};
