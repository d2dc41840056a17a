// Drives the running API (and the worker, through the queue) like a client would and prints a
// readable summary: health, a worker round trip, OpenAPI, then a sign-in as the demo user and an
// authenticated tenant call. Exits non-zero when any of them fails.
// Usage: printf '%s' "$PASSWORD" | node scripts/demo-summary.mjs <base-url> --tenant <slug> --email <email>
import { Queue, QueueEvents } from 'bullmq';
import Redis from 'ioredis';
import { parseArgs } from 'node:util';

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { tenant: { type: 'string' }, email: { type: 'string' } },
});
const base = positionals[0];
if (!base || !values.tenant || !values.email) {
  console.error(
    'usage: node scripts/demo-summary.mjs <base-url> --tenant <slug> --email <email> (password on stdin)',
  );
  process.exit(2);
}

async function readStdin() {
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

async function waitForApi(timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`${base}/health/live`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`the API did not answer at ${base} within ${timeoutMs} ms; see .local/logs/api.log`);
}

/** A no-op job through Redis and the worker: proves the background path end to end. */
async function pingWorker() {
  const url = new URL(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  const connection = {
    host: url.hostname,
    port: Number(url.port || 6379),
    username: url.username ? decodeURIComponent(url.username) : undefined,
    password: url.password ? decodeURIComponent(url.password) : undefined,
    db: url.pathname.length > 1 ? Number(url.pathname.slice(1)) : 0,
    tls: url.protocol === 'rediss:' ? { servername: url.hostname } : undefined,
  };
  const queue = new Queue('system', { connection, prefix: 'finrecon' });
  let events;
  try {
    // The events are read from the stream's end as it is now, not from wherever it is when the
    // reader starts: BullMQ's QueueEvents names its connection before its first read, and a ping
    // answered within those milliseconds was missed (seen once: "no finish notification arrived").
    const redis = new Redis(connection);
    const [last] = await redis
      .xrevrange(queue.keys.events, '+', '-', 'COUNT', 1)
      .finally(() => redis.disconnect());
    events = new QueueEvents('system', { connection, prefix: 'finrecon', lastEventId: last?.[0] ?? '0-0' });
    await events.waitUntilReady();
    const started = Date.now();
    const job = await queue.add('ping', {}, { attempts: 1 });
    // Removed once answered, as the app's own jobs are; not on completion (removeOnComplete), or
    // waitUntilFinished could find the job gone before it reads the completion event.
    const result = await job.waitUntilFinished(events, 15_000).finally(() => job.remove().catch(() => {}));
    if (!result?.pong) throw new Error('the worker answered without a pong');
    return `pong in ${Date.now() - started} ms`;
  } finally {
    await queue.close();
    await events?.close();
  }
}

async function call(path, init = {}) {
  const response = await fetch(`${base}${path}`, init);
  const text = await response.text();
  let body;
  try {
    body = JSON.parse(text);
  } catch {
    body = text;
  }
  return { status: response.status, body };
}

function row(label, value) {
  console.log(`  ${label.padEnd(26)} ${value}`);
}

const failures = [];
function check(label, ok, detail) {
  row(label, `${ok ? '' : 'FAILED '}${detail}`);
  if (!ok) failures.push(label);
}

const password = await readStdin();
await waitForApi();

const live = await call('/health/live');
const ready = await call('/health/ready');
const docs = await call('/docs/openapi.json');

console.log('\nfinrecon demo summary');
row('API', base);
check('GET /health/live', live.status === 200, `${live.status} ${live.body.status ?? ''}`);
check(
  'GET /health/ready',
  ready.status === 200,
  `${ready.status} ${ready.body.status ?? ready.body.code ?? ''}`,
);
for (const [name, result] of Object.entries(ready.body.details ?? ready.body.checks ?? {})) {
  const facts = Object.entries(result)
    .filter(([key]) => key !== 'status')
    .map(([key, value]) => `${key}=${value}`)
    .join(' ');
  row(`  ${name}`, `${result.status} ${facts}`);
}
try {
  check('worker (system ping)', true, await pingWorker());
} catch (error) {
  check('worker (system ping)', false, error.message);
}
check(
  'OpenAPI',
  docs.status === 200,
  `${docs.status} ${Object.keys(docs.body.paths ?? {}).length} paths at ${base}/docs`,
);

const token = await call('/auth/token', {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ tenantSlug: values.tenant, email: values.email, password }),
});
check(
  'POST /auth/token',
  token.status === 200 && typeof token.body.accessToken === 'string',
  token.status === 200
    ? `${token.status} ${values.email} signed in to tenant ${values.tenant} (token valid ${token.body.expiresIn ?? '?'} s)`
    : `${token.status} ${token.body.code ?? ''}`,
);
if (token.status === 200) {
  const orders = await call('/purchase-orders?limit=5', {
    headers: { authorization: `Bearer ${token.body.accessToken}` },
  });
  check(
    'GET /purchase-orders',
    orders.status === 200 && Array.isArray(orders.body),
    orders.status === 200
      ? `${orders.status} ${orders.body.length} order(s) in tenant ${values.tenant}`
      : `${orders.status} ${orders.body.code ?? ''}`,
  );
}

if (failures.length > 0) {
  console.error(
    `\nThe demo failed at: ${failures.join(', ')}; see .local/logs/api.log and .local/logs/worker.log`,
  );
  process.exit(1);
}
