import type { ListPage } from '../../../../platform/pagination/list-page';
import type { Role } from '../../domain/role';
import type { User, UserStatus } from '../../domain/user';

export interface NewUser {
  id: string;
  tenantId: string | null;
  email: string;
  passwordHash: string;
  roles: Role[];
}

/** Users in the control plane. Tenant-scoped methods take the tenant id so one tenant never sees another's. */
export abstract class UserRepository {
  /** Inserts, or returns null when the email is taken in that tenant. */
  abstract insert(user: NewUser): Promise<User | null>;
  abstract findForLogin(tenantId: string | null, email: string): Promise<User | null>;
  abstract findById(id: string): Promise<User | null>;
  abstract findInTenant(tenantId: string | null, id: string): Promise<User | null>;
  abstract listByTenant(tenantId: string | null, page: ListPage): Promise<User[]>;
  /**
   * Counts a login attempt as a failure before its password is checked, in one atomic step:
   * refused (false) while the account is locked; otherwise the counter rises and, when `lockAfter`
   * gives a time for the new count, the lock is set in the same step. Concurrent attempts thus see
   * each other's locks, and no burst gets more password checks than the lockout allows. A correct
   * password then clears both (`recordSuccessfulLogin`).
   */
  abstract claimLoginAttempt(
    id: string,
    now: Date,
    lockAfter: (failuresInARow: number) => Date | null,
  ): Promise<boolean>;
  /** The password was right after all (a disabled user's): clears the failure counter and any lock. */
  abstract clearFailedLogins(id: string): Promise<void>;
  /** Clears the failure counter and any lock. */
  abstract recordSuccessfulLogin(id: string, at: Date): Promise<void>;
  /** A new password (reset or change): `changedAt` is when. */
  abstract updatePasswordHash(id: string, passwordHash: string, changedAt: Date | null): Promise<void>;
  /**
   * The same password hashed with new parameters, stored only while `verifiedHash` is still the
   * stored one: a reset that landed since the login checked the password is never overwritten.
   */
  abstract rehashPassword(id: string, verifiedHash: string, rehashed: string): Promise<boolean>;
  abstract updateStatus(id: string, status: UserStatus): Promise<void>;
  abstract updateRoles(id: string, roles: Role[]): Promise<void>;
  abstract countPlatformAdmins(): Promise<number>;
}
