import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { AuditActor } from '../platform/audit/audit-trail';
import { MigrateTenants, TenantMigrationOutcome } from '../modules/tenants/application/migrate-tenants';
import { ProvisionTenant } from '../modules/tenants/application/provision-tenant';
import { TenantRegistry } from '../modules/tenants/application/ports/tenant-registry';
import { TenantBackups } from '../modules/tenants/application/tenant-backups';
import { TenantLifecycle } from '../modules/tenants/application/tenant-lifecycle';
import type { Tenant } from '../modules/tenants/domain/tenant';
import { CliModule } from './cli.module';
import { parseCommandLine, UsageError } from './command-line';
import { runInApplicationContext, type CliApplication } from './cli-application-context';

const USAGE = `usage: npm run tenants -- <command> [arguments]
  create <slug> [--name "Display Name"] [--host host:port] [--plain]
  list
  get <slug>
  suspend <slug> | resume <slug>
  delete <slug> [--forget-database]     (--forget-database: only for a tenant whose database server
                                         left TENANT_DB_HOSTS; its database stays there, to drop by hand)
  migrate [--dry-run] [--from <slug>]
  migrate:revert <slug>
  backup <slug> [--out file.dump]        (default: a new file in TENANT_BACKUPS_DIR)
  restore <file.dump | backup name> --as <new-slug> [--host host:port]`;

const OPERATOR: AuditActor = { type: 'system', id: 'cli' };

type Options = Record<string, string | boolean | undefined>;

async function main(): Promise<number> {
  // Operator output is the CLI's own lines; service logs only when something goes wrong.
  process.env.LOG_LEVEL ??= 'warn';
  const { positionals, values } = parseCommandLine(
    {
      name: { type: 'string' },
      host: { type: 'string' },
      plain: { type: 'boolean' },
      'dry-run': { type: 'boolean' },
      from: { type: 'string' },
      out: { type: 'string' },
      as: { type: 'string' },
      'forget-database': { type: 'boolean' },
    },
    USAGE,
  );
  const [command, ...args] = positionals;
  if (!command || !COMMANDS[command]) {
    console.error(USAGE);
    return 2;
  }
  assertArguments(command, args, values);
  return runInApplicationContext(CliModule, (app) => COMMANDS[command](app, args, values));
}

const COMMANDS: Record<string, (app: CliApplication, args: string[], options: Options) => Promise<number>> = {
  async create(app, [slug], options) {
    requireArgument(slug, 'slug');
    const { tenant, created } = await app.get(ProvisionTenant).execute({
      slug,
      displayName: String(options.name ?? slug),
      hostKey: options.host as string | undefined,
      plainMigrations: Boolean(options.plain),
      actor: OPERATOR,
    });
    console.log(`${created ? 'created' : 'already existed'}: ${describe(tenant)}`);
    return 0;
  },
  async list(app) {
    const tenants = await app.get(TenantRegistry).list();
    for (const tenant of tenants) console.log(describe(tenant));
    console.log(`${tenants.length} tenant(s)`);
    return 0;
  },
  async get(app, [slug]) {
    console.log(describe(await app.get(TenantLifecycle).find(requireArgument(slug, 'slug'))));
    return 0;
  },
  async suspend(app, [slug]) {
    console.log(
      `suspended: ${describe(await app.get(TenantLifecycle).suspend(requireArgument(slug, 'slug'), OPERATOR))}`,
    );
    return 0;
  },
  async resume(app, [slug]) {
    console.log(
      `resumed: ${describe(await app.get(TenantLifecycle).resume(requireArgument(slug, 'slug'), OPERATOR))}`,
    );
    return 0;
  },
  async delete(app, [slug], options) {
    const forgetDatabase = Boolean(options['forget-database']);
    await app.get(TenantLifecycle).delete(requireArgument(slug, 'slug'), OPERATOR, { forgetDatabase });
    console.log(
      forgetDatabase ? `deleted: ${slug} (its database was left on its server)` : `deleted: ${slug}`,
    );
    return 0;
  },
  async migrate(app, _args, options) {
    const outcomes = await app.get(MigrateTenants).execute({
      dryRun: Boolean(options['dry-run']),
      fromSlug: options.from as string | undefined,
      onOutcome: (outcome) => console.log(describeOutcome(outcome, Boolean(options['dry-run']))),
    });
    const failed = outcomes.filter((outcome) => outcome.status === 'failed');
    console.log(
      `${outcomes.length} tenant(s): ${outcomes.length - failed.length} ok or skipped, ${failed.length} failed`,
    );
    if (failed.length) console.log(`resume with: npm run tenants -- migrate --from ${failed[0].slug}`);
    return failed.length ? 1 : 0;
  },
  async 'migrate:revert'(app, [slug]) {
    const tenant = await app.get(TenantLifecycle).find(requireArgument(slug, 'slug'));
    const version = await app.get(MigrateTenants).revertLast(tenant);
    console.log(`${tenant.slug}: reverted the last migration, schema version now ${version}`);
    return 0;
  },
  async backup(app, [slug], options) {
    requireArgument(slug, 'slug');
    const out = options.out as string | undefined;
    if (out !== undefined && !existsSync(dirname(resolve(out))))
      throw new Error(`--out ${out}: the folder ${dirname(resolve(out))} does not exist`);
    const { tenant, file, sizeBytes } = await app
      .get(TenantBackups)
      .backup(slug, OPERATOR, options.out as string | undefined);
    console.log(`backed up ${tenant.slug} to ${file} (${sizeBytes} bytes)`);
    return 0;
  },
  async restore(app, [file], options) {
    requireArgument(file, 'file');
    const slug = requireArgument(options.as as string | undefined, '--as');
    const host = options.host as string | undefined;
    const backups = app.get(TenantBackups);
    // A path the operator points at, or the bare name of a backup in TENANT_BACKUPS_DIR.
    if (file.includes('/') && !existsSync(file)) throw new Error(`${file}: no such file`);
    const tenant = existsSync(file)
      ? await backups.restore(file, slug, OPERATOR, host)
      : await backups.restoreNamed(file, slug, OPERATOR, host);
    console.log(`restored into new tenant: ${describe(tenant)}`);
    return 0;
  },
};

/** What each command needs and accepts, checked before anything connects to a database. */
const SHAPES: Record<string, { argument?: string; options?: string[]; accepts?: string[] }> = {
  create: { argument: 'slug', accepts: ['name', 'host', 'plain'] },
  get: { argument: 'slug' },
  suspend: { argument: 'slug' },
  resume: { argument: 'slug' },
  delete: { argument: 'slug', accepts: ['forget-database'] },
  migrate: { accepts: ['dry-run', 'from'] },
  'migrate:revert': { argument: 'slug' },
  backup: { argument: 'slug', accepts: ['out'] },
  restore: { argument: 'file', options: ['as'], accepts: ['as', 'host'] },
};

function assertArguments(command: string, args: string[], options: Options): void {
  const shape = SHAPES[command] ?? {};
  if (shape.argument) requireArgument(args[0], shape.argument);
  // `suspend a b` must not suspend `a` alone and report success.
  const allowed = shape.argument ? 1 : 0;
  if (args.length > allowed) throw new UsageError(`unexpected argument "${args[allowed]}"\n${USAGE}`);
  // `delete a --out x` must not pass for an option `delete` reads.
  const foreign = Object.keys(options).find((name) => !(shape.accepts ?? []).includes(name));
  if (foreign) throw new UsageError(`${command} does not take --${foreign}\n${USAGE}`);
  for (const option of shape.options ?? []) requireArgument(options[option] as string, `--${option}`);
}

function requireArgument(value: string | undefined, name: string): string {
  if (!value) throw new UsageError(`missing ${name}\n${USAGE}`);
  return value;
}

function describe(tenant: Tenant): string {
  return [
    tenant.slug,
    tenant.status,
    tenant.id,
    tenant.hostKey,
    tenant.databaseName,
    `schema ${tenant.schemaVersion}`,
  ]
    .concat(tenant.failureReason ? [`failure: ${tenant.failureReason}`] : [])
    .join('  ');
}

function describeOutcome(outcome: TenantMigrationOutcome, dryRun: boolean): string {
  const verb = dryRun ? 'would apply' : 'applied';
  const detail =
    outcome.status === 'ok'
      ? outcome.applied.length
        ? `${verb} ${outcome.applied.join(', ')}`
        : 'up to date'
      : outcome.reason;
  return `${outcome.slug}: ${outcome.status} (${detail})`;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(
      error instanceof UsageError
        ? error.message
        : `failed: ${error instanceof Error ? error.message : String(error)}`,
    );
    process.exit(error instanceof UsageError ? 2 : 1);
  },
);
