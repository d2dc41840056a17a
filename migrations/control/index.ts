import type { MigrationInterface } from 'typeorm';
import { TenantRegistry1764000000000 } from './1764000000000-tenant-registry';
import { Auth1764000100000 } from './1764000100000-auth';

/** Control-plane migrations in order; listed explicitly so no file-system globbing is needed. */
export const controlPlaneMigrations: (new () => MigrationInterface)[] = [
  TenantRegistry1764000000000,
  Auth1764000100000,
];
