import { Injectable } from '@nestjs/common';
import { NotASessionError } from '../domain/auth-errors';
import type { Principal } from '../domain/principal';
import { AuthAudit } from './auth-audit';
import type { RequestMeta } from './request-meta';
import { SessionRevocation } from './session-revocation';

/** Ends the caller's session: its access tokens stop at once, its refresh tokens stop working. */
@Injectable()
export class Logout {
  constructor(
    private readonly revocation: SessionRevocation,
    private readonly audit: AuthAudit,
  ) {}

  async execute(principal: Principal, meta: RequestMeta): Promise<void> {
    // A 204 here would tell an integration its key no longer works, while it still does.
    if (!principal.sessionId) throw new NotASessionError();
    await this.revocation.revokeSession(principal.sessionId, 'logout');
    await this.audit.recordOfSession(
      {
        action: 'auth.logout',
        outcome: 'success',
        tenantId: principal.tenantId,
        actor: { type: 'user', id: principal.id },
        target: { type: 'session', id: principal.sessionId },
      },
      meta,
    );
  }
}
