import { Injectable } from '@nestjs/common';
import type { Tenant } from '../domain/tenant';
import { TenantDatabaseServer } from './ports/tenant-database-server';
import { TenantRegistry } from './ports/tenant-registry';

export interface TenantMigrationOutcome {
  slug: string;
  status: 'ok' | 'failed' | 'skipped';
  applied: string[];
  schemaVersion?: number;
  reason?: string;
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
  ) {}

  async execute(options: MigrateTenantsOptions = {}): Promise<TenantMigrationOutcome[]> {
    const tenants = (await this.registry.list()).filter(
      (tenant) => !options.fromSlug || tenant.slug >= options.fromSlug,
    );
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

  async revertLast(tenant: Tenant): Promise<number> {
    const schemaVersion = await this.server.revertLastMigration(tenant.hostKey, tenant.databaseName);
    await this.registry.recordSchemaVersion(tenant.id, schemaVersion);
    return schemaVersion;
  }

  private async migrateOne(tenant: Tenant, dryRun: boolean): Promise<TenantMigrationOutcome> {
    if (tenant.status === 'deleting' || tenant.status === 'provisioning') {
      return { slug: tenant.slug, status: 'skipped', applied: [], reason: `tenant is ${tenant.status}` };
    }
    try {
      const report = await this.server.migrate(tenant.hostKey, tenant.databaseName, { dryRun });
      if (!dryRun) await this.registry.recordSchemaVersion(tenant.id, report.schemaVersion);
      return {
        slug: tenant.slug,
        status: 'ok',
        applied: report.applied,
        schemaVersion: report.schemaVersion,
      };
    } catch (error) {
      return {
        slug: tenant.slug,
        status: 'failed',
        applied: [],
        reason: error instanceof Error ? error.message : String(error),
      };
    }
  }
}
