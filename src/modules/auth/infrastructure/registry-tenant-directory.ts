import { Injectable } from '@nestjs/common';
import { TenantRegistry } from '../../tenants/application/ports/tenant-registry';
import { TenantDirectory, TenantSummary } from '../application/ports/tenant-directory';

/** Auth's view of tenants, read from the tenants module's registry. */
@Injectable()
export class RegistryTenantDirectory extends TenantDirectory {
  constructor(private readonly registry: TenantRegistry) {
    super();
  }

  async findBySlug(slug: string): Promise<TenantSummary | null> {
    return summary(await this.registry.findBySlug(slug));
  }

  async findById(id: string): Promise<TenantSummary | null> {
    return summary(await this.registry.findById(id));
  }
}

function summary(tenant: TenantSummary | null): TenantSummary | null {
  return tenant
    ? { id: tenant.id, slug: tenant.slug, displayName: tenant.displayName, status: tenant.status }
    : null;
}
