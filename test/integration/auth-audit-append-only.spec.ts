import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { AuditTrail } from '../../src/platform/audit/audit-trail';
import { ControlPlaneDatabase } from '../../src/platform/database/control-plane-database';
import { TenantDatabases } from '../../src/modules/tenants/application/ports/tenant-databases';
import { TenantBackups } from '../../src/modules/tenants/application/tenant-backups';
import type { Tenant } from '../../src/modules/tenants/domain/tenant';
import { TenantTestContext } from '../support/tenant-fixtures';

jest.setTimeout(60_000);

/** The refusals PostgreSQL gives: the append-only trigger, or (platform log) the missing privilege. */
const REFUSED = /append-only|permission denied/;

/**
 * Both audit logs refuse every change, through the application's own connections (the role the
 * app runs as): the tenant's `audit_events` and the control plane's `platform_audit_events`.
 */
describe('audit logs are append-only for the application', () => {
  let context: TenantTestContext;
  let tenant: Tenant;
  let restored: Tenant;
  const marker = `audit.append_only_probe.${randomUUID()}`;

  beforeAll(async () => {
    context = await TenantTestContext.start();
    tenant = await context.provision();
    const trail = context.get(AuditTrail);
    await trail.record({
      action: marker,
      outcome: 'success',
      tenantId: tenant.id,
      actor: { type: 'system' },
    });
    await trail.record({ action: marker, outcome: 'success', tenantId: null, actor: { type: 'system' } });
    // A backup carries no privileges: the restore must lock the log again by itself.
    const backups = context.get(TenantBackups);
    const file = join(mkdtempSync(join(tmpdir(), 'finrecon-audit-')), 'tenant.dump');
    await backups.backup(tenant.slug, { type: 'system' }, file);
    restored = await backups.restore(file, `audit-${randomUUID().slice(0, 8)}`, { type: 'system' });
    context.track(restored.id);
  });
  afterAll(() => context.cleanUp());

  const tables: [string, string, () => Promise<DataSource>][] = [
    ['audit_events (tenant database)', 'audit_events', async () => tenantDataSource()],
    [
      'platform_audit_events (control plane)',
      'platform_audit_events',
      async () => context.get(ControlPlaneDatabase).dataSource,
    ],
  ];

  // withDataSource hands out the pooled DataSource the app itself uses for a tenant.
  const dataSourceOf = (tenantId: string) =>
    context.get(TenantDatabases).withDataSource(tenantId, async (source) => source);
  const tenantDataSource = () => dataSourceOf(tenant.id);
  const restoredDataSource = () => dataSourceOf(restored.id);

  describe.each(tables)('%s', (_label, table, source) => {
    const count = async () =>
      Number(
        (await (await source()).query(`SELECT count(*) AS n FROM ${table} WHERE action = $1`, [marker]))[0].n,
      );

    it('holds the recorded event', async () => {
      expect(await count()).toBe(1);
    });

    it.each([
      ['UPDATE', `UPDATE ${table} SET outcome = 'failure' WHERE action = $1`, true],
      ['DELETE', `DELETE FROM ${table} WHERE action = $1`, true],
      ['TRUNCATE', `TRUNCATE ${table}`, false],
    ])('refuses %s', async (_verb, sql, parameterized) => {
      const database = await source();
      await expect(database.query(sql, parameterized ? [marker] : [])).rejects.toThrow(REFUSED);
      const [row] = await database.query(`SELECT outcome FROM ${table} WHERE action = $1`, [marker]);
      expect(row.outcome).toBe('success');
    });
  });

  it.each([
    [
      'platform_audit_events',
      'platform_audit_events',
      'platform_audit_events_append_only',
      async () => context.get(ControlPlaneDatabase).dataSource,
    ],
    ['audit_events', 'audit_events', 'audit_events_append_only', tenantDataSource],
    ["a restored tenant's audit_events", 'audit_events', 'audit_events_append_only', restoredDataSource],
  ] as const)(
    'still refuses changes to %s with its trigger disabled (no privilege to change rows)',
    async (_label, table, trigger, source) => {
      const runner = (await source()).createQueryRunner();
      await runner.connect();
      try {
        await runner.startTransaction();
        await runner.query(`ALTER TABLE ${table} DISABLE TRIGGER ${trigger}`);
        await expect(
          runner.query(`UPDATE ${table} SET outcome = 'failure' WHERE action = $1`, [marker]),
        ).rejects.toThrow(/permission denied/);
      } finally {
        // Rolled back: the trigger is never left disabled, even for a moment after this test.
        if (runner.isTransactionActive) await runner.rollbackTransaction();
        await runner.release();
      }
    },
  );
});
