export interface LockoutSettings {
  /** Failures in a row before the first lock. */
  threshold: number;
  baseSeconds: number;
  maxSeconds: number;
}

/**
 * Exponential backoff: the threshold-th failure in a row locks for `base`, each further failure
 * doubles it, capped at `max`. Returns when the account unlocks, or null below the threshold.
 */
export function lockedUntilAfterFailure(
  failuresInARow: number,
  now: Date,
  settings: LockoutSettings,
): Date | null {
  if (failuresInARow < settings.threshold) return null;
  const doublings = Math.min(failuresInARow - settings.threshold, 30);
  const seconds = Math.min(settings.baseSeconds * 2 ** doublings, settings.maxSeconds);
  return new Date(now.getTime() + seconds * 1000);
}

export function isLocked(lockedUntil: Date | null, now: Date): boolean {
  return lockedUntil !== null && lockedUntil.getTime() > now.getTime();
}
