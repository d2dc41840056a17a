export const TENANT_STATUSES = ['provisioning', 'active', 'suspended', 'deleting', 'failed'] as const;
export type TenantStatus = (typeof TENANT_STATUSES)[number];

/** A client company as the control plane knows it: who it is and where its database lives. */
export interface Tenant {
  id: string;
  slug: string;
  displayName: string;
  status: TenantStatus;
  /** Derived from the id by us (`tenant_<32 hex>`), never from user input. */
  databaseName: string;
  /** Which configured PostgreSQL server holds the database (`host:port`). */
  hostKey: string;
  /** Timestamp of the newest tenant migration applied to its database. */
  schemaVersion: number;
  failureReason: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export function databaseNameFor(tenantId: string): string {
  const hex = tenantId.replace(/-/g, '').toLowerCase();
  if (!/^[0-9a-f]{32}$/.test(hex)) throw new Error(`not a uuid: ${tenantId}`);
  return `tenant_${hex}`;
}
