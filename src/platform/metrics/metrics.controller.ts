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
    // The scheme is case-insensitive (RFC 9110), the token is not.
    const header = authorization ?? '';
    const space = header.indexOf(' ');
    const bearer = space > 0 && header.slice(0, space).toLowerCase() === 'bearer';
    const presented = Buffer.from(bearer ? header.slice(space + 1) : '');
    const expected = Buffer.from(token);
    if (presented.length !== expected.length || !timingSafeEqual(presented, expected)) {
      throw new UnauthorizedMetricsError();
    }
  }
}
