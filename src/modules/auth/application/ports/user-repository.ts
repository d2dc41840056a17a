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
  abstract listByTenant(tenantId: string | null): Promise<User[]>;
  /** Raises the failure counter atomically and returns the new count. */
  abstract incrementFailedLogins(id: string): Promise<number>;
  /**
   * Locks until `until` unless already locked longer: concurrent failures each compute a lock, and
   * one computed from an earlier, lower count must not shorten the lock a later one set.
   */
  abstract lockUntil(id: string, until: Date): Promise<void>;
  /** Clears the failure counter and any lock. */
  abstract recordSuccessfulLogin(id: string, at: Date): Promise<void>;
  /** `changedAt` null: the same password re-hashed with new parameters (no reset of the change date). */
  abstract updatePasswordHash(id: string, passwordHash: string, changedAt: Date | null): Promise<void>;
  abstract updateStatus(id: string, status: UserStatus): Promise<void>;
  abstract updateRoles(id: string, roles: Role[]): Promise<void>;
  abstract countPlatformAdmins(): Promise<number>;
}
