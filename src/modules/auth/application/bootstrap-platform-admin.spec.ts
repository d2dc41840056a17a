import {
  InMemoryTenantDirectory,
  InMemoryUsers,
  userAdministrationOver,
} from '../../../../test/support/auth-fakes';
import { BootstrapPlatformAdmin } from './bootstrap-platform-admin';

function setUp() {
  const users = new InMemoryUsers();
  const { administration, audit } = userAdministrationOver(users, new InMemoryTenantDirectory());
  return { users, audit, bootstrap: new BootstrapPlatformAdmin(users, administration) };
}

describe('BootstrapPlatformAdmin', () => {
  it('creates the first platform administrator, hashed and audited as a platform event', async () => {
    const { users, audit, bootstrap } = setUp();
    expect(
      await bootstrap.execute('ops@example.com', 'violet-harbor-57', { type: 'system', id: 'bootstrap' }),
    ).toBe(true);
    const [admin] = await users.listByTenant(null, { limit: 10, offset: 0 });
    expect(admin).toMatchObject({ email: 'ops@example.com', roles: ['platform_admin'], tenantId: null });
    expect(admin.passwordHash).toBe('hash:v2:violet-harbor-57');
    expect(audit.events).toEqual([expect.objectContaining({ action: 'user.created', tenantId: null })]);
  });

  it('does nothing once any platform administrator exists (safe on every start)', async () => {
    const { users, bootstrap } = setUp();
    await bootstrap.execute('ops@example.com', 'violet-harbor-57', { type: 'system' });
    expect(await bootstrap.execute('other@example.com', 'violet-harbor-58', { type: 'system' })).toBe(false);
    expect(await users.countPlatformAdmins()).toBe(1);
  });

  it('refuses a weak bootstrap password', async () => {
    const { bootstrap } = setUp();
    await expect(
      bootstrap.execute('ops@example.com', 'ops-password', { type: 'system' }),
    ).rejects.toMatchObject({
      code: 'AUTH.WEAK_PASSWORD',
    });
  });
});
