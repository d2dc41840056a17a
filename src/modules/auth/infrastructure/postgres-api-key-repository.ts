import type { ListPage } from '../../../platform/pagination/list-page';
import { Injectable } from '@nestjs/common';
import { ControlPlaneDatabase } from '../../../platform/database/control-plane-database';
import { queryRows } from '../../../platform/database/query-rows';
import { ApiKeyRecord, ApiKeyRepository } from '../application/ports/api-key-repository';
import { isRole, Role } from '../domain/role';

interface ApiKeyRow {
  id: string;
  tenant_id: string;
  name: string;
  prefix: string;
  secret_hash: Buffer;
  roles: string[];
  created_by: string | null;
  created_at: Date;
  expires_at: Date | null;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

const COLUMNS =
  'id, tenant_id, name, prefix, secret_hash, roles, created_by, created_at, expires_at, last_used_at, revoked_at';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

@Injectable()
export class PostgresApiKeyRepository extends ApiKeyRepository {
  constructor(private readonly controlPlane: ControlPlaneDatabase) {
    super();
  }

  async insert(key: Omit<ApiKeyRecord, 'createdAt' | 'lastUsedAt' | 'revokedAt'>): Promise<ApiKeyRecord> {
    const rows = await this.rows(
      `INSERT INTO api_keys (id, tenant_id, name, prefix, secret_hash, roles, created_by, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING ${COLUMNS}`,
      [key.id, key.tenantId, key.name, key.prefix, key.secretHash, key.roles, key.createdBy, key.expiresAt],
    );
    return toApiKey(rows[0]);
  }

  async findByPrefix(prefix: string): Promise<ApiKeyRecord | null> {
    const rows = await this.rows(`SELECT ${COLUMNS} FROM api_keys WHERE prefix = $1`, [prefix]);
    return rows.length ? toApiKey(rows[0]) : null;
  }

  async listByTenant(tenantId: string, page: ListPage): Promise<ApiKeyRecord[]> {
    const rows = await this.rows(
      `SELECT ${COLUMNS} FROM api_keys WHERE tenant_id = $1 ORDER BY created_at, id LIMIT $2 OFFSET $3`,
      [tenantId, page.limit, page.offset],
    );
    return rows.map(toApiKey);
  }

  async revoke(tenantId: string, id: string, at: Date): Promise<boolean> {
    if (!UUID.test(id)) return false;
    const rows = await this.rows(
      `UPDATE api_keys SET revoked_at = $3 WHERE id = $1 AND tenant_id = $2 AND revoked_at IS NULL
       RETURNING ${COLUMNS}`,
      [id, tenantId, at],
    );
    return rows.length > 0;
  }

  async touch(id: string, at: Date): Promise<void> {
    await this.controlPlane.dataSource.query(
      `UPDATE api_keys SET last_used_at = $2
       WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < $2::timestamptz - interval '1 minute')`,
      [id, at],
    );
  }

  private rows(sql: string, parameters: unknown[]): Promise<ApiKeyRow[]> {
    return queryRows<ApiKeyRow>(this.controlPlane.dataSource, sql, parameters);
  }
}

function toApiKey(row: ApiKeyRow): ApiKeyRecord {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    name: row.name,
    prefix: row.prefix,
    secretHash: row.secret_hash,
    roles: row.roles.filter(isRole) as Role[],
    createdBy: row.created_by,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    lastUsedAt: row.last_used_at,
    revokedAt: row.revoked_at,
  };
}
