import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { WorkerDrain } from './platform/lifecycle/worker-drain';
import { PlatformModule } from './platform/platform.module';
import { SystemJobProcessor } from './platform/queue/system-job.processor';

/** The BullMQ worker process: the same platform, processors instead of controllers. */
@Module({
  imports: [PlatformModule, DiscoveryModule],
  providers: [SystemJobProcessor, WorkerDrain],
})
export class WorkerModule {}
