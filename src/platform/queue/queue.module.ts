import { BullModule } from '@nestjs/bullmq';
import { Global, Module } from '@nestjs/common';
import { RedisConnectionFactory } from '../redis/redis-connection-factory';
import { QueueName } from './queue-names';
import { QueueShutdown } from './queue-shutdown';

/** The one BullMQ setup, used by the API (to enqueue) and the worker (to process). */
@Global()
@Module({
  imports: [
    BullModule.forRootAsync({
      inject: [RedisConnectionFactory],
      useFactory: (redis: RedisConnectionFactory) => ({
        connection: redis.options({ role: 'bullmq', maxRetriesPerRequest: null }),
        prefix: 'finrecon',
        defaultJobOptions: {
          attempts: 3,
          backoff: { type: 'exponential', delay: 1_000 },
          removeOnComplete: { age: 24 * 3600, count: 1_000 },
          removeOnFail: { age: 7 * 24 * 3600 },
        },
      }),
    }),
    BullModule.registerQueue({ name: QueueName.System }),
  ],
  providers: [QueueShutdown],
  exports: [BullModule],
})
export class QueueModule {}
