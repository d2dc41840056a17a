import { Injectable, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';
import { DataSource } from 'typeorm';
import { controlPlaneMigrations } from '../../../migrations/control';
import { AppConfig } from '../config/app-config';
import { postgresDataSourceOptions } from './postgres-options';
import { initializeWithRetry } from './connect-with-retry';

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
    await initializeWithRetry(this.dataSource, this.config, (fields, message) =>
      this.logger.warn(fields, message),
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
