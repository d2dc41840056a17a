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

/** Audit events of this module, stamped with the request's id and address. Never secrets. */
@Injectable()
export class AuthAudit {
  constructor(
    private readonly trail: AuditTrail,
    private readonly tenants: TenantDirectory,
  ) {}

  async record(event: AuthEvent, meta: RequestMeta): Promise<void> {
    await this.trail.record({ ...event, requestId: meta.requestId, ip: meta.ip });
  }

  /**
   * An event of a session whose tenant may no longer be active (a replayed refresh token, a
   * logout): while the tenant is not active it goes to the platform's log, naming the tenant and its
   * status, as the tenant gate's denials do, so a suspended or deleted tenant's database is not
   * reopened (nor its pool) for it.
   */
  async recordOfSession(event: AuthEvent, meta: RequestMeta): Promise<void> {
    const tenantId = event.tenantId;
    const tenant = tenantId === null ? null : await this.tenants.findById(tenantId);
    if (tenantId === null || tenant?.status === 'active') return this.record(event, meta);
    const details = { ...event.details, credentialTenant: tenantId, status: tenant?.status ?? 'gone' };
    return this.record({ ...event, tenantId: null, details }, meta);
  }
}
