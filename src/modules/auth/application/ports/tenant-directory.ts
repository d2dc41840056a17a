import type { TenantStatus } from '../../../tenants/domain/tenant';

/** What auth needs to know about tenants: resolve a slug at login, and names for the password policy. */
export interface TenantSummary {
  id: string;
  slug: string;
  displayName: string;
  status: TenantStatus;
}

export abstract class TenantDirectory {
  abstract findBySlug(slug: string): Promise<TenantSummary | null>;
  abstract findById(id: string): Promise<TenantSummary | null>;
}
