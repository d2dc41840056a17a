import { readAccessClaims } from './access-claims';

const tenantId = '0b5d7c44-1d9e-4b0b-9a57-0d6c4f5f7a11';
const base = {
  sub: '7f3e1c2a-0b4d-4e8f-9a1b-2c3d4e5f6a7b',
  tid: tenantId,
  roles: ['clerk'],
  sid: 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d',
  iat: 1_700_000_000,
};
const registered = { exp: 1_700_000_600, nbf: 1_700_000_000 };

describe('access-token claims', () => {
  it('reads a well-formed tenant token', () => {
    expect(readAccessClaims({ ...base, ...registered })).toEqual(base);
  });

  it.each([
    ['a non-uuid subject', { sub: 'admin' }],
    ['an unknown role', { roles: ['superuser'] }],
    ['no roles', { roles: [] }],
    ['platform_admin with a tenant', { roles: ['platform_admin'] }],
    ['a tenant role without a tenant', { tid: null }],
    ['platform_admin mixed with tenant roles', { tid: null, roles: ['platform_admin', 'clerk'] }],
    ['a missing session id', { sid: undefined }],
    ['a missing issued-at', { iat: undefined }],
    ['a missing expiry', { exp: undefined }],
    ['a missing not-before', { nbf: undefined }],
  ])('refuses %s', (_name, override) => {
    expect(readAccessClaims({ ...base, ...registered, ...override })).toBeNull();
  });

  it('reads a platform administrator token (no tenant)', () => {
    expect(readAccessClaims({ ...base, ...registered, tid: null, roles: ['platform_admin'] })).not.toBeNull();
  });
});
