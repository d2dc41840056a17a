import { Injectable } from '@nestjs/common';
import type Redis from 'ioredis';
import { MAX_ACCESS_TOKEN_TTL_SECONDS } from '../../../platform/config/environment.schema';
import { RedisConnectionFactory } from '../../../platform/redis/redis-connection-factory';
import { within } from '../../../platform/throttling/within';
import { RevocationMarkers, RevocationScope } from '../application/ports/revocation-markers';
import { RevocationCheckUnavailableError } from '../domain/auth-errors';

const KEY_PREFIX = 'finrecon:auth:revoked:';
const REDIS_ANSWER_MS = 2_000;
/**
 * A marker has to outlive the access tokens it stops, plus clock skew between instances: the
 * longest any instance may issue, so a rolling deploy that raises ACCESS_TOKEN_TTL_SECONDS never
 * lets a marker written under the old setting expire before the tokens it stops.
 */
const MARKER_TTL_SECONDS = MAX_ACCESS_TOKEN_TTL_SECONDS + 120;
/** Keeps the later of two marks, so an instance with a lagging clock cannot shorten a revocation. */
const MARK_SCRIPT = `
local current = tonumber(redis.call('GET', KEYS[1]) or '0')
if tonumber(ARGV[1]) > current then
  redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[2])
else
  redis.call('EXPIRE', KEYS[1], ARGV[2])
end
return 1`;

@Injectable()
export class RedisRevocationMarkers extends RevocationMarkers {
  private readonly redis: Redis;
  constructor(connections: RedisConnectionFactory) {
    super();
    this.redis = connections.create({ role: 'auth-revocation' });
  }

  async mark(scope: RevocationScope, id: string, revokedAtSeconds: number): Promise<void> {
    try {
      await within(
        this.redis.eval(MARK_SCRIPT, 1, key(scope, id), String(revokedAtSeconds), String(MARKER_TTL_SECONDS)),
        REDIS_ANSWER_MS,
      );
    } catch (error) {
      // The caller (logout, disable, suspend) must learn that the revocation did not take effect.
      throw new RevocationCheckUnavailableError(undefined, error);
    }
  }

  async latest(subjects: { scope: RevocationScope; id: string }[]): Promise<number | null> {
    let values: (string | null)[];
    try {
      values = await within(
        this.redis.mget(subjects.map((subject) => key(subject.scope, subject.id))),
        REDIS_ANSWER_MS,
      );
    } catch (error) {
      throw new RevocationCheckUnavailableError(undefined, error);
    }
    const times = values.filter((value): value is string => value !== null).map(Number);
    return times.length > 0 ? Math.max(...times) : null;
  }
}

function key(scope: RevocationScope, id: string): string {
  return `${KEY_PREFIX}${scope}:${id}`;
}
