import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type Redis from 'ioredis';
import { PinoLogger } from 'nestjs-pino';
import { RedisConnectionFactory } from '../../../../platform/redis/redis-connection-factory';
import { within } from '../../../../platform/throttling/within';

export const TENANT_POOL_EVICTION_CHANNEL = 'finrecon:tenant-pools:evict';
const PUBLISH_TIMEOUT_MS = 2_000;
const SUBSCRIBE_WAIT_MS = 3_000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface EvictionMessage {
  tenantId: string;
  /** The process that published it, which has already closed its own pool. */
  origin: string;
}

/**
 * Tells every process (API instances, workers, CLIs) to close a tenant's pool at once when the
 * tenant is suspended, deleted or restored elsewhere, instead of leaving it open until idle TTL.
 * Best effort by design: the gate checks the tenant's status on every request and DROP DATABASE
 * ... WITH (FORCE) ends stray connections, so a lost message costs idle connections, not safety.
 */
@Injectable()
export class RedisTenantPoolEvictions implements OnApplicationShutdown {
  readonly origin = randomUUID();
  private subscriber?: Redis;
  private publisher?: Redis;

  constructor(
    private readonly redis: RedisConnectionFactory,
    private readonly logger: PinoLogger,
  ) {
    this.logger.setContext(RedisTenantPoolEvictions.name);
  }

  /**
   * Calls `onEviction` for every eviction another process publishes; resolves once subscribed, or
   * after SUBSCRIBE_WAIT_MS while Redis is away: the subscription waits for Redis (ioredis sends it
   * when it connects), and the process it belongs to must not wait with it, or it would never start.
   */
  async subscribe(onEviction: (tenantId: string) => void): Promise<void> {
    this.subscriber = this.redis.create({ role: 'tenant-pool-evictions', maxRetriesPerRequest: null });
    this.subscriber.on('message', (_channel: string, raw: string) => {
      const message = parse(raw);
      if (message && message.origin !== this.origin) onEviction(message.tenantId);
    });
    await within(this.subscriber.subscribe(TENANT_POOL_EVICTION_CHANNEL), SUBSCRIBE_WAIT_MS).catch(
      (error: Error) =>
        this.logger.warn({ reason: error.message }, 'tenant pool eviction channel not subscribed yet'),
    );
  }

  async publish(tenantId: string): Promise<void> {
    this.publisher ??= this.redis.create({ role: 'tenant-pool-evictions-publisher' });
    const message: EvictionMessage = { tenantId, origin: this.origin };
    try {
      await within(
        this.publisher.publish(TENANT_POOL_EVICTION_CHANNEL, JSON.stringify(message)),
        PUBLISH_TIMEOUT_MS,
      );
    } catch (error) {
      this.logger.warn(
        { tenantId, reason: error instanceof Error ? error.message : String(error) },
        'could not broadcast a tenant pool eviction; other processes close it at idle TTL',
      );
    }
  }

  /** Only while Redis answers: a command to a Redis that is away would wait for it forever. */
  async onApplicationShutdown(): Promise<void> {
    if (this.subscriber?.status === 'ready') await this.subscriber.unsubscribe().catch(() => undefined);
  }
}

function parse(raw: string): EvictionMessage | undefined {
  try {
    const value = JSON.parse(raw) as Partial<EvictionMessage>;
    if (typeof value.tenantId === 'string' && UUID.test(value.tenantId) && typeof value.origin === 'string')
      return { tenantId: value.tenantId, origin: value.origin };
  } catch {
    // Not ours: ignore.
  }
  return undefined;
}
