import { grants, PERMISSION_TABLE, Permission, permits } from './permission-table';
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

  it('never lets an API key administer users or keys, whatever roles it holds', () => {
    const key = { type: 'api_key' as const, roles: ['tenant_admin' as const] };
    expect(permits(key, 'users.manage')).toBe(false);
    expect(permits(key, 'api_keys.manage')).toBe(false);
    expect(permits(key, 'reconciliation.approve')).toBe(true);
    const admin = { type: 'user' as const, roles: ['tenant_admin' as const] };
    expect(permits(admin, 'users.manage')).toBe(true);
    expect(permits(admin, 'api_keys.manage')).toBe(true);
  });
});
