import { Injectable } from '@nestjs/common';
import { AppConfig } from '../../../platform/config/app-config';
import { Clock } from '../../../platform/clock/clock';
import { InvalidCredentialsError } from '../domain/auth-errors';
import { isLocked, lockedUntilAfterFailure } from '../domain/lockout-policy';
import { normalizeEmail, User } from '../domain/user';
import { AuthAudit } from './auth-audit';
import { PasswordHasher } from './ports/password-hasher';
import { TenantDirectory, TenantSummary } from './ports/tenant-directory';
import { UserRepository } from './ports/user-repository';
import type { RequestMeta } from './request-meta';
import { IssuedTokens, SessionTokens } from './session-tokens';

export interface LoginCommand {
  /** Absent for platform administrators. */
  tenantSlug?: string;
  email: string;
  password: string;
}

export interface LoginResult extends IssuedTokens {
  user: { id: string; email: string; tenantId: string | null; roles: string[] };
}

type Refusal =
  | 'unknown_tenant'
  | 'tenant_not_active'
  | 'unknown_user'
  | 'locked'
  | 'wrong_password'
  | 'disabled'
  | 'password_changed_meanwhile';

/**
 * Sign-in. Every refusal answers the same InvalidCredentialsError after the same argon2 work (a
 * dummy verification when there is no hash to check), so neither the answer nor its timing tells
 * whether a tenant or an account exists, is disabled or is locked. Each outcome is audited.
 */
@Injectable()
export class Login {
  constructor(
    private readonly users: UserRepository,
    private readonly tenants: TenantDirectory,
    private readonly hasher: PasswordHasher,
    private readonly tokens: SessionTokens,
    private readonly audit: AuthAudit,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  async execute(command: LoginCommand, meta: RequestMeta): Promise<LoginResult> {
    const now = this.clock.now();
    const email = normalizeEmail(command.email);
    const tenant = command.tenantSlug
      ? await this.tenants.findBySlug(command.tenantSlug.trim().toLowerCase())
      : null;
    if (command.tenantSlug && !tenant) return this.refuse('unknown_tenant', command, meta, null);
    if (tenant && tenant.status !== 'active') return this.refuse('tenant_not_active', command, meta, tenant);
    const user = await this.users.findForLogin(tenant?.id ?? null, email);
    if (!user) return this.refuse('unknown_user', command, meta, tenant);
    // Counted as a failure (and locking at the threshold) before the check, so that concurrent
    // guesses cannot all be checked while the account is still unlocked.
    const lockAfter = (failures: number) => lockedUntilAfterFailure(failures, now, this.config.auth.lockout);
    if (isLocked(user.lockedUntil, now) || !(await this.users.claimLoginAttempt(user.id, now, lockAfter)))
      return this.refuse('locked', command, meta, tenant, user);
    if (!(await this.hasher.verify(user.passwordHash, command.password)))
      return this.refuse('wrong_password', command, meta, tenant, user, true);
    if (user.status !== 'active') {
      await this.users.clearFailedLogins(user.id);
      return this.refuse('disabled', command, meta, tenant, user, true);
    }
    await this.users.recordSuccessfulLogin(user.id, now);
    let currentHash = user.passwordHash;
    const rehashed = this.hasher.needsRehash(user.passwordHash);
    if (rehashed) {
      const replacement = await this.hasher.hash(command.password);
      if (await this.users.rehashPassword(user.id, user.passwordHash, replacement)) currentHash = replacement;
      else currentHash = (await this.rehashedMeanwhile(user.id, command.password)) ?? currentHash;
    }
    const tokens = await this.tokens.open(
      { userId: user.id, tenantId: user.tenantId, roles: user.roles },
      meta,
      now,
    );
    const changed = await this.changedMeanwhile(user.id, currentHash, tenant);
    if (changed) {
      await this.tokens.discard(tokens.sessionId, changed.reason, now);
      return this.refuse(changed.reason, command, meta, changed.tenant, user, true);
    }
    await this.audit.record(
      {
        action: 'auth.login',
        outcome: 'success',
        tenantId: user.tenantId,
        actor: { type: 'user', id: user.id },
        target: { type: 'session', id: tokens.sessionId },
        details: { rehashed },
      },
      meta,
    );
    return {
      ...tokens,
      user: { id: user.id, email: user.email, tenantId: user.tenantId, roles: user.roles },
    };
  }

  /**
   * A password reset, a disable or a tenant suspension between the checks above and the new session
   * revoked the sessions it found, not this one (each writes its status before revoking): read them
   * again now that the session exists, and give up if one changed.
   */
  private async changedMeanwhile(
    userId: string,
    verifiedHash: string,
    tenant: TenantSummary | null,
  ): Promise<{ reason: Refusal; tenant: TenantSummary | null } | null> {
    const current = await this.users.findById(userId);
    if (current?.passwordHash !== verifiedHash) return { reason: 'password_changed_meanwhile', tenant };
    if (current.status !== 'active') return { reason: 'disabled', tenant };
    if (!tenant) return null;
    const tenantNow = await this.tenants.findById(tenant.id);
    return tenantNow?.status === 'active' ? null : { reason: 'tenant_not_active', tenant: tenantNow };
  }

  /**
   * The stored hash when a concurrent login of the same user re-hashed this very password first
   * (its salt differs from ours), or null when the password itself changed (a reset), which the
   * check after opening the session then refuses.
   */
  private async rehashedMeanwhile(userId: string, password: string): Promise<string | null> {
    const stored = (await this.users.findById(userId))?.passwordHash;
    return stored && (await this.hasher.verify(stored, password)) ? stored : null;
  }
  private async refuse(
    reason: Refusal,
    command: LoginCommand,
    meta: RequestMeta,
    tenant: TenantSummary | null,
    user?: User,
    passwordChecked = false,
  ): Promise<never> {
    if (!passwordChecked) await this.hasher.verifyAgainstDummy(command.password);
    // Failures against an active tenant go to its own audit log; anything else to the platform's.
    const tenantId = tenant && tenant.status === 'active' ? tenant.id : null;
    await this.audit.record(
      {
        action: 'auth.login',
        outcome: 'failure',
        tenantId,
        actor: user ? { type: 'user', id: user.id } : { type: 'anonymous' },
        details: {
          reason,
          // The email is what was typed: useful to spot credential stuffing, and it is not a secret.
          email: normalizeEmail(command.email).slice(0, 254),
          ...(tenantId === null && command.tenantSlug ? { tenantSlug: command.tenantSlug.slice(0, 60) } : {}),
        },
      },
      meta,
    );
    throw new InvalidCredentialsError();
  }
}
