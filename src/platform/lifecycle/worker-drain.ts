import { Injectable, type BeforeApplicationShutdown } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { WorkerHost } from '@nestjs/bullmq';
import type { Worker } from 'bullmq';
import { PinoLogger } from 'nestjs-pino';

/**
 * Closes every BullMQ worker of the process before any connection is closed. @nestjs/bullmq
 * closes its workers in onApplicationShutdown, the same phase in which the Redis factory and the
 * databases close theirs, in an order that depends on module distances; a job still running could
 * then lose its database or fail to report completion. Closing the workers one phase earlier
 * (beforeApplicationShutdown) stops them taking new jobs and waits for the running ones.
 */
@Injectable()
export class WorkerDrain implements BeforeApplicationShutdown {
  constructor(
    private readonly discovery: DiscoveryService,
    private readonly logger: PinoLogger,
  ) {
    this.logger.setContext(WorkerDrain.name);
  }

  async beforeApplicationShutdown(): Promise<void> {
    const workers = this.discovery
      .getProviders()
      .map((wrapper) => wrapper.instance as unknown)
      .filter((instance): instance is WorkerHost => instance instanceof WorkerHost)
      .flatMap(registeredWorker);
    this.logger.info({ workers: workers.map((worker) => worker.name) }, 'draining workers');
    await Promise.all(workers.map((worker) => worker.close()));
    this.logger.info('workers drained');
  }
}

/** A host whose worker never started (start-up failed) has nothing to drain. */
function registeredWorker(host: WorkerHost): Worker[] {
  try {
    return [host.worker];
  } catch {
    return [];
  }
}
