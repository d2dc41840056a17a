import type { TenantSummary } from './ports/tenant-directory';
import { randomUUID } from 'node:crypto';
import { loadAppConfig } from '../../../platform/config/app-config';
import {
  FixedClock,
  InMemoryRevocationMarkers,
  InMemorySessions,
  InMemoryTenantDirectory,
  InMemoryUsers,
  RecordingAuditTrail,
} from '../../../../test/support/auth-fakes';
import { TenantSuspendedError } from '../../tenants/domain/tenant-errors';
import { RefreshTokenInvalidError, RefreshTokenReusedError } from '../domain/auth-errors';
import { AuthAudit } from './auth-audit';
import { AccessTokenSigner } from './ports/access-token-signer';
import { RefreshSession } from './refresh-session';
import { SessionRevocation } from './session-revocation';
import { SessionTokens } from './session-tokens';

class FakeSigner extends AccessTokenSigner {
  async sign(claims: { sub: string; roles: string[] }, issuedAt: Date) {
    return {
      token: `jwt:${claims.sub}:${claims.roles.join(',')}`,
      expiresAt: new Date(issuedAt.getTime() + 600_000),
    };
  }
}

async function setUp() {
  const config = loadAppConfig({ REFRESH_TOKEN_TTL_SECONDS: '3600', SESSION_MAX_AGE_SECONDS: '7200' });
  const clock = new FixedClock();
  const sessions = new InMemorySessions();
  const users = new InMemoryUsers();
  const markers = new InMemoryRevocationMarkers();
  const audit = new RecordingAuditTrail();
  const tokens = new SessionTokens(sessions, new FakeSigner(), config);
  const revocation = new SessionRevocation(markers, sessions, clock);
  const tenants = new InMemoryTenantDirectory();
  const refresh = new RefreshSession(
    sessions,
    tokens,
    users,
    revocation,
    new AuthAudit(audit, tenants),
    clock,
    tenants,
  );
  const tenantId = randomUUID();
  const tenant: TenantSummary = { id: tenantId, slug: 'acme', displayName: 'ACME', status: 'active' };
  tenants.tenants.push(tenant);
  const user = (await users.insert({
    id: randomUUID(),
    tenantId,
    email: 'a@x.example',
    passwordHash: 'h',
    roles: ['clerk'],
  }))!;
  const opened = await tokens.open({ userId: user.id, tenantId, roles: user.roles }, {}, clock.now());
  return { clock, sessions, users, markers, audit, refresh, user, opened, tenant, tenants };
}

describe('RefreshSession', () => {
  it('rotates: the new token works once, the old one no longer', async () => {
    const world = await setUp();
    const next = await world.refresh.execute(world.opened.refreshToken, {});
    expect(next.refreshToken).not.toBe(world.opened.refreshToken);
    expect(next.sessionId).toBe(world.opened.sessionId);
    await expect(world.refresh.execute(next.refreshToken, {})).resolves.toBeDefined();
  });

  it('treats a used token as theft: revokes the whole family, marks it in Redis, audits it', async () => {
    const world = await setUp();
    const next = await world.refresh.execute(world.opened.refreshToken, {});
    await expect(
      world.refresh.execute(world.opened.refreshToken, { requestId: 'r9' }),
    ).rejects.toBeInstanceOf(RefreshTokenReusedError);
    // The thief's copy and the legitimate successor both die with the family.
    await expect(world.refresh.execute(next.refreshToken, {})).rejects.toBeInstanceOf(
      RefreshTokenInvalidError,
    );
    expect(world.sessions.sessions.get(world.opened.sessionId)?.revokedAt).not.toBeNull();
    expect(await world.markers.latest([{ scope: 'session', id: world.opened.sessionId }])).not.toBeNull();
    expect(world.audit.events).toEqual([
      expect.objectContaining({
        action: 'auth.refresh_token_reused',
        outcome: 'denied',
        requestId: 'r9',
        tenantId: world.tenant.id,
      }),
    ]);
  });

  it("audits a replayed token of a suspended tenant's session in the platform's log, not the tenant's", async () => {
    const world = await setUp();
    await world.refresh.execute(world.opened.refreshToken, {});
    world.tenants.tenants[0] = { ...world.tenant, status: 'suspended' };
    await expect(world.refresh.execute(world.opened.refreshToken, {})).rejects.toBeInstanceOf(
      RefreshTokenReusedError,
    );
    expect(world.audit.events).toEqual([
      expect.objectContaining({
        action: 'auth.refresh_token_reused',
        tenantId: null,
        details: { credentialTenant: world.tenant.id, status: 'suspended' },
      }),
    ]);
  });

  it('refuses an unknown, expired or absent token', async () => {
    const world = await setUp();
    await expect(world.refresh.execute('nope', {})).rejects.toBeInstanceOf(RefreshTokenInvalidError);
    await expect(world.refresh.execute(undefined, {})).rejects.toBeInstanceOf(RefreshTokenInvalidError);
    world.clock.advance(3601);
    await expect(world.refresh.execute(world.opened.refreshToken, {})).rejects.toBeInstanceOf(
      RefreshTokenInvalidError,
    );
  });

  it('never extends a session beyond its maximum age', async () => {
    const world = await setUp();
    world.clock.advance(3000);
    const second = await world.refresh.execute(world.opened.refreshToken, {});
    world.clock.advance(3000);
    const third = await world.refresh.execute(second.refreshToken, {});
    expect(third.refreshExpiresAt.getTime()).toBe(
      world.sessions.sessions.get(third.sessionId)!.expiresAt.getTime(),
    );
    world.clock.advance(1300);
    await expect(world.refresh.execute(third.refreshToken, {})).rejects.toBeInstanceOf(
      RefreshTokenInvalidError,
    );
  });

  it('re-reads roles, and ends the session of a user disabled meanwhile', async () => {
    const world = await setUp();
    await world.users.updateRoles(world.user.id, ['approver']);
    const next = await world.refresh.execute(world.opened.refreshToken, {});
    expect(next.accessToken).toContain(':approver');
    await world.users.updateStatus(world.user.id, 'disabled');
    await expect(world.refresh.execute(next.refreshToken, {})).rejects.toBeInstanceOf(
      RefreshTokenInvalidError,
    );
  });

  it("refuses to refresh while the session's tenant is not active, and ends the session for good", async () => {
    const world = await setUp();
    world.tenant.status = 'suspended';
    await expect(world.refresh.execute(world.opened.refreshToken, {})).rejects.toBeInstanceOf(
      TenantSuspendedError,
    );
    expect(world.sessions.sessions.get(world.opened.sessionId)?.revokedAt).not.toBeNull();
    expect(await world.markers.latest([{ scope: 'session', id: world.opened.sessionId }])).not.toBeNull();
  });

  it('refuses to refresh once the tenant is gone', async () => {
    const world = await setUp();
    world.tenants.tenants.length = 0;
    await expect(world.refresh.execute(world.opened.refreshToken, {})).rejects.toBeInstanceOf(
      RefreshTokenInvalidError,
    );
  });

  it('names the account behind a refresh token, used or not, for the per-account rate limit', async () => {
    const world = await setUp();
    expect(await world.refresh.accountOf(world.opened.refreshToken)).toBe(world.user.id);
    await world.refresh.execute(world.opened.refreshToken, {});
    expect(await world.refresh.accountOf(world.opened.refreshToken)).toBe(world.user.id);
    expect(await world.refresh.accountOf('unknown')).toBeNull();
    expect(await world.refresh.accountOf(undefined)).toBeNull();
  });
});
