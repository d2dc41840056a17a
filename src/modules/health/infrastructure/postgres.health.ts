import { Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { ControlPlaneDatabase } from '../../../platform/database/control-plane-database';
import { PROBE_TIMEOUT_MS, withTimeout } from './with-timeout';

@Injectable()
export class PostgresHealthIndicator {
  constructor(
    private readonly indicators: HealthIndicatorService,
    private readonly database: ControlPlaneDatabase,
  ) {}

  async check(key = 'postgres') {
    const indicator = this.indicators.check(key);
    const started = process.hrtime.bigint();
    try {
      await withTimeout(this.database.dataSource.query('SELECT 1'), PROBE_TIMEOUT_MS);
      return indicator.up({ latencyMs: elapsedMs(started) });
    } catch {
      // Never the driver's message: it can name hosts and users.
      return indicator.down({ reason: 'unreachable or not answering' });
    }
  }
}

export function elapsedMs(started: bigint): number {
  return Number((process.hrtime.bigint() - started) / 1_000_000n);
}
