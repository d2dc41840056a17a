import { Global, Module } from '@nestjs/common';
import { Clock, SystemClock } from './clock/clock';
import { AppConfigModule } from './config/config.module';
import { DatabaseModule } from './database/database.module';
import { ShutdownState } from './lifecycle/shutdown-state';
import { LoggingModule } from './logging/logging.module';
import { MetricsRegistry } from './metrics/metrics-registry';
import { QueueModule } from './queue/queue.module';
import { RedisModule } from './redis/redis.module';
import { TenancyModule } from './tenancy/tenancy.module';

/** Cross-cutting adapters every process needs: config, logs, databases, Redis, queues, time, metrics. */
@Global()
@Module({
  imports: [
    AppConfigModule,
    LoggingModule.forRoot(),
    DatabaseModule,
    RedisModule,
    QueueModule,
    TenancyModule,
  ],
  providers: [{ provide: Clock, useClass: SystemClock }, MetricsRegistry, ShutdownState],
  exports: [Clock, MetricsRegistry, ShutdownState],
})
export class PlatformModule {}
