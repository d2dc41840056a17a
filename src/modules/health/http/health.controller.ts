import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckResult, HealthCheckService } from '@nestjs/terminus';
import { Public } from '../../../platform/http/public-route';
import { ShutdownState } from '../../../platform/lifecycle/shutdown-state';
import { DependencyStatus, NotReadyError } from '../domain/health-errors';
import { PostgresHealthIndicator } from '../infrastructure/postgres.health';
import { RedisHealthIndicator } from '../infrastructure/redis.health';
import { UploadsDiskHealthIndicator } from '../infrastructure/uploads-disk.health';

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly postgres: PostgresHealthIndicator,
    private readonly redis: RedisHealthIndicator,
    private readonly uploads: UploadsDiskHealthIndicator,
    private readonly shutdown: ShutdownState,
  ) {}

  @Get('live')
  @ApiOperation({ summary: 'Liveness: the process answers (no dependency is checked)' })
  @ApiOkResponse({ schema: { example: { status: 'ok' } } })
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('ready')
  @HealthCheck({ swaggerDocumentation: false })
  @ApiOperation({
    summary: 'Readiness: PostgreSQL, Redis and the uploads directory; 503 once shutdown began',
  })
  @ApiOkResponse({ description: 'Every dependency is up' })
  @ApiServiceUnavailableResponse({ description: 'problem+json HEALTH.NOT_READY naming the failing checks' })
  ready(): Promise<HealthCheckResult> {
    return this.readiness();
  }

  @Get()
  @HealthCheck({ swaggerDocumentation: false })
  @ApiOperation({ summary: 'The readiness report (same as /health/ready)' })
  report(): Promise<HealthCheckResult> {
    return this.readiness();
  }

  private async readiness(): Promise<HealthCheckResult> {
    if (this.shutdown.isShuttingDown) throw new NotReadyError(['shutdown'], {});
    try {
      return await this.health.check([
        () => this.postgres.check(),
        () => this.redis.check(),
        () => this.uploads.check(),
      ]);
    } catch (error) {
      if (!(error instanceof ServiceUnavailableException)) throw error;
      const result = error.getResponse() as HealthCheckResult;
      const checks = (result.details ?? {}) as Record<string, DependencyStatus>;
      throw new NotReadyError(Object.keys(result.error ?? {}), checks);
    }
  }
}
