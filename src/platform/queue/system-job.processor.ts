import { Processor, WorkerHost } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { PinoLogger } from 'nestjs-pino';
import { Clock } from '../clock/clock';
import { QueueName, SystemJob } from './queue-names';

export interface PingResult {
  pong: true;
  processedAt: string;
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

  async process(job: Job): Promise<PingResult> {
    if (job.name !== SystemJob.Ping) throw new Error(`unknown system job ${job.name}`);
    this.logger.debug({ jobId: job.id }, 'system ping processed');
    return { pong: true, processedAt: this.clock.now().toISOString() };
  }
}
