/**
 * npm run bench:tenants [-- --tenants 1000 --plain-sample 20 --hot 25 --keep]
 *
 * Provisions N tenants (template copies), a sample the plain way (every migration), then drives
 * requests through the tenant gate and the pooled connection registry: a cold pass over every
 * tenant, warm requests to a hot set that fits the pool budget, and a round-robin sweep over all
 * tenants. Prints provisioning time per tenant, latency percentiles, peak PostgreSQL connections
 * (pg_stat_activity, sampled on every configured tenant host) and peak process RSS (sampled through
 * the whole run). Tenants it made are deleted at the end unless --keep.
 */
import 'reflect-metadata';
import { Test } from '@nestjs/testing';
import { cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { Client } from 'pg';
import { CliModule } from '../src/cli/cli.module';
import { ProvisionTenant } from '../src/modules/tenants/application/provision-tenant';
import { TenantDatabases } from '../src/modules/tenants/application/ports/tenant-databases';
import { TenantGate } from '../src/modules/tenants/application/tenant-gate';
import { TenantLifecycle } from '../src/modules/tenants/application/tenant-lifecycle';
import type { Tenant } from '../src/modules/tenants/domain/tenant';
import { PooledTenantDatabases } from '../src/modules/tenants/infrastructure/pooled-tenant-databases';
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
  const peak = new ConnectionSampler(config.tenantDatabases.hosts);
  const rss = new RssSampler();
  rss.start();
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
    const pools = app.get(TenantDatabases) as PooledTenantDatabases;
    peak.start(() => pools.openConnections());
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
    console.log(`  peak tenant connections/host ${peak.describePerHost()}`);
    console.log(`  peak open pool connections   ${peak.maxOpenInProcess} (pg pool totalCount, this process)`);
    console.log(
      `  process RSS, peak            ${mib(rss.max)} MiB (now ${mib(process.memoryUsage().rss)} MiB)`,
    );
    console.log(
      `  load average (1/5/15 min)    ${loadavg()
        .map((n) => n.toFixed(2))
        .join(' / ')} on ${cpus().length} cores`,
    );
  } finally {
    await peak.stop();
    rss.stop();
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

function mib(bytes: number): string {
  return (bytes / 1024 / 1024).toFixed(0);
}

/** Peak resident memory of this process, sampled every 50 ms rather than read once at the end. */
class RssSampler {
  max = 0;
  private timer?: NodeJS.Timeout;

  start(): void {
    this.sample();
    this.timer = setInterval(() => this.sample(), 50);
  }

  stop(): void {
    this.sample();
    clearInterval(this.timer);
  }

  private sample(): void {
    this.max = Math.max(this.max, process.memoryUsage().rss);
  }
}

/**
 * Samples pg_stat_activity on every configured tenant host for connections of tenant pools, and
 * the pools' own count of open clients in this process; the peak of the sum over hosts is the
 * figure to hold against the budget.
 */
class ConnectionSampler {
  max = 0;
  maxOpenInProcess = 0;
  private readonly perHost = new Map<string, number>();
  private timer?: NodeJS.Timeout;
  private clients: { host: string; client: Client }[] = [];

  constructor(private readonly hostUrls: string[]) {}

  start(openInProcess: () => number): void {
    this.clients = this.hostUrls.map((url) => {
      const target = new URL(url);
      target.pathname = '/postgres';
      return { host: target.host, client: new Client({ connectionString: target.toString() }) };
    });
    void Promise.all(this.clients.map(({ client }) => client.connect())).then(() => {
      this.timer = setInterval(() => void this.sample(openInProcess), 20);
    });
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await Promise.all(this.clients.map(({ client }) => client.end().catch(() => undefined)));
    this.clients = [];
  }

  describePerHost(): string {
    return [...this.perHost].map(([host, n]) => `${host} ${n}`).join(', ');
  }

  private async sample(openInProcess: () => number): Promise<void> {
    this.maxOpenInProcess = Math.max(this.maxOpenInProcess, openInProcess());
    const counts = await Promise.all(
      this.clients.map(async ({ host, client }) => {
        const result = await client
          .query<{ n: string }>(
            "SELECT count(*) AS n FROM pg_stat_activity WHERE application_name = 'finrecon-tenant'",
          )
          .catch(() => undefined);
        const n = result ? Number(result.rows[0].n) : 0;
        this.perHost.set(host, Math.max(this.perHost.get(host) ?? 0, n));
        return n;
      }),
    );
    this.max = Math.max(
      this.max,
      counts.reduce((sum, n) => sum + n, 0),
    );
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
