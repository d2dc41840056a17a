import type { AuditActor, AuditEvent } from '../../../platform/audit/audit-trail';
import type { Tenant } from '../domain/tenant';

/** A platform audit event about a tenant (the control plane keeps it), naming the tenant by slug. */
export function tenantAuditEvent(
  action: string,
  tenant: Tenant,
  actor: AuditActor,
  details: Record<string, unknown> = {},
): AuditEvent {
  return {
    action,
    outcome: 'success',
    tenantId: null,
    actor,
    target: { type: 'tenant', id: tenant.id },
    details: { slug: tenant.slug, ...details },
  };
}
