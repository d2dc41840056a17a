import { Body, Controller, Get, Header, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { DomainError } from '../../../platform/errors/domain-error';
import { Public } from '../../../platform/http/public-route';
import { CsrfTokens } from '../application/csrf-tokens';
import { Login } from '../application/login';
import { Logout } from '../application/logout';
import { RefreshSession } from '../application/refresh-session';
import type { IssuedTokens } from '../application/session-tokens';
import { CsrfRejectedError } from '../domain/auth-errors';
import type { Principal } from '../domain/principal';
import { CredentialRoute, SessionRoute } from './access-metadata';
import { CurrentPrincipal, requestMetaOf } from './authenticated-request';
import { CsrfCheck } from './csrf-check';
import {
  BearerTokensView,
  CookieSessionView,
  LoginDto,
  RefreshTokenDto,
  SessionUserView,
} from './dto/login.dto';
import { SessionCookies } from './session-cookies';

/** Refusals that make a refresh cookie worthless (not outages, which say nothing about it). */
const REFUSED_REFRESH_CODES = new Set([
  'AUTH.REFRESH_TOKEN_INVALID',
  'AUTH.REFRESH_TOKEN_REUSED',
  'TENANT.SUSPENDED',
]);

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly login: Login,
    private readonly refresh: RefreshSession,
    private readonly logout: Logout,
    private readonly cookies: SessionCookies,
    private readonly csrfTokens: CsrfTokens,
    private readonly csrf: CsrfCheck,
  ) {}

  @Post('login')
  @Public()
  @CredentialRoute('login')
  @HttpCode(200)
  @ApiOperation({ summary: 'SPA sign-in: sets the session cookies, returns the CSRF token' })
  @ApiOkResponse({ type: CookieSessionView })
  async signIn(
    @Body() body: LoginDto,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CookieSessionView> {
    // Login CSRF (signing a victim into the attacker's account): a browser's Origin must be ours.
    if (request.headers.origin !== undefined) this.csrf.assertOrigin(request);
    const result = await this.login.execute(body, requestMetaOf(request));
    const csrfToken = this.setCookies(response, result);
    return {
      user: {
        id: result.user.id,
        email: result.user.email,
        tenantId: result.user.tenantId,
        roles: result.user.roles,
      },
      csrfToken,
      accessExpiresAt: result.accessExpiresAt.toISOString(),
      refreshExpiresAt: result.refreshExpiresAt.toISOString(),
    };
  }

  @Post('refresh')
  @Public()
  @CredentialRoute('refresh', 'cookie')
  @HttpCode(200)
  @ApiOperation({ summary: 'SPA: rotate the refresh cookie, new access cookie (needs X-CSRF-Token)' })
  @ApiOkResponse({ type: CookieSessionView })
  async refreshCookies(
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<Omit<CookieSessionView, 'user'>> {
    const presented = this.cookies.read(request, 'refresh');
    // Check CSRF against the token's session before rotating, so a forged call changes nothing. A
    // cookie of another session (e.g. one shadowed in by a sibling subdomain) fails here too.
    const sessionId = await this.refresh.sessionIdOf(presented);
    if (sessionId) this.csrf.assert(request, sessionId);
    else this.csrf.assertOrigin(request);
    let tokens: IssuedTokens;
    try {
      tokens = await this.refresh.execute(presented, requestMetaOf(request));
    } catch (error) {
      // A refresh cookie that cannot be verified (unknown, expired, reused, revoked, tenant not
      // active) is worthless: clear the session cookies rather than let the SPA retry with it. An
      // outage says nothing about the cookie, which is kept for a retry.
      if (error instanceof DomainError && REFUSED_REFRESH_CODES.has(error.code)) this.cookies.clear(response);
      throw error;
    }
    if (tokens.sessionId !== sessionId) throw new CsrfRejectedError();
    const csrfToken = this.setCookies(response, tokens);
    return {
      csrfToken,
      accessExpiresAt: tokens.accessExpiresAt.toISOString(),
      refreshExpiresAt: tokens.refreshExpiresAt.toISOString(),
    };
  }

  @Post('token')
  @Header('Cache-Control', 'no-store')
  @Public()
  @CredentialRoute('login')
  @HttpCode(200)
  @ApiOperation({ summary: 'Integrations: sign in and receive bearer + refresh tokens in the body' })
  @ApiOkResponse({ type: BearerTokensView })
  async issueTokens(@Body() body: LoginDto, @Req() request: Request): Promise<BearerTokensView> {
    return bearerView(await this.login.execute(body, requestMetaOf(request)));
  }

  @Post('token/refresh')
  @Header('Cache-Control', 'no-store')
  @Public()
  @CredentialRoute('refresh', 'body')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Integrations: rotate a refresh token (each works once; reuse revokes the session)',
  })
  @ApiOkResponse({ type: BearerTokensView })
  async refreshTokens(@Body() body: RefreshTokenDto, @Req() request: Request): Promise<BearerTokensView> {
    return bearerView(await this.refresh.execute(body.refreshToken, requestMetaOf(request)));
  }

  @Post('logout')
  @SessionRoute()
  @HttpCode(204)
  @ApiOperation({ summary: 'End this session: its tokens stop working at once; cookies are cleared' })
  @ApiNoContentResponse()
  async signOut(
    @CurrentPrincipal() principal: Principal,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<void> {
    await this.logout.execute(principal, requestMetaOf(request));
    this.cookies.clear(response);
  }

  @Get('me')
  @Header('Cache-Control', 'no-store')
  @SessionRoute()
  @ApiOperation({ summary: 'Who is calling; for a cookie session also its CSRF token (after a page reload)' })
  @ApiOkResponse({ type: SessionUserView })
  me(
    @CurrentPrincipal() principal: Principal,
    @Req() request: Request,
  ): SessionUserView & { type: string; via: string; csrfToken?: string } {
    const csrfCookie = this.cookies.read(request, 'csrf');
    const csrfToken =
      principal.via === 'cookie' &&
      principal.sessionId &&
      csrfCookie &&
      this.csrfTokens.verify(csrfCookie, principal.sessionId)
        ? csrfCookie
        : undefined;
    return {
      id: principal.id,
      tenantId: principal.tenantId,
      roles: principal.roles,
      type: principal.type,
      via: principal.via,
      csrfToken,
    };
  }

  private setCookies(response: Response, tokens: IssuedTokens): string {
    const csrfToken = this.csrfTokens.issue(tokens.sessionId);
    this.cookies.set(response, { ...tokens, csrfToken });
    response.setHeader('Cache-Control', 'no-store');
    return csrfToken;
  }
}

function bearerView(tokens: IssuedTokens): BearerTokensView {
  return {
    accessToken: tokens.accessToken,
    tokenType: 'Bearer',
    expiresIn: Math.max(0, Math.round((tokens.accessExpiresAt.getTime() - Date.now()) / 1000)),
    refreshToken: tokens.refreshToken,
    refreshExpiresAt: tokens.refreshExpiresAt.toISOString(),
  };
}
