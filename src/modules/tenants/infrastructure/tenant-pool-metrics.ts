import { Injectable } from '@nestjs/common';
import { Counter, Gauge, Histogram } from 'prom-client';
import { MetricsRegistry } from '../../../platform/metrics/metrics-registry';

@Injectable()
export class TenantPoolMetrics {
  readonly livePools: Gauge;
  readonly connectionCeiling: Gauge;
  readonly evictions: Counter<'reason'>;
  readonly coldStart: Histogram;
  readonly openConnections: Gauge;
  private countOpenConnections: () => number = () => 0;

  constructor(metrics: MetricsRegistry) {
    const registers = [metrics.registry];
    this.livePools = new Gauge({
      name: 'finrecon_tenant_pools_live',
      help: 'Tenant pools open in this process',
      registers,
    });
    this.connectionCeiling = new Gauge({
      name: 'finrecon_tenant_pool_connections_max',
      help: 'Connections the open tenant pools may hold (live pools x pool size)',
      registers,
    });
    this.evictions = new Counter({
      name: 'finrecon_tenant_pool_evictions_total',
      help: 'Tenant pools closed, by reason',
      labelNames: ['reason'],
      registers,
    });
    this.coldStart = new Histogram({
      name: 'finrecon_tenant_pool_cold_start_seconds',
      help: 'Time to open a tenant pool on first use',
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers,
    });
    // Read when scraped: node-postgres' own count of the clients the tenant pools hold right now.
    const count = () => this.countOpenConnections();
    this.openConnections = new Gauge({
      name: 'finrecon_tenant_pool_connections_open',
      help: 'Connections the tenant pools of this process actually hold (idle and busy, closing pools included)',
      registers,
      collect() {
        this.set(count());
      },
    });
  }

  /** The connection registry says how to count its open connections. */
  observeOpenConnections(count: () => number): void {
    this.countOpenConnections = count;
  }
}
