import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// The container files: docker-compose.yml keeps every credential in the environment, and the
// Dockerfile builds a production image. The compose file is rendered by the real compose
// implementation when one is installed (only the client: no engine is needed for `config`).

const COMPOSE_FILE = 'docker-compose.yml';
const REQUIRED_SECRETS = [
  'POSTGRES_PASSWORD',
  'REDIS_PASSWORD',
  'JWT_SECRET',
  'COOKIE_SECRET',
  'ENCRYPTION_KEY',
  'METRICS_TOKEN',
];
// Keys whose values are credentials, in the file and in the rendered model.
const SECRET_KEY = /^[A-Z0-9_]*(PASSWORD|PASS|SECRET|TOKEN|_KEY|AUTH)$/;
// The password part may be a ${VAR:?message} interpolation, whose message has spaces.
const URL_PASSWORD = /[a-z]+:\/\/[^\s/:@]*:(\$\{[^}]*\}|[^\s/@]+)@/g;
// --requirepass inside an inline list: [redis-server, --requirepass, "${REDIS_PASSWORD:?...}"].
const INLINE_REQUIREPASS = /--requirepass[\s,]+("[^"]*"|'[^']*'|[^\s,\]]+)/g;

/** `docker compose` (v2 plugin) or `docker-compose` (v1), whichever answers; undefined if neither. */
function findCompose(): string[] | undefined {
  for (const command of [['docker', 'compose'], ['docker-compose']]) {
    const probe = spawnSync(command[0], [...command.slice(1), 'version'], { encoding: 'utf8' });
    if (probe.status === 0) return command;
  }
  return undefined;
}

const compose = findCompose();
if (!compose) {
  console.warn(
    'compose-file.spec: neither `docker compose` nor `docker-compose` is installed; the rendering checks are skipped',
  );
}
const itWithCompose = compose ? it : it.skip;

/** Runs `compose config` with exactly the given variables (an empty --env-file keeps a developer's .env out). */
function renderCompose(variables: Record<string, string>, ...args: string[]) {
  const dir = mkdtempSync(join(tmpdir(), 'finrecon-compose-'));
  try {
    const envFile = join(dir, 'empty.env');
    writeFileSync(envFile, '');
    const [command, ...prefix] = compose as string[];
    return spawnSync(command, [...prefix, '--env-file', envFile, '-f', COMPOSE_FILE, 'config', ...args], {
      encoding: 'utf8',
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: dir, ...variables },
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const markerOf = (name: string) => `dummy0${name.toLowerCase().replace(/_/g, '0')}0value`;
const markers = Object.fromEntries(REQUIRED_SECRETS.map((name) => [name, markerOf(name)]));

/** Lines of YAML reduced to tokens: list dashes, quotes and surrounding spaces removed. */
function tokens(yaml: string): string[] {
  return yaml
    .split('\n')
    .filter((line) => !line.trim().startsWith('#'))
    .map((line) => line.trim().replace(/^- /, '').trim())
    .map((token) => token.replace(/^(['"])(.*)\1$/, '$2'));
}

/** Every credential-looking value in YAML text, as [where, value] pairs. */
function credentialValues(yaml: string): [string, string][] {
  const found: [string, string][] = [];
  const list = tokens(yaml);
  list.forEach((token, index) => {
    const keyValue = /^"?([A-Za-z0-9_]+)"?\s*[:=]\s*(.+)$/.exec(token);
    if (keyValue && SECRET_KEY.test(keyValue[1])) {
      found.push([keyValue[1], keyValue[2].replace(/^(['"])(.*)\1$/, '$2')]);
    }
    for (const match of token.matchAll(URL_PASSWORD)) found.push([`password in ${match[0]}`, match[1]]);
    if (token === '--requirepass') found.push(['--requirepass', list[index + 1] ?? '']);
    for (const match of token.matchAll(INLINE_REQUIREPASS)) {
      found.push(['--requirepass', match[1].replace(/^(['"])(.*)\1$/, '$2')]);
    }
  });
  return found;
}

describe('docker-compose.yml', () => {
  it('writes no credential: each one is a required ${VAR:?} interpolation', () => {
    const credentials = credentialValues(readFileSync(COMPOSE_FILE, 'utf8'));

    expect(credentials.length).toBeGreaterThanOrEqual(REQUIRED_SECRETS.length);
    const literal = credentials.filter(([, value]) => !/^\$\{[A-Z0-9_]+:\?[^}]*\}$/.test(value));
    expect(literal).toEqual([]);
  });

  itWithCompose('is a valid compose file once the required variables are set', () => {
    const result = renderCompose(markers, '-q');

    expect(result.stderr).not.toMatch(/error/i);
    expect(result.status).toBe(0);
  });

  itWithCompose('renders every credential from the environment and none literally', () => {
    const result = renderCompose(markers);
    expect(result.status).toBe(0);
    const rendered = result.stdout;

    for (const marker of Object.values(markers)) expect(rendered).toContain(marker);
    const credentials = credentialValues(rendered);
    expect(credentials.map(([where]) => where)).toEqual(
      expect.arrayContaining([
        'POSTGRES_PASSWORD',
        'JWT_SECRET',
        'COOKIE_SECRET',
        'ENCRYPTION_KEY',
        '--requirepass',
      ]),
    );
    const notFromEnvironment = credentials.filter(
      ([, value]) => !Object.values(markers).some((marker) => value.includes(marker)),
    );
    expect(notFromEnvironment).toEqual([]);
  });

  itWithCompose('refuses to render while a required credential is missing, naming it', () => {
    for (const missing of REQUIRED_SECRETS) {
      const variables = { ...markers };
      delete variables[missing];

      const result = renderCompose(variables, '-q');

      expect(result.status).not.toBe(0);
      expect(result.stderr).toContain(missing);
    }
  });

  it('defines the five services, with healthchecks on the stateful ones and the API', () => {
    const text = readFileSync(COMPOSE_FILE, 'utf8');
    for (const service of ['postgres', 'redis', 'clamav', 'api', 'worker']) {
      expect(text).toMatch(new RegExp(`^  ${service}:$`, 'm'));
    }
    expect(text.match(/^\s+healthcheck:\s*$/gm)?.length).toBeGreaterThanOrEqual(4);
    expect(text).toContain('/health/live');
    expect(text).toMatch(/^\s+- pgdata:/m);
    expect(text).toMatch(/^\s+- uploads:/m);
  });
});

describe('Dockerfile', () => {
  const dockerfile = readFileSync('Dockerfile', 'utf8');
  const stages = dockerfile.split(/^FROM /m).slice(1);
  const runtime = stages[stages.length - 1];

  it('builds in one stage and runs with production dependencies only in another', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    expect(dockerfile).toMatch(/RUN npm ci\b/);
    expect(dockerfile).toMatch(/RUN npm run build/);
    expect(dockerfile).toMatch(/npm ci --omit=dev/);
    expect(runtime).not.toMatch(/npm ci(?! --omit=dev)/);
    expect(runtime).toMatch(/COPY .*migrations/);
  });

  it('runs as a non-root user on a current Node LTS image', () => {
    // A pinned even (LTS) major, 24 or later, slim Debian; never the floating `lts`/`latest` tags,
    // which would move to an untested major on their own (docs/decisions/0006-node-lts-image.md).
    const image = /^ARG NODE_IMAGE=node:(\d+)-bookworm-slim$/m.exec(dockerfile);
    expect(image).not.toBeNull();
    const major = Number(image?.[1]);
    expect(major).toBeGreaterThanOrEqual(24);
    expect(major % 2).toBe(0);
    expect(dockerfile).not.toMatch(/node:(lts|latest|current)\b/);
    expect(stages.every((stage) => stage.startsWith('${NODE_IMAGE}'))).toBe(true);
    const user = /^USER (\S+)/m.exec(runtime);
    expect(user?.[1]).toBeDefined();
    expect(user?.[1]).not.toMatch(/^(root|0)$/);
  });

  it('checks liveness on /health/live with node itself and starts the API by default', () => {
    expect(runtime).toMatch(/^HEALTHCHECK .*\n?.*CMD \["node", "-e", ".*\/health\/live/m);
    expect(runtime).toMatch(/^CMD \["node", "dist\/src\/main\.js"\]/m);
  });
});
