import { isLocked, lockedUntilAfterFailure } from './lockout-policy';

const settings = { threshold: 5, baseSeconds: 60, maxSeconds: 3600 };
const now = new Date('2026-01-01T00:00:00Z');
const lockSeconds = (failures: number) => {
  const until = lockedUntilAfterFailure(failures, now, settings);
  return until ? (until.getTime() - now.getTime()) / 1000 : null;
};

describe('lockout policy', () => {
  it('does not lock below the threshold', () => {
    expect([1, 2, 3, 4].map(lockSeconds)).toEqual([null, null, null, null]);
  });

  it('locks at the threshold and doubles the lock with each further failure, up to the cap', () => {
    expect([5, 6, 7, 8, 9, 10, 11, 40].map(lockSeconds)).toEqual([60, 120, 240, 480, 960, 1920, 3600, 3600]);
  });

  it('is locked strictly before the unlock time', () => {
    const until = new Date(now.getTime() + 1000);
    expect(isLocked(until, now)).toBe(true);
    expect(isLocked(until, until)).toBe(false);
    expect(isLocked(null, now)).toBe(false);
  });
});
