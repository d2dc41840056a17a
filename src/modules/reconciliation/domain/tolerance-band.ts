import { Decimal } from './decimal';

/**
 * An allowance expressed as an absolute amount (in major units of the document's currency, or in
 * units of quantity), a percentage of the expected value, or both; with both, the smaller applies,
 * so the band is never looser than either limit.
 */
export class ToleranceBand {
  static readonly NONE = new ToleranceBand(null, null);

  constructor(
    readonly absolute: Decimal | null,
    readonly percent: Decimal | null,
  ) {}

  static percent(value: string): ToleranceBand {
    return new ToleranceBand(null, Decimal.parse(value));
  }

  static of(absolute: string | null, percent: string | null): ToleranceBand {
    return new ToleranceBand(
      absolute === null ? null : Decimal.parse(absolute),
      percent === null ? null : Decimal.parse(percent),
    );
  }

  /** The largest difference allowed around `expected` (exact; no rounding). */
  allowance(expected: Decimal): Decimal {
    const relative = this.percent ? this.percent.percentOf(expected.abs()) : null;
    if (relative && this.absolute) return relative.min(this.absolute);
    return relative ?? this.absolute ?? Decimal.ZERO;
  }

  private description: string | null = null;

  describe(): string {
    if (this.description === null) this.description = this.buildDescription();
    return this.description;
  }

  private buildDescription(): string {
    const parts: string[] = [];
    if (this.percent) parts.push(`${this.percent.normalized().toString()}%`);
    if (this.absolute) parts.push(this.absolute.toString());
    if (parts.length === 0) return 'none';
    return parts.length === 2 ? `smaller of ${parts.join(' and ')}` : parts[0];
  }
}
