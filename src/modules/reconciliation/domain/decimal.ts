export type RoundingMode = 'half-up' | 'half-even';

const POWERS_OF_TEN: bigint[] = [];
for (let i = 0, p = 1n; i <= 40; i += 1, p *= 10n) POWERS_OF_TEN.push(p);
/** Powers of ten that are exact doubles and safe integers. */
const SMALL_POWERS_OF_TEN: number[] = [];
for (let i = 0, p = 1; i <= 15; i += 1, p *= 10) SMALL_POWERS_OF_TEN.push(p);
const MAX_SMALL = BigInt(Number.MAX_SAFE_INTEGER);

function pow10(exponent: number): bigint {
  return POWERS_OF_TEN[exponent] ?? 10n ** BigInt(exponent);
}

const DECIMAL_PATTERN = /^([+-])?(\d+)(?:\.(\d+))?$/;

/** Divides and rounds to an integer; `half-up` rounds ties away from zero, `half-even` to the even neighbour. */
export function divideRounded(numerator: bigint, denominator: bigint, mode: RoundingMode): bigint {
  if (denominator < 0n) return divideRounded(-numerator, -denominator, mode);
  const quotient = numerator / denominator;
  const remainder = numerator % denominator;
  if (remainder === 0n) return quotient;
  const twiceRemainder = (remainder < 0n ? -remainder : remainder) * 2n;
  const awayFromZero = numerator < 0n ? quotient - 1n : quotient + 1n;
  if (twiceRemainder > denominator) return awayFromZero;
  if (twiceRemainder < denominator) return quotient;
  if (mode === 'half-up') return awayFromZero;
  return quotient % 2n === 0n ? quotient : awayFromZero;
}

/**
 * `divideRounded` for safe integers and a positive divisor: `%` of two safe integers is exact, and so
 * is dividing their difference (an exact multiple of the divisor), so no float rounding can creep in.
 */
function divideRoundedSmall(numerator: number, denominator: number, mode: RoundingMode): number {
  const remainder = numerator % denominator;
  const quotient = (numerator - remainder) / denominator;
  if (remainder === 0) return quotient;
  const twiceRemainder = Math.abs(remainder) * 2;
  const awayFromZero = numerator < 0 ? quotient - 1 : quotient + 1;
  if (twiceRemainder > denominator) return awayFromZero;
  if (twiceRemainder < denominator) return quotient;
  if (mode === 'half-up') return awayFromZero;
  return quotient % 2 === 0 ? quotient : awayFromZero;
}

/** An integer amount (minor units) as a number when it is a safe integer, else NaN. */
export function safeInteger(value: bigint): number {
  return value >= -MAX_SMALL && value <= MAX_SMALL ? Number(value) : Number.NaN;
}

/**
 * `units × 10^-scale` rounded to `exponent` decimals, as units at that exponent, when the units and
 * the result are safe integers (else NaN): what `Decimal.toSafeMinorUnits` gives, without a Decimal.
 */
export function roundSafeUnits(units: number, scale: number, exponent: number, mode: RoundingMode): number {
  if (!Number.isSafeInteger(units)) return Number.NaN;
  if (exponent >= scale) {
    const scaled = units * (SMALL_POWERS_OF_TEN[exponent - scale] ?? Number.NaN);
    return Number.isSafeInteger(scaled) ? scaled + 0 : Number.NaN;
  }
  const divisor = SMALL_POWERS_OF_TEN[scale - exponent];
  return divisor === undefined ? Number.NaN : divideRoundedSmall(units, divisor, mode) + 0;
}

/**
 * An exact decimal number: `units × 10^-scale`. Quantities, unit prices and percentages use it so
 * that no value ever passes through a binary float; money amounts use it with the currency exponent.
 *
 * Units that are safe integers (|units| < 2^53) are held as a plain number, larger ones as a bigint.
 * Every operation on plain numbers checks `Number.isSafeInteger` on its result and redoes the work in
 * bigint when it fails: an integer sum, difference or product of safe integers is exact whenever the
 * exact result is itself safe, and an exact result beyond 2^53 can only round to a value at least
 * 2^53, which the check rejects. So no digit is ever lost; most values never allocate a bigint.
 */
export class Decimal {
  static readonly ZERO = new Decimal(0, null, 0);
  static readonly ONE = new Decimal(1, null, 0);

  private constructor(
    /** The units when `big` is null (a safe integer, never -0). */
    private readonly small: number,
    private readonly big: bigint | null,
    readonly scale: number,
  ) {}

  private static make(units: bigint, scale: number): Decimal {
    return units >= -MAX_SMALL && units <= MAX_SMALL
      ? new Decimal(Number(units), null, scale)
      : new Decimal(0, units, scale);
  }

  /** A result computed on safe integers, or NaN when it may not be exact (then the caller uses bigint). */
  private static tryMake(units: number, scale: number): Decimal | null {
    return Number.isSafeInteger(units) ? new Decimal(units + 0, null, scale) : null;
  }

  static of(units: bigint, scale = 0): Decimal {
    if (!Number.isInteger(scale) || scale < 0) throw new RangeError(`Invalid decimal scale ${scale}`);
    return Decimal.make(units, scale);
  }

  static fromInteger(value: number): Decimal {
    if (!Number.isSafeInteger(value)) throw new RangeError(`Not a safe integer: ${value}`);
    return new Decimal(value + 0, null, 0);
  }

  /** Parses plain decimal notation (`-12.5`, `0.0375`); no exponents, no thousands separators. */
  static parse(text: string): Decimal {
    const match = DECIMAL_PATTERN.exec(text.trim());
    if (!match) throw new RangeError(`Not a decimal number: "${text}"`);
    const fraction = match[3] ?? '';
    const digits = match[2] + fraction;
    const negative = match[1] === '-';
    if (digits.length <= 15) {
      const magnitude = Number(digits);
      return new Decimal(negative && magnitude !== 0 ? -magnitude : magnitude, null, fraction.length);
    }
    const magnitude = BigInt(digits);
    return Decimal.make(negative ? -magnitude : magnitude, fraction.length);
  }

  static tryParse(text: string): Decimal | null {
    return DECIMAL_PATTERN.test(text.trim()) ? Decimal.parse(text) : null;
  }

  /** The units as a bigint: `units × 10^-scale` is the value. */
  get units(): bigint {
    return this.big ?? BigInt(this.small);
  }

  /** Units at a larger scale, exactly. */
  unitsAt(scale: number): bigint {
    if (scale === this.scale) return this.units;
    if (scale < this.scale) throw new RangeError('unitsAt cannot lose digits; use rescale');
    return this.units * pow10(scale - this.scale);
  }

  /** Units at a scale at least this one as a safe integer, or NaN when they are not one. */
  private smallAt(scale: number): number {
    if (this.big !== null) return Number.NaN;
    if (scale === this.scale) return this.small;
    const factor = SMALL_POWERS_OF_TEN[scale - this.scale];
    if (factor === undefined) return Number.NaN;
    const units = this.small * factor;
    return Number.isSafeInteger(units) ? units : Number.NaN;
  }

  add(other: Decimal): Decimal {
    if (other.isZero() && other.scale <= this.scale) return this;
    if (this.isZero() && this.scale <= other.scale) return other;
    const scale = Math.max(this.scale, other.scale);
    return (
      Decimal.tryMake(this.smallAt(scale) + other.smallAt(scale), scale) ??
      Decimal.make(this.unitsAt(scale) + other.unitsAt(scale), scale)
    );
  }

  sub(other: Decimal): Decimal {
    if (other.isZero() && other.scale <= this.scale) return this;
    const scale = Math.max(this.scale, other.scale);
    return (
      Decimal.tryMake(this.smallAt(scale) - other.smallAt(scale), scale) ??
      Decimal.make(this.unitsAt(scale) - other.unitsAt(scale), scale)
    );
  }

  mul(other: Decimal): Decimal {
    const scale = this.scale + other.scale;
    if (this.big === null && other.big === null) {
      const product = Decimal.tryMake(this.small * other.small, scale);
      if (product) return product;
    }
    return Decimal.make(this.units * other.units, scale);
  }

  /** This value as a percentage of `base`, exactly: `base × this / 100`. */
  percentOf(base: Decimal): Decimal {
    const scale = base.scale + this.scale + 2;
    if (this.big === null && base.big === null) {
      const product = Decimal.tryMake(base.small * this.small, scale);
      if (product) return product;
    }
    return Decimal.make(base.units * this.units, scale);
  }

  neg(): Decimal {
    if (this.big !== null) return Decimal.make(-this.big, this.scale);
    return this.small === 0 ? this : new Decimal(-this.small, null, this.scale);
  }

  abs(): Decimal {
    return this.sign() < 0 ? this.neg() : this;
  }

  sign(): -1 | 0 | 1 {
    if (this.big !== null) return this.big < 0n ? -1 : 1;
    return this.small === 0 ? 0 : this.small < 0 ? -1 : 1;
  }

  isZero(): boolean {
    return this.big === null && this.small === 0;
  }

  compare(other: Decimal): -1 | 0 | 1 {
    const scale = Math.max(this.scale, other.scale);
    const a = this.smallAt(scale);
    const b = other.smallAt(scale);
    if (a === a && b === b) return a === b ? 0 : a < b ? -1 : 1;
    const x = this.unitsAt(scale);
    const y = other.unitsAt(scale);
    return x === y ? 0 : x < y ? -1 : 1;
  }

  equals(other: Decimal): boolean {
    return this.compare(other) === 0;
  }

  min(other: Decimal): Decimal {
    return this.compare(other) <= 0 ? this : other;
  }

  max(other: Decimal): Decimal {
    return this.compare(other) >= 0 ? this : other;
  }

  /**
   * Whether |this - base| × divisor <= |base|, exactly (divisor 100: within 1% of `base`). Does not
   * allocate when both values and the product are safe integers: a product that is not one can only
   * exceed |base|, which is.
   */
  isWithinFractionOf(base: Decimal, divisor: number): boolean {
    const scale = Math.max(this.scale, base.scale);
    const a = this.smallAt(scale);
    const b = base.smallAt(scale);
    const gap = Math.abs(a - b);
    if (Number.isSafeInteger(gap)) {
      const scaled = gap * divisor;
      return Number.isSafeInteger(scaled) && scaled <= Math.abs(b);
    }
    const exactGap = this.unitsAt(scale) - base.unitsAt(scale);
    const exactBase = base.unitsAt(scale);
    return (
      (exactGap < 0n ? -exactGap : exactGap) * BigInt(divisor) <= (exactBase < 0n ? -exactBase : exactBase)
    );
  }

  /** Whether this is `precise` rounded half-up to this value's fewer decimals (0.04 of 0.0375). */
  isRoundingOf(precise: Decimal): boolean {
    return this.scale < precise.scale && precise.rescale(this.scale, 'half-up').equals(this);
  }

  /** The same value at another scale; digits dropped are rounded with the given mode. */
  rescale(scale: number, mode: RoundingMode): Decimal {
    if (scale >= this.scale) {
      return Decimal.tryMake(this.smallAt(scale), scale) ?? Decimal.make(this.unitsAt(scale), scale);
    }
    const divisor = SMALL_POWERS_OF_TEN[this.scale - scale];
    if (this.big === null && divisor !== undefined)
      return new Decimal(divideRoundedSmall(this.small, divisor, mode) + 0, null, scale);
    return Decimal.make(divideRounded(this.units, pow10(this.scale - scale), mode), scale);
  }

  /** Integer minor units at a currency exponent (2 for EUR, 0 for JPY, 3 for KWD). */
  toMinorUnits(exponent: number, mode: RoundingMode): bigint {
    return this.scale === exponent ? this.units : this.rescale(exponent, mode).units;
  }

  /**
   * `toMinorUnits` as a plain number when it is a safe integer, NaN otherwise (then use
   * `toMinorUnits`): the same arithmetic as `rescale`'s safe-integer path, so the value is exact.
   */
  toSafeMinorUnits(exponent: number, mode: RoundingMode): number {
    if (this.big !== null) return Number.NaN;
    if (exponent >= this.scale) return this.smallAt(exponent);
    const divisor = SMALL_POWERS_OF_TEN[this.scale - exponent];
    return divisor === undefined ? Number.NaN : divideRoundedSmall(this.small, divisor, mode) + 0;
  }

  /**
   * `this.mul(other).toSafeMinorUnits(exponent, mode)` without allocating the product (amount =
   * quantity × unit price): NaN when the product or the result is not a safe integer.
   */
  productInSafeMinorUnits(other: Decimal, exponent: number, mode: RoundingMode): number {
    if (this.big !== null || other.big !== null) return Number.NaN;
    return roundSafeUnits(this.small * other.small, this.scale + other.scale, exponent, mode);
  }

  /** The units (`units × 10^-scale` is the value) when they are a safe integer, else NaN. */
  safeUnits(): number {
    return this.big === null ? this.small : Number.NaN;
  }

  /** Drops trailing zeros of the fraction (1.2500 -> 1.25). */
  normalized(): Decimal {
    if (this.big !== null) {
      let { big: units, scale } = this;
      while (scale > 0 && units % 10n === 0n) {
        units /= 10n;
        scale -= 1;
      }
      return scale === this.scale ? this : Decimal.make(units, scale);
    }
    let { small: units, scale } = this;
    while (scale > 0 && units % 10 === 0 && units !== 0) {
      units /= 10;
      scale -= 1;
    }
    while (scale > 0 && units === 0) scale -= 1;
    return scale === this.scale ? this : new Decimal(units, null, scale);
  }

  toString(): string {
    const negative = this.sign() < 0;
    const digits =
      this.big !== null ? (negative ? -this.big : this.big).toString() : String(Math.abs(this.small));
    if (this.scale === 0) return negative ? `-${digits}` : digits;
    const padded = digits.padStart(this.scale + 1, '0');
    const cut = padded.length - this.scale;
    return `${negative ? '-' : ''}${padded.slice(0, cut)}.${padded.slice(cut)}`;
  }

  toJSON(): string {
    return this.toString();
  }
}
