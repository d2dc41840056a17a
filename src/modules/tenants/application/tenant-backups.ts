import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AuditActor, AuditTrail } from '../../../platform/audit/audit-trail';
import { chooseTenantHost } from '../domain/host-placement';
import { Tenant, databaseNameFor } from '../domain/tenant';
import {
  BackupFileExistsError,
  TenantNotActiveError,
  TenantNotFoundError,
  TenantSlugTakenError,
} from '../domain/tenant-errors';
import { parseTenantSlug } from '../domain/tenant-slug';
import { TenantBackupFiles } from './ports/tenant-backup-files';
import { TenantDatabaseServer } from './ports/tenant-database-server';
import { TenantRegistry } from './ports/tenant-registry';
import { TenantLifecycle } from './tenant-lifecycle';
import { tenantAuditEvent } from './tenant-audit-event';

export interface TenantBackupResult {
  tenant: Tenant;
  /** The bare file name (in the backups directory) when we named it; the path otherwise. */
  file: string;
  path: string;
  sizeBytes: number;
}

/** Per-tenant backup (pg_dump custom format) and restore into a newly provisioned tenant. */
@Injectable()
export class TenantBackups {
  constructor(
    private readonly registry: TenantRegistry,
    private readonly server: TenantDatabaseServer,
    private readonly lifecycle: TenantLifecycle,
    private readonly files: TenantBackupFiles,
    private readonly audit: AuditTrail,
  ) {}

  /**
   * Writes the archive into the backups directory under a name we generate, or (operators on the
   * CLI only) to the path given.
   */
  async backup(reference: string, actor: AuditActor, outPath?: string): Promise<TenantBackupResult> {
    const tenant = await this.lifecycle.find(reference);
    // Only a complete database: a provisioning, failed or deleting tenant may have none, or half of one.
    if (tenant.status !== 'active' && tenant.status !== 'suspended')
      throw new TenantNotActiveError(tenant.status, 'back up');
    const target = outPath ? { name: outPath, path: outPath } : await this.files.allocate(tenant.slug);
    await this.files.assertFree(target.path);
    const inProgress = this.files.inProgressPath(target.path);
    try {
      await this.server.dump(tenant.hostKey, tenant.databaseName, inProgress);
    } catch (error) {
      // A file that took the in-progress name after our check is someone else's: it stays.
      if (!(error instanceof BackupFileExistsError)) await this.files.discard(inProgress);
      throw await this.statusChangedMeanwhile(tenant, 'back up', error);
    }
    try {
      await this.files.publish(inProgress, target.path);
    } catch (error) {
      await this.files.discard(inProgress);
      throw error;
    }
    const sizeBytes = await this.files.sizeOf(target.path);
    await this.audit.record(
      tenantAuditEvent('tenant.backed_up', tenant, actor, { file: target.name, sizeBytes }),
    );
    return { tenant, file: target.name, path: target.path, sizeBytes };
  }

  /**
   * A dump runs outside the tenant lock (it must not hold off a suspension or a migration for its
   * length): a delete that dropped the database under it is a conflict to report, not our failure.
   */
  private async statusChangedMeanwhile(tenant: Tenant, action: string, error: unknown): Promise<unknown> {
    const current = await this.registry.findById(tenant.id).catch(() => undefined);
    if (current === null) return new TenantNotFoundError(tenant.slug);
    if (current && current.status !== 'active' && current.status !== 'suspended')
      return new TenantNotActiveError(current.status, action);
    return error;
  }

  /** Restores a backup of the backups directory, named by its bare file name (the API's way). */
  async restoreNamed(name: string, newSlug: string, actor: AuditActor, hostKey?: string): Promise<Tenant> {
    const slug = parseTenantSlug(newSlug);
    const file = await this.files.locate(name);
    return this.restore(file.path, slug, actor, hostKey);
  }

  /**
   * A restore never overwrites a live tenant: it creates a new tenant (new id, new database) and
   * loads the archive into it, then applies any migrations newer than the backup. A restore that
   * failed (or crashed) leaves its tenant `failed` (or `provisioning`); restoring again with the
   * same slug drops what the failed attempt left and restores into that tenant, so the slug is
   * never blocked for good.
   */
  async restore(path: string, newSlug: string, actor: AuditActor, hostKey?: string): Promise<Tenant> {
    const slug = parseTenantSlug(newSlug);
    const id = randomUUID();
    const { tenant, created } = await this.registry.placeAndInsertOrGetBySlug(
      { id, slug, displayName: slug, databaseName: databaseNameFor(id) },
      (tenantsPerHost) => chooseTenantHost(this.server.hostKeys(), tenantsPerHost, hostKey),
    );
    const restored = await this.registry.exclusively(tenant.id, async () => {
      // Re-read under the lock: a concurrent provisioning or restore of this slug may have finished
      // meanwhile, even into the row this call inserted; what it made live is never replaced.
      const current = await this.registry.findById(tenant.id);
      if (!current) throw new TenantNotFoundError(slug);
      const retryable = current.status === 'failed' || current.status === 'provisioning';
      if (!retryable) throw new TenantSlugTakenError(slug);
      return this.restoreInto(current, path);
    });
    await this.audit.record(tenantAuditEvent('tenant.restored', restored, actor, { retried: !created }));
    return restored;
  }

  private async restoreInto(tenant: Tenant, path: string): Promise<Tenant> {
    try {
      // Whatever an earlier failed attempt left (a partly loaded database) goes first.
      await this.server.drop(tenant.hostKey, tenant.databaseName);
      await this.server.createEmpty(tenant.hostKey, tenant.databaseName);
      await this.server.restore(tenant.hostKey, tenant.databaseName, path);
      const { schemaVersion } = await this.server.migrate(tenant.hostKey, tenant.databaseName);
      await this.registry.recordSchemaVersion(tenant.id, schemaVersion);
      return await this.registry.updateStatus(tenant.id, 'active');
    } catch (error) {
      await this.emptyAfterFailure(tenant);
      await this.registry.updateStatus(
        tenant.id,
        'failed',
        error instanceof Error ? error.message.slice(0, 500) : 'restore failed',
      );
      throw error;
    }
  }

  /**
   * What a failed restore loaded does not stay: an archive of another database (the control plane,
   * with its password hashes) may have loaded whole before the migrations failed on it. The empty
   * database is what a retry starts from; when even that fails, the retry drops what is left.
   */
  private async emptyAfterFailure(tenant: Tenant): Promise<void> {
    try {
      await this.server.drop(tenant.hostKey, tenant.databaseName);
      await this.server.createEmpty(tenant.hostKey, tenant.databaseName);
    } catch {
      // The restore's own error is the one to report.
    }
  }
}
