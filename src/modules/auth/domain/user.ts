import type { Role } from './role';

export type UserStatus = 'active' | 'disabled';

/** An account as the control plane stores it. `tenantId` null means a platform operator. */
export interface User {
  id: string;
  tenantId: string | null;
  email: string;
  passwordHash: string;
  roles: Role[];
  status: UserStatus;
  failedLoginCount: number;
  lockedUntil: Date | null;
  lastLoginAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}
