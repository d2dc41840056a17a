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

const TENANT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether a text has the shape of a tenant's id (a UUID): a slug never does. */
export function isTenantIdShape(text: string): boolean {
  return TENANT_ID.test(text);
}

/**
 * A tenant as an operator names it, trimmed and lower-cased as ASCII only (`toLowerCase` would turn
 * the Kelvin sign into `k`, a slug login refuses): the key a slug or an id is looked up by.
 */
export function tenantReferenceKey(raw: string): string {
  return raw.trim().replace(/[A-Z]/g, (letter) => letter.toLowerCase());
}

/**
 * A tenant's public handle (used at login): lowercase letters, digits and inner hyphens, 3-40, and
 * never the shape of a tenant id, so that naming a tenant by id or slug is never ambiguous.
 */
export function parseTenantSlug(raw: string): string {
  const slug = tenantReferenceKey(raw);
  if (!SLUG.test(slug) || slug.includes('--')) {
    throw new InvalidTenantSlugError(
      'a slug is 3-40 lowercase letters, digits and single inner hyphens, starting with a letter',
    );
  }
  if (RESERVED.has(slug)) throw new InvalidTenantSlugError(`"${slug}" is reserved`);
  if (isTenantIdShape(slug))
    throw new InvalidTenantSlugError('a slug must not have the shape of a tenant id (a UUID)');
  return slug;
}
