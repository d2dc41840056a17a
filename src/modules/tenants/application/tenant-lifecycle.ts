import { Injectable } from '@nestjs/common';
import { AuditActor, AuditTrail } from '../../../platform/audit/audit-trail';
import { isUnavailable } from '../../../platform/errors/outage';
import type { Tenant } from '../domain/tenant';
import {
  TenantDeleteRefusedError,
  TenantNotActiveError,
  TenantNotFoundError,
  TenantSuspensionUnfinishedError,
} from '../domain/tenant-errors';
import { TenantDatabaseServer } from './ports/tenant-database-server';
import { TenantDatabases } from './ports/tenant-databases';
import { TenantRegistry } from './ports/tenant-registry';
import { TenantSessions } from './ports/tenant-sessions';
import { tenantAuditEvent } from './tenant-audit-event';

/** Suspend, resume and delete: the operator's levers over a tenant after provisioning. */
@Injectable()
export class TenantLifecycle {
  constructor(
    private readonly registry: TenantRegistry,
    private readonly server: TenantDatabaseServer,
    private readonly databases: TenantDatabases,
    private readonly sessions: TenantSessions,
    private readonly audit: AuditTrail,
  ) {}

  /** A tenant by id or slug, as typed in any case (slugs and ids are stored in lower case). */
  async find(reference: string): Promise<Tenant> {
    const tenant = await this.registry.findByReference(reference);
    if (!tenant) throw new TenantNotFoundError(reference);
    return tenant;
  }

  /**
   * Refuses service at once: the gate checks status on every request, and sessions are revoked.
   * The suspension is audited when the status flips; suspending a suspended tenant revokes and
   * releases again (both idempotent), so a retry after a failed revocation (Redis down) finishes.
   * The status changes only from the expected one, so a suspend or resume racing a delete or a
   * restore on another instance can never turn that tenant active again.
   */
  async suspend(reference: string, actor: AuditActor): Promise<Tenant> {
    const tenant = await this.changeStatus(reference, 'active', 'suspended', actor);
    try {
      await this.sessions.revokeTenant(tenant.id);
      await this.databases.release(tenant.id);
    } catch (error) {
      // Only an unavailable service leaves the suspension for a retry to finish; a bug stays a bug.
      if (!isUnavailable(error)) throw error;
      throw new TenantSuspensionUnfinishedError(tenant.slug, error);
    }
    return tenant;
  }

  resume(reference: string, actor: AuditActor): Promise<Tenant> {
    return this.changeStatus(reference, 'suspended', 'active', actor);
  }

  /**
   * Marks the tenant `deleting` (so nothing serves it), ends its sessions and pools, drops its
   * database, then removes the registry row. A crash midway leaves `deleting`; a retry finishes.
   * A tenant whose database server left `TENANT_DB_HOSTS` is refused before anything changes,
   * unless `forgetDatabase` says to remove it and leave the database there (audited as left).
   */
  async delete(
    reference: string,
    actor: AuditActor,
    options: { forgetDatabase?: boolean } = {},
  ): Promise<void> {
    const tenant = await this.find(reference);
    const hostConfigured = this.server.hostKeys().includes(tenant.hostKey);
    if (hostConfigured === Boolean(options.forgetDatabase))
      throw new TenantDeleteRefusedError(tenant.slug, tenant.hostKey, tenant.databaseName, hostConfigured);
    await this.registry.exclusively(tenant.id, async () => {
      // Another instance's delete may have finished while this one waited for the lock.
      if (!(await this.registry.findById(tenant.id))) throw new TenantNotFoundError(tenant.slug);
      await this.registry.updateStatus(tenant.id, 'deleting');
      await this.sessions.revokeTenant(tenant.id);
      await this.databases.release(tenant.id);
      if (hostConfigured) await this.server.drop(tenant.hostKey, tenant.databaseName);
      await this.registry.remove(tenant.id);
    });
    const left = hostConfigured
      ? {}
      : { databaseLeft: { hostKey: tenant.hostKey, databaseName: tenant.databaseName } };
    await this.audit.record(tenantAuditEvent('tenant.deleted', tenant, actor, left));
  }

  /**
   * `from` to `to` in one conditional statement, audited when it flips; already `to` is fine. No
   * lock: a suspension must take effect at once, not wait behind a migration or a restore, and
   * the condition alone keeps a resume racing a delete from making a `deleting` tenant active.
   */
  private async changeStatus(
    reference: string,
    from: 'active' | 'suspended',
    to: 'active' | 'suspended',
    actor: AuditActor,
  ): Promise<Tenant> {
    const found = await this.find(reference);
    const changed = await this.registry.changeStatus(found.id, from, to);
    if (changed) {
      await this.audit.record(
        tenantAuditEvent(to === 'suspended' ? 'tenant.suspended' : 'tenant.resumed', changed, actor),
      );
      return changed;
    }
    const current = await this.registry.findById(found.id);
    if (!current) throw new TenantNotFoundError(found.slug);
    if (current.status !== to) {
      throw new TenantNotActiveError(current.status, to === 'suspended' ? 'suspend' : 'resume');
    }
    return current;
  }
}
