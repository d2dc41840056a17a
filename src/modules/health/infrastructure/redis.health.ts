import { Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import type Redis from 'ioredis';
import { RedisConnectionFactory } from '../../../platform/redis/redis-connection-factory';
import { elapsedMs } from './postgres.health';
import { PROBE_TIMEOUT_MS, withTimeout } from './with-timeout';

@Injectable()
export class RedisHealthIndicator {
  private readonly client: Redis;

  constructor(
    private readonly indicators: HealthIndicatorService,
    redis: RedisConnectionFactory,
  ) {
    // No offline queue: while Redis is away a PING fails at once instead of waiting for it.
    this.client = redis.create({ role: 'health', enableOfflineQueue: false, maxRetriesPerRequest: 0 });
  }

  async check(key = 'redis') {
    const indicator = this.indicators.check(key);
    const started = process.hrtime.bigint();
    try {
      await withTimeout(this.readyThenPing(), PROBE_TIMEOUT_MS);
      return indicator.up({ latencyMs: elapsedMs(started) });
    } catch {
      return indicator.down({ reason: 'unreachable or not answering' });
    }
  }

  /** Shared by the probes made while the connection is down, so they add no listeners of their own. */
  private pendingReady: Promise<void> | null = null;

  /** A connection still being (re)established gets the probe's time budget to come up. */
  private async readyThenPing(): Promise<string> {
    if (this.client.status !== 'ready') await this.untilReady();
    return this.client.ping();
  }

  private untilReady(): Promise<void> {
    this.pendingReady ??= new Promise<void>((resolve, reject) => {
      const settle = (error?: Error): void => {
        this.client.off('ready', onReady);
        this.client.off('error', onError);
        this.pendingReady = null;
        if (error) reject(error);
        else resolve();
      };
      const onReady = (): void => settle();
      const onError = (error: Error): void => settle(error);
      this.client.on('ready', onReady);
      this.client.on('error', onError);
    });
    return this.pendingReady;
  }
}
