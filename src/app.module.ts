import { Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR, APP_PIPE } from '@nestjs/core';
import { AuthModule } from './modules/auth/auth.module';
import { AccessGuard } from './modules/auth/http/access.guard';
import { HealthModule } from './modules/health/health.module';
import { ReconciliationModule } from './modules/reconciliation/reconciliation.module';
import { TenantAdministrationModule } from './modules/tenants/tenant-administration.module';
import { TenantsModule } from './modules/tenants/tenants.module';
import { ProblemDetailsFilter } from './platform/errors/problem-details.filter';
import { RequestTimeoutInterceptor } from './platform/http/request-timeout.interceptor';
import { createValidationPipe } from './platform/http/validation';
import { MetricsModule } from './platform/metrics/metrics.module';
import { PlatformModule } from './platform/platform.module';

/** The HTTP API process. */
@Module({
  imports: [
    PlatformModule,
    MetricsModule,
    HealthModule,
    TenantsModule,
    AuthModule,
    TenantAdministrationModule,
    ReconciliationModule,
  ],
  providers: [
    { provide: APP_FILTER, useClass: ProblemDetailsFilter },
    { provide: APP_PIPE, useFactory: createValidationPipe },
    { provide: APP_INTERCEPTOR, useClass: RequestTimeoutInterceptor },
    // Default deny: authentication, rate limits, CSRF, roles and tenant admission (docs/security.md).
    { provide: APP_GUARD, useExisting: AccessGuard },
  ],
})
export class AppModule {}
