import { Decimal, divideRounded } from './decimal';

describe('Decimal', () => {
  it.each([
    ['12.345', 2, 'half-up', '12.35'],
    ['12.345', 2, 'half-even', '12.34'],
    ['12.355', 2, 'half-even', '12.36'],
    ['-12.345', 2, 'half-up', '-12.35'],
    ['-12.345', 2, 'half-even', '-12.34'],
    ['0.0375', 2, 'half-up', '0.04'],
  ] as const)('rounds %s to %d decimals %s as %s', (value, scale, mode, expected) => {
    expect(Decimal.parse(value).rescale(scale, mode).toString()).toBe(expected);
  });

  it('adds, subtracts and multiplies exactly across scales', () => {
    expect(Decimal.parse('0.1').add(Decimal.parse('0.2')).toString()).toBe('0.3');
    expect(Decimal.parse('10').sub(Decimal.parse('0.01')).toString()).toBe('9.99');
    expect(Decimal.parse('3').mul(Decimal.parse('33.33')).toString()).toBe('99.99');
  });

  it('computes a percentage exactly (1% of 10.05 is 0.1005)', () => {
    expect(Decimal.parse('1').percentOf(Decimal.parse('10.05')).normalized().toString()).toBe('0.1005');
  });

  it('compares values of different scales', () => {
    expect(Decimal.parse('1.50').compare(Decimal.parse('1.5'))).toBe(0);
    expect(Decimal.parse('1.499').compare(Decimal.parse('1.5'))).toBe(-1);
  });

  it('converts to minor units of a currency exponent', () => {
    expect(Decimal.parse('1234.5').toMinorUnits(2, 'half-up')).toBe(123450n);
    expect(Decimal.parse('1234.5').toMinorUnits(0, 'half-even')).toBe(1234n);
    expect(Decimal.parse('1.2345').toMinorUnits(3, 'half-up')).toBe(1235n);
  });

  it('rejects exponents, separators and blanks', () => {
    for (const text of ['1e3', '1,000.00', '', '.5', '1.'])
      expect(() => Decimal.parse(text)).toThrow(RangeError);
  });

  it('divides with explicit rounding', () => {
    expect(divideRounded(5n, 2n, 'half-even')).toBe(2n);
    expect(divideRounded(5n, 2n, 'half-up')).toBe(3n);
    expect(divideRounded(-7n, 2n, 'half-up')).toBe(-4n);
  });
});
