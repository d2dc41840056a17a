import { Injectable } from '@nestjs/common';
import { AuditActor, AuditOutcome, AuditTrail } from '../../../platform/audit/audit-trail';
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
  constructor(private readonly trail: AuditTrail) {}

  record(event: AuthEvent, meta: RequestMeta): Promise<void> {
    return this.trail.record({ ...event, requestId: meta.requestId, ip: meta.ip });
  }
}
