import { Injectable, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';
import { DataSource } from 'typeorm';
import { AppConfig } from '../../../platform/config/app-config';
import { postgresDataSourceOptions } from '../../../platform/database/postgres-options';
import { TenantDatabases } from '../application/ports/tenant-databases';
import { TenantRegistry } from '../application/ports/tenant-registry';
import { TenantDatabaseUnavailableError, TenantNotFoundError } from '../domain/tenant-errors';
import { RedisTenantPoolEvictions } from './redis/redis-tenant-pool-evictions';
import { TenantHosts } from './tenant-hosts';
import { TenantPoolMetrics } from './tenant-pool-metrics';

interface LivePool {
  ready: Promise<DataSource>;
  dataSource?: DataSource;
  leases: number;
  lastUsedAt: number;
  /** Set once the pool is being closed: it takes no new leases and is destroyed after the last. */
  drained?: () => void;
}

interface InitFailure {
  retryAt: number;
  attempts: number;
}

const MAX_BACKOFF_MS = 30_000;

/**
 * One small pool per live tenant, in a bounded LRU. The budget is enforced, not hoped for: at most
 * TENANT_DB_MAX_LIVE pools of TENANT_DB_POOL_SIZE connections are open or closing at any moment;
 * a request that finds every pool leased waits (up to TENANT_DB_ACQUIRE_TIMEOUT_MS) for one to
 * free. Concurrent first requests for a cold tenant share one initialization; a failed one is
 * retried after a growing pause instead of being cached forever. A pool being closed leaves the
 * LRU at once (new requests get a fresh pool, counted against the budget) but is destroyed only
 * when its last lease ends, so no running query loses its connection. `release()` also tells
 * every other process, through Redis, to close its pool for that tenant.
 */
@Injectable()
export class PooledTenantDatabases extends TenantDatabases implements OnModuleInit, OnApplicationShutdown {
  private readonly pools = new Map<string, LivePool>();
  private readonly failures = new Map<string, InitFailure>();
  private readonly capacityWaiters = new Set<() => void>();
  /** Pools removed from the LRU whose connections are not gone yet (draining or being destroyed). */
  private readonly closingPools = new Set<LivePool>();
  private sweeper?: NodeJS.Timeout;

  constructor(
    private readonly config: AppConfig,
    private readonly registry: TenantRegistry,
    private readonly hosts: TenantHosts,
    private readonly metrics: TenantPoolMetrics,
    private readonly evictions: RedisTenantPoolEvictions,
    private readonly logger: PinoLogger,
  ) {
    super();
    this.logger.setContext(PooledTenantDatabases.name);
    this.metrics.observeOpenConnections(() => this.openConnections());
  }

  async onModuleInit(): Promise<void> {
    const { idleTtlMs } = this.config.tenantDatabases;
    this.sweeper = setInterval(() => this.closeIdle(), Math.max(1_000, Math.floor(idleTtlMs / 2)));
    this.sweeper.unref();
    await this.evictions.subscribe((tenantId) => void this.releaseHere(tenantId, 'broadcast'));
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.sweeper);
    await Promise.all([...this.pools.keys()].map((tenantId) => this.releaseHere(tenantId, 'shutdown')));
  }

  async withDataSource<T>(tenantId: string, work: (dataSource: DataSource) => Promise<T>): Promise<T> {
    const pool = await this.lease(tenantId);
    try {
      return await work(pool.dataSource as DataSource);
    } finally {
      this.endLease(pool);
    }
  }

  /** Closes the tenant's pool here once its running work ends, and asks every other process to. */
  async release(tenantId: string): Promise<void> {
    await Promise.all([this.releaseHere(tenantId, 'released'), this.evictions.publish(tenantId)]);
  }

  /** Open pools, for metrics and tests. */
  liveTenantIds(): string[] {
    return [...this.pools.keys()];
  }

  /** Connections actually open (idle or busy) in every pool of this process, closing ones included. */
  openConnections(): number {
    let total = 0;
    for (const pool of [...this.pools.values(), ...this.closingPools]) total += connectionsOf(pool);
    return total;
  }

  private async releaseHere(tenantId: string, reason: string): Promise<void> {
    const pool = this.pools.get(tenantId);
    if (pool) await this.close(tenantId, pool, reason);
  }

  private endLease(pool: LivePool): void {
    pool.leases -= 1;
    pool.lastUsedAt = Date.now();
    if (pool.leases === 0) pool.drained?.();
    this.notifyCapacity();
  }

  private async lease(tenantId: string): Promise<LivePool> {
    const deadline = Date.now() + this.config.tenantDatabases.acquireTimeoutMs;
    for (;;) {
      const existing = this.pools.get(tenantId);
      if (existing) return this.join(tenantId, existing);
      this.assertNotBackingOff(tenantId);
      if (this.hasCapacity() || this.evictLeastRecentlyUsed())
        return this.join(tenantId, this.open(tenantId));
      await this.waitForCapacity(deadline);
    }
  }

  private async join(tenantId: string, pool: LivePool): Promise<LivePool> {
    pool.leases += 1;
    // Re-inserting keeps the Map in least-recently-used-first order.
    this.pools.delete(tenantId);
    this.pools.set(tenantId, pool);
    try {
      pool.dataSource = await pool.ready;
      return pool;
    } catch (error) {
      this.endLease(pool);
      throw error;
    }
  }

  private open(tenantId: string): LivePool {
    const pool: LivePool = { ready: this.initialize(tenantId), leases: 0, lastUsedAt: Date.now() };
    this.pools.set(tenantId, pool);
    this.updateGauges();
    pool.ready.catch(() => {
      if (this.pools.get(tenantId) === pool) this.pools.delete(tenantId);
      this.updateGauges();
      this.notifyCapacity();
    });
    return pool;
  }

  private async initialize(tenantId: string): Promise<DataSource> {
    const stopTimer = this.metrics.coldStart.startTimer();
    const tenant = await this.registry.findById(tenantId);
    if (!tenant) throw new TenantNotFoundError(tenantId);
    const { poolSize } = this.config.tenantDatabases;
    let dataSource: DataSource;
    try {
      // A host taken out of TENANT_DB_HOSTS while tenants live on it is this instance's problem
      // (a 503 for the tenant's users, named in the log), not the caller's.
      const url = this.hosts.databaseUrl(tenant.hostKey, tenant.databaseName);
      dataSource = new DataSource({
        ...postgresDataSourceOptions(this.config, { url, poolSize, applicationName: 'finrecon-tenant' }),
      });
      await dataSource.initialize();
    } catch (error) {
      this.recordFailure(tenantId, error);
      throw new TenantDatabaseUnavailableError('could not connect');
    }
    this.failures.delete(tenantId);
    stopTimer();
    return dataSource;
  }

  private recordFailure(tenantId: string, error: unknown): void {
    const attempts = (this.failures.get(tenantId)?.attempts ?? 0) + 1;
    const pauseMs = Math.min(250 * 2 ** (attempts - 1), MAX_BACKOFF_MS);
    this.failures.set(tenantId, { attempts, retryAt: Date.now() + pauseMs });
    const reason = error instanceof Error ? error.message : String(error);
    this.logger.warn({ tenantId, attempts, pauseMs, reason }, 'tenant database connection failed');
  }

  private assertNotBackingOff(tenantId: string): void {
    const failure = this.failures.get(tenantId);
    if (failure && Date.now() < failure.retryAt) {
      throw new TenantDatabaseUnavailableError('connection failed recently; retrying shortly');
    }
  }

  private hasCapacity(): boolean {
    return this.pools.size + this.closingPools.size < this.config.tenantDatabases.maxLive;
  }

  private evictLeastRecentlyUsed(): boolean {
    for (const [tenantId, pool] of this.pools) {
      if (pool.leases === 0 && pool.dataSource) {
        void this.close(tenantId, pool, 'capacity');
        return this.hasCapacity();
      }
    }
    return false;
  }

  private closeIdle(): void {
    const idleSince = Date.now() - this.config.tenantDatabases.idleTtlMs;
    for (const [tenantId, pool] of this.pools) {
      if (pool.leases === 0 && pool.dataSource && pool.lastUsedAt < idleSince)
        void this.close(tenantId, pool, 'idle');
    }
  }

  /**
   * Takes the pool out of the LRU at once (no new leases), waits for the leases it has to end, then
   * destroys it. It counts against the budget until its connections are really gone.
   */
  private async close(tenantId: string, pool: LivePool, reason: string): Promise<void> {
    if (this.pools.get(tenantId) !== pool) return;
    this.pools.delete(tenantId);
    this.closingPools.add(pool);
    this.metrics.evictions.inc({ reason });
    this.updateGauges();
    try {
      if (pool.leases > 0) {
        await new Promise<void>((resolve) => (pool.drained = resolve));
      }
      const dataSource = await pool.ready.catch(() => undefined);
      if (dataSource?.isInitialized) await dataSource.destroy();
    } catch (error) {
      const failure = error instanceof Error ? error.message : String(error);
      this.logger.warn({ tenantId, reason: failure }, 'closing a tenant pool failed');
    } finally {
      this.closingPools.delete(pool);
      this.updateGauges();
      this.notifyCapacity();
    }
  }

  private waitForCapacity(deadline: number): Promise<void> {
    const remaining = deadline - Date.now();
    if (remaining <= 0) {
      return Promise.reject(new TenantDatabaseUnavailableError('the tenant connection budget is exhausted'));
    }
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        this.capacityWaiters.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, remaining);
      this.capacityWaiters.add(wake);
    });
  }

  private notifyCapacity(): void {
    for (const wake of [...this.capacityWaiters]) wake();
  }

  private updateGauges(): void {
    this.metrics.livePools.set(this.pools.size);
    this.metrics.connectionCeiling.set(
      (this.pools.size + this.closingPools.size) * this.config.tenantDatabases.poolSize,
    );
  }
}

/** node-postgres' own count of the pool's clients (idle and checked out). */
function connectionsOf(pool: LivePool): number {
  const driver = pool.dataSource?.isInitialized ? pool.dataSource.driver : undefined;
  const master = (driver as { master?: { totalCount?: number } } | undefined)?.master;
  return master?.totalCount ?? 0;
}
