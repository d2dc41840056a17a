import { Module } from '@nestjs/common';
import { AuthCoreModule } from '../auth/auth-core.module';
import { SessionRevocation } from '../auth/application/session-revocation';
import { MigrateTenants } from './application/migrate-tenants';
import { ProvisionTenant } from './application/provision-tenant';
import { TenantBackups } from './application/tenant-backups';
import { TenantLifecycle } from './application/tenant-lifecycle';
import { TenantBackupFiles } from './application/ports/tenant-backup-files';
import { TenantSessions } from './application/ports/tenant-sessions';
import { LocalDiskTenantBackupFiles } from './infrastructure/disk/local-disk-tenant-backup-files';
import { PlatformTenantsController } from './http/platform-tenants.controller';

/** The operator's use cases over tenants, for the platform API and the `tenants` CLI. */
@Module({
  imports: [AuthCoreModule],
  controllers: [PlatformTenantsController],
  providers: [
    ProvisionTenant,
    TenantLifecycle,
    MigrateTenants,
    TenantBackups,
    { provide: TenantBackupFiles, useClass: LocalDiskTenantBackupFiles },
    // Suspending or deleting a tenant ends its users' sessions at once.
    { provide: TenantSessions, useExisting: SessionRevocation },
  ],
  exports: [ProvisionTenant, TenantLifecycle, MigrateTenants, TenantBackups, TenantBackupFiles],
})
export class TenantAdministrationModule {}
