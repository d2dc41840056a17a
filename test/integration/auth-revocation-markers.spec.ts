import { randomUUID } from 'node:crypto';
import type { PinoLogger } from 'nestjs-pino';
import { RedisRevocationMarkers } from '../../src/modules/auth/infrastructure/redis-revocation-markers';
import { RedisConnectionFactory } from '../../src/platform/redis/redis-connection-factory';
import { testConfig } from '../support/test-app';

const silentLogger = {
  setContext: () => undefined,
  warn: () => undefined,
  info: () => undefined,
} as unknown as PinoLogger;

describe('RedisRevocationMarkers (real Redis)', () => {
  const config = testConfig({ ACCESS_TOKEN_TTL_SECONDS: '600' });
  let connections: RedisConnectionFactory;
  let markers: RedisRevocationMarkers;

  beforeEach(() => {
    connections = new RedisConnectionFactory(config, silentLogger);
    markers = new RedisRevocationMarkers(connections);
  });
  afterEach(async () => {
    // Markers would expire on their own; remove this test's at once.
    const redis = connections.create({ role: 'test-cleanup' });
    const keys = (await redis.keys('finrecon:auth:revoked:*')).filter((key) =>
      used.some((id) => key.endsWith(id)),
    );
    if (keys.length) await redis.del(...keys);
    used.length = 0;
    await connections.onApplicationShutdown();
  });
  const used: string[] = [];
  const id = () => {
    const value = randomUUID();
    used.push(value);
    return value;
  };

  it('returns the latest mark among the subjects, or null', async () => {
    const [session, user] = [id(), id()];
    expect(await markers.latest([{ scope: 'session', id: session }])).toBeNull();
    await markers.mark('session', session, 1_000);
    await markers.mark('user', user, 2_000);
    expect(
      await markers.latest([
        { scope: 'session', id: session },
        { scope: 'user', id: user },
        { scope: 'tenant', id: randomUUID() },
      ]),
    ).toBe(2_000);
  });

  it('never moves a mark backwards and expires it after the longest access token any instance may issue', async () => {
    const user = id();
    await markers.mark('user', user, 5_000);
    await markers.mark('user', user, 4_000);
    expect(await markers.latest([{ scope: 'user', id: user }])).toBe(5_000);
    const ttl = await connections.create({ role: 'test' }).ttl(`finrecon:auth:revoked:user:${user}`);
    // This instance issues 600 s tokens; another, configured for the maximum, 3600 s ones.
    expect(ttl).toBeGreaterThan(3600);
    expect(ttl).toBeLessThanOrEqual(3720);
  });

  it('fails closed when Redis does not answer', async () => {
    const down = new RedisConnectionFactory(testConfig({ REDIS_URL: 'redis://127.0.0.1:1' }), silentLogger);
    const unreachable = new RedisRevocationMarkers(down);
    await expect(unreachable.latest([{ scope: 'user', id: randomUUID() }])).rejects.toMatchObject({
      code: 'SERVICE.UNAVAILABLE',
    });
    await expect(unreachable.mark('user', randomUUID(), 1)).rejects.toMatchObject({
      code: 'SERVICE.UNAVAILABLE',
    });
    await down.onApplicationShutdown();
  });
});
