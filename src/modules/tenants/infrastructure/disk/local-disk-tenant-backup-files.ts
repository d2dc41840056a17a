import { Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { statSync } from 'node:fs';
import { link, lstat, mkdir, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import { AppConfig } from '../../../../platform/config/app-config';
import { Clock } from '../../../../platform/clock/clock';
import { BackupFile, TenantBackupFiles } from '../../application/ports/tenant-backup-files';
import { backupFileNameFor, parseBackupFileName } from '../../domain/backup-file-name';
import { createBackupFile, systemErrorCode } from './new-backup-file';
import {
  BackupFileExistsError,
  BackupNotFoundError,
  InvalidBackupFileError,
} from '../../domain/tenant-errors';

@Injectable()
export class LocalDiskTenantBackupFiles extends TenantBackupFiles {
  private readonly directory: string;

  constructor(
    config: AppConfig,
    private readonly clock: Clock,
  ) {
    super();
    this.directory = resolve(config.tenantDatabases.backupsDir);
    // Found at boot, not as a failed backup weeks later; a missing directory is created on first use.
    if (statSync(this.directory, { throwIfNoEntry: false })?.isDirectory() === false)
      throw new Error(`TENANT_BACKUPS_DIR ${this.directory} exists and is not a directory`);
  }

  async allocate(slug: string): Promise<BackupFile> {
    await mkdir(this.directory, { recursive: true, mode: 0o700 });
    const name = backupFileNameFor(slug, this.clock.now(), randomBytes(4).toString('hex'));
    return { name, path: this.pathOf(name) };
  }

  async locate(raw: string): Promise<BackupFile> {
    const name = parseBackupFileName(raw);
    const path = this.pathOf(name);
    const info = await stat(path).catch(() => undefined);
    if (!info?.isFile()) throw new BackupNotFoundError(name);
    return { name, path };
  }

  async sizeOf(path: string): Promise<number> {
    return (await stat(path)).size;
  }

  inProgressPath(path: string): string {
    // Not a backup name (the name pattern refuses the suffix), so `locate` never finds it.
    return `${path}.partial`;
  }

  async assertFree(path: string): Promise<void> {
    for (const taken of [path, this.inProgressPath(path)])
      if (await lstat(taken).catch(() => undefined)) throw new BackupFileExistsError(taken);
  }

  async publish(inProgress: string, path: string): Promise<void> {
    try {
      // A hard link is created only where no file has the name (rename would replace one), atomically.
      await link(inProgress, path).catch(async (error: unknown) => {
        if (!WITHOUT_HARD_LINKS.has(systemErrorCode(error))) throw error;
        // A volume without hard links: the name is reserved by an empty file of our own, which the
        // complete dump then replaces in one rename.
        await (await createBackupFile(path)).close();
        await rename(inProgress, path);
      });
    } catch (error) {
      throw systemErrorCode(error) === 'EEXIST' ? new BackupFileExistsError(path) : error;
    }
    await rm(inProgress, { force: true });
  }

  async discard(inProgress: string): Promise<void> {
    await rm(inProgress, { force: true });
  }

  /** Belt and braces behind the name pattern: the result must sit directly in the directory. */
  private pathOf(name: string): string {
    const path = resolve(this.directory, name);
    if (dirname(path) !== this.directory || basename(path) !== name) throw new InvalidBackupFileError();
    return path;
  }
}

/** What link(2) answers on a file system that has no hard links. */
const WITHOUT_HARD_LINKS = new Set<unknown>(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS']);
