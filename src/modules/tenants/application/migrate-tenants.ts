import { Injectable } from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';
import { DomainError } from '../../../platform/errors/domain-error';
import { OUTAGE_CODE, isOutage } from '../../../platform/errors/outage';
import type { Tenant } from '../domain/tenant';
import { BaselineRevertError, TenantNotActiveError, TenantNotFoundError } from '../domain/tenant-errors';
import { tenantReferenceKey } from '../domain/tenant-slug';
import { TenantDatabaseServer } from './ports/tenant-database-server';
import { TenantRegistry } from './ports/tenant-registry';
import { TenantSchema } from './ports/tenant-schema';

export interface TenantMigrationOutcome {
  slug: string;
  status: 'ok' | 'failed' | 'skipped';
  applied: string[];
  schemaVersion?: number;
  reason?: string;
  /** Of a failure: the stable error code (`TENANT.BUSY`, `TENANT.MIGRATION_FAILED`, `INTERNAL`...). */
  code?: string;
}

export interface MigrateTenantsOptions {
  dryRun?: boolean;
  /** Start at this slug (in slug order), to resume an interrupted run. */
  fromSlug?: string;
  onOutcome?: (outcome: TenantMigrationOutcome) => void;
}

/**
 * Brings every tenant database to the current schema, one at a time, each under its own lock.
 * A failing tenant is reported and the run goes on; the registry records each tenant's version.
 */
@Injectable()
export class MigrateTenants {
  constructor(
    private readonly registry: TenantRegistry,
    private readonly server: TenantDatabaseServer,
    private readonly schema: TenantSchema,
    private readonly logger: PinoLogger,
  ) {
    this.logger.setContext(MigrateTenants.name);
  }

  async execute(options: MigrateTenantsOptions = {}): Promise<TenantMigrationOutcome[]> {
    // Keyed as slugs are stored: `--from ACME` must not sort before every lower-case slug.
    const from = options.fromSlug ? tenantReferenceKey(options.fromSlug) : '';
    const tenants = (await this.registry.list()).filter((tenant) => tenant.slug >= from);
    const outcomes: TenantMigrationOutcome[] = [];
    for (const tenant of tenants) {
      const outcome = await this.migrateOne(tenant, options.dryRun ?? false);
      outcomes.push(outcome);
      options.onOutcome?.(outcome);
    }
    return outcomes;
  }

  /** One tenant, reported the same way as in a run over all of them. */
  async executeFor(tenant: Tenant, options: { dryRun?: boolean } = {}): Promise<TenantMigrationOutcome> {
    return this.migrateOne(tenant, options.dryRun ?? false);
  }

  /** Under the tenant's lock, like a migration, so the two never record their versions out of order. */
  async revertLast(tenant: Tenant): Promise<number> {
    return this.registry.exclusively(tenant.id, async () => {
      const current = await this.registry.findById(tenant.id);
      if (!current) throw new TenantNotFoundError(tenant.slug);
      if (!isMigratable(current)) throw new TenantNotActiveError(current.status, 'revert a migration of');
      // The baseline creates the tenant's tables: reverting it drops them all, with their data.
      if (current.schemaVersion <= this.schema.baselineVersion())
        throw new BaselineRevertError(current.schemaVersion);
      const schemaVersion = await this.server.revertLastMigration(current.hostKey, current.databaseName);
      await this.registry.recordSchemaVersion(current.id, schemaVersion);
      return schemaVersion;
    });
  }

  private async migrateOne(tenant: Tenant, dryRun: boolean): Promise<TenantMigrationOutcome> {
    const outcome = (status: TenantMigrationOutcome['status'], reason: string): TenantMigrationOutcome => ({
      slug: tenant.slug,
      status,
      applied: [],
      reason,
    });
    if (!isMigratable(tenant)) return outcome('skipped', `tenant is ${tenant.status}`);
    try {
      // Under the tenant's lock, so a migration never meets a restore, provisioning or delete midway.
      return await this.registry.exclusively(tenant.id, async () => {
        const current = await this.registry.findById(tenant.id);
        if (!current) return outcome('skipped', 'tenant no longer exists');
        if (!isMigratable(current)) return outcome('skipped', `tenant is ${current.status}`);
        const report = await this.server.migrate(current.hostKey, current.databaseName, { dryRun });
        if (!dryRun) await this.registry.recordSchemaVersion(current.id, report.schemaVersion);
        return {
          slug: current.slug,
          status: 'ok',
          applied: report.applied,
          schemaVersion: report.schemaVersion,
        };
      });
    } catch (error) {
      // As the problem+json filter would say it: an outage is SERVICE.UNAVAILABLE (run it again), not a bug.
      const code = error instanceof DomainError ? error.code : isOutage(error) ? OUTAGE_CODE : 'INTERNAL';
      const reason = error instanceof Error ? error.message : String(error);
      this.logger.error({ tenantId: tenant.id, code, reason }, 'tenant migration failed');
      return { ...outcome('failed', reason), code };
    }
  }
}

/**
 * Only a tenant whose database is complete: `provisioning`, `failed` (perhaps without a database,
 * or a restore that broke midway) and `deleting` tenants are left to the operation that owns them.
 */
function isMigratable(tenant: Tenant): boolean {
  return tenant.status === 'active' || tenant.status === 'suspended';
}
