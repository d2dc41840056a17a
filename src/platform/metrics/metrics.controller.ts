import { Controller, Get, Header, Headers } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { timingSafeEqual } from 'node:crypto';
import { AppConfig } from '../config/app-config';
import { UnauthorizedMetricsError } from '../errors/request-errors';
import { Public } from '../http/public-route';
import { MetricsRegistry } from './metrics-registry';

@ApiExcludeController()
// Guarded by its own METRICS_TOKEN, not by user credentials.
@Public()
@Controller('metrics')
export class MetricsController {
  constructor(
    private readonly metrics: MetricsRegistry,
    private readonly config: AppConfig,
  ) {}

  @Get()
  @Header('Cache-Control', 'no-store')
  @Header('Content-Type', 'text/plain; version=0.0.4; charset=utf-8')
  async scrape(@Headers('authorization') authorization?: string): Promise<string> {
    this.assertScraperAllowed(authorization);
    return this.metrics.registry.metrics();
  }

  private assertScraperAllowed(authorization: string | undefined): void {
    const token = this.config.metrics.token;
    if (!token) return;
    const presented = Buffer.from(authorization ?? '');
    const expected = Buffer.from(`Bearer ${token}`);
    if (presented.length !== expected.length || !timingSafeEqual(presented, expected)) {
      throw new UnauthorizedMetricsError();
    }
  }
}
