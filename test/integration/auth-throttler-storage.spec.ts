import { randomUUID } from 'node:crypto';
import type { PinoLogger } from 'nestjs-pino';
import { RedisConnectionFactory } from '../../src/platform/redis/redis-connection-factory';
import { RedisThrottlerStorage } from '../../src/platform/throttling/redis-throttler-storage';
import { testConfig } from '../support/test-app';

const silentLogger = {
  setContext: () => undefined,
  warn: () => undefined,
  info: () => undefined,
} as unknown as PinoLogger;

describe('RedisThrottlerStorage (real Redis)', () => {
  let connections: RedisConnectionFactory;
  let prefix: string;

  beforeEach(() => {
    connections = new RedisConnectionFactory(testConfig(), silentLogger);
    prefix = `test:rl:${randomUUID()}:`;
  });
  afterEach(async () => {
    const redis = connections.create({ role: 'test-cleanup' });
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length) await redis.del(...keys);
    await connections.onApplicationShutdown();
  });

  it('counts concurrent hits from two storages (two instances) exactly, with no lost update', async () => {
    const [a, b] = [
      new RedisThrottlerStorage(connections, prefix),
      new RedisThrottlerStorage(connections, prefix),
    ];
    const results = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        (i % 2 ? a : b).increment('ip:1.2.3.4', 60_000, 1000, 60_000, 'default'),
      ),
    );
    expect(results.map((record) => record.totalHits).sort((x, y) => x - y)).toEqual(
      Array.from({ length: 100 }, (_, i) => i + 1),
    );
    expect(results.every((record) => !record.isBlocked)).toBe(true);
  });

  it('blocks past the limit for the block duration, reporting seconds to wait', async () => {
    const storage = new RedisThrottlerStorage(connections, prefix);
    for (let i = 1; i <= 3; i++) {
      expect(await storage.increment('k', 60_000, 3, 30_000, 'default')).toMatchObject({
        totalHits: i,
        isBlocked: false,
      });
    }
    const blocked = await storage.increment('k', 60_000, 3, 30_000, 'default');
    expect(blocked).toMatchObject({ isBlocked: true, timeToBlockExpire: 30 });
    expect(blocked.timeToExpire).toBeGreaterThan(50);
    // While blocked, further hits are not counted (a blocked client cannot extend its own window).
    expect(await storage.increment('k', 60_000, 3, 30_000, 'default')).toMatchObject({
      isBlocked: true,
      totalHits: 4,
    });
  });

  it('opens a new window once the old one expires', async () => {
    const storage = new RedisThrottlerStorage(connections, prefix);
    await storage.increment('short', 300, 1, 300, 'default');
    expect((await storage.increment('short', 300, 1, 300, 'default')).isBlocked).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 450));
    expect(await storage.increment('short', 300, 1, 300, 'default')).toMatchObject({
      totalHits: 1,
      isBlocked: false,
    });
  });

  it('keeps separate counts per throttler name and per key, in one hash slot per key', async () => {
    const storage = new RedisThrottlerStorage(connections, prefix);
    await storage.increment('k', 60_000, 10, 1000, 'login-ip');
    expect((await storage.increment('k', 60_000, 10, 1000, 'default')).totalHits).toBe(1);
    expect((await storage.increment('other', 60_000, 10, 1000, 'login-ip')).totalHits).toBe(1);
    const redis = connections.create({ role: 'test-inspect' });
    expect((await redis.keys(`${prefix}*`)).sort()).toEqual(
      [`${prefix}{default:k}:hits`, `${prefix}{login-ip:k}:hits`, `${prefix}{login-ip:other}:hits`].sort(),
    );
  });

  it('fails closed with SERVICE.UNAVAILABLE when Redis does not answer', async () => {
    const down = new RedisConnectionFactory(testConfig({ REDIS_URL: 'redis://127.0.0.1:1' }), silentLogger);
    const storage = new RedisThrottlerStorage(down, prefix);
    await expect(storage.increment('k', 60_000, 10, 1000, 'default')).rejects.toMatchObject({
      code: 'SERVICE.UNAVAILABLE',
    });
    await down.onApplicationShutdown();
  });
});
