import { Injectable } from '@nestjs/common';
import { AuditEvent, AuditTrail } from '../../../platform/audit/audit-trail';
import { ControlPlaneDatabase } from '../../../platform/database/control-plane-database';
import { TenantDatabases } from '../application/ports/tenant-databases';

/** Tenant events into the tenant's own `audit_events`, platform events into the control plane. */
@Injectable()
export class PostgresAuditTrail extends AuditTrail {
  constructor(
    private readonly controlPlane: ControlPlaneDatabase,
    private readonly tenantDatabases: TenantDatabases,
  ) {
    super();
  }

  async record(event: AuditEvent): Promise<void> {
    const values = [
      event.action,
      event.outcome,
      event.actor.type,
      event.actor.id ?? null,
      event.target?.type ?? null,
      event.target?.id ?? null,
      event.requestId ?? null,
      event.ip ?? null,
      JSON.stringify(event.details ?? {}),
    ];
    if (event.tenantId === null) {
      await this.controlPlane.dataSource.query(
        `INSERT INTO platform_audit_events
           (action, outcome, actor_type, actor_id, target_type, target_id, request_id, ip, details)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        values,
      );
      return;
    }
    await this.tenantDatabases.withDataSource(event.tenantId, (dataSource) =>
      dataSource.query(
        `INSERT INTO audit_events
           (action, outcome, actor_type, actor_id, target_type, target_id, request_id, ip, details)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        values,
      ),
    );
  }
}
