import type { ListPage } from '../../../platform/pagination/list-page';
import { Injectable } from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';
import { Client } from 'pg';
import { AppConfig } from '../../../platform/config/app-config';
import { ControlPlaneDatabase } from '../../../platform/database/control-plane-database';
import { advisoryLockKey } from '../../../platform/database/migration-lock';
import { queryRows } from '../../../platform/database/query-rows';
import { NewTenant, TenantRegistry } from '../application/ports/tenant-registry';
import type { Tenant, TenantStatus } from '../domain/tenant';
import { TenantBusyError, TenantNotFoundError } from '../domain/tenant-errors';
import { TENANT_COLUMNS, TenantRow, toTenant } from './tenant-row.mapper';
import { isTenantIdShape } from '../domain/tenant-slug';

const PLACEMENT_LOCK = advisoryLockKey('finrecon:tenant-placement');
const LOCK_SESSION_KEEPALIVE_MS = 30_000;
/** PostgreSQL's lock_not_available: the lock wait passed lock_timeout. */
const LOCK_WAIT_EXCEEDED = '55P03';

@Injectable()
export class PostgresTenantRegistry extends TenantRegistry {
  constructor(
    private readonly controlPlane: ControlPlaneDatabase,
    private readonly config: AppConfig,
    private readonly logger: PinoLogger,
  ) {
    super();
    this.logger.setContext(PostgresTenantRegistry.name);
  }

  async insertOrGetBySlug(tenant: NewTenant): Promise<{ tenant: Tenant; created: boolean }> {
    const inserted = await this.rows(
      `INSERT INTO tenants (id, slug, display_name, status, database_name, host_key)
       VALUES ($1, $2, $3, 'provisioning', $4, $5)
       ON CONFLICT (slug) DO NOTHING
       RETURNING ${TENANT_COLUMNS}`,
      [tenant.id, tenant.slug, tenant.displayName, tenant.databaseName, tenant.hostKey],
    );
    if (inserted.length > 0) return { tenant: toTenant(inserted[0]), created: true };
    const existing = await this.findBySlug(tenant.slug);
    if (!existing) throw new TenantNotFoundError(tenant.slug);
    return { tenant: existing, created: false };
  }

  async placeAndInsertOrGetBySlug(
    tenant: Omit<NewTenant, 'hostKey'>,
    chooseHost: (tenantsPerHost: Map<string, number>) => string,
  ): Promise<{ tenant: Tenant; created: boolean }> {
    return this.controlPlane.dataSource.transaction(async (manager) => {
      // Held until commit: the next placement counts this tenant's row.
      await manager.query('SELECT pg_advisory_xact_lock($1)', [PLACEMENT_LOCK]);
      const existing = await queryRows<TenantRow>(
        manager,
        `SELECT ${TENANT_COLUMNS} FROM tenants WHERE slug = $1`,
        [tenant.slug],
      );
      if (existing.length > 0) return { tenant: toTenant(existing[0]), created: false };
      const counts: { host_key: string; tenants: string }[] = await manager.query(
        'SELECT host_key, count(*) AS tenants FROM tenants GROUP BY host_key',
      );
      const hostKey = chooseHost(new Map(counts.map((row) => [row.host_key, Number(row.tenants)])));
      const inserted = await queryRows<TenantRow>(
        manager,
        `INSERT INTO tenants (id, slug, display_name, status, database_name, host_key)
         VALUES ($1, $2, $3, 'provisioning', $4, $5)
         ON CONFLICT (slug) DO NOTHING
         RETURNING ${TENANT_COLUMNS}`,
        [tenant.id, tenant.slug, tenant.displayName, tenant.databaseName, hostKey],
      );
      if (inserted.length > 0) return { tenant: toTenant(inserted[0]), created: true };
      // Only an insert that bypassed the placement lock can get here.
      const winner = await queryRows<TenantRow>(
        manager,
        `SELECT ${TENANT_COLUMNS} FROM tenants WHERE slug = $1`,
        [tenant.slug],
      );
      return { tenant: toTenant(winner[0]), created: false };
    });
  }

  async findById(id: string): Promise<Tenant | null> {
    if (!isTenantIdShape(id)) return null;
    const rows = await this.rows(`SELECT ${TENANT_COLUMNS} FROM tenants WHERE id = $1`, [id]);
    return rows.length ? toTenant(rows[0]) : null;
  }

  async findBySlug(slug: string): Promise<Tenant | null> {
    const rows = await this.rows(`SELECT ${TENANT_COLUMNS} FROM tenants WHERE slug = $1`, [slug]);
    return rows.length ? toTenant(rows[0]) : null;
  }

  async list(page?: ListPage): Promise<Tenant[]> {
    const ordered = `SELECT ${TENANT_COLUMNS} FROM tenants ORDER BY slug COLLATE "C"`;
    const rows = page
      ? await this.rows(`${ordered} LIMIT $1 OFFSET $2`, [page.limit, page.offset])
      : await this.rows(ordered, []);
    return rows.map(toTenant);
  }

  async countByHost(): Promise<Map<string, number>> {
    const rows: { host_key: string; tenants: string }[] = await this.controlPlane.dataSource.query(
      'SELECT host_key, count(*) AS tenants FROM tenants GROUP BY host_key',
    );
    return new Map(rows.map((row) => [row.host_key, Number(row.tenants)]));
  }

  async updateStatus(id: string, status: TenantStatus, failureReason: string | null = null): Promise<Tenant> {
    const rows = await this.rows(
      `UPDATE tenants SET status = $2, failure_reason = $3, updated_at = now()
       WHERE id = $1 RETURNING ${TENANT_COLUMNS}`,
      [id, status, failureReason],
    );
    if (!rows.length) throw new TenantNotFoundError(id);
    return toTenant(rows[0]);
  }

  async changeStatus(id: string, from: TenantStatus, to: TenantStatus): Promise<Tenant | null> {
    const rows = await this.rows(
      `UPDATE tenants SET status = $3, failure_reason = NULL, updated_at = now()
       WHERE id = $1 AND status = $2 RETURNING ${TENANT_COLUMNS}`,
      [id, from, to],
    );
    return rows.length ? toTenant(rows[0]) : null;
  }

  async recordSchemaVersion(id: string, schemaVersion: number): Promise<void> {
    await this.controlPlane.dataSource.query(
      'UPDATE tenants SET schema_version = $2, updated_at = now() WHERE id = $1',
      [id, schemaVersion],
    );
  }

  async remove(id: string): Promise<void> {
    await this.controlPlane.dataSource.query('DELETE FROM tenants WHERE id = $1', [id]);
  }

  /**
   * The lock is held on a session of its own, outside the control-plane pool: the work needs pool
   * connections itself, and callers waiting for the lock must not hold pool connections while they
   * wait, or a handful of them for one tenant would exhaust the pool. The wait is bounded
   * (TENANT_LOCK_WAIT_MS): a delete or a migration behind a restore of many minutes answers
   * TENANT.BUSY rather than outliving its request and running after the caller was told it failed.
   */
  async exclusively<T>(tenantId: string, work: () => Promise<T>): Promise<T> {
    const key = advisoryLockKey(`finrecon:tenant:${tenantId}`);
    const client = new Client({
      connectionString: this.config.database.url,
      ssl: this.config.postgresSsl(),
      application_name: 'finrecon-tenant-lock',
      connectionTimeoutMillis: 5_000,
      // The session idles while the work runs on other connections: keep-alives from the first
      // half-minute keep a firewall or proxy from dropping it (the OS default waits two hours).
      keepAlive: true,
      keepAliveInitialDelayMillis: LOCK_SESSION_KEEPALIVE_MS,
    });
    // Without a listener a dropped session would crash the process; the lock ends with it.
    client.on('error', (error) =>
      this.logger.error(
        { tenantId, reason: error.message },
        'tenant lock session lost: the operation under way is no longer exclusive',
      ),
    );
    try {
      await client.connect();
      await takeWithin(client, key, this.config.tenantDatabases.lockWaitMs);
      return await work();
    } finally {
      // Ending the session releases the lock (PostgreSQL drops a session's advisory locks).
      await client.end().catch(() => undefined);
    }
  }

  private rows(sql: string, parameters: unknown[]): Promise<TenantRow[]> {
    return queryRows<TenantRow>(this.controlPlane.dataSource, sql, parameters);
  }
}

async function takeWithin(client: Client, key: string, waitMs: number): Promise<void> {
  // The wait is bounded by lock_timeout alone: a role's statement_timeout would end it as an error.
  // The server probes the idle session too, as the client does.
  await client.query(
    `SELECT set_config('lock_timeout', $1, false), set_config('statement_timeout', '0', false),
            set_config('tcp_keepalives_idle', '30', false)`,
    [`${waitMs}ms`],
  );
  // A server-wide idle_session_timeout (PostgreSQL 14+) would end this idle session, and with it
  // the lock, in the middle of a long restore.
  await client.query(
    "SELECT set_config('idle_session_timeout', '0', false) WHERE current_setting('server_version_num')::int >= 140000",
  );
  try {
    await client.query('SELECT pg_advisory_lock($1)', [key]);
  } catch (error) {
    if ((error as { code?: unknown }).code === LOCK_WAIT_EXCEEDED) throw new TenantBusyError();
    throw error;
  }
}
