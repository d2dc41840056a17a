export type AuditOutcome = 'success' | 'failure' | 'denied';

export interface AuditActor {
  type: 'user' | 'api_key' | 'system' | 'anonymous';
  id?: string;
}

export interface AuditEvent {
  /** Stable verb, `area.action`: `auth.login`, `tenant.suspended`, `api_key.created`. */
  action: string;
  outcome: AuditOutcome;
  /** The tenant the event belongs to; null for platform events (stored in the control plane). */
  tenantId: string | null;
  actor: AuditActor;
  target?: { type: string; id: string };
  requestId?: string;
  ip?: string;
  /** Facts only: never passwords, tokens, keys or file contents. */
  details?: Record<string, unknown>;
}

/**
 * Append-only audit log. Tenant events go to the tenant's own database, platform events to the
 * control plane; neither store allows updates or deletes.
 */
export abstract class AuditTrail {
  abstract record(event: AuditEvent): Promise<void>;
}
