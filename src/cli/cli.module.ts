import { Module } from '@nestjs/common';
import { TenantAdministrationModule } from '../modules/tenants/tenant-administration.module';
import { TenantsModule } from '../modules/tenants/tenants.module';
import { PlatformModule } from '../platform/platform.module';

/** What the operator CLIs need: the platform and the tenant use cases, no HTTP. */
@Module({ imports: [PlatformModule, TenantsModule, TenantAdministrationModule] })
export class CliModule {}
