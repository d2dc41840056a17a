import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { AppConfig } from './platform/config/app-config';
import { exitGracefullyOnSignals } from './platform/lifecycle/graceful-shutdown';
import { exitOnStartupFailure } from './platform/lifecycle/startup-failure';
import { WorkerModule } from './worker.module';

async function bootstrap(): Promise<void> {
  const app = await NestFactory.createApplicationContext(WorkerModule, {
    logger: false,
    abortOnError: false,
  });
  const logger = app.get(Logger);
  app.useLogger(logger);
  exitGracefullyOnSignals(app, logger, app.get(AppConfig).shutdownGraceMs);
  await app.init();
  logger.log('finrecon worker started');
}

bootstrap().catch(exitOnStartupFailure);
