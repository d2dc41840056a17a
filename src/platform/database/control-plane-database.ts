import { Injectable, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';
import { DataSource } from 'typeorm';
import { controlPlaneMigrations } from '../../../migrations/control';
import { AppConfig } from '../config/app-config';
import { postgresDataSourceOptions } from './postgres-options';
import { withExponentialBackoff } from './retry';

/** The control-plane database (tenants, users, keys): one pool per process, connected at start-up. */
@Injectable()
export class ControlPlaneDatabase implements OnModuleInit, OnApplicationShutdown {
  readonly dataSource: DataSource;

  constructor(
    private readonly config: AppConfig,
    private readonly logger: PinoLogger,
  ) {
    this.logger.setContext(ControlPlaneDatabase.name);
    this.dataSource = createControlPlaneDataSource(config);
  }

  async onModuleInit(): Promise<void> {
    const { connectRetries, connectRetryBaseMs } = this.config.database;
    await withExponentialBackoff(
      () => this.dataSource.initialize(),
      { retries: connectRetries, baseDelayMs: connectRetryBaseMs },
      (error, attempt, delayMs) =>
        this.logger.warn(
          { attempt, delayMs, reason: errorMessage(error) },
          'control-plane database not reachable yet, retrying',
        ),
    );
    this.logger.info('control-plane database connected');
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}

export function createControlPlaneDataSource(config: AppConfig, applicationName = 'finrecon'): DataSource {
  return new DataSource(
    postgresDataSourceOptions(config, {
      url: config.database.url,
      poolSize: config.database.poolSize,
      applicationName,
      migrations: controlPlaneMigrations,
    }),
  );
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
