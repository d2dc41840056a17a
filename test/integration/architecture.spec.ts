import { spawnSync } from 'node:child_process';

interface Violation {
  rule: { name: string };
  from: string;
  to: string;
}

function cruise(path: string): Violation[] {
  const result = spawnSync(
    process.execPath,
    [
      'node_modules/dependency-cruiser/bin/dependency-cruise.mjs',
      path,
      '--config',
      '.dependency-cruiser.js',
      '--output-type',
      'json',
    ],
    { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
  if (!result.stdout) throw new Error(`dependency-cruiser failed: ${result.stderr}`);
  return (JSON.parse(result.stdout) as { summary: { violations: Violation[] } }).summary.violations;
}

describe('architecture rules (dependency-cruiser)', () => {
  it('finds no violation in src', () => {
    expect(cruise('src')).toEqual([]);
  }, 60_000);

  it('catches each forbidden import in the fixtures, and lets the allowed ones through', () => {
    const short = (path: string) =>
      path
        .replace(/^test\/fixtures\/architecture\/src\//, '')
        .replace(/^node_modules\/((@[^/]+\/)?[^/]+)\/.*$/, '$1');
    const found = cruise('test/fixtures/architecture')
      .map((violation) => `${violation.rule.name}: ${short(violation.from)} -> ${short(violation.to)}`)
      .sort();
    const domain = 'modules/sample/domain';
    const application = 'modules/sample/application';
    expect(found).toEqual(
      [
        `application-no-persistence-or-queue-libraries: ${application}/orm-use-case.ts -> bullmq`,
        `application-no-persistence-or-queue-libraries: ${application}/orm-use-case.ts -> ioredis`,
        `application-no-persistence-or-queue-libraries: ${application}/orm-use-case.ts -> typeorm`,
        `application-not-infrastructure: ${application}/leaky-use-case.ts -> modules/sample/infrastructure/sample-adapter.ts`,
        `application-platform-abstractions-only: ${application}/orm-use-case.ts -> platform/database/sample-pool.ts`,
        `application-ports-type-only-orm: ${application}/ports/loading-port.ts -> typeorm`,
        `domain-is-pure: ${domain}/impure-policy.ts -> @nestjs/common`,
        `domain-is-pure: ${domain}/impure-policy.ts -> modules/sample/infrastructure/sample-adapter.ts`,
        `domain-no-node-io: ${domain}/impure-policy.ts -> fs`,
        ...['dgram', 'http2', 'os', 'stream', 'worker_threads'].map(
          (module) => `domain-no-node-io: ${domain}/io-policy.ts -> ${module}`,
        ),
      ].sort(),
    );
    // Allowed, so absent above: a port's `import type` of typeorm, and the Clock abstraction.
    expect(found.join('\n')).not.toMatch(/sample-databases\.ts|platform\/clock/);
  }, 60_000);
});
