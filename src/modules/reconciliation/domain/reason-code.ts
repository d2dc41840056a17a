/**
 * Stable API values. The array order is the root-cause priority: when several apply, the first one
 * listed here is the primary reason (a duplicate is a duplicate first, not an over-invoice).
 */
export const REASON_CODES = [
  'DUPLICATE_INVOICE',
  'BANK_DETAILS_CHANGED',
  'VENDOR_MISMATCH',
  'CURRENCY_MISMATCH',
  'PO_NOT_FOUND',
  'AMBIGUOUS_MATCH',
  'OVER_INVOICED',
  'QTY_VARIANCE',
  'NOT_RECEIVED',
  'PRICE_VARIANCE',
  'TAX_MISMATCH',
] as const;

export type ReasonCode = (typeof REASON_CODES)[number];

const PRIORITY = new Map<ReasonCode, number>(REASON_CODES.map((code, index) => [code, index]));

export function reasonPriority(code: ReasonCode): number {
  return PRIORITY.get(code) ?? REASON_CODES.length;
}
