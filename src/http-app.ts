import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { AppConfig } from './platform/config/app-config';
import { configureHttp } from './platform/http/configure-http';
import { serveOpenApi } from './platform/http/openapi';

/** Builds the API exactly as production runs it; main.ts listens on it. */
export async function createHttpApp(): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule, {
    bodyParser: false,
    // Start-up failures are reported by exitOnStartupFailure as one JSON line; Nest's own
    // logger would print them again as coloured text.
    logger: false,
    abortOnError: false,
  });
  return prepareHttpApp(app);
}

/** The steps shared by the process and the e2e tests, so tests exercise what production runs. */
export function prepareHttpApp<T extends INestApplication>(app: T): T {
  app.useLogger(app.get(Logger));
  configureHttp(app, app.get(AppConfig));
  serveOpenApi(app);
  return app;
}
