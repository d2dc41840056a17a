import { Decimal } from './decimal';
import { ToleranceBand } from './tolerance-band';

export type MatchingMode = 'two_way' | 'three_way';

/** An asymmetric band: over-billing beyond `over` is an exception, under-billing within `underPercent` a warning. */
export interface VarianceTolerance {
  readonly over: ToleranceBand;
  readonly underPercent: Decimal;
}

/** The tolerances that apply to one vendor's invoices (the tenant's defaults with the vendor's overrides). */
export interface TolerancePolicy {
  /** `three_way` requires goods receipts covering what is invoiced; `two_way` compares with the PO only. */
  readonly matchingMode: MatchingMode;
  readonly unitPrice: VarianceTolerance;
  /** Quantity billed above the ordered quantity, as a percentage of it. */
  readonly quantityOverPercent: Decimal;
  readonly lineAmount: VarianceTolerance;
  readonly totalAmount: VarianceTolerance;
  /** Allowed difference of the tax amount, in major units; at least one minor unit per line always applies. */
  readonly taxAbsolute: Decimal;
  /** Applicable tax rates in percent; empty means only the arithmetic (lines + tax = total) is checked. */
  readonly taxRatesPercent: readonly Decimal[];
  /** How far (in days) an invoice may be dated after the PO and still be considered for it without a reference. */
  readonly dateWindowDays: number;
}

export const DEFAULT_TOLERANCE_POLICY: TolerancePolicy = {
  matchingMode: 'three_way',
  unitPrice: { over: ToleranceBand.of('50', '1'), underPercent: Decimal.parse('5') },
  quantityOverPercent: Decimal.ZERO,
  lineAmount: { over: ToleranceBand.of('50', '1'), underPercent: Decimal.parse('5') },
  totalAmount: { over: ToleranceBand.of('100', '1'), underPercent: Decimal.parse('5') },
  taxAbsolute: Decimal.parse('0.01'),
  taxRatesPercent: [],
  dateWindowDays: 365,
};
