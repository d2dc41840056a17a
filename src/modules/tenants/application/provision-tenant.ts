import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { PinoLogger } from 'nestjs-pino';
import { AuditActor, AuditTrail } from '../../../platform/audit/audit-trail';
import { chooseTenantHost } from '../domain/host-placement';
import { Tenant, databaseNameFor } from '../domain/tenant';
import { TenantNotActiveError, TenantNotFoundError, TenantSlugTakenError } from '../domain/tenant-errors';
import { tenantDisplayName } from '../domain/tenant-display-name';
import { parseTenantSlug } from '../domain/tenant-slug';
import { TenantDatabaseServer } from './ports/tenant-database-server';
import { TenantRegistry } from './ports/tenant-registry';
import { tenantAuditEvent } from './tenant-audit-event';

export interface ProvisionTenantCommand {
  slug: string;
  displayName: string;
  /** Place the database on this server (`host:port`) instead of the least loaded one. */
  hostKey?: string;
  /** Build the database by running every migration instead of copying the template (benchmark). */
  plainMigrations?: boolean;
  actor?: AuditActor;
}

export interface ProvisionTenantResult {
  tenant: Tenant;
  /** False when the slug already existed and this call completed or returned that tenant. */
  created: boolean;
}

/**
 * Registry row first (`provisioning`), then the database, then its migrations, then `active`.
 * Every step is idempotent, so a retry after a crash at any point completes the same tenant, and
 * concurrent calls for one slug meet on the unique slug and yield one tenant.
 */
@Injectable()
export class ProvisionTenant {
  constructor(
    private readonly registry: TenantRegistry,
    private readonly server: TenantDatabaseServer,
    private readonly audit: AuditTrail,
    private readonly logger: PinoLogger,
  ) {
    this.logger.setContext(ProvisionTenant.name);
  }

  async execute(command: ProvisionTenantCommand): Promise<ProvisionTenantResult> {
    const slug = parseTenantSlug(command.slug);
    const id = randomUUID();
    const displayName = tenantDisplayName(command.displayName) || slug;
    const { tenant, created } = await this.registry.placeAndInsertOrGetBySlug(
      { id, slug, displayName, databaseName: databaseNameFor(id) },
      (tenantsPerHost) => chooseTenantHost(this.server.hostKeys(), tenantsPerHost, command.hostKey),
    );
    // A repeat (a retry) names the tenant as the first call did; another name is another tenant, and
    // a server other than the one it is on is not where the caller will find it.
    if (!created && tenant.displayName !== displayName) throw new TenantSlugTakenError(slug);
    if (!created && command.hostKey !== undefined && command.hostKey !== tenant.hostKey)
      throw new TenantSlugTakenError(slug, tenant.hostKey);
    const { active, provisionedHere } = await this.registry.exclusively(tenant.id, async () => {
      // Re-read under the lock: a concurrent call may have finished (or failed) meanwhile, or a
      // concurrent delete removed the tenant, whose database must then not be created again.
      const current = await this.registry.findById(tenant.id);
      if (!current) throw new TenantNotFoundError(slug);
      if (current.status === 'active') return { active: current, provisionedHere: false };
      if (current.status !== 'provisioning' && current.status !== 'failed') {
        throw new TenantNotActiveError(current.status, 'provision');
      }
      const completed = await this.completeProvisioning(current, command.plainMigrations ?? false);
      return { active: completed, provisionedHere: true };
    });
    // Audited by the call that made the tenant live, which after a failure is a later one.
    if (!provisionedHere) return { tenant: active, created };
    await this.audit.record(
      tenantAuditEvent('tenant.provisioned', active, command.actor ?? { type: 'system' }, {
        hostKey: active.hostKey,
      }),
    );
    return { tenant: active, created };
  }

  private async completeProvisioning(tenant: Tenant, plainMigrations: boolean): Promise<Tenant> {
    try {
      if (plainMigrations) await this.server.createEmpty(tenant.hostKey, tenant.databaseName);
      else await this.server.createFromTemplate(tenant.hostKey, tenant.databaseName);
      const { schemaVersion } = await this.server.migrate(tenant.hostKey, tenant.databaseName);
      await this.registry.recordSchemaVersion(tenant.id, schemaVersion);
      return await this.registry.updateStatus(tenant.id, 'active');
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      this.logger.error({ tenantId: tenant.id, reason }, 'tenant provisioning failed');
      await this.registry.updateStatus(tenant.id, 'failed', reason.slice(0, 500));
      throw error;
    }
  }
}
