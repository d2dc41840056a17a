import type { Decimal } from './decimal';
import type { InvoiceKind } from './invoice';
import type { ReasonCode } from './reason-code';

/** `auto_matched` may be paid as is; `suggested` needs a person to confirm; `exception` must be resolved first. */
export type MatchTier = 'auto_matched' | 'suggested' | 'exception';

/** `warning` is shown but does not block (under-billing within the wider band, a one-cent rounding). */
export type FieldOutcome = 'ok' | 'warning' | 'breach';

export interface AppliedTolerance {
  /** How the allowance was obtained, e.g. `over: smaller of 1% and 50.00`. */
  readonly rule: string;
  readonly allowed: Decimal;
}

/** One checked field: what the PO (or receipt, or history) says, what the invoice says, and the verdict. */
export interface FieldExplanation {
  /** `vendor`, `currency`, `po_number`, `lines[2].unit_price`, `po_line[PO-1/3].quantity`, `total_amount`, ... */
  readonly field: string;
  readonly expected: Decimal | string | null;
  readonly actual: Decimal | string | null;
  readonly difference: Decimal | null;
  readonly tolerance: AppliedTolerance | null;
  readonly outcome: FieldOutcome;
  readonly reason: ReasonCode | null;
  readonly note?: string;
}

/** What this invoice bills against one PO line. Money in major units of the invoice currency. */
export interface MatchedPoLine {
  readonly poNumber: string;
  readonly poLineNumber: string;
  readonly invoiceLineNumbers: readonly string[];
  readonly quantity: Decimal;
  readonly amount: Decimal;
  /**
   * Quantity × PO unit price (a credit at the average price billed on the PO line), rounded half-up
   * to the currency.
   */
  readonly expectedAmount: Decimal;
}

export interface CandidatePurchaseOrder {
  readonly poNumber: string;
  readonly score: number;
}

export interface MatchDecision {
  /** Position of the invoice in the input; decisions come back in input order. */
  readonly invoiceIndex: number;
  readonly invoiceNumber: string;
  readonly vendorName: string;
  readonly vendorTaxId: string | null;
  readonly kind: InvoiceKind;
  readonly currency: string;
  readonly tier: MatchTier;
  /** The root cause; null for a clean automatic match. */
  readonly reason: ReasonCode | null;
  /** Every reason that applies, primary first, then by priority. */
  readonly reasons: readonly ReasonCode[];
  /** Confidence in the PO assignment, 0..1 (3 decimals). */
  readonly score: number;
  readonly poNumbers: readonly string[];
  readonly matchedLines: readonly MatchedPoLine[];
  /** Other purchase orders considered, best first (for `suggested` decisions and ambiguity). */
  readonly candidates: readonly CandidatePurchaseOrder[];
  readonly explanation: readonly FieldExplanation[];
  /** The earlier invoice this one duplicates, when it does. */
  readonly duplicateOf: string | null;
}
