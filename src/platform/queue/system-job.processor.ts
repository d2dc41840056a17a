import { Processor, WorkerHost } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { PinoLogger } from 'nestjs-pino';
import { Clock } from '../clock/clock';
import { DRAIN_CHECK_MAX_MS, QueueName, SystemJob } from './queue-names';

export interface PingResult {
  pong: true;
  processedAt: string;
}

export interface DrainCheckResult {
  waitedMs: number;
}

/** Worker side of the system queue: health round trips that prove the worker is consuming. */
@Processor(QueueName.System)
export class SystemJobProcessor extends WorkerHost {
  constructor(
    private readonly clock: Clock,
    private readonly logger: PinoLogger,
  ) {
    super();
    this.logger.setContext(SystemJobProcessor.name);
  }

  async process(job: Job): Promise<PingResult | DrainCheckResult> {
    if (job.name === SystemJob.DrainCheck) return this.drainCheck(job);
    if (job.name !== SystemJob.Ping) throw new Error(`unknown system job ${job.name}`);
    this.logger.debug({ jobId: job.id }, 'system ping processed');
    return { pong: true, processedAt: this.clock.now().toISOString() };
  }

  private async drainCheck(job: Job): Promise<DrainCheckResult> {
    const requested = Number((job.data as { ms?: unknown })?.ms);
    const waitedMs = Number.isFinite(requested) ? Math.min(Math.max(0, requested), DRAIN_CHECK_MAX_MS) : 0;
    this.logger.info({ jobId: job.id, waitedMs }, 'drain check started');
    await new Promise((resolve) => setTimeout(resolve, waitedMs));
    this.logger.info({ jobId: job.id, waitedMs }, 'drain check finished');
    return { waitedMs };
  }
}
