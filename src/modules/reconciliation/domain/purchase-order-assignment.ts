import {
  AMBIGUITY_MARGIN,
  AUTO_MATCH_SCORE,
  compareScores,
  RIVAL_FIT,
  fitNeededToScore,
  referenceSimilarity,
  scoreCandidate,
  SUGGESTION_SCORE,
  type CandidateScore,
} from './candidate-score';
import { descriptionSimilarity } from './description-similarity';
import type { IncomingInvoice, IncomingInvoiceLine } from './incoming-invoice';
import { fitCeiling, inPairingOrder, OpenQuantityNeeds, pairsEveryBillingLine } from './line-pairing';
import type { PurchaseOrderBook } from './purchase-order-book';
import type { PurchaseOrderLedger } from './purchase-order-ledger';
import type { ReasonCode } from './reason-code';
import { nextSkuHit, type SkuSearch } from './sku-index';
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
/** POs a search's limit left out that are looked through for a rival of a would-be automatic match, at most. */
const MAX_LEFT_OUT = 10 * MAX_SEARCHED;
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
    const ordered = inPairingOrder(lines);
    const ranked = searched.orders
      .filter((order) => order !== excluded && sharesAnItem(lines, order))
      .map((order) => scoreCandidate(invoice, lines, order, citedKey, ordered))
      .filter((candidate) => candidate.pairing.allocations.length > 0)
      .sort((a, b) => compareScores(a, b, invoice));
    const best = ranked[0];
    if (!best) return { ranked, rivals: [], confident: false };
    const rivals = ranked.slice(1).filter((other) => isRival(other, best));
    const confident =
      searched.cut !== 'all' &&
      rivals.length === 0 &&
      best.score >= AUTO_MATCH_SCORE &&
      best.pairing.fit >= CONFIDENT_FIT &&
      pairsEveryBillingLine(best.pairing) &&
      best.amountAgreement === 1;
    if (!confident || searched.cut === 'none') return { ranked, rivals, confident };
    // The limit left out POs with the same items: one of them may rival the best (a twin, or a
    // larger PO that could take the whole invoice). A clear winner is one that none of them rivals.
    const { rival: hidden, walkedAll } = rivalLeftOut(invoice, lines, citedKey, searched, best, excluded);
    if (!hidden) return { ranked, rivals, confident: walkedAll };
    const all = [...ranked, hidden].sort((a, b) => compareScores(a, b, invoice));
    return { ranked: all, rivals: all.slice(1).filter((other) => isRival(other, all[0])), confident: false };
  }

  /**
   * The vendor's POs worth scoring, in the currency and the date window: every PO a similar
   * reference or about the same open amount points to, then POs with the same items, at most
   * MAX_SEARCHED in all. The SKU hits (many, for a large vendor) are walked lazily, so the walk
   * stops as soon as enough candidates are found; for lines without a known SKU, the POs sharing
   * words of their descriptions likewise. `cut` says what the limit left out: POs found by their
   * items only (`items`, and `leftOut` walks on through them), or POs pointed to as well (`all`).
   */
  private candidates(
    invoice: IncomingInvoice,
    lines: readonly IncomingInvoiceLine[],
    citedKey: string,
  ): SearchedOrders {
    const vendorOrders = this.book.ofVendor(invoice.vendor.key);
    const orders: PurchaseOrderLedger[] = [];
    if (vendorOrders.length <= SMALL_VENDOR) {
      for (const order of vendorOrders) if (isInSearchWindow(invoice, order)) orders.push(order);
      return { orders, cut: 'none', leftOut: NO_MORE };
    }
    const pointed = this.pointedOrders(invoice, lines, citedKey);
    for (const order of pointed) {
      if (orders.length === MAX_SEARCHED) return { orders, cut: 'all', leftOut: NO_MORE };
      if (isInSearchWindow(invoice, order)) orders.push(order);
    }
    const hits = notPointed(this.itemHits(invoice, lines), pointed);
    for (let order = hits(); order; order = hits()) {
      if (orders.length === MAX_SEARCHED) return { orders, cut: 'items', leftOut: startingWith(order, hits) };
      if (isInSearchWindow(invoice, order)) orders.push(order);
    }
    return { orders, cut: 'none', leftOut: NO_MORE };
  }

  /**
   * The vendor's POs in the currency and near the date window with all the invoice's SKUs that any
   * PO has (SKU hits come in the currency and the date window only: the walk never visits the rest),
   * or for lines without a SKU the vendor's POs know (services, most often), the POs with a line
   * sharing a word with one of their descriptions. Without those, a PO that could take the whole
   * invoice, but whose open amount differs, would never be compared with the best. In search order (`rankedOfVendor`).
   */
  private itemHits(invoice: IncomingInvoice, lines: readonly IncomingInvoiceLine[]): OrderWalk {
    const vendorKey = invoice.vendor.key;
    const firstDay = invoice.day - invoice.policy.dateWindowDays;
    const lastDay = invoice.day + DATE_GRACE_DAYS;
    const skus = distinctSkus(lines);
    const skuSearch = skus.length > 0 ? this.book.skuSearch(vendorKey, invoice.currency.code, skus) : null;
    if (skuSearch) return skuWalk(skuSearch, firstDay, lastDay);
    const days = { first: firstDay, last: lastDay };
    const hits = this.book.descriptionSearch(vendorKey, invoice.currency.code, lines, days);
    return hits ? () => hits.next() : NO_MORE;
  }

  /** POs a cited reference one typo away or the open amount point to, in search order. */
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
      found.sort((a, b) => a.searchRank - b.searchRank);
    }
    return found;
  }
}

/** The next PO of a walk, null after the last. */
type OrderWalk = () => PurchaseOrderLedger | null;

const NO_MORE: OrderWalk = () => null;

/** The POs a search scored, and what its limit left out. */
interface SearchedOrders {
  readonly orders: PurchaseOrderLedger[];
  /** What the limit left out: nothing, POs found by their items (SKU or description) only, or pointed POs too. */
  readonly cut: 'none' | 'items' | 'all';
  /** The POs found by their items that the limit left out (when `cut` is `items`), walked on demand. */
  readonly leftOut: OrderWalk;
}

/** In the invoice currency, dated at most DATE_GRACE_DAYS after the invoice and within its date window before it. */
function isInSearchWindow(invoice: IncomingInvoice, order: PurchaseOrderLedger): boolean {
  const days = invoice.day - order.orderDay;
  return (
    order.currency === invoice.currency && days >= -DATE_GRACE_DAYS && days <= invoice.policy.dateWindowDays
  );
}

/** The POs of the SKU search that have every SKU and are dated within [firstDay, lastDay]. */
function skuWalk(search: SkuSearch, firstDay: number, lastDay: number): OrderWalk {
  let s = nextSkuHit(search, 0, firstDay, lastDay);
  return () => {
    const order = search.postings.orders[s];
    if (!order) return null;
    s = nextSkuHit(search, s + 1, firstDay, lastDay);
    return order;
  };
}

/** The walk without the POs already taken as pointed to: both are in search order. */
function notPointed(walk: OrderWalk, pointed: readonly PurchaseOrderLedger[]): OrderWalk {
  let p = 0;
  return () => {
    for (let order = walk(); order; order = walk()) {
      while (p < pointed.length && pointed[p].searchRank < order.searchRank) p += 1;
      if (p >= pointed.length || pointed[p] !== order) return order;
    }
    return null;
  };
}

/** `first`, then the rest of `walk`. */
function startingWith(first: PurchaseOrderLedger, walk: OrderWalk): OrderWalk {
  let pending: PurchaseOrderLedger | null = first;
  return () => {
    const order = pending ?? walk();
    pending = null;
    return order;
  };
}

/**
 * A PO the search's limit left out that rivals `best` (see `isRival`), or null; `walkedAll` is false
 * when there were more than MAX_LEFT_OUT to look at (the best is then not a certain winner). A PO is
 * paired only when what it could at best score says it could rival the best: most of a large
 * vendor's POs with the same items have too little open, or lines the invoice does not bill.
 */
function rivalLeftOut(
  invoice: IncomingInvoice,
  lines: readonly IncomingInvoiceLine[],
  citedKey: string,
  searched: SearchedOrders,
  best: CandidateScore,
  excluded: PurchaseOrderLedger | null,
): { rival: CandidateScore | null; walkedAll: boolean } {
  const bound = new RivalBound(invoice, lines, citedKey, best);
  let walked = 0;
  for (let order = searched.leftOut(); order; order = searched.leftOut()) {
    if (walked === MAX_LEFT_OUT) return { rival: null, walkedAll: false };
    walked += 1;
    if (order === excluded || !isInSearchWindow(invoice, order) || !bound.allows(order)) continue;
    if (!sharesAnItem(lines, order)) continue;
    const candidate = scoreCandidate(invoice, lines, order, citedKey);
    if (candidate.pairing.allocations.length > 0 && isRival(candidate, best))
      return { rival: candidate, walkedAll: false };
  }
  return { rival: null, walkedAll: true };
}

/**
 * Whether a PO could rival the best without pairing it: a rival scores within the margin of the
 * best, or could take the whole invoice (a fit of RIVAL_FIT and every line paired). Told first by
 * what is open on the PO in all, then per item and description (`fitCeiling`).
 */
class RivalBound {
  private readonly billedMinor: number;
  private readonly needs: OpenQuantityNeeds;

  constructor(
    private readonly invoice: IncomingInvoice,
    private readonly lines: readonly IncomingInvoiceLine[],
    private readonly citedKey: string,
    private readonly best: CandidateScore,
  ) {
    this.billedMinor = Number(lines.reduce((sum, line) => sum + line.amountMinor, 0n));
    this.needs = new OpenQuantityNeeds(lines);
  }

  allows(order: PurchaseOrderLedger): boolean {
    const { invoice, citedKey, best } = this;
    const byScore =
      fitNeededToScore(best.score - AMBIGUITY_MARGIN, invoice, order, citedKey, this.billedMinor) - SLACK;
    const takesAll = referenceSimilarity(citedKey, order.referenceKey) >= best.referenceSimilarity;
    const fitNeeded = takesAll ? Math.min(byScore, RIVAL_FIT - SLACK) : byScore;
    if (fitNeeded > 1) return false;
    const open = this.needs.forFit(fitNeeded);
    if (open && order.openQuantityOfAllLines().compare(open) < 0) return false;
    // When no score could rival, only whether every line pairs matters: it stops at the first that cannot.
    const ceiling = fitCeiling(this.lines, order.lines, byScore > 1);
    return (
      ceiling.fit >= byScore || (takesAll && ceiling.mayPairEveryBillingLine && ceiling.fit >= fitNeeded)
    );
  }
}

/** Float slack for bounds worked out in another order than the scores they bound. */
const SLACK = 1e-9;

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
  return pairsEveryBillingLine(candidate.pairing) && candidate.pairing.fit >= RIVAL_FIT;
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
