import type { ListPage } from '../../../platform/pagination/list-page';
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AuditActor } from '../../../platform/audit/audit-trail';
import { Clock } from '../../../platform/clock/clock';
import {
  EmailTakenError,
  SelfLockoutError,
  RoleNotGrantableError,
  UserNotFoundError,
} from '../domain/auth-errors';
import { assertAcceptablePassword } from '../domain/password-policy';
import { isTenantRole, Role } from '../domain/role';
import { accountEmail, User } from '../domain/user';
import { TenantNotActiveError } from '../../tenants/domain/tenant-errors';
import { AuthAudit } from './auth-audit';
import { PasswordHasher } from './ports/password-hasher';
import { TenantDirectory } from './ports/tenant-directory';
import { UserRepository } from './ports/user-repository';
import type { RequestMeta } from './request-meta';
import { SessionRevocation } from './session-revocation';

export interface NewUserCommand {
  /** Null creates a platform administrator. */
  tenantId: string | null;
  email: string;
  password: string;
  roles: string[];
}

/**
 * Create, list, disable, enable users, reset passwords, change roles: for tenant admins (their own
 * tenant only: every method takes the tenant id from the verified principal), platform admins and
 * the CLI. Disabling, a password reset and a role change end the user's sessions at once.
 */
@Injectable()
export class UserAdministration {
  constructor(
    private readonly users: UserRepository,
    private readonly tenants: TenantDirectory,
    private readonly hasher: PasswordHasher,
    private readonly revocation: SessionRevocation,
    private readonly audit: AuthAudit,
    private readonly clock: Clock,
  ) {}

  async create(command: NewUserCommand, actor: AuditActor, meta: RequestMeta): Promise<User> {
    await this.assertUsersChangeable(command.tenantId);
    const email = accountEmail(command.email);
    const roles = grantableRoles(command.tenantId, command.roles);
    await this.assertPassword(command.password, email, command.tenantId);
    const user = await this.users.insert({
      id: randomUUID(),
      tenantId: command.tenantId,
      email,
      passwordHash: await this.hasher.hash(command.password),
      roles,
    });
    if (!user) throw new EmailTakenError();
    await this.record('user.created', user, actor, meta, { roles });
    return user;
  }

  list(tenantId: string | null, page: ListPage): Promise<User[]> {
    return this.users.listByTenant(tenantId, page);
  }

  async get(tenantId: string | null, userId: string): Promise<User> {
    const user = await this.users.findInTenant(tenantId, userId);
    if (!user) throw new UserNotFoundError();
    return user;
  }

  /** Any user, whatever the tenant: for platform administrators only. */
  async getAny(userId: string): Promise<User> {
    const user = await this.users.findById(userId);
    if (!user) throw new UserNotFoundError();
    return user;
  }

  async disable(
    tenantId: string | null,
    userId: string,
    actor: AuditActor,
    meta: RequestMeta,
  ): Promise<User> {
    const user = await this.changeable(tenantId, userId);
    if (actor.type === 'user' && actor.id === user.id)
      throw new SelfLockoutError('You cannot disable yourself');
    await this.users.updateStatus(user.id, 'disabled');
    await this.revocation.revokeUser(user.id, 'user_disabled');
    await this.record('user.disabled', user, actor, meta);
    return { ...user, status: 'disabled' };
  }

  async enable(tenantId: string | null, userId: string, actor: AuditActor, meta: RequestMeta): Promise<User> {
    const user = await this.changeable(tenantId, userId);
    await this.users.updateStatus(user.id, 'active');
    await this.record('user.enabled', user, actor, meta);
    return { ...user, status: 'active' };
  }

  async resetPassword(
    tenantId: string | null,
    userId: string,
    password: string,
    actor: AuditActor,
    meta: RequestMeta,
  ): Promise<void> {
    const user = await this.changeable(tenantId, userId);
    await this.assertPassword(password, user.email, user.tenantId);
    await this.users.updatePasswordHash(user.id, await this.hasher.hash(password), this.clock.now());
    await this.revocation.revokeUser(user.id, 'password_reset');
    await this.record('user.password_reset', user, actor, meta);
  }

  async changeRoles(
    tenantId: string,
    userId: string,
    requested: string[],
    actor: AuditActor,
    meta: RequestMeta,
  ): Promise<User> {
    const user = await this.changeable(tenantId, userId);
    const roles = grantableRoles(tenantId, requested);
    if (actor.type === 'user' && actor.id === user.id && !roles.includes('tenant_admin')) {
      throw new SelfLockoutError('You cannot remove your own administrator role');
    }
    await this.users.updateRoles(user.id, roles);
    await this.revocation.revokeUser(user.id, 'roles_changed');
    await this.record('user.roles_changed', user, actor, meta, { from: user.roles, to: roles });
    return { ...user, roles };
  }

  /** A user whose account may change now: one of the platform, or of a tenant that is served. */
  private async changeable(tenantId: string | null, userId: string): Promise<User> {
    await this.assertUsersChangeable(tenantId);
    return this.get(tenantId, userId);
  }

  /**
   * A tenant's accounts change, with their audit entry in its database, only while it is active or
   * suspended: provisioning, failed or being deleted, its database may be missing, and a change
   * would be made and then reported as failed, without its audit entry.
   */
  private async assertUsersChangeable(tenantId: string | null): Promise<void> {
    if (tenantId === null) return;
    const tenant = await this.tenants.findById(tenantId);
    if (tenant && tenant.status !== 'active' && tenant.status !== 'suspended')
      throw new TenantNotActiveError(tenant.status, 'change the accounts of');
  }

  private async assertPassword(password: string, email: string, tenantId: string | null): Promise<void> {
    const tenant = tenantId ? await this.tenants.findById(tenantId) : null;
    assertAcceptablePassword(password, {
      email,
      tenantNames: tenant ? [tenant.slug, tenant.displayName] : [],
    });
  }

  private record(
    action: string,
    user: User,
    actor: AuditActor,
    meta: RequestMeta,
    details?: Record<string, unknown>,
  ): Promise<void> {
    return this.audit.record(
      {
        action,
        outcome: 'success',
        tenantId: user.tenantId,
        actor,
        target: { type: 'user', id: user.id },
        details,
      },
      meta,
    );
  }
}

/** Tenant users get tenant roles; platform users exactly `platform_admin`. */
export function grantableRoles(tenantId: string | null, requested: string[]): Role[] {
  const unique = [...new Set(requested)];
  if (tenantId === null) {
    if (unique.length === 1 && unique[0] === 'platform_admin') return ['platform_admin'];
    throw new RoleNotGrantableError(unique.filter((role) => role !== 'platform_admin'));
  }
  const refused = unique.filter((role) => !isTenantRole(role));
  if (refused.length > 0 || unique.length === 0) throw new RoleNotGrantableError(refused);
  return unique.filter(isTenantRole);
}
