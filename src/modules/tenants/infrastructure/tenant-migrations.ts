import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import type { MigrationInterface } from 'typeorm';
import { tenantMigrations } from '../../../../migrations/tenant';
import { TenantSchema } from '../application/ports/tenant-schema';

type MigrationClass = new () => MigrationInterface;

/** A migration's version is the timestamp its class name ends with (`TenantBaseline1764000000000`). */
export function migrationVersion(migration: MigrationClass | string): number {
  const name = typeof migration === 'string' ? migration : migration.name;
  const match = /(\d{13})$/.exec(name);
  if (!match) throw new Error(`migration ${name} has no 13-digit timestamp suffix`);
  return Number(match[1]);
}

export function latestTenantSchemaVersion(migrations: MigrationClass[] = tenantMigrations): number {
  return migrations.reduce((latest, migration) => Math.max(latest, migrationVersion(migration)), 0);
}

/** Names the template database after the migrations it holds, so a changed set gets a new template. */
export function tenantTemplateName(migrations: MigrationClass[] = tenantMigrations): string {
  const fingerprint = createHash('sha256')
    .update(migrations.map((migration) => migration.name).join('\n'))
    .digest('hex')
    .slice(0, 16);
  return `finrecon_tenant_template_${fingerprint}`;
}

@Injectable()
export class MigrationsTenantSchema extends TenantSchema {
  private readonly version = latestTenantSchemaVersion();

  requiredVersion(): number {
    return this.version;
  }
}
