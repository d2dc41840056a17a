import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type Redis from 'ioredis';
import { PinoLogger } from 'nestjs-pino';
import { RedisConnectionFactory } from '../../../../platform/redis/redis-connection-factory';

export const TENANT_POOL_EVICTION_CHANNEL = 'finrecon:tenant-pools:evict';
const PUBLISH_TIMEOUT_MS = 2_000;
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

  /** Calls `onEviction` for every eviction another process publishes; resolves once subscribed. */
  async subscribe(onEviction: (tenantId: string) => void): Promise<void> {
    this.subscriber = this.redis.create({ role: 'tenant-pool-evictions', maxRetriesPerRequest: null });
    this.subscriber.on('message', (_channel: string, raw: string) => {
      const message = parse(raw);
      if (message && message.origin !== this.origin) onEviction(message.tenantId);
    });
    await this.subscriber.subscribe(TENANT_POOL_EVICTION_CHANNEL).catch((error: Error) => {
      // Redis may be down at boot; ioredis re-subscribes when it reconnects.
      this.logger.warn({ reason: error.message }, 'tenant pool eviction channel not subscribed yet');
    });
  }

  async publish(tenantId: string): Promise<void> {
    this.publisher ??= this.redis.create({ role: 'tenant-pool-evictions-publisher' });
    const message: EvictionMessage = { tenantId, origin: this.origin };
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        this.publisher.publish(TENANT_POOL_EVICTION_CHANNEL, JSON.stringify(message)),
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error('publish timed out')), PUBLISH_TIMEOUT_MS);
        }),
      ]);
    } catch (error) {
      this.logger.warn(
        { tenantId, reason: error instanceof Error ? error.message : String(error) },
        'could not broadcast a tenant pool eviction; other processes close it at idle TTL',
      );
    } finally {
      clearTimeout(timer);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.subscriber?.unsubscribe().catch(() => undefined);
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
