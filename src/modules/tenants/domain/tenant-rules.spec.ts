import { chooseTenantHost } from './host-placement';
import { sampleTenant } from '../../../../test/support/sample-tenant';
import { databaseNameFor } from './tenant';
import { assertTenantServable, isTenantServable } from './tenant-admission';
import { isTenantIdShape, parseTenantSlug, tenantReferenceKey } from './tenant-slug';

const tenant = sampleTenant;

describe('tenant slugs', () => {
  it.each(['acme', 'acme-gmbh', 'a1b', 'nordic-paper-2026'])('accepts %s', (slug) => {
    expect(parseTenantSlug(slug)).toBe(slug);
  });

  it('normalizes case and surrounding space', () => {
    expect(parseTenantSlug('  ACME-GmbH ')).toBe('acme-gmbh');
  });

  it.each([
    'ab',
    '1acme',
    'acme-',
    'ac--me',
    'acme_gmbh',
    'acme;drop',
    'a'.repeat(41),
    'platform',
    'admin',
    // The shape of a tenant id: naming a tenant by id or slug must never be ambiguous.
    'abcdef01-2345-4678-9abc-def012345678',
  ])('refuses %s', (slug) => {
    expect(() => parseTenantSlug(slug)).toThrow(expect.objectContaining({ code: 'TENANT.INVALID_SLUG' }));
  });
});

describe('tenant references (an id or a slug)', () => {
  it('are keyed lower-cased as ASCII only, trimmed', () => {
    expect(tenantReferenceKey(' ACME ')).toBe('acme');
    expect(tenantReferenceKey('\u212Acme')).toBe('\u212Acme');
  });

  it('are ids when they have the shape of one, whatever the case', () => {
    expect(isTenantIdShape('ABCDEF01-2345-4678-9abc-def012345678')).toBe(true);
    expect(isTenantIdShape('acme')).toBe(false);
  });
});

describe('tenant database names', () => {
  it('derives the name from the id only', () => {
    expect(databaseNameFor('3F2B8A9E-1C4D-4E5F-8A7B-9C0D1E2F3A4B')).toBe(
      'tenant_3f2b8a9e1c4d4e5f8a7b9c0d1e2f3a4b',
    );
  });

  it('refuses anything that is not a uuid', () => {
    expect(() => databaseNameFor('x"; DROP DATABASE finrecon; --')).toThrow();
  });
});

describe('host placement', () => {
  const hosts = ['db1:5432', 'db2:5432', 'db3:5432'];

  it('chooses the host with the fewest tenants', () => {
    expect(
      chooseTenantHost(
        hosts,
        new Map([
          ['db1:5432', 3],
          ['db2:5432', 1],
          ['db3:5432', 2],
        ]),
      ),
    ).toBe('db2:5432');
  });

  it('counts a host with no tenants as empty', () => {
    expect(
      chooseTenantHost(
        hosts,
        new Map([
          ['db1:5432', 1],
          ['db2:5432', 1],
        ]),
      ),
    ).toBe('db3:5432');
  });

  it('breaks ties by configuration order', () => {
    expect(chooseTenantHost(hosts, new Map())).toBe('db1:5432');
  });

  it('honours a named host and refuses an unknown one', () => {
    expect(chooseTenantHost(hosts, new Map(), 'db3:5432')).toBe('db3:5432');
    expect(() => chooseTenantHost(hosts, new Map(), 'db9:5432')).toThrow(
      expect.objectContaining({ code: 'TENANT.UNKNOWN_HOST' }),
    );
  });
});

describe('tenant admission', () => {
  it('serves an active tenant at the required schema', () => {
    expect(() => assertTenantServable(tenant({}), 10)).not.toThrow();
  });

  it.each(['suspended', 'deleting', 'provisioning', 'failed'] as const)('refuses a %s tenant', (status) => {
    expect(() => assertTenantServable(tenant({ status }), 10)).toThrow(
      expect.objectContaining({ code: 'TENANT.SUSPENDED' }),
    );
  });

  it('refuses a tenant whose schema is behind', () => {
    expect(() => assertTenantServable(tenant({ schemaVersion: 9 }), 10)).toThrow(
      expect.objectContaining({ code: 'TENANT.MIGRATION_PENDING' }),
    );
  });

  it('answers the same question as a yes or no, for callers that must not throw', () => {
    expect(isTenantServable(tenant({}), 10)).toBe(true);
    expect(isTenantServable(tenant({ schemaVersion: 11 }), 10)).toBe(true);
    expect(isTenantServable(tenant({ status: 'suspended' }), 10)).toBe(false);
    expect(isTenantServable(tenant({ schemaVersion: 9 }), 10)).toBe(false);
  });
});
