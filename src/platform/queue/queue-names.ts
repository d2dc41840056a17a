/** Every BullMQ queue the API and the worker share; one name per kind of background work. */
export const QueueName = {
  System: 'system',
} as const;

export type QueueName = (typeof QueueName)[keyof typeof QueueName];

export const SystemJob = {
  /** A no-op round trip through Redis and a worker: proves the queue path works end to end. */
  Ping: 'ping',
  /**
   * Waits `{ ms }` (capped at DRAIN_CHECK_MAX_MS) and answers: an operator (or a test) can prove a
   * worker finishes in-flight work on SIGTERM. Harmless: it touches nothing.
   */
  DrainCheck: 'drain-check',
} as const;

export const DRAIN_CHECK_MAX_MS = 10_000;
