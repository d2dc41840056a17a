import { PageQueryDto } from '../../../platform/http/page-query.dto';
import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiParam, ApiTags } from '@nestjs/swagger';
import { Clock } from '../../../platform/clock/clock';
import { TenantRegistry } from '../../tenants/application/ports/tenant-registry';
import { TenantNotFoundError } from '../../tenants/domain/tenant-errors';
import type { RequestMeta } from '../application/request-meta';
import { UserAdministration } from '../application/user-administration';
import type { Principal } from '../domain/principal';
import { RequiresPermission } from './access-metadata';
import { actorOf, CurrentPrincipal, CurrentRequestMeta } from './authenticated-request';
import { CreateUserDto, ResetPasswordDto, UserView } from './dto/user.dto';
import { UuidParam } from '../../../platform/http/uuid-param';

/**
 * Operators' user management: platform administrators, and any tenant's users (a new tenant's
 * first tenant_admin, a locked-out admin's password). /platform/** is platform_admin only.
 */
@ApiTags('platform: users')
@Controller('platform')
@RequiresPermission('platform.manage')
export class PlatformUsersController {
  constructor(
    private readonly users: UserAdministration,
    private readonly tenants: TenantRegistry,
    private readonly clock: Clock,
  ) {}

  @Get('users')
  @ApiOkResponse({ type: [UserView] })
  async listPlatformAdmins(@Query() page: PageQueryDto): Promise<UserView[]> {
    return (await this.users.list(null, page)).map((user) => UserView.of(user, this.clock.now()));
  }

  @Post('users')
  @ApiCreatedResponse({ type: UserView, description: 'A platform administrator' })
  async createPlatformAdmin(
    @Body() body: CreateUserDto,
    @CurrentPrincipal() principal: Principal,
    @CurrentRequestMeta() meta: RequestMeta,
  ): Promise<UserView> {
    const user = await this.users.create({ ...body, tenantId: null }, actorOf(principal), meta);
    return UserView.of(user, this.clock.now());
  }

  @Get('tenants/:tenant/users')
  @ApiParam({ name: 'tenant', description: 'The tenant, by id or slug' })
  @ApiOkResponse({ type: [UserView] })
  async listTenantUsers(
    @Param('tenant') reference: string,
    @Query() page: PageQueryDto,
  ): Promise<UserView[]> {
    const tenantId = await this.tenantIdOf(reference);
    return (await this.users.list(tenantId, page)).map((user) => UserView.of(user, this.clock.now()));
  }

  @Post('tenants/:tenant/users')
  @ApiParam({ name: 'tenant', description: 'The tenant, by id or slug' })
  @ApiCreatedResponse({ type: UserView, description: 'A user of the tenant (e.g. its first tenant_admin)' })
  async createTenantUser(
    @Param('tenant') reference: string,
    @Body() body: CreateUserDto,
    @CurrentPrincipal() principal: Principal,
    @CurrentRequestMeta() meta: RequestMeta,
  ): Promise<UserView> {
    const tenantId = await this.tenantIdOf(reference);
    const user = await this.users.create({ ...body, tenantId }, actorOf(principal), meta);
    return UserView.of(user, this.clock.now());
  }

  @Post('users/:userId/disable')
  @HttpCode(200)
  @ApiOkResponse({ type: UserView, description: 'Any user, platform or tenant' })
  async disable(
    @UuidParam('userId') userId: string,
    @CurrentPrincipal() principal: Principal,
    @CurrentRequestMeta() meta: RequestMeta,
  ): Promise<UserView> {
    const target = await this.users.getAny(userId);
    const user = await this.users.disable(target.tenantId, userId, actorOf(principal), meta);
    return UserView.of(user, this.clock.now());
  }

  @Post('users/:userId/enable')
  @HttpCode(200)
  @ApiOkResponse({ type: UserView })
  async enable(
    @UuidParam('userId') userId: string,
    @CurrentPrincipal() principal: Principal,
    @CurrentRequestMeta() meta: RequestMeta,
  ): Promise<UserView> {
    const target = await this.users.getAny(userId);
    const user = await this.users.enable(target.tenantId, userId, actorOf(principal), meta);
    return UserView.of(user, this.clock.now());
  }

  @Post('users/:userId/password')
  @HttpCode(204)
  @ApiNoContentResponse()
  async resetPassword(
    @UuidParam('userId') userId: string,
    @Body() body: ResetPasswordDto,
    @CurrentPrincipal() principal: Principal,
    @CurrentRequestMeta() meta: RequestMeta,
  ): Promise<void> {
    const target = await this.users.getAny(userId);
    await this.users.resetPassword(target.tenantId, userId, body.password, actorOf(principal), meta);
  }

  private async tenantIdOf(reference: string): Promise<string> {
    const tenant = await this.tenants.findByReference(reference);
    if (!tenant) throw new TenantNotFoundError(reference);
    return tenant.id;
  }
}
