import { Injectable } from '@nestjs/common';
import { AuditActor, AuditTrail } from '../../../platform/audit/audit-trail';
import type { Tenant } from '../domain/tenant';
import { TenantNotActiveError, TenantNotFoundError } from '../domain/tenant-errors';
import { TenantDatabaseServer } from './ports/tenant-database-server';
import { TenantDatabases } from './ports/tenant-databases';
import { TenantRegistry } from './ports/tenant-registry';
import { TenantSessions } from './ports/tenant-sessions';

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

  async find(reference: string): Promise<Tenant> {
    const tenant = (await this.registry.findById(reference)) ?? (await this.registry.findBySlug(reference));
    if (!tenant) throw new TenantNotFoundError(reference);
    return tenant;
  }

  /**
   * Refuses service at once: the gate checks status on every request, and sessions are revoked.
   * The suspension is audited when the status flips; suspending a suspended tenant revokes and
   * releases again (both idempotent), so a retry after a failed revocation (Redis down) finishes.
   */
  async suspend(reference: string, actor: AuditActor): Promise<Tenant> {
    let tenant = await this.find(reference);
    if (tenant.status === 'active') {
      tenant = await this.registry.updateStatus(tenant.id, 'suspended');
      await this.record('tenant.suspended', tenant, actor);
    }
    if (tenant.status !== 'suspended') throw new TenantNotActiveError(tenant.status, 'suspend');
    await this.sessions.revokeTenant(tenant.id);
    await this.databases.release(tenant.id);
    return tenant;
  }

  async resume(reference: string, actor: AuditActor): Promise<Tenant> {
    const tenant = await this.find(reference);
    if (tenant.status === 'active') return tenant;
    if (tenant.status !== 'suspended') throw new TenantNotActiveError(tenant.status, 'resume');
    const active = await this.registry.updateStatus(tenant.id, 'active');
    await this.record('tenant.resumed', active, actor);
    return active;
  }

  /**
   * Marks the tenant `deleting` (so nothing serves it), ends its sessions and pools, drops its
   * database, then removes the registry row. A crash midway leaves `deleting`; a retry finishes.
   */
  async delete(reference: string, actor: AuditActor): Promise<void> {
    const tenant = await this.find(reference);
    await this.registry.exclusively(tenant.id, async () => {
      await this.registry.updateStatus(tenant.id, 'deleting');
      await this.sessions.revokeTenant(tenant.id);
      await this.databases.release(tenant.id);
      await this.server.drop(tenant.hostKey, tenant.databaseName);
      await this.registry.remove(tenant.id);
    });
    await this.record('tenant.deleted', tenant, actor);
  }

  private record(action: string, tenant: Tenant, actor: AuditActor): Promise<void> {
    return this.audit.record({
      action,
      outcome: 'success',
      tenantId: null,
      actor,
      target: { type: 'tenant', id: tenant.id },
      details: { slug: tenant.slug },
    });
  }
}
