import { PageQueryDto } from '../../../platform/http/page-query.dto';
import { Body, Controller, Get, HttpCode, Post, Query, Put } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Clock } from '../../../platform/clock/clock';
import type { RequestMeta } from '../application/request-meta';
import { UserAdministration } from '../application/user-administration';
import type { Principal } from '../domain/principal';
import { RequiresPermission } from './access-metadata';
import { actorOf, CurrentPrincipal, CurrentRequestMeta, tenantOf } from './authenticated-request';
import { ChangeRolesDto, CreateUserDto, ResetPasswordDto, UserView } from './dto/user.dto';
import { UuidParam } from '../../../platform/http/uuid-param';

/** A tenant admin's user management, always within the caller's own tenant. */
@ApiTags('users')
@Controller('users')
export class UsersController {
  constructor(
    private readonly users: UserAdministration,
    private readonly clock: Clock,
  ) {}

  @Get()
  @RequiresPermission('users.read')
  @ApiOkResponse({ type: [UserView] })
  async list(@CurrentPrincipal() principal: Principal, @Query() page: PageQueryDto): Promise<UserView[]> {
    return (await this.users.list(tenantOf(principal), page)).map((user) =>
      UserView.of(user, this.clock.now()),
    );
  }

  @Post()
  @RequiresPermission('users.manage')
  @ApiCreatedResponse({ type: UserView })
  async create(
    @Body() body: CreateUserDto,
    @CurrentPrincipal() principal: Principal,
    @CurrentRequestMeta() meta: RequestMeta,
  ): Promise<UserView> {
    const user = await this.users.create(
      { ...body, tenantId: tenantOf(principal) },
      actorOf(principal),
      meta,
    );
    return UserView.of(user, this.clock.now());
  }

  @Get(':userId')
  @RequiresPermission('users.read')
  @ApiOkResponse({ type: UserView })
  async get(
    @UuidParam('userId') userId: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<UserView> {
    return UserView.of(await this.users.get(tenantOf(principal), userId), this.clock.now());
  }

  @Post(':userId/disable')
  @RequiresPermission('users.manage')
  @HttpCode(200)
  @ApiOkResponse({ type: UserView })
  async disable(
    @UuidParam('userId') userId: string,
    @CurrentPrincipal() principal: Principal,
    @CurrentRequestMeta() meta: RequestMeta,
  ): Promise<UserView> {
    const user = await this.users.disable(tenantOf(principal), userId, actorOf(principal), meta);
    return UserView.of(user, this.clock.now());
  }

  @Post(':userId/enable')
  @RequiresPermission('users.manage')
  @HttpCode(200)
  @ApiOkResponse({ type: UserView })
  async enable(
    @UuidParam('userId') userId: string,
    @CurrentPrincipal() principal: Principal,
    @CurrentRequestMeta() meta: RequestMeta,
  ): Promise<UserView> {
    const user = await this.users.enable(tenantOf(principal), userId, actorOf(principal), meta);
    return UserView.of(user, this.clock.now());
  }

  @Put(':userId/roles')
  @RequiresPermission('users.manage')
  @ApiOkResponse({ type: UserView })
  async changeRoles(
    @UuidParam('userId') userId: string,
    @Body() body: ChangeRolesDto,
    @CurrentPrincipal() principal: Principal,
    @CurrentRequestMeta() meta: RequestMeta,
  ): Promise<UserView> {
    const user = await this.users.changeRoles(
      tenantOf(principal),
      userId,
      body.roles,
      actorOf(principal),
      meta,
    );
    return UserView.of(user, this.clock.now());
  }

  @Post(':userId/password')
  @RequiresPermission('users.manage')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Password replaced; the user is signed out everywhere' })
  async resetPassword(
    @UuidParam('userId') userId: string,
    @Body() body: ResetPasswordDto,
    @CurrentPrincipal() principal: Principal,
    @CurrentRequestMeta() meta: RequestMeta,
  ): Promise<void> {
    await this.users.resetPassword(tenantOf(principal), userId, body.password, actorOf(principal), meta);
  }
}
