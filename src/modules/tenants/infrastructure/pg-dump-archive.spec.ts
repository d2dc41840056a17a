import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import type { AppConfig } from '../../../platform/config/app-config';
import { PgDumpArchive } from './pg-dump-archive';

/**
 * Stand-ins on PATH: a pg_dump that writes the environment it was given where the dump goes
 * (stdout), and a pg_restore that never ends, as one loading a large archive.
 */
function fakePgDumpDirectory(): string {
  const directory = mkdtempSync(join(tmpdir(), 'finrecon-fake-pg-dump-'));
  for (const [name, script] of [
    ['pg_dump', '#!/bin/sh\nenv\n'],
    ['pg_restore', '#!/bin/sh\nexec sleep 600\n'],
  ]) {
    writeFileSync(join(directory, name), script);
    chmodSync(join(directory, name), 0o755);
  }
  return directory;
}

async function environmentOfDump(database: Partial<AppConfig['database']>): Promise<Map<string, string>> {
  const archive = new PgDumpArchive({ database } as AppConfig);
  const file = join(mkdtempSync(join(tmpdir(), 'finrecon-dump-')), 'env.txt');
  await archive.dump('postgres://app:s3cret@db1.internal:5432/tenant_x', file);
  const lines = readFileSync(file, 'utf8').trim().split('\n');
  return new Map(lines.map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]));
}

describe('pg_dump and pg_restore TLS settings', () => {
  const originalPath = process.env.PATH;
  beforeAll(() => {
    process.env.PATH = `${fakePgDumpDirectory()}${delimiter}${originalPath}`;
  });
  afterAll(() => {
    process.env.PATH = originalPath;
  });

  it('verifies the server against DB_SSL_CA_FILE, not ~/.postgresql/root.crt', async () => {
    const env = await environmentOfDump({ sslMode: 'verify-full', sslCaFile: '/etc/finrecon/db-ca.pem' });
    expect(env.get('PGSSLMODE')).toBe('verify-full');
    expect(env.get('PGSSLROOTCERT')).toBe('/etc/finrecon/db-ca.pem');
  });

  it('verifies the server against the system CAs when no CA file is configured', async () => {
    const env = await environmentOfDump({ sslMode: 'verify-full' });
    expect(env.get('PGSSLROOTCERT')).toBe('system');
  });

  it('names no root certificate in require mode, which libpq would then start verifying', async () => {
    const env = await environmentOfDump({ sslMode: 'require', sslCaFile: '/etc/finrecon/db-ca.pem' });
    expect(env.get('PGSSLMODE')).toBe('require');
    expect(env.has('PGSSLROOTCERT')).toBe(false);
  });

  it('stops a tool still running when the application shuts down, and the operation fails', async () => {
    const archive = new PgDumpArchive({ database: { sslMode: 'disable' } } as AppConfig);
    const restoring = archive.restore('postgres://app@db1.internal:5432/tenant_x', '/nonexistent.dump');
    const outcome = restoring.then(
      () => 'finished',
      (error: { code?: string; message: string }) => `${error.code}: ${error.message}`,
    );
    await new Promise((resolve) => setTimeout(resolve, 100));
    archive.onApplicationShutdown();
    expect(await outcome).toBe('TENANT.BACKUP_FAILED: pg_restore failed (exit null): stopped by SIGTERM');
    // An operation that reaches its tool after the shutdown gets none.
    await expect(
      archive.restore('postgres://app@db1.internal:5432/tenant_x', '/nonexistent.dump'),
    ).rejects.toThrow('pg_restore failed (exit null): the process is shutting down');
  });
});
