import { getQueueToken } from '@nestjs/bullmq';
import { BeforeApplicationShutdown, Inject, Injectable } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { QueueName } from './queue-names';

/** How long shutdown waits for a queue that is still connecting before closing it anyway. */
const CONNECT_WAIT_MS = 2_000;

/**
 * Lets a queue finish connecting before it is closed. BullMQ 5 (5.81) closes a connection that is
 * still connecting and afterwards reports the aborted connect as an `error` event on it, after it
 * removed every listener: Node throws an `error` nobody listens to, and a process stopped right
 * after it started (a CLI command that fails fast) crashes on its way out with "Connection is closed".
 * A connected queue closes cleanly; one that cannot connect in time is closed here and keeps a
 * listener for that late report.
 */
@Injectable()
export class QueueShutdown implements BeforeApplicationShutdown {
  constructor(@Inject(getQueueToken(QueueName.System)) private readonly queue: Queue) {}

  async beforeApplicationShutdown(): Promise<void> {
    if (await settlesWithin(this.queue.waitUntilReady(), CONNECT_WAIT_MS)) return;
    await this.queue.close().catch(() => undefined);
    connectionOf(this.queue).on('error', () => undefined);
  }
}

/** Whether the promise resolves within `ms` (a rejection counts as not). */
async function settlesWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([
      promise.then(
        () => true,
        () => false,
      ),
      timeout,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** What shutdown needs of the queue's own connection object, which BullMQ keeps protected. */
interface QueueConnection {
  on(event: 'error', listener: () => void): unknown;
}

function connectionOf(queue: Queue): QueueConnection {
  return (queue as unknown as { connection: QueueConnection }).connection;
}
