import type { MigrationInterface } from 'typeorm';
import { TenantRegistry1764000000000 } from './1764000000000-tenant-registry';
import { Auth1764000100000 } from './1764000100000-auth';
import { AuditPrivileges1764000200000 } from './1764000200000-audit-privileges';
import { TenantSlugNotAnId1764000300000 } from './1764000300000-tenant-slug-not-an-id';

/** Control-plane migrations in order; listed explicitly so no file-system globbing is needed. */
export const controlPlaneMigrations: (new () => MigrationInterface)[] = [
  TenantRegistry1764000000000,
  Auth1764000100000,
  AuditPrivileges1764000200000,
  TenantSlugNotAnId1764000300000,
];
