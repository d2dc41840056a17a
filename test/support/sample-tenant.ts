import type { Tenant } from '../../src/modules/tenants/domain/tenant';

/** A well-formed active tenant for unit tests, with whatever the test needs changed. */
export function sampleTenant(overrides: Partial<Tenant> = {}): Tenant {
  return {
    id: '3f2b8a9e-1c4d-4e5f-8a7b-9c0d1e2f3a4b',
    slug: 'acme',
    displayName: 'ACME',
    status: 'active',
    databaseName: 'tenant_3f2b8a9e1c4d4e5f8a7b9c0d1e2f3a4b',
    hostKey: 'db1:5432',
    schemaVersion: 10,
    failureReason: null,
    createdAt: new Date(0),
    updatedAt: new Date(0),
    ...overrides,
  };
}
