/** Every BullMQ queue the API and the worker share; one name per kind of background work. */
export const QueueName = {
  System: 'system',
} as const;

export type QueueName = (typeof QueueName)[keyof typeof QueueName];

export const SystemJob = {
  /** A no-op round trip through Redis and a worker: proves the queue path works end to end. */
  Ping: 'ping',
} as const;
