import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AuditActor, AuditTrail } from '../../../platform/audit/audit-trail';
import { chooseTenantHost } from '../domain/host-placement';
import { Tenant, databaseNameFor } from '../domain/tenant';
import { TenantSlugTakenError } from '../domain/tenant-errors';
import { parseTenantSlug } from '../domain/tenant-slug';
import { TenantDatabaseServer } from './ports/tenant-database-server';
import { TenantRegistry } from './ports/tenant-registry';
import { TenantLifecycle } from './tenant-lifecycle';

/** Per-tenant backup (pg_dump custom format) and restore into a newly provisioned tenant. */
@Injectable()
export class TenantBackups {
  constructor(
    private readonly registry: TenantRegistry,
    private readonly server: TenantDatabaseServer,
    private readonly lifecycle: TenantLifecycle,
    private readonly audit: AuditTrail,
  ) {}

  async backup(reference: string, file: string, actor: AuditActor): Promise<Tenant> {
    const tenant = await this.lifecycle.find(reference);
    await this.server.dump(tenant.hostKey, tenant.databaseName, file);
    await this.record('tenant.backed_up', tenant, actor);
    return tenant;
  }

  /**
   * A restore never overwrites a live tenant: it creates a new tenant (new id, new database) and
   * loads the archive into it, then applies any migrations newer than the backup.
   */
  async restore(file: string, newSlug: string, actor: AuditActor, hostKey?: string): Promise<Tenant> {
    const slug = parseTenantSlug(newSlug);
    const id = randomUUID();
    const placement = chooseTenantHost(this.server.hostKeys(), await this.registry.countByHost(), hostKey);
    const { tenant, created } = await this.registry.insertOrGetBySlug({
      id,
      slug,
      displayName: slug,
      databaseName: databaseNameFor(id),
      hostKey: placement,
    });
    if (!created) throw new TenantSlugTakenError(slug);
    try {
      await this.server.createEmpty(tenant.hostKey, tenant.databaseName);
      await this.server.restore(tenant.hostKey, tenant.databaseName, file);
      const { schemaVersion } = await this.server.migrate(tenant.hostKey, tenant.databaseName);
      await this.registry.recordSchemaVersion(tenant.id, schemaVersion);
      const active = await this.registry.updateStatus(tenant.id, 'active');
      await this.record('tenant.restored', active, actor);
      return active;
    } catch (error) {
      await this.registry.updateStatus(
        tenant.id,
        'failed',
        error instanceof Error ? error.message.slice(0, 500) : 'restore failed',
      );
      throw error;
    }
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
