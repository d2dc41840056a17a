import type { Request, Response } from 'express';
import { sign } from 'jsonwebtoken';
import type { PinoLogger } from 'nestjs-pino';
import type { AppConfig } from '../../../platform/config/app-config';
import { DomainError } from '../../../platform/errors/domain-error';
import type { AccessTokenCheck } from '../application/access-token-check';
import type { ApiKeyAuthentication } from '../application/api-key-authentication';
import { SessionRevokedError } from '../domain/auth-errors';
import type { Principal } from '../domain/principal';
import { CredentialCheck } from './credential-check';
import type { SessionCookies } from './session-cookies';
import { ApiKeyStrategy } from './strategies/api-key.strategy';
import { JwtBearerStrategy } from './strategies/jwt-bearer.strategy';
import type { JwtCookieStrategy } from './strategies/jwt-cookie.strategy';

const config = {
  secrets: { jwt: 'credential-check-spec-secret-of-some-length' },
  auth: { jwtIssuer: 'finrecon', jwtAudience: 'finrecon-api', accessTokenTtlSeconds: 600 },
} as unknown as AppConfig;

/** Verification that answers after a delay chosen per token, so concurrent checks overlap. */
const slowCheck = {
  principalFor: async (payload: { sub: string; delayMs: number }): Promise<Principal> => {
    await new Promise((resolve) => setTimeout(resolve, payload.delayMs));
    return { type: 'user', id: payload.sub, tenantId: null, roles: [], sessionId: 's', via: 'bearer' };
  },
} as unknown as AccessTokenCheck;

function silentLogger(): PinoLogger & { error: jest.Mock } {
  return { setContext: jest.fn(), error: jest.fn() } as unknown as PinoLogger & { error: jest.Mock };
}

const noCookies = { read: () => undefined } as unknown as SessionCookies;

function bearerRequest(sub: string, delayMs: number, secret = config.secrets.jwt): Request {
  const token = sign({ sub, delayMs }, secret, {
    algorithm: 'HS256',
    issuer: config.auth.jwtIssuer,
    audience: config.auth.jwtAudience,
    expiresIn: 600,
  });
  return { headers: { authorization: `Bearer ${token}` } } as Request;
}

describe('CredentialCheck', () => {
  it('answers every one of several overlapping verifications with its own principal', async () => {
    const check = new CredentialCheck(
      {} as ApiKeyStrategy,
      new JwtBearerStrategy(config, slowCheck),
      {} as JwtCookieStrategy,
      noCookies,
      silentLogger(),
    );
    const response = {} as Response;
    // The first request verifies slowest: with one strategy object shared by all requests its
    // answer would go to the callbacks of the last request started, and it would never resolve.
    const results = await Promise.race([
      Promise.all(
        [60, 30, 0].map((delayMs, i) => check.verify(bearerRequest(`user-${i}`, delayMs), response)),
      ),
      new Promise<'hung'>((resolve) => setTimeout(() => resolve('hung'), 2_000)),
    ]);
    expect(results).not.toBe('hung');
    expect((results as { principal: Principal }[]).map((result) => result.principal.id)).toEqual([
      'user-0',
      'user-1',
      'user-2',
    ]);
  });

  describe('when verification breaks rather than refuses', () => {
    const KEY = `frk_abcdefghijkl_${'S'.repeat(43)}`;
    const apiKeyCheck = (failure: unknown) => {
      const logger = silentLogger();
      const authentication = {
        principalFor: async () => {
          throw failure;
        },
      } as unknown as ApiKeyAuthentication;
      const check = new CredentialCheck(
        new ApiKeyStrategy(authentication),
        new JwtBearerStrategy(config, slowCheck),
        {} as JwtCookieStrategy,
        noCookies,
        logger,
      );
      const request = { headers: { 'x-api-key': KEY } } as unknown as Request;
      return { logger, verify: () => check.verify(request, {} as Response) };
    };

    it('answers 503 SERVICE.UNAVAILABLE, not 401, when the key lookup fails, and logs it without the key', async () => {
      const outage = Object.assign(new Error('Connection terminated unexpectedly'), {
        code: 'ECONNRESET',
        parameters: [KEY],
      });
      const { logger, verify } = apiKeyCheck(outage);
      const result = await verify();
      expect((result as { failure: DomainError }).failure.code).toBe('SERVICE.UNAVAILABLE');
      expect(logger.error).toHaveBeenCalledTimes(1);
      const [fields, message] = logger.error.mock.calls[0] as [Record<string, unknown>, string];
      expect(message).toBe('credential verification failed');
      expect(fields).toMatchObject({
        error: { type: 'Error', code: 'ECONNRESET', message: 'Connection terminated unexpectedly' },
      });
      expect(JSON.stringify(fields)).not.toContain(KEY);
    });

    it('keeps the answer of a refusal raised as a DomainError, and logs nothing', async () => {
      const { logger, verify } = apiKeyCheck(new SessionRevokedError());
      expect(await verify()).toEqual({ failure: expect.any(SessionRevokedError) });
      expect(logger.error).not.toHaveBeenCalled();
    });

    it('still answers 401 to a token signed with another key', async () => {
      const logger = silentLogger();
      const check = new CredentialCheck(
        {} as ApiKeyStrategy,
        new JwtBearerStrategy(config, slowCheck),
        {} as JwtCookieStrategy,
        noCookies,
        logger,
      );
      const forged = bearerRequest('user-x', 0, 'some-other-secret-of-some-length-too');
      const result = (await check.verify(forged, {} as Response)) as { failure: DomainError };
      expect(result.failure.code).toBe('AUTH.UNAUTHENTICATED');
      expect(logger.error).not.toHaveBeenCalled();
    });
  });
});
