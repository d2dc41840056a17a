import 'reflect-metadata';
import { Logger } from 'nestjs-pino';
import { createHttpApp } from './http-app';
import { AppConfig } from './platform/config/app-config';
import { exitGracefullyOnSignals } from './platform/lifecycle/graceful-shutdown';
import { exitOnStartupFailure } from './platform/lifecycle/startup-failure';

async function bootstrap(): Promise<void> {
  const app = await createHttpApp();
  const config = app.get(AppConfig);
  const logger = app.get(Logger);
  exitGracefullyOnSignals(app, logger, config.shutdownGraceMs);
  await app.listen(config.http.port, config.http.host);
  logger.log({ url: await app.getUrl() }, 'finrecon API listening');
}

bootstrap().catch(exitOnStartupFailure);
