import { Injectable } from '@nestjs/common';
import { AuditActor, AuditOutcome, AuditTrail } from '../../../platform/audit/audit-trail';
import { TenantDirectory } from './ports/tenant-directory';
import type { RequestMeta } from './request-meta';

export interface AuthEvent {
  action: string;
  outcome: AuditOutcome;
  tenantId: string | null;
  actor: AuditActor;
  target?: { type: string; id: string };
  details?: Record<string, unknown>;
}

/**
 * Audit events of this module, stamped with the request's id and address. Never secrets. An event
 * of a tenant that is not active (a replayed refresh token or a logout of a suspended tenant's
 * session) goes to the platform's log, naming the tenant and its status, as the tenant gate's
 * denials do: a suspended or deleted tenant's database is not reopened (nor its pool) for it.
 */
@Injectable()
export class AuthAudit {
  constructor(
    private readonly trail: AuditTrail,
    private readonly tenants: TenantDirectory,
  ) {}

  async record(event: AuthEvent, meta: RequestMeta): Promise<void> {
    const routed = event.tenantId === null ? event : await this.routed(event, event.tenantId);
    await this.trail.record({ ...routed, requestId: meta.requestId, ip: meta.ip });
  }

  private async routed(event: AuthEvent, tenantId: string): Promise<AuthEvent> {
    const tenant = await this.tenants.findById(tenantId);
    if (tenant?.status === 'active') return event;
    return {
      ...event,
      tenantId: null,
      details: { ...event.details, credentialTenant: tenantId, status: tenant?.status ?? 'gone' },
    };
  }
}
