import { PageQueryDto } from '../../../platform/http/page-query.dto';
import { Body, Controller, Delete, Get, Header, HttpCode, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiKeyAdministration } from '../application/api-key-administration';
import type { RequestMeta } from '../application/request-meta';
import type { Principal } from '../domain/principal';
import { RequiresPermission } from './access-metadata';
import { actorOf, CurrentPrincipal, CurrentRequestMeta, tenantOf } from './authenticated-request';
import { ApiKeyView, CreateApiKeyDto, CreatedApiKeyView } from './dto/api-key.dto';
import { UuidParam } from '../../../platform/http/uuid-param';

/** A tenant admin's integration keys. The key itself is in the creation answer only. */
@ApiTags('api keys')
@Controller('api-keys')
@RequiresPermission('api_keys.manage')
export class ApiKeysController {
  constructor(private readonly keys: ApiKeyAdministration) {}

  @Post()
  @Header('Cache-Control', 'no-store')
  @ApiCreatedResponse({ type: CreatedApiKeyView })
  async create(
    @Body() body: CreateApiKeyDto,
    @CurrentPrincipal() principal: Principal,
    @CurrentRequestMeta() meta: RequestMeta,
  ): Promise<CreatedApiKeyView> {
    const { key, record } = await this.keys.create(
      {
        tenantId: tenantOf(principal),
        name: body.name,
        roles: body.roles,
        expiresAt: body.expiresAt ? new Date(body.expiresAt) : undefined,
      },
      actorOf(principal),
      meta,
    );
    return { ...ApiKeyView.of(record), key };
  }

  @Get()
  @ApiOkResponse({ type: [ApiKeyView] })
  async list(@CurrentPrincipal() principal: Principal, @Query() page: PageQueryDto): Promise<ApiKeyView[]> {
    return (await this.keys.list(tenantOf(principal), page)).map((key) => ApiKeyView.of(key));
  }

  @Delete(':keyId')
  @HttpCode(204)
  @ApiNoContentResponse()
  async revoke(
    @UuidParam('keyId') keyId: string,
    @CurrentPrincipal() principal: Principal,
    @CurrentRequestMeta() meta: RequestMeta,
  ): Promise<void> {
    await this.keys.revoke(tenantOf(principal), keyId, actorOf(principal), meta);
  }
}
