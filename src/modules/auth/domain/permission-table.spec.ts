import { grants, PERMISSION_TABLE, Permission } from './permission-table';
import { ROLES } from './role';

describe('the permission table', () => {
  it('gives platform.manage to platform_admin alone and no tenant permission to platform_admin', () => {
    expect(PERMISSION_TABLE['platform.manage']).toEqual(['platform_admin']);
    for (const permission of Object.keys(PERMISSION_TABLE) as Permission[]) {
      if (permission !== 'platform.manage') expect(grants(['platform_admin'], permission)).toBe(false);
    }
  });

  it('keeps user and key administration to tenant_admin', () => {
    for (const role of ROLES) {
      expect(grants([role], 'users.manage')).toBe(role === 'tenant_admin');
      expect(grants([role], 'api_keys.manage')).toBe(role === 'tenant_admin');
    }
  });

  it('grants when any of several roles holds the permission', () => {
    expect(grants(['viewer', 'approver'], 'reconciliation.approve')).toBe(true);
    expect(grants(['viewer', 'clerk'], 'reconciliation.approve')).toBe(false);
    expect(grants([], 'reconciliation.read')).toBe(false);
  });

  it('lets every tenant role read reconciliation results', () => {
    expect(PERMISSION_TABLE['reconciliation.read']).toEqual(['tenant_admin', 'approver', 'clerk', 'viewer']);
  });
});
