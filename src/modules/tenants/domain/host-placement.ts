import { UnknownTenantHostError } from './tenant-errors';

/**
 * Where a new tenant's database goes: the named host when one is given, else the host with the
 * fewest tenants (ties go to the first configured, so placement is deterministic).
 */
export function chooseTenantHost(
  hostKeys: readonly string[],
  tenantsPerHost: ReadonlyMap<string, number>,
  requested?: string,
): string {
  if (requested !== undefined) {
    if (!hostKeys.includes(requested)) throw new UnknownTenantHostError(requested);
    return requested;
  }
  let best = hostKeys[0];
  for (const key of hostKeys) {
    if ((tenantsPerHost.get(key) ?? 0) < (tenantsPerHost.get(best) ?? 0)) best = key;
  }
  return best;
}
