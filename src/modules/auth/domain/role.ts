/** Every role there is. `platform_admin` belongs to operators (no tenant); the rest to a tenant's users. */
export const ROLES = ['platform_admin', 'tenant_admin', 'approver', 'clerk', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export const TENANT_ROLES: readonly Role[] = ['tenant_admin', 'approver', 'clerk', 'viewer'];

/** What an API key may hold: a leaked integration key must not be able to administer the tenant. */
export const API_KEY_ROLES: readonly Role[] = ['approver', 'clerk', 'viewer'];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

export function isTenantRole(value: unknown): value is Role {
  return isRole(value) && value !== 'platform_admin';
}
