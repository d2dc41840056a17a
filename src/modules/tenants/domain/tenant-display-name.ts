import { InvalidTenantNameError, MAX_TENANT_NAME_LENGTH } from './tenant-errors';

/**
 * A tenant's display name as stored, trimmed: shown to operators and in lists, so bounded and
 * without control characters (no escape sequences or line breaks). Blank is allowed: the caller
 * names the tenant by its slug then.
 */
export function tenantDisplayName(raw: string): string {
  const name = raw.trim();
  if (name.length > MAX_TENANT_NAME_LENGTH || /\p{Cc}/u.test(name)) throw new InvalidTenantNameError();
  return name;
}
