// Drives the running API (and the worker, through the queue) like a client would and prints a
// readable summary. Exits non-zero when something is not healthy.
import { Queue, QueueEvents } from 'bullmq';

const base = process.argv[2];

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
    password: url.password || undefined,
  };
  const queue = new Queue('system', { connection, prefix: 'finrecon' });
  const events = new QueueEvents('system', { connection, prefix: 'finrecon' });
  try {
    await events.waitUntilReady();
    const started = Date.now();
    const job = await queue.add('ping', {});
    const result = await job.waitUntilFinished(events, 15_000);
    return `${result.pong ? 'pong' : 'no pong'} in ${Date.now() - started} ms`;
  } finally {
    await queue.close();
    await events.close();
  }
}

await waitForApi();

async function get(path) {
  const response = await fetch(`${base}${path}`);
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
  console.log(`  ${label.padEnd(22)} ${value}`);
}

const live = await get('/health/live');
const ready = await get('/health/ready');
const docs = await get('/docs/openapi.json');

console.log('\nfinrecon demo summary');
row('API', base);
row('GET /health/live', `${live.status} ${live.body.status ?? ''}`);
row('GET /health/ready', `${ready.status} ${ready.body.status ?? ready.body.code ?? ''}`);
for (const [name, check] of Object.entries(ready.body.details ?? ready.body.checks ?? {})) {
  const facts = Object.entries(check)
    .filter(([key]) => key !== 'status')
    .map(([key, value]) => `${key}=${value}`)
    .join(' ');
  row(`  ${name}`, `${check.status} ${facts}`);
}
row('worker (system ping)', await pingWorker().catch((error) => `FAILED: ${error.message}`));
row('OpenAPI', `${docs.status} ${Object.keys(docs.body.paths ?? {}).length} paths at ${base}/docs`);

if (live.status !== 200 || ready.status !== 200) {
  console.error('\nThe API is not healthy; see .local/logs/api.log');
  process.exit(1);
}
