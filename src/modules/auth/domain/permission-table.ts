import type { Principal } from './principal';
import type { Role } from './role';

/**
 * THE permission table: which roles may do what. Routes name a permission (`@RequiresPermission`),
 * never roles, so changing who may do something is a one-line change here, and the route x role
 * matrix test reads this same table.
 */
export const PERMISSION_TABLE = {
  /** Operators: tenants, platform users. Reachable only on /platform/** routes. */
  'platform.manage': ['platform_admin'],
  /** A tenant's users: create, disable, reset passwords, change roles. */
  'users.manage': ['tenant_admin'],
  'users.read': ['tenant_admin'],
  'api_keys.manage': ['tenant_admin'],
  /** Reconciliation work (used by the reconciliation and upload modules). */
  'reconciliation.read': ['tenant_admin', 'approver', 'clerk', 'viewer'],
  'documents.upload': ['tenant_admin', 'clerk'],
  'reconciliation.resolve': ['tenant_admin', 'approver', 'clerk'],
  'reconciliation.approve': ['tenant_admin', 'approver'],
  'settings.manage': ['tenant_admin'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSION_TABLE;

export function rolesWith(permission: Permission): readonly Role[] {
  return PERMISSION_TABLE[permission];
}

export function grants(roles: readonly Role[], permission: Permission): boolean {
  const allowed: readonly Role[] = PERMISSION_TABLE[permission];
  return roles.some((role) => allowed.includes(role));
}

/**
 * Administration of people and credentials needs a signed-in user whatever the roles: the
 * self-protection rules (no disabling yourself, no dropping your own admin role) only know users,
 * and a key that could mint keys would outlive its own revocation.
 */
const USER_ONLY: readonly Permission[] = ['users.manage', 'api_keys.manage'];

/** Whether this principal may act under the permission: its roles, and for API keys never USER_ONLY. */
export function permits(principal: Pick<Principal, 'type' | 'roles'>, permission: Permission): boolean {
  if (principal.type === 'api_key' && USER_ONLY.includes(permission)) return false;
  return grants(principal.roles, permission);
}
