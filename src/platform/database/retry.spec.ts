import { withExponentialBackoff } from './retry';

describe('withExponentialBackoff', () => {
  it('retries with doubling delays until the attempt succeeds', async () => {
    let calls = 0;
    const delays: number[] = [];
    const result = await withExponentialBackoff(
      async () => {
        calls += 1;
        if (calls < 3) throw new Error('not yet');
        return 'connected';
      },
      { retries: 5, baseDelayMs: 1 },
      (_error, _attempt, delayMs) => delays.push(delayMs),
    );
    expect(result).toBe('connected');
    expect(delays).toEqual([1, 2]);
  });

  it('gives up after the configured retries with the last error', async () => {
    const attempts: number[] = [];
    await expect(
      withExponentialBackoff(
        () => Promise.reject(new Error('down')),
        { retries: 2, baseDelayMs: 1 },
        (_error, attempt) => attempts.push(attempt),
      ),
    ).rejects.toThrow('down');
    expect(attempts).toEqual([1, 2]);
  });

  it('throws at once an error the policy calls permanent', async () => {
    const attempts: number[] = [];
    const refused = Object.assign(new Error('database "x" does not exist'), { code: '3D000' });
    await expect(
      withExponentialBackoff(
        () => Promise.reject(refused),
        { retries: 5, baseDelayMs: 1, isPermanent: (error) => (error as { code?: string }).code === '3D000' },
        (_error, attempt) => attempts.push(attempt),
      ),
    ).rejects.toBe(refused);
    expect(attempts).toEqual([]);
  });

  it('caps the delay', async () => {
    const delays: number[] = [];
    await withExponentialBackoff(
      async () => {
        if (delays.length < 4) throw new Error('down');
        return true;
      },
      { retries: 10, baseDelayMs: 1, maxDelayMs: 3 },
      (_e, _a, delayMs) => delays.push(delayMs),
    );
    expect(delays).toEqual([1, 2, 3, 3]);
  });
});
