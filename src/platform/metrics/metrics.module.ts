import { Module } from '@nestjs/common';
import { MetricsController } from './metrics.controller';

/** The HTTP side of metrics (the API only): the scrape endpoint (request timing: configure-http.ts). */
@Module({ controllers: [MetricsController] })
export class MetricsModule {}
