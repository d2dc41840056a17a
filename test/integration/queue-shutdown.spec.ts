import { spawnSync } from 'node:child_process';
import { testConfig } from '../support/test-app';

describe('QueueShutdown (real Redis, built app)', () => {
  it('stops queues that are still connecting without crashing the process', () => {
    const child = spawnSync(process.execPath, ['test/support/queue-shutdown-child.cjs'], {
      env: { ...process.env, REDIS_URL: testConfig().redis.url },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(child.stderr).not.toContain('Connection is closed');
    expect(child).toMatchObject({ status: 0, stdout: 'survived\n' });
  });
});
