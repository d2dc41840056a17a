import { WeakPasswordError } from './auth-errors';
import { assertAcceptablePassword } from './password-policy';

function reasonsFor(
  password: string,
  email = 'ada.lovelace@acme.example',
  tenantNames = ['acme-gmbh', 'ACME GmbH'],
) {
  try {
    assertAcceptablePassword(password, { email, tenantNames });
    return [];
  } catch (error) {
    if (error instanceof WeakPasswordError) return error.reasons;
    throw error;
  }
}

describe('password policy', () => {
  it('accepts a 12-character passphrase unrelated to the account', () => {
    expect(reasonsFor('violet-harbor-57')).toEqual([]);
  });

  it('refuses fewer than 12 characters, counting characters not bytes', () => {
    expect(reasonsFor('short-pw-11')).toEqual(['at least 12 characters']);
    expect(reasonsFor('ééééééabcdef')).toEqual([]);
  });

  it('refuses a password containing the email name, in any case', () => {
    expect(reasonsFor('my-ADA.LOVELACE-2024')).toContain('must not contain your email name');
  });

  it('refuses a password containing the tenant slug or display name, ignoring punctuation', () => {
    expect(reasonsFor('Acme-GmbH-is-great!')).toContain('must not contain the company name');
    expect(reasonsFor('xx acmegmbh 2024 xx')).toContain('must not contain the company name');
  });

  it('refuses a long run of one character and overlong input', () => {
    expect(reasonsFor('aaaaaaaaaaaaaaaa')).toContain('must not be one or a few repeated characters');
    expect(reasonsFor(`${'abcdefgh'.repeat(33)}`)).toContain('at most 256 characters');
  });
});
