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
