import { randomBytes, randomUUID } from 'node:crypto';
import { PostgresSessionStore } from '../../src/modules/auth/infrastructure/postgres-session-store';
import { PostgresUserRepository } from '../../src/modules/auth/infrastructure/postgres-user-repository';
import { ControlPlaneDatabase } from '../../src/platform/database/control-plane-database';
import { TenantTestContext } from '../support/tenant-fixtures';

const hashOf = () => randomBytes(32);

describe('PostgresSessionStore (real PostgreSQL)', () => {
  let context: TenantTestContext;
  let store: PostgresSessionStore;
  let userId: string;
  let tenantId: string;

  beforeAll(async () => {
    context = await TenantTestContext.start();
    const database = context.get(ControlPlaneDatabase);
    store = new PostgresSessionStore(database);
    tenantId = (await context.provision()).id;
    userId = randomUUID();
    await new PostgresUserRepository(database).insert({
      id: userId,
      tenantId,
      email: `${userId}@example.test`,
      passwordHash: 'x',
      roles: ['clerk'],
    });
  });
  afterAll(() => context.cleanUp());

  async function openSession(expiresInMs = 3_600_000) {
    const now = new Date();
    const session = {
      id: randomUUID(),
      userId,
      tenantId,
      createdAt: now,
      expiresAt: new Date(now.getTime() + expiresInMs),
      revokedAt: null,
    };
    await store.open(session, { ip: '127.0.0.1' });
    const token = hashOf();
    await store.addRefreshToken(session.id, token, now, session.expiresAt);
    return { session, token };
  }

  const next = () => ({
    tokenHash: hashOf(),
    issuedAt: new Date(),
    expiresAt: new Date(Date.now() + 3_600_000),
  });

  it('lets exactly one of many concurrent uses of a token rotate; the others are reuse', async () => {
    const { token } = await openSession();
    const outcomes = await Promise.all(
      Array.from({ length: 8 }, () => store.rotate(token, next(), new Date())),
    );
    expect(outcomes.filter((outcome) => outcome.kind === 'rotated')).toHaveLength(1);
    expect(outcomes.filter((outcome) => outcome.kind === 'reused')).toHaveLength(7);
  });

  it('caps the successor at the session expiry and refuses tokens of revoked sessions', async () => {
    const { session, token } = await openSession(60_000);
    const rotated = await store.rotate(token, next(), new Date());
    expect(rotated.kind === 'rotated' && rotated.nextExpiresAt.getTime()).toBe(session.expiresAt.getTime());
    const successor = next();
    const second = await openSession();
    await store.revokeSession(second.session.id, 'test', new Date());
    expect((await store.rotate(second.token, successor, new Date())).kind).toBe('unknown');
  });

  it('revokes every open session of a user and of a tenant', async () => {
    const a = await openSession();
    const b = await openSession();
    const revoked = await store.revokeUserSessions(userId, 'test', new Date());
    expect(revoked).toEqual(expect.arrayContaining([a.session.id, b.session.id]));
    const c = await openSession();
    expect(await store.revokeTenantSessions(tenantId, 'test', new Date())).toEqual([c.session.id]);
    expect((await store.findSession(c.session.id))?.revokedAt).not.toBeNull();
  });

  it('stores only the SHA-256 of refresh tokens (32 bytes), never the token', async () => {
    const { session } = await openSession();
    const rows = await context
      .get(ControlPlaneDatabase)
      .dataSource.query('SELECT length(token_hash) AS bytes FROM refresh_tokens WHERE session_id = $1', [
        session.id,
      ]);
    expect(rows).toEqual([{ bytes: 32 }]);
  });
});
