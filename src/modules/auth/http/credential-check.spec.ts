import type { Request, Response } from 'express';
import { sign } from 'jsonwebtoken';
import type { AppConfig } from '../../../platform/config/app-config';
import type { AccessTokenCheck } from '../application/access-token-check';
import type { Principal } from '../domain/principal';
import { CredentialCheck } from './credential-check';
import type { SessionCookies } from './session-cookies';
import type { ApiKeyStrategy } from './strategies/api-key.strategy';
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

function bearerRequest(sub: string, delayMs: number): Request {
  const token = sign({ sub, delayMs }, config.secrets.jwt, {
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
      { read: () => undefined } as unknown as SessionCookies,
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
});
