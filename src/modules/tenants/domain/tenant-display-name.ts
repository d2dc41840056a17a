import { InvalidTenantNameError, MAX_TENANT_NAME_LENGTH } from './tenant-errors';

/** Control characters (escape sequences, line breaks) and invisible format ones (zero-width, bidi overrides). */
const UNSHOWABLE = /[\p{Cc}\p{Cf}]/u;

/**
 * A tenant's display name as stored, trimmed: shown to operators, in lists and in a terminal, so at
 * most MAX_TENANT_NAME_LENGTH characters (as PostgreSQL counts them: code points) and without
 * control or invisible format characters, which could rewrite or disguise what is shown. Blank is
 * allowed: the caller names the tenant by its slug then.
 */
export function tenantDisplayName(raw: string): string {
  const name = raw.trim();
  if (codePoints(name) > MAX_TENANT_NAME_LENGTH || UNSHOWABLE.test(name)) throw new InvalidTenantNameError();
  return name;
}

function codePoints(text: string): number {
  let count = 0;
  for (const _character of text) count += 1;
  return count;
}
