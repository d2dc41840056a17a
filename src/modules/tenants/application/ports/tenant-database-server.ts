/** What provisioning needs from the PostgreSQL servers that hold tenant databases. */
export abstract class TenantDatabaseServer {
  /** Keys (`host:port`) of the configured servers, in configuration order. */
  abstract hostKeys(): string[];
  abstract exists(hostKey: string, databaseName: string): Promise<boolean>;
  /** Creates the database as a copy of the migrated template (rebuilt when migrations change). */
  abstract createFromTemplate(hostKey: string, databaseName: string): Promise<void>;
  /** Creates an empty database (restores; the plain-migrations baseline of the benchmark). */
  abstract createEmpty(hostKey: string, databaseName: string): Promise<void>;
  /** Applies pending tenant migrations (one runner per database at a time); returns the schema version. */
  abstract migrate(
    hostKey: string,
    databaseName: string,
    options?: { dryRun?: boolean },
  ): Promise<MigrationReport>;
  abstract revertLastMigration(hostKey: string, databaseName: string): Promise<number>;
  /** Drops the database, disconnecting anyone still connected. */
  abstract drop(hostKey: string, databaseName: string): Promise<void>;
  /** Into `file`, which it creates and which must not exist yet (BackupFileExistsError otherwise). */
  abstract dump(hostKey: string, databaseName: string, file: string): Promise<void>;
  abstract restore(hostKey: string, databaseName: string, file: string): Promise<void>;
}

export interface MigrationReport {
  /** Migrations applied by this call (or, in a dry run, that would be). */
  applied: string[];
  schemaVersion: number;
}
