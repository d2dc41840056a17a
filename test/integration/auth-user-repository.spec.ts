import { randomUUID } from 'node:crypto';
import { PostgresUserRepository } from '../../src/modules/auth/infrastructure/postgres-user-repository';
import { ControlPlaneDatabase } from '../../src/platform/database/control-plane-database';
import { TenantTestContext } from '../support/tenant-fixtures';

describe('PostgresUserRepository lockout (real PostgreSQL)', () => {
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

  const lockedUntilOf = async (id: string) => (await users.findById(id))!.lockedUntil;

  it('never shortens a lock: a later, shorter lock leaves the longer one in place', async () => {
    const id = await newUser();
    const long = new Date(Date.now() + 3_600_000);
    const short = new Date(Date.now() + 60_000);
    await users.lockUntil(id, long);
    await users.lockUntil(id, short);
    expect(await lockedUntilOf(id)).toEqual(long);
  });

  it('sets a lock on an unlocked account and extends a shorter one', async () => {
    const id = await newUser();
    const first = new Date(Date.now() + 60_000);
    await users.lockUntil(id, first);
    expect(await lockedUntilOf(id)).toEqual(first);
    const longer = new Date(Date.now() + 120_000);
    await users.lockUntil(id, longer);
    expect(await lockedUntilOf(id)).toEqual(longer);
    await users.recordSuccessfulLogin(id, new Date());
    expect(await lockedUntilOf(id)).toBeNull();
  });
});
