import { randomUUID } from 'node:crypto';
import { FixedClock, InMemoryRevocationMarkers, InMemorySessions } from '../../../../test/support/auth-fakes';
import { SessionRevocation } from './session-revocation';

class UnreachableMarkers extends InMemoryRevocationMarkers {
  override async mark(): Promise<void> {
    throw new Error('Redis is unreachable');
  }
}

describe('session revocation', () => {
  const openSession = async (sessions: InMemorySessions, userId: string) => {
    const id = randomUUID();
    const now = new Date('2026-03-01T09:00:00Z');
    await sessions.open({
      id,
      userId,
      tenantId: null,
      createdAt: now,
      expiresAt: new Date(now.getTime() + 3_600_000),
      revokedAt: null,
    });
    return id;
  };

  it('marks the user in Redis and revokes the stored sessions', async () => {
    const sessions = new InMemorySessions();
    const markers = new InMemoryRevocationMarkers();
    const userId = randomUUID();
    const sessionId = await openSession(sessions, userId);
    await new SessionRevocation(markers, sessions, new FixedClock()).revokeUser(userId);
    expect(sessions.sessions.get(sessionId)?.revokedAt).not.toBeNull();
    expect(markers.marks.has(`user:${userId}`)).toBe(true);
  });

  it('still revokes the stored sessions (the refresh tokens) when Redis fails, then reports the failure', async () => {
    const sessions = new InMemorySessions();
    const userId = randomUUID();
    const sessionId = await openSession(sessions, userId);
    const revocation = new SessionRevocation(new UnreachableMarkers(), sessions, new FixedClock());
    await expect(revocation.revokeUser(userId)).rejects.toThrow('Redis is unreachable');
    expect(sessions.sessions.get(sessionId)?.revokedAt).not.toBeNull();
  });

  it('marks with the time the database revocation ended, after any refresh that rotated before it', async () => {
    const sessions = new InMemorySessions();
    const markers = new InMemoryRevocationMarkers();
    const clock = new FixedClock();
    const userId = randomUUID();
    await openSession(sessions, userId);
    // A refresh that rotated while the revocation waited for its row issued a token at +2 s.
    const slowStore = Object.assign(Object.create(sessions) as InMemorySessions, {
      revokeUserSessions: async (...args: Parameters<InMemorySessions['revokeUserSessions']>) => {
        clock.advance(2);
        return sessions.revokeUserSessions(...args);
      },
    });
    await new SessionRevocation(markers, slowStore, clock).revokeUser(userId);
    const issuedDuringRevocation = Math.floor(new Date('2026-03-01T09:00:02Z').getTime() / 1000);
    expect(markers.marks.get(`user:${userId}`)).toBeGreaterThanOrEqual(issuedDuringRevocation);
  });
});
