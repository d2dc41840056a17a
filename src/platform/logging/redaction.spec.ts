import { redactUrl } from './redaction';

describe('redactUrl', () => {
  it('masks credential-like query values and keeps the rest', () => {
    expect(redactUrl('/a?token=abc&page=2&api_key=k&code=123')).toBe(
      '/a?token=%5BRedacted%5D&page=2&api_key=%5BRedacted%5D&code=%5BRedacted%5D',
    );
  });

  it('leaves a URL without a query untouched', () => {
    expect(redactUrl('/health/ready')).toBe('/health/ready');
  });
});
