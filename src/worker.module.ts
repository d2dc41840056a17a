import { Module } from '@nestjs/common';
import { PlatformModule } from './platform/platform.module';
import { SystemJobProcessor } from './platform/queue/system-job.processor';

/** The BullMQ worker process: the same platform, processors instead of controllers. */
@Module({
  imports: [PlatformModule],
  providers: [SystemJobProcessor],
})
export class WorkerModule {}
