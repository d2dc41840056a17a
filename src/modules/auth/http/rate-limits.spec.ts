import type { ExecutionContext } from '@nestjs/common';
import type { ThrottlerOptions } from '@nestjs/throttler';
import { loadAppConfig } from '../../../platform/config/app-config';
import type { RedisConnectionFactory } from '../../../platform/redis/redis-connection-factory';
import type { RefreshSession } from '../application/refresh-session';
import { REFRESH_TOKEN_SOURCE } from './access-metadata';
import { rateLimitOptions } from './rate-limits';

const options = rateLimitOptions(
  loadAppConfig({}),
  { create: () => ({ defineCommand: () => undefined }) } as unknown as RedisConnectionFactory,
  { accountOf: async () => null } as unknown as RefreshSession,
);

const refreshHandler = (): void => undefined;
Reflect.defineMetadata(REFRESH_TOKEN_SOURCE, 'body', refreshHandler);
const context = { getHandler: () => refreshHandler } as unknown as ExecutionContext;

/** The tracker each per-IP limit gives an anonymous request from `ip`. */
async function ipTrackers(ip: string | undefined): Promise<string[]> {
  const throttlers = (options as { throttlers: ThrottlerOptions[] }).throttlers;
  const perIp = throttlers.filter((throttler) =>
    ['default', 'login-ip', 'refresh-ip', 'refresh-account'].includes(throttler.name ?? ''),
  );
  expect(perIp).toHaveLength(4);
  return Promise.all(perIp.map((throttler) => throttler.getTracker!({ ip, body: {} }, context)));
}

describe('per-IP rate limit trackers', () => {
  it('count every address of one IPv6 /64 together', async () => {
    const first = await ipTrackers('2001:db8:85a3:42:1111:2222:3333:4444');
    const rotated = await ipTrackers('2001:db8:85a3:42:ffff:1:2:3');
    expect(rotated).toEqual(first);
    expect(first).toEqual([
      'ip:2001:db8:85a3:42::/64',
      'ip:2001:db8:85a3:42::/64',
      'ip:2001:db8:85a3:42::/64',
      'unknown-token-ip:2001:db8:85a3:42::/64',
    ]);
  });

  it('keep neighbouring IPv6 /64s and IPv4 addresses apart', async () => {
    const [a] = await ipTrackers('2001:db8:85a3:42::1');
    const [b] = await ipTrackers('2001:db8:85a3:43::1');
    expect(a).not.toBe(b);
    expect((await ipTrackers('198.51.100.7'))[0]).toBe('ip:198.51.100.7');
    expect((await ipTrackers('198.51.100.8'))[0]).toBe('ip:198.51.100.8');
  });

  it('count an IPv4-mapped IPv6 address as its IPv4 address', async () => {
    expect(await ipTrackers('::ffff:198.51.100.7')).toEqual(await ipTrackers('198.51.100.7'));
  });

  it('put requests without an address in one named bucket', async () => {
    expect(await ipTrackers(undefined)).toEqual([
      'ip:unknown',
      'ip:unknown',
      'ip:unknown',
      'unknown-token-ip:unknown',
    ]);
  });
});
