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

  it('catches a domain file importing Nest, node I/O or an adapter, and application importing an adapter', () => {
    const found = cruise('test/fixtures/architecture')
      .map(
        (violation) =>
          `${violation.rule.name}: ${violation.to.replace(/^.*\/(sample\/[^/]+\/[^/]+)$/, '$1')}`,
      )
      .sort();
    expect(found).toEqual([
      'application-not-infrastructure: sample/infrastructure/sample-adapter.ts',
      'domain-is-pure: node_modules/@nestjs/common/index.js',
      'domain-is-pure: sample/infrastructure/sample-adapter.ts',
      'domain-no-node-io: fs',
    ]);
  }, 60_000);
});
