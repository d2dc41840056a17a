import {
  FixedClock,
  InMemoryRevocationMarkers,
  InMemoryTenantDirectory,
} from '../../../../test/support/auth-fakes';
import { loadAppConfig } from '../../../platform/config/app-config';
import { TenantSuspendedError } from '../../tenants/domain/tenant-errors';
import { SessionRevokedError, UnauthenticatedError } from '../domain/auth-errors';
import { AccessTokenCheck } from './access-token-check';

const claims = {
  sub: '7f3e1c2a-0b4d-4e8f-9a1b-2c3d4e5f6a7b',
  tid: '0b5d7c44-1d9e-4b0b-9a57-0d6c4f5f7a11',
  roles: ['clerk'],
  sid: 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d',
  iat: 1_000,
  exp: 1_600,
  nbf: 1_000,
};

/** The claims' issue time (second 1,000) is in the past; tokens are issued for 600 s. */
const tokenCheck = (markers: InMemoryRevocationMarkers, directory: InMemoryTenantDirectory) =>
  new AccessTokenCheck(
    markers,
    directory,
    new FixedClock(new Date(1_060_000)),
    loadAppConfig({ ACCESS_TOKEN_TTL_SECONDS: '600' }),
  );

describe('AccessTokenCheck', () => {
  it.each([
    ['session', claims.sid],
    ['user', claims.sub],
    ['tenant', claims.tid],
  ] as const)('refuses a token issued before (or in the second of) a %s revocation', async (scope, id) => {
    const markers = new InMemoryRevocationMarkers();
    const check = tokenCheck(markers, new InMemoryTenantDirectory());
    await expect(check.principalFor(claims, 'bearer')).resolves.toMatchObject({
      id: claims.sub,
      via: 'bearer',
    });
    await markers.mark(scope, id, 1_000);
    await expect(check.principalFor(claims, 'bearer')).rejects.toBeInstanceOf(SessionRevokedError);
    await expect(check.principalFor({ ...claims, iat: 1_001 }, 'bearer')).resolves.toBeDefined();
  });

  it.each(['suspended', 'deleting'] as const)(
    'answers TENANT.SUSPENDED for a token revoked because its tenant is %s',
    async (status) => {
      const markers = new InMemoryRevocationMarkers();
      const directory = new InMemoryTenantDirectory();
      directory.tenants.push({ id: claims.tid, slug: 'acme', displayName: 'ACME', status });
      await markers.mark('tenant', claims.tid, 1_000);
      await expect(tokenCheck(markers, directory).principalFor(claims, 'bearer')).rejects.toBeInstanceOf(
        TenantSuspendedError,
      );
    },
  );

  it('answers SESSION_REVOKED once the tenant is active again', async () => {
    const markers = new InMemoryRevocationMarkers();
    const directory = new InMemoryTenantDirectory();
    directory.tenants.push({ id: claims.tid, slug: 'acme', displayName: 'ACME', status: 'active' });
    await markers.mark('tenant', claims.tid, 1_000);
    await expect(tokenCheck(markers, directory).principalFor(claims, 'bearer')).rejects.toBeInstanceOf(
      SessionRevokedError,
    );
  });

  it('refuses claims of the wrong shape', async () => {
    const check = tokenCheck(new InMemoryRevocationMarkers(), new InMemoryTenantDirectory());
    await expect(check.principalFor({ ...claims, roles: ['root'] }, 'cookie')).rejects.toBeInstanceOf(
      UnauthenticatedError,
    );
  });
});
