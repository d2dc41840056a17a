import type { ListPage } from '../../../../platform/pagination/list-page';
import type { Tenant, TenantStatus } from '../../domain/tenant';
import { isTenantIdShape, tenantReferenceKey } from '../../domain/tenant-slug';

export interface NewTenant {
  id: string;
  slug: string;
  displayName: string;
  databaseName: string;
  hostKey: string;
}

/** The control plane's list of tenants (the only shared table about them). */
export abstract class TenantRegistry {
  /** Inserts a `provisioning` tenant, or returns the existing one when the slug is taken. */
  abstract insertOrGetBySlug(tenant: NewTenant): Promise<{ tenant: Tenant; created: boolean }>;
  /**
   * Like `insertOrGetBySlug`, but chooses the host from the current tenants per host while holding a
   * cluster-wide placement lock, so concurrent creates of different slugs see each other's rows.
   */
  abstract placeAndInsertOrGetBySlug(
    tenant: Omit<NewTenant, 'hostKey'>,
    chooseHost: (tenantsPerHost: Map<string, number>) => string,
  ): Promise<{ tenant: Tenant; created: boolean }>;
  abstract findById(id: string): Promise<Tenant | null>;
  abstract findBySlug(slug: string): Promise<Tenant | null>;

  /**
   * A tenant named by its id or its slug, as operators name it (case and surrounding spaces aside):
   * by id when the reference has an id's shape, which no slug has, else by slug.
   */
  findByReference(reference: string): Promise<Tenant | null> {
    const key = tenantReferenceKey(reference);
    return isTenantIdShape(key) ? this.findById(key) : this.findBySlug(key);
  }
  /** Every tenant by slug, or one page of them. */
  abstract list(page?: ListPage): Promise<Tenant[]>;
  abstract countByHost(): Promise<Map<string, number>>;
  abstract updateStatus(id: string, status: TenantStatus, failureReason?: string | null): Promise<Tenant>;
  /** `from` to `to` in one statement, only while the tenant is `from`; null when it was not. */
  abstract changeStatus(id: string, from: TenantStatus, to: TenantStatus): Promise<Tenant | null>;
  abstract recordSchemaVersion(id: string, schemaVersion: number): Promise<void>;
  abstract remove(id: string): Promise<void>;
  /** Runs `work` while holding a cluster-wide lock on this tenant (provisioning, deletion, restore). */
  abstract exclusively<T>(tenantId: string, work: () => Promise<T>): Promise<T>;
}
