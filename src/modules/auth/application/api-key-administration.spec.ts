import { randomUUID } from 'node:crypto';
import {
  FixedClock,
  InMemoryTenantDirectory,
  RecordingAuditTrail,
} from '../../../../test/support/auth-fakes';
import { RoleNotGrantableError } from '../domain/auth-errors';
import { ApiKeyAdministration } from './api-key-administration';
import { AuthAudit } from './auth-audit';
import { ApiKeyRecord, ApiKeyRepository } from './ports/api-key-repository';

class RecordingApiKeys extends ApiKeyRepository {
  readonly inserted: ApiKeyRecord[] = [];
  async insert(key: Omit<ApiKeyRecord, 'createdAt' | 'lastUsedAt' | 'revokedAt'>): Promise<ApiKeyRecord> {
    const record = { ...key, createdAt: new Date(), lastUsedAt: null, revokedAt: null };
    this.inserted.push(record);
    return record;
  }
  async findByPrefix(): Promise<ApiKeyRecord | null> {
    return null;
  }
  async listByTenant(): Promise<ApiKeyRecord[]> {
    return this.inserted;
  }
  async revoke(): Promise<boolean> {
    return false;
  }
  async touch(): Promise<void> {}
}

describe('ApiKeyAdministration', () => {
  const actor = { type: 'user' as const, id: randomUUID() };

  it('refuses tenant_admin to a key whoever asks, so no key can administer the tenant', async () => {
    const keys = new RecordingApiKeys();
    const administration = new ApiKeyAdministration(
      keys,
      new AuthAudit(new RecordingAuditTrail(), new InMemoryTenantDirectory()),
      new FixedClock(),
    );
    const tenantId = randomUUID();
    await expect(
      administration.create({ tenantId, name: 'erp', roles: ['clerk', 'tenant_admin'] }, actor, {}),
    ).rejects.toBeInstanceOf(RoleNotGrantableError);
    expect(keys.inserted).toEqual([]);
    const { record } = await administration.create({ tenantId, name: 'erp', roles: ['clerk'] }, actor, {});
    expect(record.roles).toEqual(['clerk']);
  });
});
