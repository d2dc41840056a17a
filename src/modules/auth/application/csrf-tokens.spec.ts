import { loadAppConfig } from '../../../platform/config/app-config';
import { CsrfTokens } from './csrf-tokens';

describe('CSRF tokens', () => {
  const tokens = new CsrfTokens(loadAppConfig({}));

  it('verifies a token for the session it was issued to, and only that one', () => {
    const token = tokens.issue('session-a');
    expect(tokens.verify(token, 'session-a')).toBe(true);
    expect(tokens.verify(token, 'session-b')).toBe(false);
  });

  it('refuses a token signed with another secret, a tampered one and garbage', () => {
    const other = new CsrfTokens(loadAppConfig({ COOKIE_SECRET: 'another-cookie-secret-0123456789abcdef' }));
    const token = tokens.issue('s');
    expect(tokens.verify(other.issue('s'), 's')).toBe(false);
    expect(tokens.verify(`x${token}`, 's')).toBe(false);
    expect(tokens.verify('', 's')).toBe(false);
    expect(tokens.verify('a.b.c', 's')).toBe(false);
  });

  it('issues a different token each time', () => {
    expect(tokens.issue('s')).not.toBe(tokens.issue('s'));
  });
});
