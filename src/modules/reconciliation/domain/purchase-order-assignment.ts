import {
  AMBIGUITY_MARGIN,
  AUTO_MATCH_SCORE,
  compareScores,
  RIVAL_FIT,
  scoreCandidate,
  SUGGESTION_SCORE,
  type CandidateScore,
} from './candidate-score';
import { descriptionSimilarity } from './description-similarity';
import type { IncomingInvoice, IncomingInvoiceLine } from './incoming-invoice';
import type { PurchaseOrderBook } from './purchase-order-book';
import type { PurchaseOrderLedger } from './purchase-order-ledger';
import type { ReasonCode } from './reason-code';
import { nextSkuHit } from './sku-index';
import type { VendorIdentity } from './vendor-identity';
import { senderAgrees } from './sender-recognition';

/** How the PO was found: the cited reference, a reference one or two typos away, or a search by vendor, amount and lines. */
export type AssignmentRoute = 'reference' | 'similar_reference' | 'search';

export interface AssignmentProblem {
  readonly code: ReasonCode;
  /** `blocking` makes the invoice an exception, `review` a suggestion. */
  readonly severity: 'blocking' | 'review';
  readonly note: string;
}

/** The PO chosen for the lines that cite one reference (or for an invoice citing none). */
export interface GroupAssignment {
  readonly citedReference: string | null;
  readonly lines: readonly IncomingInvoiceLine[];
  readonly chosen: CandidateScore | null;
  readonly route: AssignmentRoute | null;
  /** Whether the choice is certain enough to be matched without a person. */
  readonly confident: boolean;
  readonly alternatives: readonly CandidateScore[];
  readonly problem: AssignmentProblem | null;
  /** The vendor's own PO with the cited number, passed over for `chosen` because its lines fit poorly. */
  readonly passedOver?: PurchaseOrderLedger;
  /** Another vendor's PO with the cited number, when the vendor's own `chosen` was found instead. */
  readonly citedOfAnotherVendor?: PurchaseOrderLedger;
}

const MAX_SEARCHED = 120;
const SMALL_VENDOR = 40;
const POOR_FIT = 0.5;
const CONFIDENT_FIT = 0.95;
const DATE_GRACE_DAYS = 7;

/** Finds the purchase order behind invoice lines: reference first, then a blocked and scored search. */
export class PurchaseOrderAssignment {
  constructor(private readonly book: PurchaseOrderBook) {}

  assign(
    invoice: IncomingInvoice,
    citedReference: string | null,
    lines: readonly IncomingInvoiceLine[],
  ): GroupAssignment {
    const citedKey = lines[0]?.referenceKey ?? '';
    const cited = citedKey === '' ? [] : this.book.withReference(citedKey);
    const own = cited.filter((order) => senderAgrees(invoice.vendor, order, this.book));
    if (own.length > 0) return this.assignCited(invoice, citedReference, lines, citedKey, own);

    const found = this.search(invoice, lines, citedKey, null);
    const best = found.ranked[0];
    if (best && best.score >= SUGGESTION_SCORE) {
      // The cited number is another vendor's PO (a typo that names one, say): the explanation says so.
      const elsewhere = cited.length > 0 ? { citedOfAnotherVendor: cited[0] } : null;
      if (found.rivals.length > 0) {
        const note = `${found.rivals.length + 1} purchase orders fit this invoice equally well`;
        return {
          citedReference,
          lines,
          chosen: best,
          route: routeOf(best),
          confident: false,
          alternatives: found.rivals,
          problem: { code: 'AMBIGUOUS_MATCH', severity: 'review', note },
          ...elsewhere,
        };
      }
      return {
        citedReference,
        lines,
        chosen: best,
        route: routeOf(best),
        confident: found.confident,
        alternatives: found.ranked.slice(1, 4),
        problem: found.confident ? null : notFound(citedReference, 'review'),
        ...elsewhere,
      };
    }
    if (cited.length > 0) {
      const other = cited[0];
      const chosen = scoreCandidate(invoice, lines, other, citedKey);
      const note = `PO ${other.poNumber} belongs to ${issuerText(other.source.vendor)}, not to ${issuerText(invoice.source.vendor)}`;
      return heldOnReference(citedReference, lines, chosen, [], {
        code: 'VENDOR_MISMATCH',
        severity: 'blocking',
        note,
      });
    }
    return {
      citedReference,
      lines,
      chosen: null,
      route: null,
      confident: false,
      alternatives: found.ranked.slice(0, 3),
      problem: notFound(citedReference, 'blocking'),
    };
  }

  /**
   * The vendor's PO(s) with the cited number: the one in the invoice currency that scores best. It is
   * replaced only when its lines fit poorly and a clearly better PO exists; when the vendor used the
   * number for another PO that fits as well, a person chooses.
   */
  private assignCited(
    invoice: IncomingInvoice,
    citedReference: string | null,
    lines: readonly IncomingInvoiceLine[],
    citedKey: string,
    own: readonly PurchaseOrderLedger[],
  ): GroupAssignment {
    const scored = own
      .map((order) => scoreCandidate(invoice, lines, order, citedKey))
      .sort((a, b) => compareScores(a, b, invoice));
    const inCurrency = scored.filter((candidate) => candidate.order.currency === invoice.currency);
    const chosen = inCurrency[0] ?? scored[0];
    if (chosen.order.currency !== invoice.currency) {
      const note = `PO ${chosen.order.poNumber} is in ${chosen.order.currency.code}, the invoice in ${invoice.currency.code}`;
      return heldOnReference(citedReference, lines, chosen, [], {
        code: 'CURRENCY_MISMATCH',
        severity: 'blocking',
        note,
      });
    }
    if (chosen.pairing.fit < POOR_FIT) {
      const better = this.search(invoice, lines, citedKey, chosen.order);
      const best = better.ranked[0];
      if (
        best &&
        best.pairing.fit >= RIVAL_FIT &&
        best.score > chosen.score + AMBIGUITY_MARGIN &&
        better.rivals.length === 0
      ) {
        return {
          citedReference,
          lines,
          chosen: best,
          route: routeOf(best),
          confident: better.confident,
          passedOver: chosen.order,
          alternatives: [chosen, ...better.ranked.slice(1, 4)],
          problem: better.confident
            ? null
            : {
                code: 'PO_NOT_FOUND',
                severity: 'review',
                note: `the cited PO ${chosen.order.poNumber} fits this invoice poorly; PO ${best.order.poNumber} fits it better`,
              },
        };
      }
    }
    const twins = inCurrency
      .slice(1)
      .filter((other) => other.pairing.fit >= POOR_FIT && isRival(other, chosen));
    if (twins.length > 0) {
      // The vendor used the number twice and both orders fit: which one is billed is a person's call.
      const note = `${twins.length + 1} purchase orders numbered ${chosen.order.poNumber} fit this invoice equally well`;
      return heldOnReference(citedReference, lines, chosen, twins, {
        code: 'AMBIGUOUS_MATCH',
        severity: 'review',
        note,
      });
    }
    return {
      citedReference,
      lines,
      chosen,
      route: 'reference',
      confident: true,
      alternatives: scored.filter((candidate) => candidate !== chosen),
      problem: null,
    };
  }

  private search(
    invoice: IncomingInvoice,
    lines: readonly IncomingInvoiceLine[],
    citedKey: string,
    excluded: PurchaseOrderLedger | null,
  ): { ranked: CandidateScore[]; rivals: CandidateScore[]; confident: boolean } {
    const searched = this.candidates(invoice, lines, citedKey);
    const ranked = searched.orders
      .filter((order) => order !== excluded && sharesAnItem(lines, order))
      .map((order) => scoreCandidate(invoice, lines, order, citedKey))
      .filter((candidate) => candidate.pairing.allocations.length > 0)
      .sort((a, b) => compareScores(a, b, invoice));
    const best = ranked[0];
    if (!best) return { ranked, rivals: [], confident: false };
    const rivals = ranked.slice(1).filter((other) => isRival(other, best));
    const confident =
      noTwinLeftOut(searched, best.order) &&
      rivals.length === 0 &&
      best.score >= AUTO_MATCH_SCORE &&
      best.pairing.fit >= CONFIDENT_FIT &&
      best.pairing.unmatched.length === 0 &&
      best.amountAgreement === 1;
    return { ranked, rivals, confident };
  }

  /**
   * The vendor's POs worth scoring, in the currency and the date window: every PO a similar
   * reference or about the same open amount points to, then POs with the same items, at most
   * MAX_SEARCHED in all. The SKU hits (many, for a large vendor) are walked lazily, so the walk
   * stops as soon as enough candidates are found; for lines without a known SKU, the POs sharing
   * words of their descriptions likewise. `cut` says what the limit left out: POs found by their
   * items only (`items`), or POs pointed to as well (`all`); one left out could be a rival of the best.
   */
  private candidates(
    invoice: IncomingInvoice,
    lines: readonly IncomingInvoiceLine[],
    citedKey: string,
  ): SearchedOrders {
    const vendorKey = invoice.vendor.key;
    const vendorOrders = this.book.ofVendor(vendorKey);
    const window = invoice.policy.dateWindowDays;
    const orders: PurchaseOrderLedger[] = [];
    const offer = (order: PurchaseOrderLedger): void => {
      const days = invoice.day - order.orderDay;
      if (order.currency === invoice.currency && days >= -DATE_GRACE_DAYS && days <= window)
        orders.push(order);
    };
    if (vendorOrders.length <= SMALL_VENDOR) {
      for (const order of vendorOrders) offer(order);
      return { orders, pointed: NO_ORDERS, cut: 'none' };
    }
    const pointed = this.pointedOrders(invoice, lines, citedKey);
    for (let p = 0; p < pointed.length; p += 1) {
      if (orders.length === MAX_SEARCHED) return { orders, pointed, cut: 'all' };
      offer(pointed[p]);
    }
    const skus = distinctSkus(lines);
    const skuSearch = skus.length > 0 ? this.book.skuSearch(vendorKey, invoice.currency.code, skus) : null;
    if (!skuSearch) return this.withDescriptionHits(invoice, lines, orders, pointed, offer);
    // SKU hits come in the currency and the date window only: the walk never visits the rest.
    const bySku = skuSearch.postings.orders;
    const firstDay = invoice.day - window;
    const lastDay = invoice.day + DATE_GRACE_DAYS;
    let p = 0;
    for (let s = nextSkuHit(skuSearch, 0, firstDay, lastDay); s < bySku.length;) {
      const order = bySku[s];
      // Both lists are in input order: skip the POs already taken as pointed to.
      while (p < pointed.length && pointed[p].index < order.index) p += 1;
      if (p >= pointed.length || pointed[p] !== order) {
        if (orders.length === MAX_SEARCHED) return { orders, pointed, cut: 'items' };
        offer(order);
      }
      s = nextSkuHit(skuSearch, s + 1, firstDay, lastDay);
    }
    return { orders, pointed, cut: 'none' };
  }

  /**
   * Lines without a SKU the vendor's POs know (services, most often): the POs with a line sharing a
   * word with one of their descriptions, after those already offered. Without them a PO that could
   * take the whole invoice, but whose open amount differs, would never be compared with the best.
   */
  private withDescriptionHits(
    invoice: IncomingInvoice,
    lines: readonly IncomingInvoiceLine[],
    orders: PurchaseOrderLedger[],
    pointed: readonly PurchaseOrderLedger[],
    offer: (order: PurchaseOrderLedger) => void,
  ): SearchedOrders {
    const days = { first: invoice.day - invoice.policy.dateWindowDays, last: invoice.day + DATE_GRACE_DAYS };
    const hits = this.book.descriptionSearch(invoice.vendor.key, invoice.currency.code, lines, days);
    if (!hits) return { orders, pointed, cut: 'none' };
    let p = 0;
    for (let order = hits.next(); order; order = hits.next()) {
      // Both in input order: skip the POs already taken as pointed to.
      while (p < pointed.length && pointed[p].index < order.index) p += 1;
      if (p < pointed.length && pointed[p] === order) continue;
      if (orders.length === MAX_SEARCHED) return { orders, pointed, cut: 'items' };
      offer(order);
    }
    return { orders, pointed, cut: 'none' };
  }

  /** POs a cited reference one typo away or the open amount point to, in input order. */
  private pointedOrders(
    invoice: IncomingInvoice,
    lines: readonly IncomingInvoiceLine[],
    citedKey: string,
  ): PurchaseOrderLedger[] {
    const vendorKey = invoice.vendor.key;
    const found = citedKey === '' ? [] : this.book.withSimilarReference(vendorKey, citedKey);
    let net = 0n;
    for (const line of lines) net += line.amountMinor;
    if (net > 0n) {
      const band = net / 50n + 1n;
      const byAmount = this.book.withOpenAmountBetween(
        vendorKey,
        invoice.currency.code,
        net - band,
        net + band,
      );
      if (found.length === 0) return byAmount;
      for (const order of byAmount) if (!found.includes(order)) found.push(order);
      found.sort((a, b) => a.index - b.index);
    }
    return found;
  }
}

/** The POs a search scored, and what its limit left out. */
interface SearchedOrders {
  readonly orders: PurchaseOrderLedger[];
  /** The POs a similar reference or the open amount pointed to (all of them, unless `cut` is `all`). */
  readonly pointed: readonly PurchaseOrderLedger[];
  /** What the limit left out: nothing, POs found by their items (SKU or description) only, or pointed POs too. */
  readonly cut: 'none' | 'items' | 'all';
}

const NO_ORDERS: readonly PurchaseOrderLedger[] = Object.freeze([]);

/**
 * Whether no PO the search left out can be a twin of `best`: nothing was left out, or only POs found
 * by their items were and the open amount pointed to `best`, which then points to its twins too (same amount).
 */
function noTwinLeftOut(searched: SearchedOrders, best: PurchaseOrderLedger): boolean {
  return searched.cut === 'none' || (searched.cut === 'items' && searched.pointed.includes(best));
}

function distinctSkus(lines: readonly IncomingInvoiceLine[]): string[] {
  const skus: string[] = [];
  for (const line of lines) if (line.skuKey !== '' && !skus.includes(line.skuKey)) skus.push(line.skuKey);
  return skus;
}

/** A cheap first test before pairing: at least one invoice line names an item of the PO (SKU or description). */
function sharesAnItem(lines: readonly IncomingInvoiceLine[], order: PurchaseOrderLedger): boolean {
  for (const line of lines) {
    for (const poLine of order.lines) {
      if (line.skuKey !== '' && poLine.skuKey !== '') {
        if (line.skuKey === poLine.skuKey) return true;
      } else if (descriptionSimilarity(line.descriptionWords(), poLine.descriptionWords()) >= 0.5) {
        return true;
      }
    }
  }
  return false;
}

/** The cited PO, not matched without a person: `problem` blocks it or holds it for review. */
function heldOnReference(
  citedReference: string | null,
  lines: readonly IncomingInvoiceLine[],
  chosen: CandidateScore,
  alternatives: readonly CandidateScore[],
  problem: AssignmentProblem,
): GroupAssignment {
  return { citedReference, lines, chosen, route: 'reference', confident: false, alternatives, problem };
}

/** A candidate as good as the best, or one that could take the whole invoice and is cited as well. */
function isRival(other: CandidateScore, best: CandidateScore): boolean {
  return (
    other.score >= best.score - AMBIGUITY_MARGIN ||
    (couldTakeAll(other) && other.referenceSimilarity >= best.referenceSimilarity)
  );
}

/** Every line pairs, with quantities open and prices close: this PO could take the whole invoice. */
function couldTakeAll(candidate: CandidateScore): boolean {
  return candidate.pairing.unmatched.length === 0 && candidate.pairing.fit >= RIVAL_FIT;
}

function routeOf(candidate: CandidateScore): AssignmentRoute {
  return candidate.referenceSimilarity > 0 ? 'similar_reference' : 'search';
}

/** A vendor as a note names it: with its tax id when it has one (two companies may share a name). */
function issuerText(vendor: VendorIdentity): string {
  return vendor.taxId ? `${vendor.name} (tax id ${vendor.taxId})` : vendor.name;
}

function notFound(citedReference: string | null, severity: 'blocking' | 'review'): AssignmentProblem {
  const note = citedReference
    ? `no purchase order ${citedReference} for this vendor`
    : 'the invoice cites no purchase order';
  return { code: 'PO_NOT_FOUND', severity, note };
}
