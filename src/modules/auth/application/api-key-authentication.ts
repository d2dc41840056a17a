import { Injectable } from '@nestjs/common';
import { createHash, timingSafeEqual } from 'node:crypto';
import { Clock } from '../../../platform/clock/clock';
import { parseApiKey } from '../domain/api-key-format';
import type { Principal } from '../domain/principal';
import { ApiKeyRepository } from './ports/api-key-repository';

/** Turns a presented `X-Api-Key` into a principal, or null (malformed, unknown, revoked, expired). */
@Injectable()
export class ApiKeyAuthentication {
  constructor(
    private readonly keys: ApiKeyRepository,
    private readonly clock: Clock,
  ) {}

  async principalFor(presented: string): Promise<Principal | null> {
    const parsed = parseApiKey(presented);
    if (!parsed) return null;
    const key = await this.keys.findByPrefix(parsed.prefix);
    if (!key) return null;
    const presentedHash = createHash('sha256').update(parsed.secret, 'utf8').digest();
    if (presentedHash.length !== key.secretHash.length || !timingSafeEqual(presentedHash, key.secretHash)) {
      return null;
    }
    const now = this.clock.now();
    if (key.revokedAt || (key.expiresAt && key.expiresAt.getTime() <= now.getTime())) return null;
    await this.keys.touch(key.id, now);
    return { type: 'api_key', id: key.id, tenantId: key.tenantId, roles: key.roles, via: 'api_key' };
  }
}
