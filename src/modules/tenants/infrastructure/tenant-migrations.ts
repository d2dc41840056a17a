import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { tenantMigrations } from '../../../../migrations/tenant';
import { TenantSchema } from '../application/ports/tenant-schema';

export type MigrationClass = new () => MigrationInterface;

/** A set of tenant migrations and the family of template databases built from it. */
export interface TenantMigrationSet {
  migrations: MigrationClass[];
  /**
   * Separates template families on one server (tests build their own without touching the real
   * one): `[a-z][a-z0-9]{0,15}`; none for the production family.
   */
  scope?: string;
}

export const TENANT_TEMPLATE_PREFIX = 'finrecon_tenant_template_';
const SCOPE = /^[a-z][a-z0-9]{0,15}$/;

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

const fingerprints = new WeakMap<MigrationClass[], Promise<string>>();

/**
 * What the migrations do, not only what they are called: each migration's name and every call its
 * `up` and `down` make on a recording query runner (SQL text and parameters), hashed in order. An
 * edited migration therefore gets a new template. It reads the statements, not the compiled
 * function text, so builds with different compiler settings (tests, dist, benchmark) agree.
 */
export function tenantMigrationFingerprint(migrations: MigrationClass[] = tenantMigrations): Promise<string> {
  let fingerprint = fingerprints.get(migrations);
  if (!fingerprint) {
    fingerprint = computeFingerprint(migrations);
    fingerprints.set(migrations, fingerprint);
  }
  return fingerprint;
}

async function computeFingerprint(migrations: MigrationClass[]): Promise<string> {
  const hash = createHash('sha256');
  for (const Migration of migrations) {
    const migration = new Migration();
    hash.update(`migration ${Migration.name}\n`);
    for (const direction of ['up', 'down'] as const) {
      const calls: string[] = [];
      await migration[direction](recordingRunner(calls));
      hash.update(`${direction}\n${calls.join('\n')}\n`);
    }
  }
  return hash.digest('hex').slice(0, 16);
}

/** A stand-in QueryRunner that writes down every call made on it and answers each with no rows. */
function recordingRunner(calls: string[]): QueryRunner {
  return new Proxy({} as QueryRunner, {
    get(_target, property) {
      if (property === 'then') return undefined;
      return (...args: unknown[]) => {
        calls.push(`${String(property)} ${JSON.stringify(args)}`);
        return Promise.resolve([]);
      };
    },
  });
}

/** Names the template database after what its migrations do, so a changed set gets a new template. */
export async function tenantTemplateName(
  set: TenantMigrationSet = { migrations: tenantMigrations },
): Promise<string> {
  if (set.scope !== undefined && !SCOPE.test(set.scope)) throw new Error(`bad template scope ${set.scope}`);
  const scope = set.scope ? `${set.scope}_` : '';
  return `${TENANT_TEMPLATE_PREFIX}${scope}${await tenantMigrationFingerprint(set.migrations)}`;
}

/** Template databases of the same family as `template` (same scope), work-in-progress copies included. */
export function isSameTemplateFamily(template: string, databaseName: string): boolean {
  const family = template.slice(0, -16);
  return databaseName.startsWith(family) && /^[0-9a-f]{16}(_wip)?$/.test(databaseName.slice(family.length));
}

@Injectable()
export class MigrationsTenantSchema extends TenantSchema {
  private readonly version = latestTenantSchemaVersion();
  private readonly baseline = Math.min(...tenantMigrations.map((migration) => migrationVersion(migration)));

  requiredVersion(): number {
    return this.version;
  }

  baselineVersion(): number {
    return this.baseline;
  }
}
