import {
  InMemoryTenantDirectory,
  InMemoryUsers,
  userAdministrationOver,
} from '../../../../test/support/auth-fakes';
import type { TenantStatus } from '../../tenants/domain/tenant';

const TENANT_ID = '0b5d7c44-1d9e-4b0b-9a57-0d6c4f5f7a11';
const OPERATOR = { type: 'system', id: 'test' } as const;

function administrationOf(status: TenantStatus) {
  const users = new InMemoryUsers();
  const tenants = new InMemoryTenantDirectory();
  tenants.tenants.push({ id: TENANT_ID, slug: 'acme', displayName: 'ACME', status: 'active' });
  const { administration, audit } = userAdministrationOver(users, tenants);
  const become = (next: TenantStatus) => (tenants.tenants[0] = { ...tenants.tenants[0], status: next });
  return { users, audit, administration, become, status };
}

const newUser = {
  tenantId: TENANT_ID,
  email: 'ada@acme.example',
  password: 'violet-harbor-57',
  roles: ['clerk'],
};

describe('UserAdministration: the accounts of a tenant that is not served', () => {
  it.each(['provisioning', 'failed', 'deleting'] as const)(
    'refuses every change while the tenant is %s, changing nothing and auditing nothing',
    async (status) => {
      const { users, audit, administration, become } = administrationOf(status);
      const user = await administration.create(newUser, OPERATOR, {});
      const before = audit.events.length;
      become(status);
      const changes = [
        () => administration.create({ ...newUser, email: 'bob@acme.example' }, OPERATOR, {}),
        () => administration.disable(TENANT_ID, user.id, OPERATOR, {}),
        () => administration.enable(TENANT_ID, user.id, OPERATOR, {}),
        () => administration.resetPassword(TENANT_ID, user.id, 'another-violet-58', OPERATOR, {}),
        () => administration.changeRoles(TENANT_ID, user.id, ['viewer'], OPERATOR, {}),
      ];
      for (const change of changes)
        await expect(change()).rejects.toMatchObject({ code: 'TENANT.NOT_ACTIVE' });
      expect(await users.findById(user.id)).toMatchObject({ status: 'active', roles: ['clerk'] });
      expect(await users.findForLogin(TENANT_ID, 'bob@acme.example')).toBeNull();
      expect(audit.events).toHaveLength(before);
    },
  );

  it('changes the accounts of a suspended tenant (an administrator may act while it is suspended)', async () => {
    const { administration, become } = administrationOf('suspended');
    const user = await administration.create(newUser, OPERATOR, {});
    become('suspended');
    await expect(administration.disable(TENANT_ID, user.id, OPERATOR, {})).resolves.toMatchObject({
      status: 'disabled',
    });
  });
});
