import { Global, Module } from '@nestjs/common';
import { ConfigModule, ConfigService } from '@nestjs/config';
import { AppConfig, loadAppConfig } from './app-config';

/**
 * @nestjs/config loads `.env` (when present) into the environment; the typed AppConfig is parsed
 * and checked from it once at boot (a ConfigurationError stops the process) and is what the rest
 * of the code injects.
 */
@Global()
@Module({
  imports: [ConfigModule.forRoot({ cache: true })],
  providers: [{ provide: AppConfig, inject: [ConfigService], useFactory: () => loadAppConfig(process.env) }],
  exports: [AppConfig],
})
export class AppConfigModule {}
