import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { HealthController } from './http/health.controller';
import { PostgresHealthIndicator } from './infrastructure/postgres.health';
import { RedisHealthIndicator } from './infrastructure/redis.health';
import { UploadsDiskHealthIndicator } from './infrastructure/uploads-disk.health';

@Module({
  imports: [TerminusModule.forRoot({ errorLogStyle: 'json', logger: false })],
  controllers: [HealthController],
  providers: [PostgresHealthIndicator, RedisHealthIndicator, UploadsDiskHealthIndicator],
})
export class HealthModule {}
