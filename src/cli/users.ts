import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { BootstrapPlatformAdmin } from '../modules/auth/application/bootstrap-platform-admin';
import { UserAdministration } from '../modules/auth/application/user-administration';
import { AuthCoreModule } from '../modules/auth/auth-core.module';
import type { User } from '../modules/auth/domain/user';
import { normalizeEmail } from '../modules/auth/domain/user';
import { UserRepository } from '../modules/auth/application/ports/user-repository';
import { TenantRegistry } from '../modules/tenants/application/ports/tenant-registry';
import { AuditActor } from '../platform/audit/audit-trail';
import { MAX_PAGE_SIZE } from '../platform/http/page-query.dto';
import { PlatformModule } from '../platform/platform.module';
import { parseCommandLine, UsageError } from './command-line';
import { runInApplicationContext, type CliApplication } from './cli-application-context';

const USAGE = `usage: npm run users -- <command> [arguments]
  list [--tenant <slug>]                               (no --tenant: platform administrators)
  create <email> --roles <r1,r2> --tenant <slug>
  create <email> --roles platform_admin                (no --tenant: a platform administrator)
  disable <email> [--tenant <slug>] | enable <email> [--tenant <slug>]
  reset-password <email> [--tenant <slug>]
  bootstrap-admin <email>                              (only while no active platform administrator exists)
Passwords are never taken from the command line (visible in ps and shell history): they are read
from FINRECON_USER_PASSWORD or from standard input, e.g.
  read -rs PW && printf '%s' "$PW" | npm run users -- create ada@acme.example --tenant acme --roles tenant_admin`;

const OPERATOR: AuditActor = { type: 'system', id: 'cli' };

@Module({ imports: [PlatformModule, AuthCoreModule] })
class UsersCliModule {}

interface Options {
  tenant?: string;
  roles?: string;
}

async function main(): Promise<number> {
  // Operator output is the CLI's own lines (a list may be piped on); service logs only when something goes wrong.
  process.env.LOG_LEVEL ??= 'warn';
  // An operator's terminal tool: its answers and usage go to stdout/stderr; the services it boots log through pino.
  const { positionals, values } = parseCommandLine(
    { tenant: { type: 'string' }, roles: { type: 'string' } },
    USAGE,
  );
  const [command, ...args] = positionals;
  if (!command || !COMMANDS[command]) {
    console.error(USAGE);
    return 2;
  }
  // Checked before anything boots: a usage mistake needs no database.
  if (command !== 'list') requireArgument(args[0], 'email');
  // One email at most: after `--` an option is a positional, and `create -- -x@a.example --tenant t`
  // must not quietly become a platform administrator because `--tenant` went unread.
  const expected = command === 'list' ? 0 : 1;
  if (args.length > expected) throw new UsageError(`unexpected argument "${args[expected]}"\n${USAGE}`);
  // Roles are always named: no platform administrator by default for a `create` that lost its --tenant.
  if (command === 'create' && values.roles === undefined)
    throw new UsageError(`create needs --roles (platform_admin for a platform administrator)\n${USAGE}`);
  return runInApplicationContext(UsersCliModule, (app) => COMMANDS[command](app, args, values));
}

/** Every account of a tenant (or the platform), read a page at a time. */
async function everyUser(app: CliApplication, tenantId: string | null): Promise<User[]> {
  const users: User[] = [];
  for (let offset = 0; ; offset += MAX_PAGE_SIZE) {
    const page = await app.get(UserAdministration).list(tenantId, { limit: MAX_PAGE_SIZE, offset });
    users.push(...page);
    if (page.length < MAX_PAGE_SIZE) return users;
  }
}

const COMMANDS: Record<string, (app: CliApplication, args: string[], options: Options) => Promise<number>> = {
  async list(app, _args, options) {
    const tenantId = await tenantIdOf(app, options.tenant);
    for (const user of await everyUser(app, tenantId)) console.log(describe(user));
    return 0;
  },
  async create(app, [email], options) {
    requireArgument(email, 'email');
    const tenantId = await tenantIdOf(app, options.tenant);
    const roles = (options.roles ?? '').split(',').filter(Boolean);
    const user = await app
      .get(UserAdministration)
      .create({ tenantId, email, password: await readPassword(), roles }, OPERATOR, {});
    console.log(`created: ${describe(user)}`);
    return 0;
  },
  async disable(app, [email], options) {
    const user = await findUser(app, email, options.tenant);
    await app.get(UserAdministration).disable(user.tenantId, user.id, OPERATOR, {});
    console.log(`disabled (sessions revoked): ${user.email}`);
    return 0;
  },
  async enable(app, [email], options) {
    const user = await findUser(app, email, options.tenant);
    await app.get(UserAdministration).enable(user.tenantId, user.id, OPERATOR, {});
    console.log(`enabled: ${user.email}`);
    return 0;
  },
  async 'reset-password'(app, [email], options) {
    const user = await findUser(app, email, options.tenant);
    await app
      .get(UserAdministration)
      .resetPassword(user.tenantId, user.id, await readPassword(), OPERATOR, {});
    console.log(`password reset (sessions revoked): ${user.email}`);
    return 0;
  },
  async 'bootstrap-admin'(app, [email]) {
    requireArgument(email, 'email');
    const created = await app.get(BootstrapPlatformAdmin).execute(email, await readPassword(), OPERATOR);
    if (created) console.log(`created platform administrator ${email}`);
    else if ((await app.get(UserRepository).countPlatformAdmins()) > 0)
      console.log('an active platform administrator already exists: nothing done');
    else {
      // No active administrator, and the address is an account already (a disabled administrator).
      console.error(`${email} is already an account: enable it (npm run users -- enable ${email})`);
      return 1;
    }
    return 0;
  },
};

/** The tenant `--tenant` names, by slug or id (as the tenants CLI and the API take it). */
async function tenantIdOf(app: CliApplication, reference: string | undefined): Promise<string | null> {
  if (!reference) return null;
  const tenant = await app.get(TenantRegistry).findByReference(reference);
  if (!tenant) throw new Error(`no tenant ${reference}`);
  return tenant.id;
}

async function findUser(
  app: CliApplication,
  email: string | undefined,
  tenantSlug: string | undefined,
): Promise<User> {
  requireArgument(email, 'email');
  const tenantId = await tenantIdOf(app, tenantSlug);
  const users = await everyUser(app, tenantId);
  const user = users.find((candidate) => candidate.email === normalizeEmail(email));
  if (!user)
    throw new Error(`no user ${email}${tenantSlug ? ` in ${tenantSlug}` : ' among platform administrators'}`);
  return user;
}

/** Far longer than any password the policy accepts: reading stops there rather than at the end of whatever is piped. */
const MAX_PASSWORD_BYTES = 4096;

async function readPassword(): Promise<string> {
  const fromEnv = process.env.FINRECON_USER_PASSWORD;
  if (fromEnv) return checkedPassword(fromEnv);
  if (process.stdin.isTTY)
    throw new Error('pipe the password on standard input or set FINRECON_USER_PASSWORD');
  const chunks: Buffer[] = [];
  let bytes = 0;
  for await (const chunk of process.stdin) {
    chunks.push(Buffer.from(chunk as Buffer));
    bytes += (chunk as Buffer).length;
    if (bytes > MAX_PASSWORD_BYTES)
      throw new Error(`the password on standard input is longer than ${MAX_PASSWORD_BYTES} bytes`);
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks));
  } catch {
    throw new Error('the password on standard input is not UTF-8 text');
  }
  const password = text.replace(/\r?\n$/, '');
  if (!password) throw new Error('no password on standard input');
  return checkedPassword(password);
}

/** A password holds no control characters (a NUL, an escape): they are not typed, and would be stored as given. */
function checkedPassword(password: string): string {
  if (/\p{Cc}/u.test(password)) throw new Error('the password holds a control character');
  return password;
}

function requireArgument(value: string | undefined, name: string): asserts value is string {
  if (!value) throw new UsageError(`missing <${name}>\n${USAGE}`);
}

function describe(user: User): string {
  return `${user.email}  ${user.roles.join(',')}  ${user.status}  id=${user.id}`;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`users: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(error instanceof UsageError ? 2 : 1);
  },
);
