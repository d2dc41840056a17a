import type { ListPage } from '../../src/platform/pagination/list-page';
import { AuthAudit } from '../../src/modules/auth/application/auth-audit';
import { SessionRevocation } from '../../src/modules/auth/application/session-revocation';
import { UserAdministration } from '../../src/modules/auth/application/user-administration';
import { AuditEvent, AuditTrail } from '../../src/platform/audit/audit-trail';
import { Clock } from '../../src/platform/clock/clock';
import { PasswordHasher } from '../../src/modules/auth/application/ports/password-hasher';
import {
  RevocationMarkers,
  RevocationScope,
} from '../../src/modules/auth/application/ports/revocation-markers';
import {
  RefreshOutcome,
  SessionRecord,
  SessionStore,
} from '../../src/modules/auth/application/ports/session-store';
import { TenantDirectory, TenantSummary } from '../../src/modules/auth/application/ports/tenant-directory';
import { NewUser, UserRepository } from '../../src/modules/auth/application/ports/user-repository';
import type { Role } from '../../src/modules/auth/domain/role';
import type { User, UserStatus } from '../../src/modules/auth/domain/user';

/** In-memory fakes of auth's ports for unit tests of the use cases. */
export class FixedClock extends Clock {
  constructor(private current = new Date('2026-03-01T09:00:00Z')) {
    super();
  }
  now(): Date {
    return new Date(this.current);
  }
  advance(seconds: number): void {
    this.current = new Date(this.current.getTime() + seconds * 1000);
  }
}

export class RecordingAuditTrail extends AuditTrail {
  readonly events: AuditEvent[] = [];
  async record(event: AuditEvent): Promise<void> {
    this.events.push(event);
  }
}

/** `hash:<params>:<password>`, with a call log so tests can see the dummy verification happen. */
export class FakePasswordHasher extends PasswordHasher {
  params = 'v2';
  readonly calls: string[] = [];
  async hash(password: string): Promise<string> {
    return `hash:${this.params}:${password}`;
  }
  async verify(hash: string, password: string): Promise<boolean> {
    this.calls.push('verify');
    return hash.endsWith(`:${password}`);
  }
  needsRehash(hash: string): boolean {
    return !hash.startsWith(`hash:${this.params}:`);
  }
  async verifyAgainstDummy(): Promise<void> {
    this.calls.push('dummy');
  }
}

export class InMemoryUsers extends UserRepository {
  readonly users = new Map<string, User>();
  async insert(user: NewUser): Promise<User | null> {
    const taken = [...this.users.values()].some(
      (existing) => existing.tenantId === user.tenantId && existing.email === user.email,
    );
    if (taken) return null;
    const now = new Date();
    const created: User = {
      ...user,
      status: 'active',
      failedLoginCount: 0,
      lockedUntil: null,
      lastLoginAt: null,
      createdAt: now,
      updatedAt: now,
    };
    this.users.set(user.id, created);
    return created;
  }
  async findForLogin(tenantId: string | null, email: string): Promise<User | null> {
    return [...this.users.values()].find((u) => u.tenantId === tenantId && u.email === email) ?? null;
  }
  async findById(id: string): Promise<User | null> {
    return this.users.get(id) ?? null;
  }
  async findInTenant(tenantId: string | null, id: string): Promise<User | null> {
    const user = this.users.get(id);
    return user && user.tenantId === tenantId ? user : null;
  }
  async listByTenant(tenantId: string | null, page: ListPage): Promise<User[]> {
    return [...this.users.values()]
      .filter((u) => u.tenantId === tenantId)
      .sort((a, b) => a.email.localeCompare(b.email))
      .slice(page.offset, page.offset + page.limit);
  }
  async claimLoginAttempt(
    id: string,
    now: Date,
    lockAfter: (failuresInARow: number) => Date | null,
  ): Promise<boolean> {
    const user = this.users.get(id);
    if (!user || (user.lockedUntil && user.lockedUntil.getTime() > now.getTime())) return false;
    const failures = user.failedLoginCount + 1;
    this.patch(id, () => ({
      failedLoginCount: failures,
      lockedUntil: lockAfter(failures) ?? user.lockedUntil,
    }));
    return true;
  }
  /** Test set-up only: locks the account until `until`. */
  async lockUntil(id: string, until: Date): Promise<void> {
    this.patch(id, () => ({ lockedUntil: until }));
  }
  async clearFailedLogins(id: string): Promise<void> {
    this.patch(id, () => ({ failedLoginCount: 0, lockedUntil: null }));
  }
  async recordSuccessfulLogin(id: string, at: Date): Promise<void> {
    this.patch(id, () => ({ failedLoginCount: 0, lockedUntil: null, lastLoginAt: at }));
  }
  async updatePasswordHash(id: string, passwordHash: string): Promise<void> {
    this.patch(id, () => ({ passwordHash }));
  }
  async rehashPassword(id: string, verifiedHash: string, rehashed: string): Promise<boolean> {
    if (this.users.get(id)?.passwordHash !== verifiedHash) return false;
    this.patch(id, () => ({ passwordHash: rehashed }));
    return true;
  }
  async updateStatus(id: string, status: UserStatus): Promise<void> {
    this.patch(id, () => ({ status }));
  }
  async updateRoles(id: string, roles: Role[]): Promise<void> {
    this.patch(id, () => ({ roles }));
  }
  async countPlatformAdmins(): Promise<number> {
    return [...this.users.values()].filter((u) => u.tenantId === null).length;
  }
  private patch(id: string, change: (user: User) => Partial<User>): User {
    const user = this.users.get(id);
    if (!user) throw new Error(`no user ${id}`);
    const next = { ...user, ...change(user) };
    this.users.set(id, next);
    return next;
  }
}

export class InMemorySessions extends SessionStore {
  readonly sessions = new Map<string, SessionRecord>();
  readonly tokens = new Map<string, { sessionId: string; expiresAt: Date; usedAt: Date | null }>();
  async open(session: SessionRecord): Promise<void> {
    this.sessions.set(session.id, { ...session });
  }
  async addRefreshToken(
    sessionId: string,
    tokenHash: Buffer,
    _issuedAt: Date,
    expiresAt: Date,
  ): Promise<void> {
    this.tokens.set(tokenHash.toString('hex'), { sessionId, expiresAt, usedAt: null });
  }
  async rotate(
    tokenHash: Buffer,
    next: { tokenHash: Buffer; issuedAt: Date; expiresAt: Date },
    now: Date,
  ): Promise<RefreshOutcome> {
    const token = this.tokens.get(tokenHash.toString('hex'));
    if (!token) return { kind: 'unknown' };
    const session = this.sessions.get(token.sessionId);
    if (!session) return { kind: 'unknown' };
    if (token.usedAt) return { kind: 'reused', session };
    if (session.revokedAt || token.expiresAt <= now || session.expiresAt <= now) return { kind: 'unknown' };
    token.usedAt = now;
    const nextExpiresAt = new Date(Math.min(next.expiresAt.getTime(), session.expiresAt.getTime()));
    await this.addRefreshToken(session.id, next.tokenHash, now, nextExpiresAt);
    return { kind: 'rotated', session, nextExpiresAt };
  }
  async findSession(id: string): Promise<SessionRecord | null> {
    return this.sessions.get(id) ?? null;
  }
  async findSessionIdByRefreshToken(tokenHash: Buffer): Promise<string | null> {
    return this.tokens.get(tokenHash.toString('hex'))?.sessionId ?? null;
  }
  async revokeSession(id: string, _reason: string, at: Date): Promise<void> {
    const session = this.sessions.get(id);
    if (session && !session.revokedAt) session.revokedAt = at;
  }
  async revokeUserSessions(userId: string, reason: string, at: Date): Promise<string[]> {
    return this.revokeWhere((s) => s.userId === userId, reason, at);
  }
  async revokeTenantSessions(tenantId: string, reason: string, at: Date): Promise<string[]> {
    return this.revokeWhere((s) => s.tenantId === tenantId, reason, at);
  }
  private async revokeWhere(
    match: (s: SessionRecord) => boolean,
    reason: string,
    at: Date,
  ): Promise<string[]> {
    const ids = [...this.sessions.values()].filter((s) => match(s) && !s.revokedAt).map((s) => s.id);
    for (const id of ids) await this.revokeSession(id, reason, at);
    return ids;
  }
}

export class InMemoryRevocationMarkers extends RevocationMarkers {
  readonly marks = new Map<string, number>();
  async mark(scope: RevocationScope, id: string, at: number): Promise<void> {
    this.marks.set(`${scope}:${id}`, Math.max(at, this.marks.get(`${scope}:${id}`) ?? 0));
  }
  async latest(subjects: { scope: RevocationScope; id: string }[]): Promise<number | null> {
    const times = subjects
      .map((s) => this.marks.get(`${s.scope}:${s.id}`))
      .filter((t): t is number => t !== undefined);
    return times.length ? Math.max(...times) : null;
  }
}

export class InMemoryTenantDirectory extends TenantDirectory {
  readonly tenants: TenantSummary[] = [];
  async findBySlug(slug: string): Promise<TenantSummary | null> {
    return this.tenants.find((t) => t.slug === slug) ?? null;
  }
  async findById(id: string): Promise<TenantSummary | null> {
    return this.tenants.find((t) => t.id === id) ?? null;
  }
}

/** UserAdministration over these fakes, with the audit trail it records into. */
export function userAdministrationOver(users: InMemoryUsers, tenants: InMemoryTenantDirectory) {
  const audit = new RecordingAuditTrail();
  const clock = new FixedClock();
  const administration = new UserAdministration(
    users,
    tenants,
    new FakePasswordHasher(),
    new SessionRevocation(new InMemoryRevocationMarkers(), new InMemorySessions(), clock),
    new AuthAudit(audit, tenants),
    clock,
  );
  return { administration, audit };
}
