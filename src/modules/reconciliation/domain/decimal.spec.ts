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

  it('adds zero on either side keeping the larger scale', () => {
    expect(Decimal.ZERO.add(Decimal.parse('1.50')).toString()).toBe('1.50');
    expect(Decimal.parse('1.50').add(Decimal.ZERO).toString()).toBe('1.50');
    expect(Decimal.parse('0.000').add(Decimal.parse('1.5')).toString()).toBe('1.500');
    expect(Decimal.parse('1.5').add(Decimal.parse('0.000')).toString()).toBe('1.500');
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

describe('Decimal beyond the safe-integer range', () => {
  const SAFE = 9007199254740991n; // 2^53 - 1
  const exactly = (units: bigint, scale: number) => Decimal.of(units, scale);

  it('adds, subtracts and multiplies exactly across 2^53', () => {
    expect(exactly(SAFE, 0).add(Decimal.ONE).units).toBe(SAFE + 1n);
    expect(exactly(SAFE, 0).add(exactly(2n, 0)).toString()).toBe('9007199254740993');
    expect(exactly(-SAFE, 0).sub(exactly(2n, 0)).toString()).toBe('-9007199254740993');
    expect(exactly(SAFE + 2n, 0).sub(exactly(3n, 0)).units).toBe(SAFE - 1n);
    expect(exactly(94906267n, 0).mul(exactly(94906267n, 0)).units).toBe(94906267n * 94906267n);
    expect(exactly(3n, 0).mul(exactly(SAFE, 0)).toString()).toBe((3n * SAFE).toString());
  });

  it('rescales and compares exactly when a scaled value would pass 2^53', () => {
    const big = exactly(SAFE, 2);
    expect(big.rescale(6, 'half-up').units).toBe(SAFE * 10_000n);
    expect(big.add(exactly(1n, 6)).toString()).toBe('90071992547409.910001');
    expect(big.compare(exactly(SAFE * 10_000n + 1n, 6))).toBe(-1);
    expect(exactly(SAFE * 10n + 5n, 1).rescale(0, 'half-even').units).toBe(SAFE + 1n);
  });

  it('agrees with bigint arithmetic on random values of every size', () => {
    let seed = 12345;
    const next = (): bigint => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      const digits = 1 + (seed % 19);
      seed = (seed * 1103515245 + 12345) % 2147483648;
      const magnitude = BigInt(seed) ** 3n % 10n ** BigInt(digits);
      return seed % 2 === 0 ? magnitude : -magnitude;
    };
    for (let i = 0; i < 2000; i += 1) {
      const [a, b] = [next(), next()];
      const [sa, sb] = [i % 5, (i >> 2) % 5];
      const x = exactly(a, sa);
      const y = exactly(b, sb);
      const scale = Math.max(sa, sb);
      const ax = a * 10n ** BigInt(scale - sa);
      const by = b * 10n ** BigInt(scale - sb);
      expect(x.add(y).units).toBe(ax + by);
      expect(x.sub(y).units).toBe(ax - by);
      expect(x.mul(y).units).toBe(a * b);
      expect(x.compare(y)).toBe(ax === by ? 0 : ax < by ? -1 : 1);
      expect(x.rescale(0, 'half-up').units).toBe(divideRounded(a, 10n ** BigInt(sa), 'half-up'));
      expect(x.rescale(0, 'half-even').units).toBe(divideRounded(a, 10n ** BigInt(sa), 'half-even'));
      for (const exponent of [0, 2, 3]) {
        const minor = x.toMinorUnits(exponent, 'half-up');
        const safe = x.toSafeMinorUnits(exponent, 'half-up');
        // The exact minor units as a plain number; NaN (use bigint) only beyond safe integers.
        const unsafe = !Number.isSafeInteger(Number(x.units)) || !Number.isSafeInteger(Number(minor));
        if (Number.isNaN(safe)) expect(unsafe).toBe(true);
        else expect(BigInt(safe)).toBe(minor);
      }
    }
  });
});
