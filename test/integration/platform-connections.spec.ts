import { Test } from '@nestjs/testing';
import { once } from 'node:events';
import { LoggerModule } from 'nestjs-pino';
import { __resetOutOfContextForTests } from 'nestjs-pino/PinoLogger';
import { ControlPlaneDatabase } from '../../src/platform/database/control-plane-database';
import { AppConfig } from '../../src/platform/config/app-config';
import { RedisConnectionFactory } from '../../src/platform/redis/redis-connection-factory';
import { CapturedLogs } from '../support/captured-logs';
import { freePort } from '../support/processes';
import { testConfig } from '../support/test-app';

async function platformProviders(env: Record<string, string>) {
  const logs = new CapturedLogs();
  // nestjs-pino keeps the first logger of the process for logs outside a request; start afresh.
  __resetOutOfContextForTests();
  const moduleRef = await Test.createTestingModule({
    imports: [LoggerModule.forRoot({ pinoHttp: [{ level: 'info' }, logs.stream] })],
    providers: [
      { provide: AppConfig, useValue: testConfig(env) },
      ControlPlaneDatabase,
      RedisConnectionFactory,
    ],
  }).compile();
  return { moduleRef, logs };
}

describe('control-plane database connection', () => {
  it('connects and answers queries', async () => {
    const { moduleRef } = await platformProviders({});
    const database = moduleRef.get(ControlPlaneDatabase);
    await database.onModuleInit();
    expect(await database.dataSource.query('SELECT current_database() AS name')).toEqual([
      { name: 'finrecon_test' },
    ]);
    await database.onApplicationShutdown();
    expect(database.dataSource.isInitialized).toBe(false);
  });

  it('retries with backoff, logging each wait without the connection string, then gives up', async () => {
    const port = await freePort();
    const { moduleRef, logs } = await platformProviders({
      DATABASE_URL: `postgres://finrecon:s3cret-pw@127.0.0.1:${port}/finrecon_test`,
      DB_CONNECT_RETRIES: '2',
      DB_CONNECT_RETRY_BASE_MS: '20',
    });
    const started = Date.now();
    await expect(moduleRef.get(ControlPlaneDatabase).onModuleInit()).rejects.toThrow(/ECONNREFUSED/);
    expect(Date.now() - started).toBeGreaterThanOrEqual(60);
    const retries = logs
      .records()
      .filter((record) => record.msg === 'control-plane database not reachable yet, retrying');
    expect(retries.map((record) => [record.attempt, record.delayMs])).toEqual([
      [1, 20],
      [2, 40],
    ]);
    expect(logs.text).not.toContain('s3cret-pw');
  });
});

describe('Redis connection factory', () => {
  it('names its connections and closes them at shutdown', async () => {
    const { moduleRef } = await platformProviders({});
    const factory = moduleRef.get(RedisConnectionFactory);
    const connection = factory.create({ role: 'integration-test' });
    const clients = (await connection.client('LIST')) as string;
    expect(clients).toContain('name=finrecon:integration-test');
    const ended = once(connection, 'end');
    await factory.onApplicationShutdown();
    await ended;
    expect(connection.status).toBe('end');
  });
});
