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
/** A minute after issue, for tokens issued for 600 s. */
const time = { nowSeconds: 1_700_000_060, lifetimeSeconds: 600 };

describe('access-token claims', () => {
  it('reads a well-formed tenant token', () => {
    expect(readAccessClaims({ ...base, ...registered }, time)).toEqual(base);
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
    // Only a forged token is issued ahead (it would outlive revocations) or for longer than tokens are.
    ['an issue time ahead of the clock', { iat: 1_700_000_066, exp: 1_700_000_666 }],
    ['a lifetime longer than tokens are issued for', { exp: 1_700_000_601 }],
    ['a ten-year lifetime', { exp: 2_015_000_000 }],
  ])('refuses %s', (_name, override) => {
    expect(readAccessClaims({ ...base, ...registered, ...override }, time)).toBeNull();
  });

  it('allows an issue time a few seconds ahead: instances’ clocks differ a little', () => {
    expect(
      readAccessClaims({ ...base, iat: 1_700_000_065, nbf: 1_700_000_065, exp: 1_700_000_665 }, time),
    ).not.toBeNull();
  });

  it('reads a platform administrator token (no tenant)', () => {
    expect(
      readAccessClaims({ ...base, ...registered, tid: null, roles: ['platform_admin'] }, time),
    ).not.toBeNull();
  });
});
