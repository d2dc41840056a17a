import { randomUUID } from 'node:crypto';
import { PostgresUserRepository } from '../../src/modules/auth/infrastructure/postgres-user-repository';
import { ControlPlaneDatabase } from '../../src/platform/database/control-plane-database';
import { TenantTestContext } from '../support/tenant-fixtures';

describe('PostgresUserRepository login attempts and lockout (real PostgreSQL)', () => {
  let context: TenantTestContext;
  let users: PostgresUserRepository;
  const created: string[] = [];

  beforeAll(async () => {
    context = await TenantTestContext.start();
    users = new PostgresUserRepository(context.get(ControlPlaneDatabase));
  });
  afterAll(async () => {
    await context
      .get(ControlPlaneDatabase)
      .dataSource.query('DELETE FROM users WHERE id = ANY($1)', [created]);
    await context.cleanUp();
  });

  async function newUser(): Promise<string> {
    const id = randomUUID();
    created.push(id);
    await users.insert({
      id,
      tenantId: null,
      email: `${id}@example.test`,
      passwordHash: 'x',
      roles: ['platform_admin'],
    });
    return id;
  }

  const stateOf = async (id: string) => {
    const user = (await users.findById(id))!;
    return { failures: user.failedLoginCount, lockedUntil: user.lockedUntil };
  };

  it('lets no more concurrent attempts through than the lockout allows, and locks in the same step', async () => {
    const id = await newUser();
    const now = new Date();
    const until = new Date(now.getTime() + 3_600_000);
    const lockAfter = (failures: number) => (failures >= 3 ? until : null);
    const claims = await Promise.all(
      Array.from({ length: 10 }, () => users.claimLoginAttempt(id, now, lockAfter)),
    );
    expect(claims.filter(Boolean)).toHaveLength(3);
    expect(await stateOf(id)).toEqual({ failures: 3, lockedUntil: until });
    // Locked: refused without counting.
    expect(await users.claimLoginAttempt(id, now, lockAfter)).toBe(false);
    expect((await stateOf(id)).failures).toBe(3);
  });

  it('counts again once the lock has run out, and a successful login clears count and lock', async () => {
    const id = await newUser();
    const now = new Date();
    const lockAfter = (failures: number) =>
      failures >= 2 ? new Date(now.getTime() + failures * 1000) : null;
    expect(await users.claimLoginAttempt(id, now, lockAfter)).toBe(true);
    expect(await users.claimLoginAttempt(id, now, lockAfter)).toBe(true);
    expect(await users.claimLoginAttempt(id, now, lockAfter)).toBe(false);
    const later = new Date(now.getTime() + 5_000);
    expect(await users.claimLoginAttempt(id, later, lockAfter)).toBe(true);
    expect(await stateOf(id)).toEqual({ failures: 3, lockedUntil: new Date(now.getTime() + 3_000) });
    await users.recordSuccessfulLogin(id, later);
    expect(await stateOf(id)).toEqual({ failures: 0, lockedUntil: null });
  });

  it('stores a re-hash only while the hash it replaces is still the stored one', async () => {
    const id = await newUser();
    expect(await users.rehashPassword(id, 'x', 'x-rehashed')).toBe(true);
    expect((await users.findById(id))?.passwordHash).toBe('x-rehashed');
    await users.updatePasswordHash(id, 'reset-by-admin', new Date());
    expect(await users.rehashPassword(id, 'x-rehashed', 'stale-rehash')).toBe(false);
    expect((await users.findById(id))?.passwordHash).toBe('reset-by-admin');
  });
});
