import type { DataSource } from 'typeorm';

/**
 * Connections to tenant databases: one small pool per live tenant, shared by every request and
 * job of the process, bounded by a global connection budget. `withDataSource` leases the pool for
 * the duration of `work` so it is never closed underneath a running query.
 */
export abstract class TenantDatabases {
  abstract withDataSource<T>(tenantId: string, work: (dataSource: DataSource) => Promise<T>): Promise<T>;
  /** Closes the tenant's pool (tenant suspended, deleted or restored). */
  abstract release(tenantId: string): Promise<void>;
}
