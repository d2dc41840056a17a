import { Injectable } from '@nestjs/common';
import { AuditActor } from '../../../platform/audit/audit-trail';
import { EmailTakenError } from '../domain/auth-errors';
import { UserRepository } from './ports/user-repository';
import type { RequestMeta } from './request-meta';
import { UserAdministration } from './user-administration';

/**
 * The first platform administrator, from BOOTSTRAP_ADMIN_* or the `users` CLI. Does nothing while
 * any active platform administrator exists, so it is safe on every start of every instance; with all
 * of them disabled it recovers the platform (an address already taken creates no one). There is no
 * built-in default account or password.
 */
@Injectable()
export class BootstrapPlatformAdmin {
  constructor(
    private readonly users: UserRepository,
    private readonly administration: UserAdministration,
  ) {}

  async execute(
    email: string,
    password: string,
    actor: AuditActor,
    meta: RequestMeta = {},
  ): Promise<boolean> {
    if ((await this.users.countPlatformAdmins()) > 0) return false;
    try {
      await this.administration.create(
        { tenantId: null, email, password, roles: ['platform_admin'] },
        actor,
        meta,
      );
      return true;
    } catch (error) {
      // Another instance starting at the same moment created it first.
      if (error instanceof EmailTakenError) return false;
      throw error;
    }
  }
}
