/** A backup archive in the configured backups directory. */
export interface BackupFile {
  /** The bare file name clients see and name back. */
  name: string;
  /** Where it is on this machine (never shown to API clients). */
  path: string;
}

/** Where tenant backups live (`TENANT_BACKUPS_DIR`). */
export abstract class TenantBackupFiles {
  /** A new, unused file for a backup of `slug` (the directory is created when missing). */
  abstract allocate(slug: string): Promise<BackupFile>;
  /** An existing backup by its bare name; refuses anything that is not one of our names. */
  abstract locate(name: string): Promise<BackupFile>;
  abstract sizeOf(path: string): Promise<number>;
  /**
   * Where a dump is written before it is complete: a failed dump must never leave a file under a
   * name that could later be restored.
   */
  abstract inProgressPath(path: string): string;
  /**
   * Refuses (BackupFileExistsError) a target path, or its in-progress path, that already holds a
   * file: checked before a dump starts, so an operator's `--out` typo costs no dump.
   */
  abstract assertFree(path: string): Promise<void>;
  /** Gives a complete dump its name, atomically, and never in place of a file that has it (BackupFileExistsError). */
  abstract publish(inProgress: string, path: string): Promise<void>;
  /** Removes what a failed dump left, if anything. */
  abstract discard(inProgress: string): Promise<void>;
}
