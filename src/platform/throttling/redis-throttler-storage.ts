import { Injectable } from '@nestjs/common';
import type { ThrottlerStorage } from '@nestjs/throttler';
import type Redis from 'ioredis';
import { DomainError } from '../errors/domain-error';
import { RedisConnectionFactory } from '../redis/redis-connection-factory';
import { within } from './within';

const REDIS_ANSWER_MS = 2_000;

/** Shape @nestjs/throttler expects back from a storage (times in seconds). */
export interface ThrottlerStorageRecord {
  totalHits: number;
  timeToExpire: number;
  isBlocked: boolean;
  timeToBlockExpire: number;
}

export class RateLimitStoreUnavailableError extends DomainError {
  readonly code = 'SERVICE.UNAVAILABLE';
  constructor() {
    super('Rate limits cannot be checked right now; retry shortly');
  }
}

/**
 * A fixed window per key with a block once the limit is passed, in one Lua script so concurrent
 * requests on any number of instances count exactly: INCR, first-hit PEXPIRE and the block are one
 * atomic step. Both keys carry the same {hash tag}, so the script also runs on Redis Cluster.
 * Returns {hits, window ms left, blocked 0/1, block ms left}.
 */
export const INCREMENT_SCRIPT = `
local blockLeft = redis.call('PTTL', KEYS[2])
if blockLeft > 0 then
  local hits = tonumber(redis.call('GET', KEYS[1]) or '0')
  return {hits, math.max(redis.call('PTTL', KEYS[1]), 0), 1, blockLeft}
end
local hits = redis.call('INCR', KEYS[1])
local windowLeft = redis.call('PTTL', KEYS[1])
if windowLeft < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  windowLeft = tonumber(ARGV[1])
end
if hits > tonumber(ARGV[2]) then
  redis.call('SET', KEYS[2], '1', 'PX', ARGV[3])
  return {hits, windowLeft, 1, tonumber(ARGV[3])}
end
return {hits, windowLeft, 0, 0}`;

type IncrementReply = [number, number, number, number];

/** @nestjs/throttler storage on Redis, so every API instance shares one count per key. */
@Injectable()
export class RedisThrottlerStorage implements ThrottlerStorage {
  private readonly redis: Redis;

  constructor(
    connections: RedisConnectionFactory,
    private readonly prefix: string,
  ) {
    this.redis = connections.create({ role: 'rate-limit' });
    this.redis.defineCommand('finreconThrottle', { numberOfKeys: 2, lua: INCREMENT_SCRIPT });
  }

  async increment(
    key: string,
    ttlMs: number,
    limit: number,
    blockDurationMs: number,
    throttlerName: string,
  ): Promise<ThrottlerStorageRecord> {
    const base = `${this.prefix}{${throttlerName}:${key}}`;
    let reply: IncrementReply;
    try {
      const script = this.redis as Redis & {
        finreconThrottle(...args: (string | number)[]): Promise<IncrementReply>;
      };
      const blockMs = Math.max(1, Math.ceil(blockDurationMs));
      reply = await within(
        script.finreconThrottle(`${base}:hits`, `${base}:block`, Math.ceil(ttlMs), limit, blockMs),
        REDIS_ANSWER_MS,
      );
    } catch {
      // Fail closed: without a shared count the limits would silently stop holding.
      throw new RateLimitStoreUnavailableError();
    }
    const [totalHits, windowLeftMs, blocked, blockLeftMs] = reply;
    return {
      totalHits,
      timeToExpire: Math.ceil(windowLeftMs / 1000),
      isBlocked: blocked === 1,
      timeToBlockExpire: Math.ceil(blockLeftMs / 1000),
    };
  }
}
