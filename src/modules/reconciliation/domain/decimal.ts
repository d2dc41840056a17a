export type RoundingMode = 'half-up' | 'half-even';

const POWERS_OF_TEN: bigint[] = [];
for (let i = 0, p = 1n; i <= 40; i += 1, p *= 10n) POWERS_OF_TEN.push(p);

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
 * An exact decimal number: `units × 10^-scale`. Quantities, unit prices and percentages use it so
 * that no value ever passes through a binary float; money amounts use it with the currency exponent.
 */
export class Decimal {
  static readonly ZERO = new Decimal(0n, 0);
  static readonly ONE = new Decimal(1n, 0);

  private constructor(
    readonly units: bigint,
    readonly scale: number,
  ) {}

  static of(units: bigint, scale = 0): Decimal {
    if (!Number.isInteger(scale) || scale < 0) throw new RangeError(`Invalid decimal scale ${scale}`);
    return new Decimal(units, scale);
  }

  static fromInteger(value: number): Decimal {
    if (!Number.isSafeInteger(value)) throw new RangeError(`Not a safe integer: ${value}`);
    return new Decimal(BigInt(value), 0);
  }

  /** Parses plain decimal notation (`-12.5`, `0.0375`); no exponents, no thousands separators. */
  static parse(text: string): Decimal {
    const match = DECIMAL_PATTERN.exec(text.trim());
    if (!match) throw new RangeError(`Not a decimal number: "${text}"`);
    const fraction = match[3] ?? '';
    const magnitude = BigInt(match[2] + fraction);
    return new Decimal(match[1] === '-' ? -magnitude : magnitude, fraction.length);
  }

  static tryParse(text: string): Decimal | null {
    return DECIMAL_PATTERN.test(text.trim()) ? Decimal.parse(text) : null;
  }

  /** Units at a larger scale, exactly. */
  unitsAt(scale: number): bigint {
    if (scale === this.scale) return this.units;
    if (scale < this.scale) throw new RangeError('unitsAt cannot lose digits; use rescale');
    return this.units * pow10(scale - this.scale);
  }

  add(other: Decimal): Decimal {
    if (this.scale === other.scale) return new Decimal(this.units + other.units, this.scale);
    const scale = Math.max(this.scale, other.scale);
    return new Decimal(this.unitsAt(scale) + other.unitsAt(scale), scale);
  }

  sub(other: Decimal): Decimal {
    if (this.scale === other.scale) return new Decimal(this.units - other.units, this.scale);
    const scale = Math.max(this.scale, other.scale);
    return new Decimal(this.unitsAt(scale) - other.unitsAt(scale), scale);
  }

  mul(other: Decimal): Decimal {
    return new Decimal(this.units * other.units, this.scale + other.scale);
  }

  /** This value as a percentage of `base`, exactly: `base × this / 100`. */
  percentOf(base: Decimal): Decimal {
    return new Decimal(base.units * this.units, base.scale + this.scale + 2);
  }

  neg(): Decimal {
    return new Decimal(-this.units, this.scale);
  }

  abs(): Decimal {
    return this.units < 0n ? new Decimal(-this.units, this.scale) : this;
  }

  sign(): -1 | 0 | 1 {
    return this.units === 0n ? 0 : this.units < 0n ? -1 : 1;
  }

  isZero(): boolean {
    return this.units === 0n;
  }

  compare(other: Decimal): -1 | 0 | 1 {
    let a = this.units;
    let b = other.units;
    if (this.scale !== other.scale) {
      const scale = Math.max(this.scale, other.scale);
      a = this.unitsAt(scale);
      b = other.unitsAt(scale);
    }
    return a === b ? 0 : a < b ? -1 : 1;
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

  /** The same value at another scale; digits dropped are rounded with the given mode. */
  rescale(scale: number, mode: RoundingMode): Decimal {
    if (scale >= this.scale) return new Decimal(this.unitsAt(scale), scale);
    return new Decimal(divideRounded(this.units, pow10(this.scale - scale), mode), scale);
  }

  /** Integer minor units at a currency exponent (2 for EUR, 0 for JPY, 3 for KWD). */
  toMinorUnits(exponent: number, mode: RoundingMode): bigint {
    return this.scale === exponent ? this.units : this.rescale(exponent, mode).units;
  }

  /** Drops trailing zeros of the fraction (1.2500 -> 1.25). */
  normalized(): Decimal {
    let { units, scale } = this;
    while (scale > 0 && units % 10n === 0n) {
      units /= 10n;
      scale -= 1;
    }
    return scale === this.scale ? this : new Decimal(units, scale);
  }

  /** The ratio this / other as a float, for scores only (never for money). */
  ratioTo(other: Decimal): number {
    if (other.units === 0n) return this.units === 0n ? 1 : Number.POSITIVE_INFINITY;
    const scale = Math.max(this.scale, other.scale);
    return Number(this.unitsAt(scale)) / Number(other.unitsAt(scale));
  }

  toString(): string {
    const negative = this.units < 0n;
    const digits = (negative ? -this.units : this.units).toString();
    if (this.scale === 0) return negative ? `-${digits}` : digits;
    const padded = digits.padStart(this.scale + 1, '0');
    const cut = padded.length - this.scale;
    return `${negative ? '-' : ''}${padded.slice(0, cut)}.${padded.slice(cut)}`;
  }

  toJSON(): string {
    return this.toString();
  }
}
