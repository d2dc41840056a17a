import { DomainError } from '../../../platform/errors/domain-error';
import type { TenantStatus } from './tenant';

export class TenantNotFoundError extends DomainError {
  readonly code = 'TENANT.NOT_FOUND';
  constructor(reference: string) {
    super(`No tenant ${reference}`);
  }
}

export class InvalidTenantNameError extends DomainError {
  readonly code = 'TENANT.INVALID_NAME';
  constructor() {
    super(
      `A tenant's display name is at most ${MAX_TENANT_NAME_LENGTH} characters, without control or invisible format characters`,
    );
  }
}

/** As the API's DTO bounds it, for every way a tenant is created (the CLI included). */
export const MAX_TENANT_NAME_LENGTH = 200;

export class InvalidTenantSlugError extends DomainError {
  readonly code = 'TENANT.INVALID_SLUG';
  constructor(reason: string) {
    super(`Invalid tenant slug: ${reason}`);
  }
}

export class TenantSlugTakenError extends DomainError {
  readonly code = 'TENANT.SLUG_TAKEN';
  /** `placedOn`: a repeat asked for another server than the one the tenant of that slug is on. */
  constructor(slug: string, placedOn?: string) {
    super(
      placedOn === undefined
        ? `The slug "${slug}" belongs to another tenant`
        : `The tenant "${slug}" exists on the database server ${placedOn}, not on the one asked for`,
      placedOn === undefined ? undefined : { hostKey: placedOn },
    );
  }
}

export class TenantSuspendedError extends DomainError {
  readonly code = 'TENANT.SUSPENDED';
  constructor(status: TenantStatus) {
    // Not `status`: a problem's `status` is its HTTP status, which would hide the tenant's.
    super(`This tenant is ${status} and cannot be served`, { tenantStatus: status });
  }
}

/**
 * The status flipped to `suspended` (the gate refuses the tenant's requests from now on), but ending
 * its sessions or closing its pools failed (Redis or a database unreachable): a retry finishes.
 */
export class TenantSuspensionUnfinishedError extends DomainError {
  readonly code = 'TENANT.SUSPENSION_UNFINISHED';
  constructor(slug: string, cause: unknown) {
    super(
      `Tenant ${slug} is suspended and its requests are refused, but its sessions could not be revoked ` +
        'now (a service is unavailable); suspend it again to finish',
      { tenantStatus: 'suspended' },
      { cause },
    );
  }
}

/**
 * A delete that cannot do as asked where the tenant's database lives: its server left
 * `TENANT_DB_HOSTS` (the database cannot be dropped from here), or the database is asked to be
 * forgotten while its server is configured (it would be left behind for nothing).
 */
export class TenantDeleteRefusedError extends DomainError {
  readonly code = 'TENANT.DELETE_REFUSED';
  constructor(slug: string, hostKey: string, databaseName: string, hostConfigured: boolean) {
    super(
      hostConfigured
        ? `Tenant ${slug}'s database server ${hostKey} is configured: delete it without forgetting its database, which is then dropped`
        : `Tenant ${slug}'s database ${databaseName} is on ${hostKey}, which is not in TENANT_DB_HOSTS: add that server ` +
            'back to drop the database with the tenant, or delete with forgetDatabase (CLI --forget-database) to ' +
            'remove the tenant and leave its database on that server to be dropped by hand',
      { hostKey, databaseName },
    );
  }
}

export class TenantMismatchError extends DomainError {
  readonly code = 'TENANT.MISMATCH';
  constructor() {
    super('The request names a tenant other than the one it is authenticated for');
  }
}

export class TenantNotActiveError extends DomainError {
  readonly code = 'TENANT.NOT_ACTIVE';
  constructor(status: TenantStatus, action: string) {
    super(`Cannot ${action} a tenant that is ${status}`, { tenantStatus: status });
  }
}

export class TenantBusyError extends DomainError {
  readonly code = 'TENANT.BUSY';
  constructor() {
    super(
      'Another operation on this tenant (provisioning, a restore, a migration or a delete) is under way; retry when it ends',
    );
  }
}

/** A revert that would take the tenant below its baseline schema, where its tables are created. */
export class BaselineRevertError extends DomainError {
  readonly code = 'TENANT.REVERT_REFUSED';
  constructor(schemaVersion: number) {
    super(
      'Only the baseline migration is left (or none): reverting it would drop every table of the tenant, with its data (delete the tenant instead)',
      { schemaVersion },
    );
  }
}

export class TenantMigrationPendingError extends DomainError {
  readonly code = 'TENANT.MIGRATION_PENDING';
  constructor(current: number, required: number) {
    super('This tenant database is being upgraded; retry shortly', { schemaVersion: current, required });
  }
}

export class TenantDatabaseUnavailableError extends DomainError {
  readonly code = 'TENANT.DATABASE_UNAVAILABLE';
  constructor(reason: string) {
    super(`The tenant database is unavailable: ${reason}`);
  }
}

export class UnknownTenantHostError extends DomainError {
  readonly code = 'TENANT.UNKNOWN_HOST';
  constructor(hostKey: string) {
    super(`No configured tenant database host "${hostKey}"`);
  }
}

export class InvalidBackupFileError extends DomainError {
  readonly code = 'TENANT.INVALID_BACKUP_FILE';
  constructor() {
    super('A backup is named by the bare file name a backup returned (slug-timestamp-suffix.dump)');
  }
}

export class BackupFileExistsError extends DomainError {
  readonly code = 'TENANT.BACKUP_FILE_EXISTS';
  constructor(path: string) {
    super(`${path} exists: a backup never replaces a file (choose a new name, or remove it first)`);
  }
}

export class BackupNotFoundError extends DomainError {
  readonly code = 'TENANT.BACKUP_NOT_FOUND';
  constructor(name: string) {
    super(`No backup ${name}`);
  }
}
