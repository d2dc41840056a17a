import { isRole, Role } from '../domain/role';
import type { User, UserStatus } from '../domain/user';

export const USER_COLUMNS =
  'id, tenant_id, email, password_hash, roles, status, failed_login_count, locked_until, last_login_at, created_at, updated_at';

export interface UserRow {
  id: string;
  tenant_id: string | null;
  email: string;
  password_hash: string;
  roles: string[];
  status: UserStatus;
  failed_login_count: number;
  locked_until: Date | null;
  last_login_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

export function toUser(row: UserRow): User {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    email: row.email,
    passwordHash: row.password_hash,
    roles: row.roles.filter(isRole) as Role[],
    status: row.status,
    failedLoginCount: Number(row.failed_login_count),
    lockedUntil: row.locked_until,
    lastLoginAt: row.last_login_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
