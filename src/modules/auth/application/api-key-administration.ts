import type { ListPage } from '../../../platform/pagination/list-page';
import { Injectable } from '@nestjs/common';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { AuditActor } from '../../../platform/audit/audit-trail';
import { Clock } from '../../../platform/clock/clock';
import { formatApiKey } from '../domain/api-key-format';
import { ApiKeyExpiryInvalidError, ApiKeyNotFoundError, RoleNotGrantableError } from '../domain/auth-errors';
import { API_KEY_ROLES } from '../domain/role';
import { AuthAudit } from './auth-audit';
import { ApiKeyRecord, ApiKeyRepository } from './ports/api-key-repository';
import type { RequestMeta } from './request-meta';
import { grantableRoles } from './user-administration';

export interface NewApiKeyCommand {
  tenantId: string;
  name: string;
  roles: string[];
  expiresAt?: Date;
}

const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';

/** Tenant admins' integration keys: the full key is returned once, only its SHA-256 is kept. */
@Injectable()
export class ApiKeyAdministration {
  constructor(
    private readonly keys: ApiKeyRepository,
    private readonly audit: AuthAudit,
    private readonly clock: Clock,
  ) {}

  async create(
    command: NewApiKeyCommand,
    actor: AuditActor,
    meta: RequestMeta,
  ): Promise<{ key: string; record: ApiKeyRecord }> {
    const roles = grantableRoles(command.tenantId, command.roles);
    const refused = roles.filter((role) => !API_KEY_ROLES.includes(role));
    if (refused.length > 0) throw new RoleNotGrantableError(refused);
    const expiry = command.expiresAt?.getTime();
    // NaN: an ISO 8601 form Date cannot read (a week date, say) is no expiry we could enforce.
    if (expiry !== undefined && (Number.isNaN(expiry) || expiry <= this.clock.now().getTime())) {
      throw new ApiKeyExpiryInvalidError();
    }
    const prefix = randomPrefix();
    const secret = randomBytes(32).toString('base64url');
    const record = await this.keys.insert({
      id: randomUUID(),
      tenantId: command.tenantId,
      name: command.name.trim(),
      prefix,
      secretHash: createHash('sha256').update(secret, 'utf8').digest(),
      roles,
      createdBy: actor.type === 'user' ? (actor.id ?? null) : null,
      expiresAt: command.expiresAt ?? null,
    });
    await this.audit.record(
      {
        action: 'api_key.created',
        outcome: 'success',
        tenantId: command.tenantId,
        actor,
        target: { type: 'api_key', id: record.id },
        details: { prefix, roles, expiresAt: record.expiresAt?.toISOString() ?? null },
      },
      meta,
    );
    return { key: formatApiKey(prefix, secret), record };
  }

  list(tenantId: string, page: ListPage): Promise<ApiKeyRecord[]> {
    return this.keys.listByTenant(tenantId, page);
  }

  async revoke(tenantId: string, keyId: string, actor: AuditActor, meta: RequestMeta): Promise<void> {
    if (!(await this.keys.revoke(tenantId, keyId, this.clock.now()))) throw new ApiKeyNotFoundError();
    await this.audit.record(
      {
        action: 'api_key.revoked',
        outcome: 'success',
        tenantId,
        actor,
        target: { type: 'api_key', id: keyId },
      },
      meta,
    );
  }
}

function randomPrefix(): string {
  return [...randomBytes(12)].map((byte) => BASE32[byte % 32]).join('');
}
