import { PageQueryDto } from '../../../platform/http/page-query.dto';
import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Principal } from '../../auth/domain/principal';
import { CurrentPrincipal, actorOf } from '../../auth/http/authenticated-request';
import { AppConfig } from '../../../platform/config/app-config';
import { statusForCode } from '../../../platform/errors/error-status';
import { LongOperation } from '../../../platform/http/long-operation';
import { MigrateTenants, TenantMigrationOutcome } from '../application/migrate-tenants';
import { ProvisionTenant } from '../application/provision-tenant';
import { TenantRegistry } from '../application/ports/tenant-registry';
import { TenantBackups } from '../application/tenant-backups';
import { TenantLifecycle } from '../application/tenant-lifecycle';
import {
  DeleteTenantQueryDto,
  MigrateTenantDto,
  MigrateTenantsDto,
  RestoreTenantDto,
  TenantBackupView,
  TenantMigrationOutcomeView,
  TenantMigrationRunView,
  TenantRevertView,
} from './tenant-operations.dto';
import { CreateTenantDto, TenantView } from './tenant.dto';

/**
 * Platform administrators only: the access guard confines every /platform route to them (no
 * per-route permission is declared; `platform_admin` is the whole access rule here).
 */
@ApiTags('platform: tenants')
@Controller('platform/tenants')
export class PlatformTenantsController {
  constructor(
    private readonly provision: ProvisionTenant,
    private readonly lifecycle: TenantLifecycle,
    private readonly registry: TenantRegistry,
    private readonly migrations: MigrateTenants,
    private readonly backups: TenantBackups,
    private readonly config: AppConfig,
  ) {}

  @Post()
  @ApiOperation({
    summary:
      'Provision a tenant (idempotent per slug and display name: 201 when created, 200 when it existed; another display name, or another hostKey than the one it is on, for an existing slug is 409)',
  })
  @ApiCreatedResponse({ type: TenantView })
  async create(
    @Body() body: CreateTenantDto,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) response: Response,
  ): Promise<TenantView> {
    const { tenant, created } = await this.provision.execute({ ...body, actor: actorOf(principal) });
    response.status(created ? 201 : 200);
    return TenantView.of(tenant);
  }

  @Post('migrate')
  @LongOperation()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Migrate every tenant (slug order), continuing past failures; dryRun reports only',
  })
  @ApiOkResponse({ type: TenantMigrationRunView })
  async migrateAll(@Body() body: MigrateTenantsDto): Promise<TenantMigrationRunView> {
    const dryRun = body.dryRun ?? false;
    const tenants = (await this.migrations.execute({ dryRun, fromSlug: body.from })).map((outcome) =>
      this.shown(outcome),
    );
    return { dryRun, tenants, failed: tenants.filter((outcome) => outcome.status === 'failed').length };
  }

  @Post('restore')
  @LongOperation()
  @ApiOperation({ summary: 'Provision a new tenant from a backup in the backups directory' })
  @ApiCreatedResponse({ type: TenantView })
  async restore(
    @Body() body: RestoreTenantDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<TenantView> {
    return TenantView.of(
      await this.backups.restoreNamed(body.file, body.as, actorOf(principal), body.hostKey),
    );
  }

  @Get()
  @ApiOkResponse({ type: [TenantView] })
  async list(@Query() page: PageQueryDto): Promise<TenantView[]> {
    return (await this.registry.list(page)).map((tenant) => TenantView.of(tenant));
  }

  @Get(':tenant')
  @ApiOperation({ summary: 'One tenant, by id or slug' })
  @ApiOkResponse({ type: TenantView })
  async get(@Param('tenant') reference: string): Promise<TenantView> {
    return TenantView.of(await this.lifecycle.find(reference));
  }

  @Post(':tenant/suspend')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Refuse service to the tenant at once and end its sessions',
    description:
      'A 503 TENANT.SUSPENSION_UNFINISHED means the tenant is suspended but its sessions could not be ended yet: call again to finish.',
  })
  @ApiOkResponse({ type: TenantView })
  async suspend(
    @Param('tenant') reference: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<TenantView> {
    return TenantView.of(await this.lifecycle.suspend(reference, actorOf(principal)));
  }

  @Post(':tenant/resume')
  @HttpCode(200)
  @ApiOkResponse({ type: TenantView })
  async resume(
    @Param('tenant') reference: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<TenantView> {
    return TenantView.of(await this.lifecycle.resume(reference, actorOf(principal)));
  }

  @Post(':tenant/migrate')
  @LongOperation()
  @HttpCode(200)
  @ApiOperation({ summary: "Apply the tenant's pending migrations (dryRun reports only)" })
  @ApiOkResponse({ type: TenantMigrationOutcomeView })
  async migrateOne(
    @Param('tenant') reference: string,
    @Body() body: MigrateTenantDto,
  ): Promise<TenantMigrationOutcomeView> {
    const tenant = await this.lifecycle.find(reference);
    return this.shown(await this.migrations.executeFor(tenant, { dryRun: body.dryRun ?? false }));
  }

  /**
   * A failure on our side (a 5xx code) may carry what the database or a server said, naming hosts:
   * in production the answer gives only its code, as a 500 problem does; the log has the rest.
   */
  private shown(outcome: TenantMigrationOutcome): TenantMigrationOutcome {
    if (!outcome.code || statusForCode(outcome.code) < 500 || !this.config.isProduction) return outcome;
    return { ...outcome, reason: `${outcome.code}: the log has the cause` };
  }

  @Post(':tenant/migrate/revert')
  @HttpCode(200)
  @ApiOperation({ summary: "Undo the tenant's newest migration (it is refused service until migrated)" })
  @ApiOkResponse({ type: TenantRevertView })
  async revert(@Param('tenant') reference: string): Promise<TenantRevertView> {
    const tenant = await this.lifecycle.find(reference);
    return { slug: tenant.slug, schemaVersion: await this.migrations.revertLast(tenant) };
  }

  @Post(':tenant/backups')
  @LongOperation()
  @ApiOperation({ summary: 'Write a pg_dump archive into the backups directory, under a name we choose' })
  @ApiCreatedResponse({ type: TenantBackupView })
  async backup(
    @Param('tenant') reference: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<TenantBackupView> {
    const { tenant, file, sizeBytes } = await this.backups.backup(reference, actorOf(principal));
    return { slug: tenant.slug, file, sizeBytes };
  }

  @Delete(':tenant')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Delete a tenant and drop its database',
    description:
      '409 TENANT.DELETE_REFUSED, before anything changes, when its database server is no longer in TENANT_DB_HOSTS (add it back, or pass forgetDatabase=true to leave the database there) or when forgetDatabase is given for a configured server.',
  })
  async remove(
    @Param('tenant') reference: string,
    @Query() query: DeleteTenantQueryDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<void> {
    await this.lifecycle.delete(reference, actorOf(principal), {
      forgetDatabase: query.forgetDatabase ?? false,
    });
  }
}
