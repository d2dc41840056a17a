import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { spawn, type ChildProcess } from 'node:child_process';
import { AppConfig } from '../../../platform/config/app-config';
import { DomainError } from '../../../platform/errors/domain-error';
import { createBackupFile } from './disk/new-backup-file';

export class TenantBackupFailedError extends DomainError {
  readonly code = 'TENANT.BACKUP_FAILED';
  constructor(tool: string, exitCode: number | null, stderr: string) {
    super(`${tool} failed (exit ${exitCode}): ${stderr.trim().split('\n').slice(-3).join(' | ')}`);
  }
}

const STDERR_KEPT = 16 * 1024;

/**
 * Every tool any archive of this process started and that still runs. They must not outlive the
 * process: after a shutdown whose grace period ran out (process.exit), an orphaned pg_restore would
 * go on loading a database its tenant no longer tracks, and an orphaned pg_dump writing a `.partial`
 * file nobody publishes. One exit hook for the process, however many archives it builds.
 */
const RUNNING = new Set<ChildProcess>();
let exitHooked = false;

function track(child: ChildProcess): void {
  if (!exitHooked) {
    exitHooked = true;
    process.once('exit', () => {
      for (const running of RUNNING) running.kill('SIGTERM');
    });
  }
  RUNNING.add(child);
}

/**
 * pg_dump / pg_restore in custom format. Credentials go through the child's environment
 * (PGPASSWORD), never its command line, where any local user could read them.
 */
@Injectable()
export class PgDumpArchive implements OnApplicationShutdown {
  private readonly running = new Set<ChildProcess>();
  private closed = false;

  constructor(private readonly config: AppConfig) {}

  /**
   * After in-flight requests ended (Nest closes the HTTP server first): whatever still runs stops,
   * and an operation still on its way to a tool (a restore between its steps) gets none.
   */
  onApplicationShutdown(): void {
    this.closed = true;
    for (const child of this.running) child.kill('SIGTERM');
  }

  /**
   * Into `file`, which this creates (readable by this user only) and which must not exist: pg_dump
   * writes to the descriptor, so it never opens a path itself, where a file or a symlink planted
   * after our checks would be followed and emptied.
   */
  async dump(databaseUrl: string, file: string): Promise<void> {
    const output = await createBackupFile(file);
    try {
      await this.run('pg_dump', ['--format=custom', '--no-owner', '--no-privileges'], databaseUrl, output.fd);
    } finally {
      await output.close();
    }
  }

  /** In one transaction: a restore that fails midway leaves the database as empty as it found it. */
  restore(databaseUrl: string, file: string): Promise<void> {
    return this.run(
      'pg_restore',
      ['--no-owner', '--no-privileges', '--exit-on-error', '--single-transaction', file],
      databaseUrl,
    );
  }

  private run(
    tool: string,
    args: string[],
    databaseUrl: string,
    stdout: number | 'ignore' = 'ignore',
  ): Promise<void> {
    const url = new URL(databaseUrl);
    const env = {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      PGHOST: url.hostname,
      PGPORT: url.port || '5432',
      PGUSER: decodeURIComponent(url.username),
      PGPASSWORD: decodeURIComponent(url.password),
      PGDATABASE: url.pathname.slice(1),
      PGSSLMODE: this.config.database.sslMode,
      ...this.sslRootCert(),
    };
    const dbArgs = tool === 'pg_restore' ? [`--dbname=${env.PGDATABASE}`] : [];
    if (this.closed)
      return Promise.reject(new TenantBackupFailedError(tool, null, 'the process is shutting down'));
    return new Promise((resolve, reject) => {
      const child = spawn(tool, [...args, ...dbArgs], { env, stdio: ['ignore', stdout, 'pipe'] });
      this.running.add(child);
      track(child);
      let stderr = '';
      // The end is what explains a failure; a tool repeating a warning must not fill the heap.
      child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-STDERR_KEPT)));
      const untrack = (): void => {
        this.running.delete(child);
        RUNNING.delete(child);
      };
      child.once('error', (error) => {
        untrack();
        reject(new TenantBackupFailedError(tool, null, error.message));
      });
      child.once('exit', (code, signal) => {
        untrack();
        if (code === 0) resolve();
        else reject(new TenantBackupFailedError(tool, code, signal ? `stopped by ${signal}` : stderr));
      });
    });
  }

  /**
   * The CA the tools verify the server against, as node-postgres does: DB_SSL_CA_FILE, else the
   * system's trusted CAs (`system`, libpq 16+). Unset, libpq would look in ~/.postgresql/root.crt.
   * Not in `require` mode: given a root certificate, libpq would start verifying it there.
   */
  private sslRootCert(): { PGSSLROOTCERT?: string } {
    if (this.config.database.sslMode !== 'verify-full') return {};
    return { PGSSLROOTCERT: this.config.database.sslCaFile ?? 'system' };
  }
}
