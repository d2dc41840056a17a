import { Body, Controller, Delete, Get, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Principal } from '../../auth/domain/principal';
import { CurrentPrincipal, actorOf } from '../../auth/http/authenticated-request';
import { ProvisionTenant } from '../application/provision-tenant';
import { TenantRegistry } from '../application/ports/tenant-registry';
import { TenantLifecycle } from '../application/tenant-lifecycle';
import { CreateTenantDto, TenantView } from './tenant.dto';

/** Platform administrators only: the access guard confines every /platform route to them. */
@ApiTags('platform: tenants')
@Controller('platform/tenants')
export class PlatformTenantsController {
  constructor(
    private readonly provision: ProvisionTenant,
    private readonly lifecycle: TenantLifecycle,
    private readonly registry: TenantRegistry,
  ) {}

  @Post()
  @ApiOperation({
    summary: 'Provision a tenant (idempotent per slug: 201 when created, 200 when it existed)',
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

  @Get()
  @ApiOkResponse({ type: [TenantView] })
  async list(): Promise<TenantView[]> {
    return (await this.registry.list()).map((tenant) => TenantView.of(tenant));
  }

  @Get(':tenant')
  @ApiOperation({ summary: 'One tenant, by id or slug' })
  @ApiOkResponse({ type: TenantView })
  async get(@Param('tenant') reference: string): Promise<TenantView> {
    return TenantView.of(await this.lifecycle.find(reference));
  }

  @Post(':tenant/suspend')
  @HttpCode(200)
  @ApiOperation({ summary: 'Refuse service to the tenant at once and end its sessions' })
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

  @Delete(':tenant')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a tenant and drop its database' })
  async remove(@Param('tenant') reference: string, @CurrentPrincipal() principal: Principal): Promise<void> {
    await this.lifecycle.delete(reference, actorOf(principal));
  }
}
