import { redisUrlOptions } from './redis-connection-factory';

describe('redisUrlOptions', () => {
  it('reads host, port, credentials and database', () => {
    expect(redisUrlOptions('redis://user:p%40ss@cache.internal:6380/2')).toMatchObject({
      host: 'cache.internal',
      port: 6380,
      username: 'user',
      password: 'p@ss',
      db: 2,
      tls: undefined,
    });
  });

  it('turns on TLS for rediss:// and defaults the port', () => {
    expect(redisUrlOptions('rediss://:secret@cache.internal')).toMatchObject({
      port: 6379,
      password: 'secret',
      tls: { servername: 'cache.internal' },
    });
  });
});
