import { constants } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { BackupFileExistsError } from '../../domain/tenant-errors';

/** The `code` of a Node system error (`EEXIST`, `EPERM`, ...), or undefined for anything else. */
export function systemErrorCode(error: unknown): unknown {
  return typeof error === 'object' && error !== null && 'code' in error ? error.code : undefined;
}

/**
 * Creates `path` for writing, readable by this user only: never a file that exists, never through a
 * symlink (BackupFileExistsError for either), so nothing planted at the name is followed or emptied.
 */
export async function createBackupFile(path: string): Promise<FileHandle> {
  const flags = constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW | constants.O_WRONLY;
  return open(path, flags, 0o600).catch((error: unknown) => {
    throw systemErrorCode(error) === 'EEXIST' ? new BackupFileExistsError(path) : error;
  });
}
