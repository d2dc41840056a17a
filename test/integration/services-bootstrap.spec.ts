import { spawnSync, SpawnSyncReturns } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import { Client } from 'pg';
import { freePort } from '../support/processes';

// scripts/services.sh (README: the first step of both commands) leaves PostgreSQL (two clusters),
// Redis and clamd answering on loopback, and says where in .local/services.env.

// The EICAR test string, in two halves so that this file itself is not the EICAR test file.
const EICAR = 'X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR' + '-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*';

/** Sends bytes to 127.0.0.1:port and resolves with what came back once `done` says so. */
function exchange(port: number, payload: Buffer, done: (reply: Buffer) => boolean, timeoutMs = 5_000) {
  return new Promise<string>((resolve, reject) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    let reply = Buffer.alloc(0);
    const finish = (error?: Error) => {
      socket.destroy();
      if (error) reject(error);
      else resolve(reply.toString('latin1'));
    };
    socket.setTimeout(timeoutMs, () =>
      finish(new Error(`no complete reply from :${port} in ${timeoutMs} ms`)),
    );
    socket.on('error', finish);
    socket.on('data', (chunk) => {
      reply = Buffer.concat([reply, chunk]);
      if (done(reply)) finish();
    });
    socket.on('end', () => finish());
    socket.on('connect', () => socket.write(payload));
  });
}

/** clamd INSTREAM: chunks of <4-byte big-endian length><bytes>, ended by a zero length. */
function instream(content: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(content.length);
  return Buffer.concat([Buffer.from('zINSTREAM\0'), length, content, Buffer.alloc(4)]);
}
const endsWithNul = (reply: Buffer) => reply.includes(0);

function readEnvFile(path: string): Record<string, string> {
  const entries = readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => /^[A-Z_]+=/.test(line))
    .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]);
  return Object.fromEntries(entries);
}

describe('scripts/services.sh', () => {
  let run: SpawnSyncReturns<string>;
  let env: Record<string, string>;

  beforeAll(() => {
    // A cold run installs packages (minutes); a warm one takes well under a second or two.
    run = spawnSync('bash', ['scripts/services.sh'], { encoding: 'utf8', timeout: 600_000 });
    env = run.status === 0 ? readEnvFile('.local/services.env') : {};
  }, 610_000);

  it('exits 0 and reports each service on its own line', () => {
    expect({ status: run.status, stderr: run.stderr }).toMatchObject({ status: 0 });
    for (const service of ['postgres', 'postgres-2', 'redis', 'clamd', 'env']) {
      expect(run.stdout).toMatch(new RegExp(`^${service}: +(found|started|initialized|wrote) `, 'm'));
    }
    expect(Object.keys(env)).toEqual(
      expect.arrayContaining([
        'DATABASE_URL',
        'TEST_DATABASE_URL',
        'TENANT_DB_HOSTS',
        'REDIS_URL',
        'CLAMD_HOST',
        'CLAMD_PORT',
      ]),
    );
  });

  it('leaves two PostgreSQL servers where the application role logs in with its password and may create databases', async () => {
    const hosts = env.TENANT_DB_HOSTS.split(',');
    expect(hosts.map((url) => new URL(url).port)).toEqual(['5432', '5433']);

    for (const serverUrl of hosts) {
      const client = new Client({
        connectionString: `${serverUrl}/postgres`,
        connectionTimeoutMillis: 5_000,
      });
      await client.connect();
      try {
        const { rows } = await client.query<{ rolcreatedb: boolean; port: number }>(
          "SELECT rolcreatedb, current_setting('port')::int AS port FROM pg_roles WHERE rolname = current_user",
        );
        expect(rows).toEqual([{ rolcreatedb: true, port: Number(new URL(serverUrl).port) }]);
      } finally {
        await client.end();
      }
    }
  });

  it('leaves the control-plane and test databases reachable', async () => {
    for (const url of [env.DATABASE_URL, env.TEST_DATABASE_URL]) {
      const client = new Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
      await client.connect();
      try {
        const { rows } = await client.query<{ db: string }>('SELECT current_database() AS db');
        expect(rows[0].db).toBe(new URL(url).pathname.slice(1));
      } finally {
        await client.end();
      }
    }
  });

  it('leaves Redis answering PING', async () => {
    const port = Number(new URL(env.REDIS_URL).port);
    const reply = await exchange(port, Buffer.from('PING\r\n'), (r) => r.includes('\r\n'));
    expect(reply).toBe('+PONG\r\n');
  });

  it('leaves clamd answering PING', async () => {
    const reply = await exchange(Number(env.CLAMD_PORT), Buffer.from('zPING\0'), endsWithNul);
    expect(reply).toBe('PONG\0');
  });

  it('leaves clamd detecting the EICAR test string in a stream, and passing a clean one', async () => {
    const port = Number(env.CLAMD_PORT);
    const infected = await exchange(port, instream(Buffer.from(`invoice notes\n${EICAR}\n`)), endsWithNul);
    const clean = await exchange(port, instream(Buffer.from('invoice INV-1, 100.00 EUR\n')), endsWithNul);

    expect(infected).toMatch(/^stream: \S+ FOUND\0$/);
    expect(clean).toBe('stream: OK\0');
  });
});

describe('scripts/services.sh where nothing answers on its ports yet', () => {
  // The machine's services stay untouched: free ports and a state folder of the test's own make
  // the script start a second cluster, a Redis and a clamd itself; services-stop.sh then stops them.
  const stateDir = '.local/bootstrap-start-test';
  let overrides: Record<string, string>;
  let started: SpawnSyncReturns<string>;

  const script = (name: string, ...args: string[]) =>
    spawnSync('bash', [`scripts/${name}`, ...args], {
      encoding: 'utf8',
      timeout: 120_000,
      env: { ...process.env, ...overrides },
    });
  const answers = (port: number) =>
    new Promise<boolean>((resolve) => {
      const socket = net.connect({ host: '127.0.0.1', port });
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });

  beforeAll(async () => {
    const [pg2, redis, clamd] = [await freePort(), await freePort(), await freePort()];
    overrides = {
      FINRECON_LOCAL_DIR: stateDir,
      FINRECON_PG2_PORT: String(pg2),
      FINRECON_REDIS_PORT: String(redis),
      FINRECON_CLAMD_PORT: String(clamd),
    };
    started = script('services.sh');
  }, 130_000);

  afterAll(() => {
    script('services-stop.sh', '--purge');
    rmSync(stateDir, { recursive: true, force: true });
  }, 130_000);

  it('starts what is missing, and services-stop.sh stops exactly that', async () => {
    expect({ status: started.status, stderr: started.stderr }).toMatchObject({ status: 0 });
    expect(started.stdout).toMatch(/^postgres: +found on 127\.0\.0\.1:5432/m);
    expect(started.stdout).toMatch(
      new RegExp(`^postgres-2: .*started on 127\\.0\\.0\\.1:${overrides.FINRECON_PG2_PORT}`, 'm'),
    );
    expect(started.stdout).toMatch(
      new RegExp(`^redis: +started on 127\\.0\\.0\\.1:${overrides.FINRECON_REDIS_PORT}`, 'm'),
    );
    expect(started.stdout).toMatch(
      new RegExp(`^clamd: +started on 127\\.0\\.0\\.1:${overrides.FINRECON_CLAMD_PORT}.*FOUND`, 'm'),
    );
    const redisPort = Number(overrides.FINRECON_REDIS_PORT);
    expect(await exchange(redisPort, Buffer.from('PING\r\n'), (r) => r.includes('\r\n'))).toBe('+PONG\r\n');

    const again = script('services.sh');
    expect(again.status).toBe(0);
    expect(again.stdout).toMatch(/^redis: +found on /m);

    const stopped = script('services-stop.sh');
    expect(stopped.status).toBe(0);
    expect(stopped.stdout).toMatch(/^clamd: +stopped/m);
    expect(stopped.stdout).toMatch(/^postgres-2: +stopped/m);
    expect(stopped.stdout).toMatch(/^redis: +stopped/m);
    for (const name of ['FINRECON_PG2_PORT', 'FINRECON_REDIS_PORT', 'FINRECON_CLAMD_PORT']) {
      expect(await answers(Number(overrides[name]))).toBe(false);
    }
    // The machine's own services were left alone.
    expect(await answers(5432)).toBe(true);
    expect(await answers(6379)).toBe(true);
  }, 300_000);
});
