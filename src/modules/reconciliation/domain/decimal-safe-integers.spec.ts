import { Decimal, roundSafeUnits, safeInteger } from './decimal';

describe('safe minor-unit arithmetic', () => {
  it('rounds half-up (ties away from zero) exactly as Decimal does', () => {
    const units = [0, 1, 4, 5, 6, 15, 25, 49, 50, 51, 99, 100, 149, 150, 151, 12345, 99995, 123456789];
    for (const magnitude of units)
      for (const sign of [1, -1])
        for (const scale of [0, 1, 2, 3, 4, 6])
          for (const exponent of [0, 2, 3]) {
            const value = Decimal.of(BigInt(sign * magnitude), scale);
            expect(roundSafeUnits(sign * magnitude, scale, exponent, 'half-up')).toBe(
              Number(value.toMinorUnits(exponent, 'half-up')),
            );
          }
  });

  it('multiplies quantity by price into minor units as mul then toMinorUnits do', () => {
    const values = ['0', '1', '-1', '2.5', '0.125', '3.3333', '-7.005', '1234.5678', '99.995'];
    for (const a of values)
      for (const b of values)
        for (const exponent of [0, 2, 3]) {
          const [x, y] = [Decimal.parse(a), Decimal.parse(b)];
          expect(x.productInSafeMinorUnits(y, exponent, 'half-up')).toBe(
            Number(x.mul(y).toMinorUnits(exponent, 'half-up')),
          );
        }
  });

  it('gives NaN instead of a value that is not a safe integer', () => {
    expect(roundSafeUnits(Number.MAX_SAFE_INTEGER, 0, 2, 'half-up')).toBeNaN();
    expect(roundSafeUnits(Number.NaN, 2, 2, 'half-up')).toBeNaN();
    expect(roundSafeUnits(1, 0, 16, 'half-up')).toBeNaN();
    expect(
      Decimal.parse('123456789.123').productInSafeMinorUnits(Decimal.parse('123456789.12'), 2, 'half-up'),
    ).toBeNaN();
    expect(safeInteger(BigInt(Number.MAX_SAFE_INTEGER) + 1n)).toBeNaN();
    expect(safeInteger(-42n)).toBe(-42);
    expect(Decimal.parse('-12.50').safeUnits()).toBe(-1250);
    expect(Decimal.parse('123456789012345678.9').safeUnits()).toBeNaN();
  });
});
