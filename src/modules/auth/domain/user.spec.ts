import { InvalidEmailError } from './auth-errors';
import { accountEmail, MAX_EMAIL_LENGTH } from './user';

describe('an account email', () => {
  it('is stored trimmed and in lower case', () => {
    expect(accountEmail('  Ada.Lovelace@Example.COM ')).toBe('ada.lovelace@example.com');
    expect(accountEmail('zoë@exämple.fi')).toBe('zoë@exämple.fi');
    // Typed decomposed (e + combining acute) or composed, it is one address.
    expect(accountEmail('Jose\u0301@example.com')).toBe(accountEmail('josé@example.com'));
    // A whole part in another script is an address; Latin mixed with look-alikes is not.
    expect(accountEmail('иван@пример.рф')).toBe('иван@пример.рф');
    expect(accountEmail('ivan@пример.рф')).toBe('ivan@пример.рф');
  });

  it.each([
    ['no @', 'notanemail'],
    ['no dot in the domain', 'x@localhost'],
    ['two @', 'a@b@example.com'],
    ['white space', 'two words@example.com'],
    ['a control character', 'a\u0000b@example.com'],
    ['a zero-width space', 'a\u200b@example.com'],
    ['a right-to-left override', 'moc.elpmaxe\u202e@example.com'],
    ['a line separator', 'a\u2028@example.com'],
    ['a Cyrillic і among Latin letters', 'a-adm\u0456n@example.com'],
    ['a Greek ο in a Latin domain', 'ada@ex\u03bfmple.com'],
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
