import { Inject, MiddlewareConsumer, Module, NestModule, OnApplicationBootstrap } from '@nestjs/common';
import { ThrottlerModule } from '@nestjs/throttler';
import cookieParser from 'cookie-parser';
import { PinoLogger } from 'nestjs-pino';
import { AppConfig } from '../../platform/config/app-config';
import { RedisConnectionFactory } from '../../platform/redis/redis-connection-factory';
import { TenantsModule } from '../tenants/tenants.module';
import { BootstrapPlatformAdmin } from './application/bootstrap-platform-admin';
import { RefreshSession } from './application/refresh-session';
import { AuthCoreModule } from './auth-core.module';
import { AccessGuard } from './http/access.guard';
import { ApiKeysController } from './http/api-keys.controller';
import { AuthController } from './http/auth.controller';
import { CredentialCheck } from './http/credential-check';
import { CsrfCheck } from './http/csrf-check';
import { PlatformUsersController } from './http/platform-users.controller';
import { RateLimitGuard } from './http/rate-limit.guard';
import { rateLimitOptions } from './http/rate-limits';
import { SessionCookies } from './http/session-cookies';
import { ApiKeyStrategy } from './http/strategies/api-key.strategy';
import { JwtBearerStrategy } from './http/strategies/jwt-bearer.strategy';
import { JwtCookieStrategy } from './http/strategies/jwt-cookie.strategy';
import { UsersController } from './http/users.controller';

/**
 * Authentication, authorization and rate limits for the HTTP API. AppModule registers AccessGuard
 * as the global guard; the tenants module injects SessionRevocation to end a tenant's sessions.
 */
@Module({
  imports: [
    AuthCoreModule,
    TenantsModule,
    ThrottlerModule.forRootAsync({
      imports: [AuthCoreModule],
      inject: [AppConfig, RedisConnectionFactory, RefreshSession],
      useFactory: rateLimitOptions,
    }),
  ],
  controllers: [AuthController, UsersController, PlatformUsersController, ApiKeysController],
  providers: [
    AccessGuard,
    RateLimitGuard,
    CredentialCheck,
    CsrfCheck,
    SessionCookies,
    JwtBearerStrategy,
    JwtCookieStrategy,
    ApiKeyStrategy,
  ],
  // AuthCoreModule re-exported: SessionRevocation for the tenants module, use cases for others.
  exports: [AccessGuard, AuthCoreModule],
})
export class AuthModule implements NestModule, OnApplicationBootstrap {
  constructor(
    @Inject(AppConfig) private readonly config: AppConfig,
    private readonly bootstrapAdmin: BootstrapPlatformAdmin,
    private readonly logger: PinoLogger,
  ) {
    this.logger.setContext(AuthModule.name);
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(cookieParser()).forRoutes('*path');
  }

  async onApplicationBootstrap(): Promise<void> {
    const admin = this.config.auth.bootstrapAdmin;
    if (!admin) return;
    const created = await this.bootstrapAdmin.execute(admin.email, admin.password, {
      type: 'system',
      id: 'bootstrap',
    });
    if (created) this.logger.info('created the bootstrap platform administrator from BOOTSTRAP_ADMIN_EMAIL');
  }
}
