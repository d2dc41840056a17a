export interface RetryPolicy {
  retries: number;
  baseDelayMs: number;
  maxDelayMs?: number;
  /** An error no wait can cure (a wrong password, a database that does not exist): thrown at once. */
  isPermanent?: (error: unknown) => boolean;
}

/**
 * Runs `attempt` until it succeeds or the retries are spent, waiting base x 2^n (capped) between
 * tries. `onRetry` is told about each failure so start-up logs say why the process is waiting.
 */
export async function withExponentialBackoff<T>(
  attempt: () => Promise<T>,
  policy: RetryPolicy,
  onRetry: (error: unknown, attemptNumber: number, delayMs: number) => void,
): Promise<T> {
  for (let attemptNumber = 1; ; attemptNumber++) {
    try {
      return await attempt();
    } catch (error) {
      if (attemptNumber > policy.retries || policy.isPermanent?.(error)) throw error;
      const delayMs = Math.min(policy.baseDelayMs * 2 ** (attemptNumber - 1), policy.maxDelayMs ?? 30_000);
      onRetry(error, attemptNumber, delayMs);
      await new Promise((resolve) => setTimeout(resolve, delayMs));
    }
  }
}
