import { Injectable } from '@nestjs/common';
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { AppConfig } from '../../../platform/config/app-config';

/**
 * Anti-CSRF tokens for cookie sessions: `<nonce>.<HMAC(COOKIE_SECRET, session id + nonce)>`. The
 * token goes out in a cookie and in the login answer; a state-changing request must echo it in
 * X-CSRF-Token. Signed and bound to the session, so a token planted by a sibling subdomain or
 * taken from another session does not verify.
 */
@Injectable()
export class CsrfTokens {
  constructor(private readonly config: AppConfig) {}

  issue(sessionId: string): string {
    const nonce = randomBytes(18).toString('base64url');
    return `${nonce}.${this.mac(sessionId, nonce)}`;
  }

  verify(token: string, sessionId: string): boolean {
    const [nonce, mac, ...rest] = token.split('.');
    if (!nonce || !mac || rest.length > 0 || nonce.length > 64) return false;
    const expected = Buffer.from(this.mac(sessionId, nonce));
    const presented = Buffer.from(mac);
    return presented.length === expected.length && timingSafeEqual(presented, expected);
  }

  private mac(sessionId: string, nonce: string): string {
    return createHmac('sha256', this.config.secrets.cookie)
      .update(`csrf:${sessionId}:${nonce}`)
      .digest('base64url');
  }
}
