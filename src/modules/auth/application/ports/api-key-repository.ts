import type { ListPage } from '../../../../platform/pagination/list-page';
import type { Role } from '../../domain/role';

export interface ApiKeyRecord {
  id: string;
  tenantId: string;
  name: string;
  prefix: string;
  secretHash: Buffer;
  roles: Role[];
  createdBy: string | null;
  createdAt: Date;
  expiresAt: Date | null;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

export abstract class ApiKeyRepository {
  abstract insert(key: Omit<ApiKeyRecord, 'createdAt' | 'lastUsedAt' | 'revokedAt'>): Promise<ApiKeyRecord>;
  abstract findByPrefix(prefix: string): Promise<ApiKeyRecord | null>;
  abstract listByTenant(tenantId: string, page: ListPage): Promise<ApiKeyRecord[]>;
  /** Returns false when no live key of that tenant has this id. */
  abstract revoke(tenantId: string, id: string, at: Date): Promise<boolean>;
  /** Records use, at most once a minute per key so busy keys do not write on every request. */
  abstract touch(id: string, at: Date): Promise<void>;
}
