import { TenantDatabases } from '../../src/modules/tenants/application/ports/tenant-databases';
import { ControlPlaneDatabase } from '../../src/platform/database/control-plane-database';
import type { AuthTestWorld } from './auth-fixtures';

export interface AuditRow {
  action: string;
  outcome: string;
  actor_type: string;
  actor_id: string | null;
  target_type: string | null;
  target_id: string | null;
  details: Record<string, unknown>;
}

const COLUMNS = 'action, outcome, actor_type, actor_id, target_type, target_id, details';

/** Reads audit events back from where the app wrote them. */
export class PlatformAuditEvents {
  constructor(private readonly world: AuthTestWorld) {}

  tenantEvents(tenantId: string, action: string): Promise<AuditRow[]> {
    return this.world
      .get(TenantDatabases)
      .withDataSource(tenantId, (dataSource) =>
        dataSource.query(`SELECT ${COLUMNS} FROM audit_events WHERE action = $1 ORDER BY id`, [action]),
      );
  }

  platformEvents(action: string, targetId: string): Promise<AuditRow[]> {
    return this.world
      .get(ControlPlaneDatabase)
      .dataSource.query(
        `SELECT ${COLUMNS} FROM platform_audit_events WHERE action = $1 AND target_id = $2 ORDER BY id`,
        [action, targetId],
      );
  }

  /** Tenant events of one action on one target (user, session, key). */
  async tenantEventsOn(tenantId: string, action: string, targetId: string): Promise<AuditRow[]> {
    return (await this.tenantEvents(tenantId, action)).filter((row) => row.target_id === targetId);
  }

  /** Platform events of one action whose details contain `details` (jsonb containment). */
  platformEventsWith(action: string, details: Record<string, unknown>): Promise<AuditRow[]> {
    return this.world
      .get(ControlPlaneDatabase)
      .dataSource.query(
        `SELECT ${COLUMNS} FROM platform_audit_events WHERE action = $1 AND details @> $2::jsonb ORDER BY id`,
        [action, JSON.stringify(details)],
      );
  }

  /** Platform events that name `id` as actor or target: none may exist for a tenant's own events. */
  platformEventsNaming(id: string): Promise<AuditRow[]> {
    return this.world
      .get(ControlPlaneDatabase)
      .dataSource.query(
        `SELECT ${COLUMNS} FROM platform_audit_events WHERE actor_id = $1 OR target_id = $1 ORDER BY id`,
        [id],
      );
  }
}
