import { InvalidEmailError } from './auth-errors';
import { accountEmail, MAX_EMAIL_LENGTH } from './user';

describe('an account email', () => {
  it('is stored trimmed and in lower case', () => {
    expect(accountEmail('  Ada.Lovelace@Example.COM ')).toBe('ada.lovelace@example.com');
    expect(accountEmail('zoë@exämple.fi')).toBe('zoë@exämple.fi');
  });

  it.each([
    ['no @', 'notanemail'],
    ['no dot in the domain', 'x@localhost'],
    ['two @', 'a@b@example.com'],
    ['white space', 'two words@example.com'],
    ['a control character', 'a\u0000b@example.com'],
    ['nothing before the @', '@example.com'],
    ['empty', '   '],
  ])('refuses an address with %s', (_case, raw) => {
    expect(() => accountEmail(raw)).toThrow(InvalidEmailError);
  });

  it('allows exactly 254 characters once normalized, and no more', () => {
    const domain = '@example.com';
    const at254 = `${'a'.repeat(MAX_EMAIL_LENGTH - domain.length)}${domain}`;
    expect(accountEmail(at254)).toHaveLength(254);
    expect(() => accountEmail(`a${at254}`)).toThrow(InvalidEmailError);
  });
});
