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

/**
 * ISO 4217 codes of currencies an invoice can be written in (list 1, 2025, with the codes withdrawn
 * since 2023 kept for older documents: HRK, SLL, ANG, ZWL, CUC). Precious metals, test codes (XTS,
 * XXX) and units of account (XDR, XSU, XUA, XB*) are not money an invoice is paid in.
 */
const ISO_4217_CODES = new Set(
  (
    'AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BOV BRL BSD BTN BWP ' +
    'BYN BZD CAD CDF CHE CHF CHW CLF CLP CNY COP COU CRC CUC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB ' +
    'EUR FJD FKP GBP GEL GHS GIP GMD GNF GTQ GYD HKD HNL HRK HTG HUF IDR ILS INR IQD IRR ISK JMD JOD ' +
    'JPY KES KGS KHR KMF KPW KRW KWD KYD KZT LAK LBP LKR LRD LSL LYD MAD MDL MGA MKD MMK MNT MOP MRU ' +
    'MUR MVR MWK MXN MXV MYR MZN NAD NGN NIO NOK NPR NZD OMR PAB PEN PGK PHP PKR PLN PYG QAR RON RSD ' +
    'RUB RWF SAR SBD SCR SDG SEK SGD SHP SLE SLL SOS SRD SSP STN SVC SYP SZL THB TJS TMT TND TOP TRY ' +
    'TTD TWD TZS UAH UGX USD USN UYI UYU UYW UZS VED VES VND VUV WST XAF XCD XCG XOF XPF YER ZAR ZMW ' +
    'ZWG ZWL'
  ).split(' '),
);

/** An ISO 4217 currency and its exponent (the number of digits of its minor unit). */
export class Currency {
  private static readonly cache = new Map<string, Currency>();

  private constructor(
    readonly code: string,
    readonly exponent: number,
  ) {}

  /** An ISO 4217 code of a currency in use (upper case, as the standard writes it). */
  static isValidCode(code: string): boolean {
    return ISO_4217_CODES.has(code);
  }

  static of(code: string): Currency {
    const cached = Currency.cache.get(code);
    if (cached) return cached;
    if (!Currency.isValidCode(code)) throw new RangeError(`Not an ISO 4217 currency code: "${code}"`);
    const currency = new Currency(code, NON_DEFAULT_EXPONENTS[code] ?? 2);
    Currency.cache.set(code, currency);
    return currency;
  }
}
