import { InvalidTenantSlugError } from './tenant-errors';

/** The shape of a slug, without anchors: login builds its input check from it. */
export const TENANT_SLUG_SHAPE = '[a-z][a-z0-9-]{1,38}[a-z0-9]';
const SLUG = new RegExp(`^${TENANT_SLUG_SHAPE}$`);
const RESERVED = new Set([
  'admin',
  'api',
  'platform',
  'system',
  'root',
  'postgres',
  'template',
  'www',
  'docs',
]);

/** A tenant's public handle (used at login): lowercase letters, digits and inner hyphens, 3-40. */
export function parseTenantSlug(raw: string): string {
  // Lower-cased as ASCII only: `toLowerCase` would turn the Kelvin sign into `k`, a slug login refuses.
  const slug = raw.trim().replace(/[A-Z]/g, (letter) => letter.toLowerCase());
  if (!SLUG.test(slug) || slug.includes('--')) {
    throw new InvalidTenantSlugError(
      'a slug is 3-40 lowercase letters, digits and single inner hyphens, starting with a letter',
    );
  }
  if (RESERVED.has(slug)) throw new InvalidTenantSlugError(`"${slug}" is reserved`);
  return slug;
}
