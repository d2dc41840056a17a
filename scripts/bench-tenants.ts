/**
 * npm run bench:tenants [-- --tenants 1000 --plain-sample 20 --hot 25 --keep]
 *
 * Provisions N tenants (template copies), a sample the plain way (every migration), then drives
 * requests through the tenant gate and the pooled connection registry: a cold pass over every
 * tenant, warm requests to a hot set that fits the pool budget, and a round-robin sweep over all
 * tenants. Prints provisioning time per tenant, latency percentiles, peak PostgreSQL connections
 * (pg_stat_activity) and process RSS. Tenants it made are deleted at the end unless --keep.
 */
import 'reflect-metadata';
import { Test } from '@nestjs/testing';
import { parseArgs } from 'node:util';
import { Client } from 'pg';
import { CliModule } from '../src/cli/cli.module';
import { ProvisionTenant } from '../src/modules/tenants/application/provision-tenant';
import { TenantDatabases } from '../src/modules/tenants/application/ports/tenant-databases';
import { TenantGate } from '../src/modules/tenants/application/tenant-gate';
import { TenantLifecycle } from '../src/modules/tenants/application/tenant-lifecycle';
import type { Tenant } from '../src/modules/tenants/domain/tenant';
import { AppConfig, loadAppConfig } from '../src/platform/config/app-config';
import { TenantContext } from '../src/platform/tenancy/tenant-context';

const { values } = parseArgs({
  options: {
    tenants: { type: 'string', default: '1000' },
    'plain-sample': { type: 'string', default: '20' },
    hot: { type: 'string', default: '25' },
    'warm-requests': { type: 'string', default: '5000' },
    keep: { type: 'boolean', default: false },
  },
});
const tenantCount = Number(values.tenants);
const plainSample = Math.min(Number(values['plain-sample']), tenantCount);
const hotSetSize = Number(values.hot);
const warmRequests = Number(values['warm-requests']);
const runId = Date.now().toString(36);

async function main(): Promise<void> {
  process.env.LOG_LEVEL ??= 'error';
  const config = loadAppConfig(process.env);
  const moduleRef = await Test.createTestingModule({ imports: [CliModule] })
    .overrideProvider(AppConfig)
    .useValue(config)
    .compile();
  const app = await moduleRef.init();
  const provision = app.get(ProvisionTenant);
  const tenants: Tenant[] = [];
  const peak = new ConnectionSampler(config.database.url);
  try {
    console.log(`provisioning ${tenantCount} tenants (${plainSample} with plain migrations) ...`);
    const plainMs = await timeEach(plainSample, async (i) => {
      tenants.push(
        (await provision.execute({ slug: slugFor(i), displayName: slugFor(i), plainMigrations: true }))
          .tenant,
      );
    });
    const templateMs = await timeEach(tenantCount - plainSample, async (i) => {
      const slug = slugFor(plainSample + i);
      tenants.push((await provision.execute({ slug, displayName: slug })).tenant);
    });

    const request = requestThroughGate(app.get(TenantGate), app.get(TenantContext), app.get(TenantDatabases));
    peak.start();
    const cold = await timeEach(tenants.length, (i) => request(tenants[i]));
    const hot = tenants.slice(0, Math.min(hotSetSize, config.tenantDatabases.maxLive));
    for (const tenant of hot) await request(tenant);
    const warm = await timeEach(warmRequests, (i) => request(hot[i % hot.length]));
    const sweep = await timeEach(tenants.length * 2, (i) => request(tenants[i % tenants.length]));
    await peak.stop();

    const budget = config.tenantDatabases.maxLive * config.tenantDatabases.poolSize;
    console.log('\nfinrecon tenant benchmark');
    console.log(`  tenants                      ${tenants.length}`);
    console.log(`  provisioning, plain          ${describe(plainMs)}  (per tenant)`);
    console.log(`  provisioning, template       ${describe(templateMs)}  (per tenant)`);
    console.log(
      `  template speed-up (median)   ${ratio(percentile(plainMs, 50), percentile(templateMs, 50))}`,
    );
    console.log(`  cold first request           ${describe(cold)}`);
    console.log(`  warm request (${hot.length} hot)      ${describe(warm)}`);
    console.log(`  round-robin over all         ${describe(sweep)}`);
    console.log(`  warm p99 / cold p50          ${ratio(percentile(warm, 99), percentile(cold, 50))}`);
    console.log(
      `  peak tenant connections      ${peak.max} (budget ${budget}, TENANT_DB_MAX_CONNECTIONS ${config.tenantDatabases.maxConnections})`,
    );
    console.log(`  process RSS                  ${(process.memoryUsage().rss / 1024 / 1024).toFixed(0)} MiB`);
  } finally {
    await peak.stop();
    if (!values.keep) {
      console.log(`\ndeleting ${tenants.length} benchmark tenants ...`);
      const lifecycle = app.get(TenantLifecycle);
      for (const tenant of tenants) await lifecycle.delete(tenant.id, { type: 'system', id: 'bench' });
    }
    await app.close();
  }
}

function slugFor(i: number): string {
  return `bench-${runId}-${String(i).padStart(5, '0')}`;
}

/** A tenant request as the API makes it: admission (registry lookup), then a query on its pool. */
function requestThroughGate(gate: TenantGate, context: TenantContext, databases: TenantDatabases) {
  return (tenant: Tenant) =>
    context.run(tenant.id, async () => {
      await gate.admit({ tenantId: tenant.id, actor: { type: 'system', id: 'bench' } });
      await databases.withDataSource(tenant.id, (dataSource) =>
        dataSource.query('SELECT count(*) FROM purchase_orders'),
      );
    });
}

async function timeEach(count: number, work: (i: number) => Promise<unknown>): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < count; i++) {
    const started = process.hrtime.bigint();
    await work(i);
    samples.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  return samples;
}

function percentile(samples: number[], p: number): number {
  if (samples.length === 0) return NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

function describe(samples: number[]): string {
  const f = (p: number) => percentile(samples, p).toFixed(2);
  return `p50 ${f(50)} ms  p95 ${f(95)} ms  p99 ${f(99)} ms  (n=${samples.length})`;
}

function ratio(a: number, b: number): string {
  return `${(a / b).toFixed(2)}x`;
}

/** Samples pg_stat_activity for connections opened by tenant pools of this process's kind. */
class ConnectionSampler {
  max = 0;
  private timer?: NodeJS.Timeout;
  private client?: Client;

  constructor(private readonly url: string) {}

  start(): void {
    this.client = new Client({ connectionString: this.url });
    void this.client.connect().then(() => {
      this.timer = setInterval(() => void this.sample(), 20);
    });
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.client?.end().catch(() => undefined);
    this.client = undefined;
  }

  private async sample(): Promise<void> {
    const result = await this.client
      ?.query<{ n: string }>(
        "SELECT count(*) AS n FROM pg_stat_activity WHERE application_name = 'finrecon-tenant'",
      )
      .catch(() => undefined);
    if (result) this.max = Math.max(this.max, Number(result.rows[0].n));
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
