import { formatApiKey, parseApiKey } from './api-key-format';

describe('API key format', () => {
  const secret = 'A'.repeat(43);

  it('round-trips prefix and secret', () => {
    expect(parseApiKey(formatApiKey('abcdefgh2345', secret))).toEqual({ prefix: 'abcdefgh2345', secret });
  });

  it.each([
    '',
    'frk_abc_def',
    `frk_ABCDEFGH2345_${secret}`,
    `xyz_abcdefgh2345_${secret}`,
    `frk_abcdefgh2345_${secret}x`,
  ])('refuses %p', (presented) => {
    expect(parseApiKey(presented)).toBeNull();
  });
});
