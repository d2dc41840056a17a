import { boundedEditDistance } from './edit-distance';
import type { IncomingInvoice, IncomingInvoiceLine } from './incoming-invoice';
import { inPairingOrder, pairLines, type LinePairing } from './line-pairing';
import { comparePurchaseOrders, type PurchaseOrderLedger } from './purchase-order-ledger';
import { billsBeyondReceipts } from './quantity-review';

/** A score at or above this, with a clear lead, lets an inferred PO be matched automatically. */
export const AUTO_MATCH_SCORE = 0.85;
/** Below this a candidate is not worth a person's time. */
export const SUGGESTION_SCORE = 0.5;
/** Candidates closer than this to the best one make the choice ambiguous. */
export const AMBIGUITY_MARGIN = 0.05;
/** A rival PO whose lines fit at least this well could take the invoice just as well. */
export const RIVAL_FIT = 0.9;

export interface CandidateScore {
  readonly order: PurchaseOrderLedger;
  readonly pairing: LinePairing;
  readonly referenceSimilarity: number;
  readonly amountAgreement: number;
  readonly completeness: number;
  readonly dateAgreement: number;
  readonly score: number;
}

/** 1 for the same reference, 0.8 for one typo, 0.5 for two, 0 otherwise or when nothing was cited. */
export function referenceSimilarity(cited: string, candidate: string): number {
  if (cited === '') return 0;
  if (cited === candidate) return 1;
  const distance = boundedEditDistance(cited, candidate, 2);
  return distance === 1 ? 0.8 : distance === 2 && cited.length >= 6 ? 0.5 : 0;
}

/**
 * 1 when the billed amount is within 1% of the amount at PO prices (decided exactly, in minor
 * units: 100 × |billed - expected| <= |expected|), decaying linearly to 0 at a 21% gap. Only the
 * decay is a float, and it only ranks candidates.
 */
function agreement(actual: bigint, expected: bigint): number {
  if (expected === 0n) return actual === 0n ? 1 : 0;
  const difference = actual > expected ? actual - expected : expected - actual;
  const base = expected < 0n ? -expected : expected;
  if (100n * difference <= base) return 1;
  return Math.max(0, 1 - (Number(difference) / Number(base)) * 5);
}

/**
 * `agreement` on safe integers; null when a step is not one (then the bigint `agreement` decides).
 * The same comparisons on the same exact values, so the same result.
 */
function safeAgreement(actual: number, expected: number): number | null {
  if (expected === 0) return actual === 0 ? 1 : 0;
  const difference = Math.abs(actual - expected);
  const base = Math.abs(expected);
  const scaled = 100 * difference;
  if (!Number.isSafeInteger(scaled)) return null;
  if (scaled <= base) return 1;
  return Math.max(0, 1 - (difference / base) * 5);
}

/**
 * What the pairing bills (allocations and unmatched lines) in minor units as a safe integer; NaN as
 * soon as a step is not one (each sum of safe integers is checked, so no digit is lost on the way).
 */
function safeBilled(pairing: LinePairing): number {
  let billed = 0;
  for (const allocation of pairing.allocations) {
    billed += Number(allocation.amountMinor);
    if (!Number.isSafeInteger(billed)) return Number.NaN;
  }
  for (const line of pairing.unmatched) {
    billed += Number(line.amountMinor);
    if (!Number.isSafeInteger(billed)) return Number.NaN;
  }
  return billed;
}

/** The expected amount at PO prices (quantity × `expectedPrice`, half-up) as a safe integer, or NaN (as `safeBilled`). */
function safeExpected(pairing: LinePairing, exponent: number): number {
  let expected = 0;
  for (const allocation of pairing.allocations) {
    expected += allocation.quantity.productInSafeMinorUnits(allocation.expectedPrice, exponent, 'half-up');
    if (!Number.isSafeInteger(expected)) return Number.NaN;
  }
  return expected;
}

/** `agreement` of what the pairing bills with its amount at PO prices: on safe integers when they are, else in bigint. */
function amountAgreementOf(pairing: LinePairing, safeBilledMinor: number, exponent: number): number {
  const expected = Number.isNaN(safeBilledMinor) ? Number.NaN : safeExpected(pairing, exponent);
  const safe = Number.isNaN(expected) ? null : safeAgreement(safeBilledMinor, expected);
  return safe ?? agreement(billedMinor(pairing), expectedMinor(pairing, exponent));
}

function billedMinor(pairing: LinePairing): bigint {
  let billed = 0n;
  for (const allocation of pairing.allocations) billed += allocation.amountMinor;
  for (const line of pairing.unmatched) billed += line.amountMinor;
  return billed;
}

function expectedMinor(pairing: LinePairing, exponent: number): bigint {
  let expected = 0n;
  for (const allocation of pairing.allocations)
    expected += allocation.quantity.mul(allocation.expectedPrice).toMinorUnits(exponent, 'half-up');
  return expected;
}

/** Dated after the PO within the window scores high, decaying towards the window's end; well before the PO scores 0. */
function dateAgreement(invoice: IncomingInvoice, order: PurchaseOrderLedger): number {
  const days = invoice.day - order.orderDay;
  if (days < -7) return 0;
  if (days <= 0) return 0.8;
  const window = invoice.policy.dateWindowDays;
  return days > window ? 0 : 1 - (0.5 * days) / window;
}

/**
 * Scores one PO for (some lines of) an invoice: reference similarity, how well the lines pair, the
 * amount against the PO prices, how much of the open PO the invoice would complete, and the dates.
 */
export function scoreCandidate(
  invoice: IncomingInvoice,
  lines: readonly IncomingInvoiceLine[],
  order: PurchaseOrderLedger,
  citedReference: string,
  /** `inPairingOrder(lines)`, when the same lines are scored against many POs. */
  ordered: readonly IncomingInvoiceLine[] = inPairingOrder(lines),
): CandidateScore {
  const pairing = pairLines(lines, order.lines, [], ordered);
  const exponent = order.currency.exponent;
  const safe = safeBilled(pairing);
  const billed = Number.isNaN(safe) ? Number(billedMinor(pairing)) : safe;
  const amountAgreement = pairing.allocations.length === 0 ? 0 : amountAgreementOf(pairing, safe, exponent);
  const completeness = completenessOf(invoice, billed, order);
  const similarity = referenceSimilarity(citedReference, order.referenceKey);
  const date = dateAgreement(invoice, order);
  const score = weighedScore(citedReference, similarity, pairing.fit, amountAgreement, completeness, date);
  return {
    order,
    pairing,
    referenceSimilarity: similarity,
    amountAgreement,
    completeness,
    dateAgreement: date,
    score,
  };
}

function weighedScore(
  citedReference: string,
  similarity: number,
  fit: number,
  amountAgreement: number,
  completeness: number,
  date: number,
): number {
  return citedReference === ''
    ? 0.6 * fit + 0.15 * amountAgreement + 0.15 * completeness + 0.1 * date
    : 0.35 * similarity + 0.4 * fit + 0.1 * amountAgreement + 0.1 * completeness + 0.05 * date;
}

/** The share of what is open on the PO that `billedMinor` would complete, 0..1 (0.5 for a credit or a PO with nothing open). */
function completenessOf(invoice: IncomingInvoice, billedMinor: number, order: PurchaseOrderLedger): number {
  const open = Number(order.openAmountMinor());
  return invoice.sign < 0 || open <= 0 ? 0.5 : Math.min(1, agreementRatio(billedMinor, open));
}

/**
 * The least line agreement with which a PO could score `score` for lines billing `billedMinor` in
 * all (what every pairing of them bills), its amount taken to agree fully and the other parts as
 * they are: what a PO must at least fit to rival a candidate of that score. Above 1 when none can.
 */
export function fitNeededToScore(
  score: number,
  invoice: IncomingInvoice,
  order: PurchaseOrderLedger,
  citedReference: string,
  billedMinor: number,
): number {
  const completeness = completenessOf(invoice, billedMinor, order);
  const date = dateAgreement(invoice, order);
  const similarity = referenceSimilarity(citedReference, order.referenceKey);
  // The score is linear in the line agreement: what the rest gives, and what each unit of fit adds.
  const rest = weighedScore(citedReference, similarity, 0, 1, completeness, date);
  const perFit = weighedScore(citedReference, similarity, 1, 1, completeness, date) - rest;
  return (score - rest) / perFit;
}

function agreementRatio(billed: number, open: number): number {
  const ratio = billed / open;
  return ratio <= 1 ? ratio : 1 / ratio;
}

/**
 * Best score first. Of two that score exactly alike (twin POs), in 3-way matching, the one whose
 * goods were received for what the invoice bills on it (as the quantity review judges it); then the
 * one ordered first, then by PO number and vendor. So which twin a person is offered first, and the
 * findings shown with it, never depend on the order of the POs in the input.
 */
export function compareScores(a: CandidateScore, b: CandidateScore, invoice: IncomingInvoice): number {
  if (b.score !== a.score) return b.score - a.score;
  return receivedRank(a, invoice) - receivedRank(b, invoice) || comparePurchaseOrders(a.order, b.order);
}

/** 1 when the candidate would bill a PO line beyond its receipts (3-way), else 0. */
function receivedRank(candidate: CandidateScore, invoice: IncomingInvoice): number {
  return billsBeyondReceipts(invoice, candidate.pairing.allocations) ? 1 : 0;
}

export function roundScore(score: number): number {
  return Math.round(score * 1000) / 1000;
}
