/** ISO 4217 currencies whose minor unit is not two digits; every other valid code uses 2. */
const NON_DEFAULT_EXPONENTS: Readonly<Record<string, number>> = {
  BIF: 0,
  CLP: 0,
  DJF: 0,
  GNF: 0,
  ISK: 0,
  JPY: 0,
  KMF: 0,
  KRW: 0,
  PYG: 0,
  RWF: 0,
  UGX: 0,
  UYI: 0,
  VND: 0,
  VUV: 0,
  XAF: 0,
  XOF: 0,
  XPF: 0,
  BHD: 3,
  IQD: 3,
  JOD: 3,
  KWD: 3,
  LYD: 3,
  OMR: 3,
  TND: 3,
  CLF: 4,
  UYW: 4,
};

const CODE_PATTERN = /^[A-Z]{3}$/;

/** An ISO 4217 currency and its exponent (the number of digits of its minor unit). */
export class Currency {
  private static readonly cache = new Map<string, Currency>();

  private constructor(
    readonly code: string,
    readonly exponent: number,
  ) {}

  static isValidCode(code: string): boolean {
    return CODE_PATTERN.test(code);
  }

  static of(code: string): Currency {
    const cached = Currency.cache.get(code);
    if (cached) return cached;
    if (!CODE_PATTERN.test(code)) throw new RangeError(`Not an ISO 4217 currency code: "${code}"`);
    const currency = new Currency(code, NON_DEFAULT_EXPONENTS[code] ?? 2);
    Currency.cache.set(code, currency);
    return currency;
  }
}
