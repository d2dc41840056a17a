import { sampleTenant } from '../../../../test/support/sample-tenant';
import type { AuditEvent, AuditTrail } from '../../../platform/audit/audit-trail';
import type { Tenant, TenantStatus } from '../domain/tenant';
import type { TenantDatabaseServer } from './ports/tenant-database-server';
import type { TenantDatabases } from './ports/tenant-databases';
import { TenantRegistry } from './ports/tenant-registry';
import type { TenantSessions } from './ports/tenant-sessions';
import { TenantLifecycle } from './tenant-lifecycle';

const operator = { type: 'system' as const, id: 'ops' };

/**
 * One tenant in memory, sessions that fail while Redis is "down", and what was revoked, released,
 * audited. `another.instance`, when set, changes the tenant just before this call changes it.
 */
function world(status: TenantStatus) {
  let tenant: Tenant = sampleTenant({ status });
  const state = {
    redisDown: false,
    bug: false,
    revoked: 0,
    released: 0,
    dropped: 0,
    removed: false,
    hosts: [tenant.hostKey],
    audited: [] as AuditEvent[],
  };
  const another: { instance?: TenantStatus; deletes?: boolean } = {};
  // The port's own findByReference, over the fake's lookups.
  const registry = Object.assign(Object.create(TenantRegistry.prototype) as TenantRegistry, {
    findById: async (id: string) => (id === tenant.id && !state.removed ? tenant : null),
    findBySlug: async (slug: string) => (slug === tenant.slug ? tenant : null),
    updateStatus: async (_id: string, next: TenantStatus) => (tenant = { ...tenant, status: next }),
    exclusively: async (_id: string, work: () => Promise<unknown>) => {
      if (another.deletes) state.removed = true;
      return work();
    },
    remove: async () => void (state.removed = true),
    changeStatus: async (_id: string, from: TenantStatus, to: TenantStatus) => {
      if (another.instance) tenant = { ...tenant, status: another.instance };
      if (tenant.status !== from) return null;
      return (tenant = { ...tenant, status: to });
    },
  });
  const sessions: TenantSessions = {
    revokeTenant: async () => {
      if (state.bug) throw new TypeError('cannot read properties of undefined');
      if (state.redisDown) {
        // As the Redis markers fail closed: SERVICE.UNAVAILABLE, with what failed as its cause.
        const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:6379'), {
          code: 'ECONNREFUSED',
        });
        throw Object.assign(new Error('Sessions cannot be checked right now'), {
          code: 'SERVICE.UNAVAILABLE',
          cause: refused,
        });
      }
      state.revoked++;
    },
  };
  const databases = { release: async () => void state.released++ } as unknown as TenantDatabases;
  const audit: AuditTrail = { record: async (event) => void state.audited.push(event) };
  const server = {
    hostKeys: () => state.hosts,
    drop: async () => void state.dropped++,
  } as unknown as TenantDatabaseServer;
  const lifecycle = new TenantLifecycle(registry, server, databases, sessions, audit);
  return { lifecycle, state, another, current: () => tenant };
}

describe('suspending a tenant', () => {
  it('suspends, revokes its sessions, releases its pools and audits once', async () => {
    const { lifecycle, state } = world('active');
    await expect(lifecycle.suspend('acme', operator)).resolves.toMatchObject({ status: 'suspended' });
    expect(state).toMatchObject({ revoked: 1, released: 1 });
    expect(state.audited.map((event) => event.action)).toEqual(['tenant.suspended']);
  });

  it('revokes the sessions on a retry after the revocation failed, without a second audit record', async () => {
    const { lifecycle, state, current } = world('active');
    state.redisDown = true;
    const unfinished = await lifecycle.suspend('acme', operator).catch((error: Error) => error);
    expect(unfinished).toMatchObject({
      code: 'TENANT.SUSPENSION_UNFINISHED',
      message: expect.stringMatching(
        /^Tenant acme is suspended and its requests are refused, but its sessions/,
      ),
      details: { tenantStatus: 'suspended' },
      cause: expect.objectContaining({ code: 'SERVICE.UNAVAILABLE' }),
    });
    expect(current().status).toBe('suspended');

    state.redisDown = false;
    await expect(lifecycle.suspend('acme', operator)).resolves.toMatchObject({ status: 'suspended' });
    expect(state).toMatchObject({ revoked: 1, released: 1 });
    expect(state.audited.map((event) => event.action)).toEqual(['tenant.suspended']);
  });

  it('lets an error that is no outage through as it is (a bug is not left for a retry)', async () => {
    const { lifecycle, state, current } = world('active');
    state.bug = true;
    await expect(lifecycle.suspend('acme', operator)).rejects.toThrow(TypeError);
    expect(current().status).toBe('suspended');
  });

  it.each(['provisioning', 'failed', 'deleting'] as const)('refuses a tenant that is %s', async (status) => {
    const { lifecycle, state } = world(status);
    await expect(lifecycle.suspend('acme', operator)).rejects.toMatchObject({ code: 'TENANT.NOT_ACTIVE' });
    expect(state).toMatchObject({ revoked: 0, released: 0, audited: [] });
  });
});

describe('status changes racing another instance', () => {
  it('never resumes a tenant that a delete marked deleting meanwhile', async () => {
    const { lifecycle, state, another, current } = world('suspended');
    another.instance = 'deleting';
    await expect(lifecycle.resume('acme', operator)).rejects.toMatchObject({ code: 'TENANT.NOT_ACTIVE' });
    expect(current().status).toBe('deleting');
    expect(state.audited).toEqual([]);
  });

  it('never suspends a tenant that a delete marked deleting meanwhile', async () => {
    const { lifecycle, state, another, current } = world('active');
    another.instance = 'deleting';
    await expect(lifecycle.suspend('acme', operator)).rejects.toMatchObject({ code: 'TENANT.NOT_ACTIVE' });
    expect(current().status).toBe('deleting');
    expect(state).toMatchObject({ revoked: 0, released: 0, audited: [] });
  });

  it('does not audit a suspension another instance made first (that instance audits it), yet revokes again', async () => {
    const { lifecycle, state, another } = world('active');
    another.instance = 'suspended';
    await expect(lifecycle.suspend('acme', operator)).resolves.toMatchObject({ status: 'suspended' });
    expect(state).toMatchObject({ revoked: 1, released: 1, audited: [] });
  });
});

describe('deleting a tenant', () => {
  it('drops its database and removes it, audited once', async () => {
    const { lifecycle, state } = world('active');
    await lifecycle.delete('acme', operator);
    expect(state).toMatchObject({ revoked: 1, released: 1, dropped: 1, removed: true });
    expect(state.audited).toEqual([
      expect.objectContaining({ action: 'tenant.deleted', details: { slug: 'acme' } }),
    ]);
  });

  it('refuses, before changing anything, a tenant whose database server left TENANT_DB_HOSTS', async () => {
    const { lifecycle, state, current } = world('active');
    state.hosts = ['db-2:5432'];
    await expect(lifecycle.delete('acme', operator)).rejects.toMatchObject({
      code: 'TENANT.DELETE_REFUSED',
      message: expect.stringContaining('not in TENANT_DB_HOSTS'),
      details: { hostKey: current().hostKey, databaseName: current().databaseName },
    });
    expect(current().status).toBe('active');
    expect(state).toMatchObject({ revoked: 0, released: 0, dropped: 0, removed: false, audited: [] });
  });

  it('removes such a tenant when told to forget its database, leaving the database and auditing where', async () => {
    const { lifecycle, state, current } = world('deleting');
    const { hostKey, databaseName } = current();
    state.hosts = ['db-2:5432'];
    await lifecycle.delete('acme', operator, { forgetDatabase: true });
    expect(state).toMatchObject({ revoked: 1, released: 1, dropped: 0, removed: true });
    expect(state.audited[0].details).toEqual({ slug: 'acme', databaseLeft: { hostKey, databaseName } });
  });

  it('names the tenant by slug when another instance deleted it while this delete waited for the lock', async () => {
    const { lifecycle, state, another } = world('active');
    another.deletes = true;
    await expect(lifecycle.delete('acme', operator)).rejects.toMatchObject({
      code: 'TENANT.NOT_FOUND',
      message: expect.stringContaining('acme'),
    });
    expect(state).toMatchObject({ dropped: 0, audited: [] });
  });

  it('refuses to forget the database of a tenant whose server is configured', async () => {
    const { lifecycle, state } = world('active');
    await expect(lifecycle.delete('acme', operator, { forgetDatabase: true })).rejects.toMatchObject({
      code: 'TENANT.DELETE_REFUSED',
      message: expect.stringContaining('is configured'),
    });
    expect(state).toMatchObject({ dropped: 0, removed: false, audited: [] });
  });
});
