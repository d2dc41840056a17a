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
      to: { dependencyTypes: ['core'], path: '^(fs|fs/promises|net|http|https|child_process|dgram|dns|tls|worker_threads)$' },
    },
    {
      name: 'application-not-infrastructure',
      severity: 'error',
      comment: 'use cases depend on ports, never on adapters or controllers',
      from: { path: '(^|/)src/modules/[^/]+/application/' },
      to: { path: '(^|/)src/modules/[^/]+/(infrastructure|http)/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'import cycles make modules impossible to reason about alone; type-only cycles are erased at compile time',
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
