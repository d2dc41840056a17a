import { __resetOutOfContextForTests } from 'nestjs-pino/PinoLogger';
import { Test } from '@nestjs/testing';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AppModule } from '../../src/app.module';
import { prepareHttpApp } from '../../src/http-app';
import { AppConfig, loadAppConfig } from '../../src/platform/config/app-config';
import { environmentSchema } from '../../src/platform/config/environment.schema';
import { LogDestination } from '../../src/platform/logging/logging.module';
import { CapturedLogs } from './captured-logs';
import { ProbeModule } from './probe.controller';

export interface TestApp {
  app: NestExpressApplication;
  logs: CapturedLogs;
  config: AppConfig;
  close(): Promise<void>;
}

/**
 * The real API (AppModule, real PostgreSQL and Redis) plus test-only probe routes, configured from
 * the test environment with `env` overrides, and its logs captured.
 */
export async function startTestApp(
  env: Record<string, string> = {},
  config = testConfig(env),
): Promise<TestApp> {
  const logs = new CapturedLogs();
  // nestjs-pino keeps the first logger of the process for logs outside a request; start afresh.
  __resetOutOfContextForTests();
  const moduleRef = await Test.createTestingModule({ imports: [AppModule, ProbeModule] })
    .overrideProvider(AppConfig)
    .useValue(config)
    .overrideProvider(LogDestination)
    .useValue(logs)
    .compile();
  const app = prepareHttpApp(moduleRef.createNestApplication<NestExpressApplication>({ bodyParser: false }));
  await app.init();
  return { app, logs, config, close: () => app.close() };
}

export function testConfig(env: Record<string, string> = {}): AppConfig {
  return loadAppConfig({ ...process.env, ...env });
}

/**
 * Production behaviour (what errors reveal, which defaults are refused) against the local test
 * services, which run without TLS or a Redis password; the production boot rules are unit-tested.
 */
export function productionLikeConfig(env: Record<string, string> = {}): AppConfig {
  return new AppConfig({ ...environmentSchema.parse({ ...process.env, ...env }), NODE_ENV: 'production' });
}
