import { randomUUID } from 'node:crypto';
import { loadAppConfig } from '../../../platform/config/app-config';
import {
  FakePasswordHasher,
  FixedClock,
  InMemorySessions,
  InMemoryTenantDirectory,
  InMemoryUsers,
  RecordingAuditTrail,
} from '../../../../test/support/auth-fakes';
import { InvalidCredentialsError } from '../domain/auth-errors';
import { AuthAudit } from './auth-audit';
import { Login } from './login';
import { AccessTokenSigner } from './ports/access-token-signer';
import { SessionTokens } from './session-tokens';

class FakeSigner extends AccessTokenSigner {
  readonly issued: Date[] = [];
  async sign(claims: { sub: string; sid: string }, issuedAt: Date) {
    this.issued.push(issuedAt);
    return { token: `jwt:${claims.sub}:${claims.sid}`, expiresAt: new Date(issuedAt.getTime() + 600_000) };
  }
}

function setUp() {
  const config = loadAppConfig({ LOGIN_LOCKOUT_THRESHOLD: '3', LOGIN_LOCKOUT_BASE_SECONDS: '60' });
  const clock = new FixedClock();
  const users = new InMemoryUsers();
  const tenants = new InMemoryTenantDirectory();
  const hasher = new FakePasswordHasher();
  const audit = new RecordingAuditTrail();
  const sessions = new InMemorySessions();
  const signer = new FakeSigner();
  const tokens = new SessionTokens(sessions, signer, config);
  const login = new Login(users, tenants, hasher, tokens, new AuthAudit(audit, tenants), clock, config);
  const tenant = { id: randomUUID(), slug: 'acme-gmbh', displayName: 'ACME', status: 'active' as const };
  tenants.tenants.push(tenant);
  return { config, clock, users, tenants, hasher, audit, sessions, signer, login, tenant };
}

async function refusal(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a refusal');
}

/** A clerk `ada@acme.example` whose password is `right-password`. */
function addAda(
  world: ReturnType<typeof setUp>,
  id: string = randomUUID(),
  passwordHash = 'hash:v2:right-password',
) {
  return world.users.insert({
    id,
    tenantId: world.tenant.id,
    email: 'ada@acme.example',
    passwordHash,
    roles: ['clerk'],
  });
}

describe('Login', () => {
  it('opens a session for the right password and audits the success in the tenant', async () => {
    const world = setUp();
    const user = await world.users.insert({
      id: randomUUID(),
      tenantId: world.tenant.id,
      email: 'ada@acme.example',
      passwordHash: 'hash:v2:correct horse battery',
      roles: ['clerk'],
    });
    const result = await world.login.execute(
      { tenantSlug: 'ACME-GMBH ', email: ' Ada@Acme.Example', password: 'correct horse battery' },
      { ip: '10.0.0.1', requestId: 'r1' },
    );
    expect(result.user).toMatchObject({ id: user!.id, tenantId: world.tenant.id, roles: ['clerk'] });
    expect(result.refreshToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(world.sessions.sessions.get(result.sessionId)).toMatchObject({ userId: user!.id });
    expect(world.audit.events).toEqual([
      expect.objectContaining({
        action: 'auth.login',
        outcome: 'success',
        tenantId: world.tenant.id,
        requestId: 'r1',
      }),
    ]);
  });

  it('answers unknown tenant, unknown user, wrong password and disabled user with one error after one hash check', async () => {
    const world = setUp();
    const id = randomUUID();
    await addAda(world, id);
    const attempts = [
      { tenantSlug: 'nobody-here', email: 'ada@acme.example', password: 'right-password' },
      { tenantSlug: 'acme-gmbh', email: 'bob@acme.example', password: 'right-password' },
      { tenantSlug: 'acme-gmbh', email: 'ada@acme.example', password: 'wrong-password' },
    ];
    const errors = [];
    for (const attempt of attempts) {
      world.hasher.calls.length = 0;
      errors.push(await refusal(world.login.execute(attempt, {})));
      expect(world.hasher.calls).toHaveLength(1);
    }
    await world.users.updateStatus(id, 'disabled');
    world.hasher.calls.length = 0;
    errors.push(
      await refusal(
        world.login.execute(
          { tenantSlug: 'acme-gmbh', email: 'ada@acme.example', password: 'right-password' },
          {},
        ),
      ),
    );
    expect(world.hasher.calls).toHaveLength(1);
    for (const error of errors) {
      expect(error).toBeInstanceOf(InvalidCredentialsError);
      expect((error as Error).message).toBe((errors[0] as Error).message);
    }
    expect(world.audit.events.map((event) => event.details?.reason)).toEqual([
      'unknown_tenant',
      'unknown_user',
      'wrong_password',
      'disabled',
    ]);
    // An unknown tenant has no audit log of its own: the platform's records it.
    expect(world.audit.events[0].tenantId).toBeNull();
    expect(world.audit.events[1].tenantId).toBe(world.tenant.id);
  });

  it('runs exactly one argon2 verification on every refusal path, the locked one included', async () => {
    const world = setUp();
    const verify = jest.spyOn(world.hasher, 'verify');
    const dummy = jest.spyOn(world.hasher, 'verifyAgainstDummy');
    const insert = async (email: string) =>
      (await world.users.insert({
        id: randomUUID(),
        tenantId: world.tenant.id,
        email,
        passwordHash: 'hash:v2:right-password',
        roles: ['clerk'],
      }))!;
    const disabled = await insert('dis@acme.example');
    await world.users.updateStatus(disabled.id, 'disabled');
    const locked = await insert('lock@acme.example');
    await world.users.lockUntil(locked.id, new Date(world.clock.now().getTime() + 3_600_000));
    await insert('ada@acme.example');
    world.tenants.tenants.push({
      id: randomUUID(),
      slug: 'sleepy',
      displayName: 'Sleepy',
      status: 'suspended',
    });
    const paths: [string, { tenantSlug: string; email: string; password: string }][] = [
      [
        'unknown_tenant',
        { tenantSlug: 'nobody-here', email: 'ada@acme.example', password: 'right-password' },
      ],
      ['tenant_not_active', { tenantSlug: 'sleepy', email: 'ada@acme.example', password: 'right-password' }],
      ['unknown_user', { tenantSlug: 'acme-gmbh', email: 'bob@acme.example', password: 'right-password' }],
      ['wrong_password', { tenantSlug: 'acme-gmbh', email: 'ada@acme.example', password: 'wrong' }],
      ['disabled', { tenantSlug: 'acme-gmbh', email: 'dis@acme.example', password: 'right-password' }],
      ['locked', { tenantSlug: 'acme-gmbh', email: 'lock@acme.example', password: 'right-password' }],
    ];
    for (const [reason, attempt] of paths) {
      verify.mockClear();
      dummy.mockClear();
      const error = await refusal(world.login.execute(attempt, {}));
      expect(error).toBeInstanceOf(InvalidCredentialsError);
      expect(world.audit.events.at(-1)?.details?.reason).toBe(reason);
      expect(verify.mock.calls.length + dummy.mock.calls.length).toBe(1);
    }
  });

  it('locks after the threshold, refuses even the right password while locked, and unlocks after the backoff', async () => {
    const world = setUp();
    const id = randomUUID();
    await addAda(world, id);
    const attempt = (password: string) =>
      world.login.execute({ tenantSlug: 'acme-gmbh', email: 'ada@acme.example', password }, {});
    for (let i = 0; i < 3; i++) await refusal(attempt('wrong'));
    expect(world.users.users.get(id)!.lockedUntil).toEqual(new Date(world.clock.now().getTime() + 60_000));
    await expect(attempt('right-password')).rejects.toBeInstanceOf(InvalidCredentialsError);
    expect(world.audit.events.at(-1)?.details?.reason).toBe('locked');
    world.clock.advance(59);
    await expect(attempt('right-password')).rejects.toBeInstanceOf(InvalidCredentialsError);
    world.clock.advance(2);
    await expect(attempt('right-password')).resolves.toMatchObject({ user: { id } });
    expect(world.users.users.get(id)).toMatchObject({ failedLoginCount: 0, lockedUntil: null });
  });

  it('checks no more of a burst of concurrent guesses than the threshold allows', async () => {
    const world = setUp();
    await addAda(world);
    const verify = jest.spyOn(world.hasher, 'verify');
    const guesses = Array.from({ length: 10 }, (_, i) =>
      refusal(
        world.login.execute(
          { tenantSlug: 'acme-gmbh', email: 'ada@acme.example', password: `guess-${i}` },
          {},
        ),
      ),
    );
    await Promise.all(guesses);
    expect(verify).toHaveBeenCalledTimes(3);
    const reasons = world.audit.events.map((event) => event.details?.reason);
    expect(reasons.filter((reason) => reason === 'wrong_password')).toHaveLength(3);
    expect(reasons.filter((reason) => reason === 'locked')).toHaveLength(7);
  });

  it('doubles the lock for each failure after the threshold', async () => {
    const world = setUp();
    const id = randomUUID();
    await addAda(world, id);
    const wrong = () =>
      refusal(world.login.execute({ tenantSlug: 'acme-gmbh', email: 'ada@acme.example', password: 'x' }, {}));
    for (let i = 0; i < 3; i++) await wrong();
    world.clock.advance(61);
    await wrong();
    const lockedFor =
      (world.users.users.get(id)!.lockedUntil!.getTime() - world.clock.now().getTime()) / 1000;
    expect(lockedFor).toBe(120);
  });

  it('re-hashes a password stored with old parameters at a successful login', async () => {
    const world = setUp();
    const id = randomUUID();
    await addAda(world, id, 'hash:v1:right-password');
    await world.login.execute(
      { tenantSlug: 'acme-gmbh', email: 'ada@acme.example', password: 'right-password' },
      {},
    );
    expect(world.users.users.get(id)!.passwordHash).toBe('hash:v2:right-password');
    expect(world.audit.events.at(-1)?.details).toEqual({ rehashed: true });
  });

  it('signs in when a concurrent login of the same user re-hashed the password first', async () => {
    const world = setUp();
    const id = randomUUID();
    await addAda(world, id, 'hash:v1:right-password');
    const rehash = world.users.rehashPassword.bind(world.users);
    jest
      .spyOn(world.users, 'rehashPassword')
      .mockImplementationOnce(async (userId, verified, replacement) => {
        // The other login's re-hash, with a salt of its own, lands first.
        await rehash(userId, verified, 'hash:v2:other-salt:right-password');
        return rehash(userId, verified, replacement);
      });
    const result = await world.login.execute(
      { tenantSlug: 'acme-gmbh', email: 'ada@acme.example', password: 'right-password' },
      {},
    );
    expect(result.sessionId).toEqual(expect.any(String));
    expect(world.users.users.get(id)!.passwordHash).toBe('hash:v2:other-salt:right-password');
  });

  /** Ada's login is refused, and the one session it opened before finding out is ended. */
  async function expectRefusedWithItsSessionEnded(world: ReturnType<typeof setUp>): Promise<void> {
    const error = await refusal(
      world.login.execute(
        { tenantSlug: 'acme-gmbh', email: 'ada@acme.example', password: 'right-password' },
        {},
      ),
    );
    expect(error).toBeInstanceOf(InvalidCredentialsError);
    const opened = [...world.sessions.sessions.values()];
    expect(opened).toHaveLength(1);
    expect(opened[0].revokedAt).not.toBeNull();
  }

  /** A password reset by an administrator that lands while the login is checking the old password. */
  function resetDuringCheck(world: ReturnType<typeof setUp>, id: string): void {
    const verify = world.hasher.verify.bind(world.hasher);
    world.hasher.verify = async (hash: string, password: string) => {
      const matches = await verify(hash, password);
      await world.users.updatePasswordHash(id, 'hash:v2:new-password');
      return matches;
    };
  }

  it('refuses a login whose password was reset while it was checked, and ends the session it opened', async () => {
    const world = setUp();
    const id = randomUUID();
    await addAda(world, id);
    resetDuringCheck(world, id);
    await expectRefusedWithItsSessionEnded(world);
    expect(world.audit.events.at(-1)).toMatchObject({
      outcome: 'failure',
      details: { reason: 'password_changed_meanwhile' },
    });
  });

  it.each([
    ['the user is disabled', 'disabled'],
    ['the tenant is suspended', 'tenant_not_active'],
  ])(
    'refuses a login when %s while the password is checked, and ends the session it opened',
    async (_, reason) => {
      const world = setUp();
      const id = randomUUID();
      await addAda(world, id);
      const verify = world.hasher.verify.bind(world.hasher);
      world.hasher.verify = async (hash: string, password: string) => {
        const matches = await verify(hash, password);
        if (reason === 'disabled') await world.users.updateStatus(id, 'disabled');
        else world.tenants.tenants[0] = { ...world.tenant, status: 'suspended' };
        return matches;
      };
      await expectRefusedWithItsSessionEnded(world);
      // A suspended tenant's database is not written to: its refusal goes to the platform's log.
      expect(world.audit.events.at(-1)).toMatchObject({
        outcome: 'failure',
        tenantId: reason === 'disabled' ? world.tenant.id : null,
        details: { reason },
      });
    },
  );

  it('never lets the re-hash of an old password overwrite a reset that landed meanwhile', async () => {
    const world = setUp();
    const id = randomUUID();
    await addAda(world, id, 'hash:v1:right-password');
    resetDuringCheck(world, id);
    await refusal(
      world.login.execute(
        { tenantSlug: 'acme-gmbh', email: 'ada@acme.example', password: 'right-password' },
        {},
      ),
    );
    expect(world.users.users.get(id)!.passwordHash).toBe('hash:v2:new-password');
  });

  it('refuses users of a suspended tenant like any other failure', async () => {
    const world = setUp();
    world.tenants.tenants[0].status = 'suspended';
    await addAda(world);
    await expect(
      world.login.execute(
        { tenantSlug: 'acme-gmbh', email: 'ada@acme.example', password: 'right-password' },
        {},
      ),
    ).rejects.toBeInstanceOf(InvalidCredentialsError);
    expect(world.audit.events[0]).toMatchObject({ tenantId: null, details: { reason: 'tenant_not_active' } });
  });

  it('issues the tokens as of the moment the login started, so a revocation during the password check applies', async () => {
    const world = setUp();
    const id = randomUUID();
    await addAda(world, id);
    const started = world.clock.now();
    let revokedAt: Date | undefined;
    const verify = world.hasher.verify.bind(world.hasher);
    // argon2 takes its time; meanwhile an administrator disables the user (a revocation marker now).
    jest.spyOn(world.hasher, 'verify').mockImplementation(async (hash, password) => {
      world.clock.advance(1);
      revokedAt = world.clock.now();
      world.clock.advance(1);
      return verify(hash, password);
    });
    const result = await world.login.execute(
      { tenantSlug: 'acme-gmbh', email: 'ada@acme.example', password: 'right-password' },
      {},
    );
    expect(world.signer.issued).toEqual([started]);
    expect(world.signer.issued[0].getTime()).toBeLessThan(revokedAt!.getTime());
    expect(world.sessions.sessions.get(result.sessionId)?.createdAt).toEqual(started);
  });
});
