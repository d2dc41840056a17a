import { Decimal } from './decimal';
import { descriptionSimilarity, sharedWordPairs } from './description-similarity';
import type { IncomingInvoiceLine } from './incoming-invoice';
import type { PoLineLedger } from './po-line-ledger';
import type { PurchaseOrderLedger } from './purchase-order-ledger';

export type LinkedBy = 'po_line_number' | 'sku' | 'description';

/** A share of an invoice line billed (or, negative, credited) against one PO line. */
export interface LineAllocation {
  readonly invoiceLine: IncomingInvoiceLine;
  readonly poLine: PoLineLedger;
  readonly quantity: Decimal;
  readonly amountMinor: bigint;
  readonly linkedBy: LinkedBy;
  readonly similarity: number;
  /** The unit price the share is judged at: the PO line's `priceFor` its quantity when it was paired. */
  readonly expectedPrice: Decimal;
}

export interface LinePairing {
  readonly allocations: readonly LineAllocation[];
  readonly unmatched: readonly IncomingInvoiceLine[];
  /** How well the invoice lines agree with the PO lines, 0..1, weighted by amount. */
  readonly fit: number;
  /** The purchase orders that received an allocation, in order of first allocation. */
  readonly orders: readonly PurchaseOrderLedger[];
}

const ACCEPTED_QUALITY = 0.5;
/** `linkQuality` of lines that do not name each other. */
const NO_LINK = -1;

function namesLine(line: IncomingInvoiceLine, poLine: PoLineLedger): boolean {
  return line.poLineKey !== '' && line.poLineKey === poLine.lineKey;
}

/**
 * How strongly an invoice line names a PO line, 0..1, or NO_LINK: PO line number, then SKU, then
 * description. Lines that both carry a SKU are linked by it alone. The cited line number with a
 * description that agrees is a full link (and wins a tie, see `isBetter`), so it goes before another
 * line's SKU or closer description. One whose description disagrees is kept as a weak link (0.3 to
 * 0.5), below any other line whose description agrees (at least ACCEPTED_QUALITY).
 */
function linkQuality(line: IncomingInvoiceLine, poLine: PoLineLedger): number {
  if (line.skuKey !== '' && poLine.skuKey !== '') return line.skuKey === poLine.skuKey ? 1 : NO_LINK;
  const similarity = descriptionSimilarity(line.descriptionWords(), poLine.descriptionWords());
  if (namesLine(line, poLine)) return similarity >= ACCEPTED_QUALITY ? 1 : 0.3 + 0.4 * similarity;
  return similarity >= ACCEPTED_QUALITY ? similarity : NO_LINK;
}

/** What made the link of two lines that `linkQuality` links. */
function linkedBy(line: IncomingInvoiceLine, poLine: PoLineLedger): LinkedBy {
  if (namesLine(line, poLine)) return 'po_line_number';
  return line.skuKey !== '' && poLine.skuKey !== '' ? 'sku' : 'description';
}

/**
 * A ranking weight for the unit price: 1 within 1% of the PO price (for a credit, of the price it
 * credits: `priceFor`), 0.8 within 10%, 0.5 beyond. The bands are decided exactly (|invoice - PO|
 * × 100 against |PO|), never on a float ratio.
 */
function priceAgreement(line: IncomingInvoiceLine, poLine: PoLineLedger): number {
  const expected = poLine.priceFor(line.quantity);
  if (line.unitPrice.isWithinFractionOf(expected, 100)) return 1;
  return line.unitPrice.isWithinFractionOf(expected, 10) ? 0.8 : 0.5;
}

/** What is still open on each PO line while one invoice is paired, parallel to the PO lines. */
class OpenQuantities {
  // Net quantity taken by earlier lines of this invoice, signed (a return line gives back), made
  // on the first take: invoices have few lines.
  private pending: Array<Decimal | undefined> | null = null;

  constructor(readonly poLines: readonly PoLineLedger[]) {}

  /**
   * The room on PO line `i` for a line that bills (what is not yet invoiced) or, for a line that
   * credits, what has been invoiced and may be credited; both after this invoice's earlier lines.
   */
  at(i: number, credits: boolean): Decimal {
    const poLine = this.poLines[i];
    const taken = this.pending?.[i];
    if (credits) return taken ? poLine.invoiced.add(taken) : poLine.invoiced;
    const open = poLine.openQuantity();
    return taken ? open.sub(taken) : open;
  }

  /**
   * Whether the goods received on PO line `i` and not yet invoiced, after this invoice's earlier
   * lines, cover `wanted` (what a 3-way check will ask of the line).
   */
  receivedCovers(i: number, wanted: Decimal): boolean {
    return this.receivedRoom(i).compare(wanted) >= 0;
  }

  /** Goods received on PO line `i` and not yet invoiced, after this invoice's earlier lines. */
  receivedRoom(i: number): Decimal {
    const poLine = this.poLines[i];
    const taken = this.pending?.[i];
    const room = poLine.received.sub(poLine.invoiced);
    return taken ? room.sub(taken) : room;
  }

  /** Records a line's signed quantity on PO line `i`. */
  take(i: number, quantity: Decimal): void {
    this.pending ??= new Array<Decimal | undefined>(this.poLines.length);
    const taken = this.pending[i];
    this.pending[i] = taken ? taken.add(quantity) : quantity;
  }
}

/**
 * Pairs invoice lines with PO lines. Several invoice lines may bill one PO line; an invoice line
 * that exceeds what is open on its PO line spills onto other open lines of the same item. `taken`
 * are allocations this invoice's other lines already made (on any PO): what they took is not open.
 */
export function pairLines(
  lines: readonly IncomingInvoiceLine[],
  poLines: readonly PoLineLedger[],
  taken: readonly LineAllocation[] = [],
  /** `inPairingOrder(lines)`, when the caller pairs the same lines with many POs. */
  ordered: readonly IncomingInvoiceLine[] = inPairingOrder(lines),
): LinePairing {
  const open = new OpenQuantities(poLines);
  for (const allocation of taken) {
    const at = poLines.indexOf(allocation.poLine);
    if (at >= 0) open.take(at, allocation.quantity);
  }
  const allocations: LineAllocation[] = [];
  const unmatched: IncomingInvoiceLine[] = [];
  const orders: PurchaseOrderLedger[] = [];
  let weighted = 0;
  let weights = 0;

  for (const line of ordered) {
    const weight = Math.abs(Number(line.amountMinor)) + 1;
    weights += weight;
    const wanted = line.quantity.abs();
    // A line's own sign says whether it bills or gives back: a return line on an invoice credits.
    const credits = line.quantity.sign() < 0;
    const choice: LineChoice = { line, poLines, open, wanted };
    let best = -1;
    let bestQuality = NO_LINK;
    let bestFits = false;
    for (let i = 0; i < poLines.length; i += 1) {
      const quality = linkQuality(line, poLines[i]);
      if (quality === NO_LINK) continue;
      const fits = open.at(i, credits).compare(wanted) >= 0;
      if (best < 0 || isBetter(choice, i, quality, fits, best, bestQuality, bestFits)) {
        best = i;
        bestQuality = quality;
        bestFits = fits;
      }
    }
    if (best < 0) {
      unmatched.push(line);
      continue;
    }
    const by = linkedBy(line, poLines[best]);
    const overReceipts = credits ? null : spreadOverReceipts(line, best, open, wanted);
    if (!bestFits || overReceipts) {
      const { shares, complete } = overReceipts ?? spill(line, best, open, credits);
      const amounts = splitAmount(line.amountMinor, shares, wanted);
      for (let i = 0; i < shares.length; i += 1) {
        const share = shares[i];
        const quantity = credits ? share.quantity.neg() : share.quantity;
        open.take(share.at, quantity);
        allocate(allocations, orders, line, poLines[share.at], quantity, amounts[i], by, bestQuality);
      }
      weighted += weight * bestQuality * (complete ? 1 : 0.5) * priceAgreement(line, poLines[best]);
    } else {
      open.take(best, line.quantity);
      allocate(allocations, orders, line, poLines[best], line.quantity, line.amountMinor, by, bestQuality);
      weighted += weight * bestQuality * (bestFits ? 1 : 0.5) * priceAgreement(line, poLines[best]);
    }
  }
  const fit = weights === 0 ? 0 : weighted / weights;
  if (ordered === lines) return { allocations, unmatched, fit, orders };
  return { ...inLineOrder(allocations, unmatched), fit };
}

/** What `pairLines` could at best make of the lines on a PO, worked out without pairing (see `fitCeiling`). */
export interface FitCeiling {
  /** At least `pairLines(lines, poLines).fit`. */
  readonly fit: number;
  /** False when some line that bills has no PO line it could be paired with (see `pairsEveryBillingLine`). */
  readonly mayPairEveryBillingLine: boolean;
}

/**
 * An upper bound of the fit `pairLines` would give, for passing over POs that cannot rival the best
 * without pairing them: each line counts with its best link to any PO line, whole when what is open
 * on the lines it links to and their like lines (where pairing spreads what one line cannot take)
 * together covers it or when it gives back, else half; the unit price is taken to agree. With
 * `untilUnpaired`, it stops at the first line no PO line could take.
 */
export function fitCeiling(
  lines: readonly IncomingInvoiceLine[],
  poLines: readonly PoLineLedger[],
  untilUnpaired = false,
): FitCeiling {
  const links: number[] = new Array<number>(poLines.length);
  let weighted = 0;
  let weights = 0;
  let mayPairEveryBillingLine = true;
  for (const line of lines) {
    const weight = Math.abs(Number(line.amountMinor)) + 1;
    weights += weight;
    let quality = NO_LINK;
    for (let i = 0; i < poLines.length; i += 1) {
      links[i] = linkQuality(line, poLines[i]);
      quality = Math.max(quality, links[i]);
    }
    if (quality === NO_LINK) {
      if (!line.bills()) continue;
      // Asked only whether every line pairs: the fit is left at its trivial ceiling.
      if (untilUnpaired) return { fit: 1, mayPairEveryBillingLine: false };
      mayPairEveryBillingLine = false;
    } else if (needsNoRoom(line) || roomFor(poLines, links).compare(line.quantity) >= 0)
      weighted += weight * quality;
    else weighted += weight * quality * 0.5;
  }
  return { fit: weights === 0 ? 0 : weighted / weights, mayPairEveryBillingLine };
}

/**
 * Whether every line that bills found a PO line: a note that bills nothing ("delivery note 4711")
 * has no PO line to find, and is reviewed as such (it raises nothing).
 */
export function pairsEveryBillingLine(pairing: LinePairing): boolean {
  for (const line of pairing.unmatched) if (line.bills()) return false;
  return true;
}

/**
 * For some invoice lines, the least a PO must have open on all its lines together
 * (`openQuantityOfAllLines`) for their fit to reach a value: a line that bills counts whole only
 * when what is open covers it, else at best half (as in `fitCeiling`, every link taken as full).
 */
export class OpenQuantityNeeds {
  /** The fit reached once what is open covers `open`, by `open` ascending. */
  private readonly steps: Array<{ readonly open: Decimal; readonly fit: number }> = [];
  /** The fit with nothing open. */
  private readonly fitWithNothingOpen: number;

  constructor(lines: readonly IncomingInvoiceLine[]) {
    let weights = 0;
    let reached = 0;
    const billing: Array<{ readonly wanted: Decimal; readonly half: number }> = [];
    for (const line of lines) {
      const weight = Math.abs(Number(line.amountMinor)) + 1;
      weights += weight;
      if (needsNoRoom(line)) reached += weight;
      else {
        reached += weight * 0.5;
        billing.push({ wanted: line.quantity, half: weight * 0.5 });
      }
    }
    this.fitWithNothingOpen = weights === 0 ? 1 : reached / weights;
    billing.sort((a, b) => a.wanted.compare(b.wanted));
    for (const { wanted, half } of billing) {
      reached += half;
      this.steps.push({ open: wanted, fit: reached / weights });
    }
  }

  /** What must be open for the fit to reach `fit`; null when nothing need be. */
  forFit(fit: number): Decimal | null {
    if (this.fitWithNothingOpen >= fit || this.steps.length === 0) return null;
    for (const step of this.steps) if (step.fit >= fit) return step.open;
    // Rounding aside, every line whole reaches any fit: what the largest line bills.
    return this.steps[this.steps.length - 1].open;
  }
}

/**
 * A line of no quantity fits anywhere; what a line gives back may include what the invoice's own
 * lines bill, so its room has no bound here.
 */
function needsNoRoom(line: IncomingInvoiceLine): boolean {
  return line.quantity.sign() <= 0;
}

/** What is open on the PO lines a line links to (`links`, parallel to `poLines`) and on their like lines. */
function roomFor(poLines: readonly PoLineLedger[], links: readonly number[]): Decimal {
  let room = Decimal.ZERO;
  for (let j = 0; j < poLines.length; j += 1) {
    let reached = links[j] !== NO_LINK;
    for (let i = 0; !reached && i < poLines.length; i += 1)
      reached = links[i] !== NO_LINK && isLikeLine(poLines[i], poLines[j]);
    const open = reached ? poLines[j].openQuantity() : Decimal.ZERO;
    if (open.sign() > 0) room = room.add(open);
  }
  return room;
}

/**
 * The lines in the order they are paired, so that the decision never depends on the order of the
 * invoice's lines: those that bill before those that give back (a return on the same invoice may give
 * back what the invoice itself bills), and of each, those citing a PO line number before those citing
 * none (a line citing none must not take what a cited line names: the goods received on it, say).
 * Lines alike in that respect go by the PO line they cite, then by item and price, and of one item
 * and price the larger quantity first (it takes the line with room for it whole, the smaller ones
 * then fill what is left). The same array when the lines are in that order already (most often).
 */
export function inPairingOrder(lines: readonly IncomingInvoiceLine[]): readonly IncomingInvoiceLine[] {
  for (let i = 1; i < lines.length; i += 1)
    if (comparePairingOrder(lines[i - 1], lines[i]) > 0) return [...lines].sort(comparePairingOrder);
  return lines;
}

function comparePairingOrder(a: IncomingInvoiceLine, b: IncomingInvoiceLine): number {
  return (
    pairingRank(a) - pairingRank(b) ||
    compareLineKeys(a.poLineKey, b.poLineKey) ||
    compareValues(a.skuKey, b.skuKey) ||
    compareValues(a.source.description, b.source.description) ||
    a.unitPrice.compare(b.unitPrice) ||
    b.quantity.abs().compare(a.quantity.abs()) ||
    compareValues(a.amountMinor, b.amountMinor) ||
    // Lines alike in all of that are interchangeable: the earlier takes the first share.
    a.position - b.position
  );
}

/** 0 a line that bills citing a PO line, 1 one that bills citing none, 2 and 3 the same for lines that give back. */
function pairingRank(line: IncomingInvoiceLine): number {
  return (line.quantity.sign() < 0 ? 2 : 0) + (line.poLineKey === '' ? 1 : 0);
}

/** Shorter PO line keys first, then by their text: line numbers in numeric order (`2` before `10`). */
function compareLineKeys(a: string, b: string): number {
  return a.length - b.length || compareValues(a, b);
}

/** Ascending, by code unit for text (never by locale). */
export function compareValues<T extends string | bigint>(a: T, b: T): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Allocations and unmatched lines back in invoice line order, and the POs in order of first allocation. */
function inLineOrder(
  allocations: readonly LineAllocation[],
  unmatched: readonly IncomingInvoiceLine[],
): Pick<LinePairing, 'allocations' | 'unmatched' | 'orders'> {
  const byPosition = (a: IncomingInvoiceLine, b: IncomingInvoiceLine) => a.position - b.position;
  const sorted = [...allocations].sort((a, b) => byPosition(a.invoiceLine, b.invoiceLine));
  const orders: PurchaseOrderLedger[] = [];
  for (const allocation of sorted)
    if (!orders.includes(allocation.poLine.purchaseOrder)) orders.push(allocation.poLine.purchaseOrder);
  return { allocations: sorted, unmatched: [...unmatched].sort(byPosition), orders };
}

function allocate(
  allocations: LineAllocation[],
  orders: PurchaseOrderLedger[],
  invoiceLine: IncomingInvoiceLine,
  poLine: PoLineLedger,
  quantity: Decimal,
  amountMinor: bigint,
  linkedBy: LinkedBy,
  similarity: number,
): void {
  const expectedPrice = poLine.priceFor(quantity);
  allocations.push({ invoiceLine, poLine, quantity, amountMinor, linkedBy, similarity, expectedPrice });
  if (!orders.includes(poLine.purchaseOrder)) orders.push(poLine.purchaseOrder);
}

/** One invoice line choosing among PO lines: what `isBetter` compares them for. */
interface LineChoice {
  readonly line: IncomingInvoiceLine;
  readonly poLines: readonly PoLineLedger[];
  readonly open: OpenQuantities;
  readonly wanted: Decimal;
}

function isBetter(
  choice: LineChoice,
  candidate: number,
  quality: number,
  fits: boolean,
  current: number,
  currentQuality: number,
  currentFits: boolean,
): boolean {
  const { line, poLines } = choice;
  const poLine = poLines[candidate];
  const currentLine = poLines[current];
  if (Math.abs(quality - currentQuality) > 1e-9) return quality > currentQuality;
  const named = namesLine(line, poLine);
  const currentNamed = namesLine(line, currentLine);
  if (named !== currentNamed) return named;
  // Lines of the invoice line's own item (one with a SKU, one without, say): the one with room. Each
  // step compares one property of each line, so the order does not depend on the order of the lines.
  const roomy = fits && isBilledItem(line, poLine);
  const currentRoomy = currentFits && isBilledItem(line, currentLine);
  if (roomy !== currentRoomy) return roomy;
  // Of two such lines with room at the same price, the one whose goods were received: a receipt
  // booked on the second of two like lines (another delivery date, say) is what a 3-way check looks
  // for. Between two prices the invoice's own price decides (below), receipts or not.
  if (roomy && currentRoomy && poLine.unitPrice.equals(currentLine.unitPrice)) {
    const received = isReceivedFor(choice, candidate);
    if (received !== isReceivedFor(choice, current)) return received;
  }
  const bySku = isLinkedBySku(line, poLine);
  if (bySku !== isLinkedBySku(line, currentLine)) return bySku;
  const order = compareWordOrder(line, poLine, currentLine);
  if (order !== 0) return order > 0;
  if (fits !== currentFits) return fits;
  return comparePriceGaps(line, poLine, currentLine) < 0;
}

/** Goods received on the PO line, and billed neither before nor by this invoice, cover what the line bills. */
function isReceivedFor(choice: LineChoice, at: number): boolean {
  return choice.line.quantity.sign() > 0 && choice.open.receivedCovers(at, choice.wanted);
}

/**
 * The PO line is the item the invoice line bills: the same SKU when both have one, else the same
 * description at the same price.
 */
function isBilledItem(line: IncomingInvoiceLine, poLine: PoLineLedger): boolean {
  if (line.skuKey !== '' && poLine.skuKey !== '') return line.skuKey === poLine.skuKey;
  return line.source.description === poLine.source.description && line.unitPrice.equals(poLine.unitPrice);
}

function isLinkedBySku(line: IncomingInvoiceLine, poLine: PoLineLedger): boolean {
  return line.skuKey !== '' && poLine.skuKey !== '';
}

/** For two lines linked by description alike: which keeps more of the invoice line's words in order. */
function compareWordOrder(line: IncomingInvoiceLine, a: PoLineLedger, b: PoLineLedger): number {
  if (isLinkedBySku(line, a)) return 0;
  const words = line.descriptionWords();
  return sharedWordPairs(words, a.descriptionWords()) - sharedWordPairs(words, b.descriptionWords());
}

/** 0 for the PO price itself, 1 for a relative gap, 2 for any gap to a PO price of zero (infinitely far). */
function gapRank(gap: Decimal, poPrice: Decimal): number {
  return gap.isZero() ? 0 : poPrice.isZero() ? 2 : 1;
}

/**
 * Orders two PO lines by how far the invoice unit price is from theirs, relative to their price:
 * |p - a| / |a| against |p - b| / |b|, compared exactly by cross-multiplying.
 */
function comparePriceGaps(line: IncomingInvoiceLine, a: PoLineLedger, b: PoLineLedger): number {
  const gapA = line.unitPrice.sub(a.unitPrice).abs();
  const gapB = line.unitPrice.sub(b.unitPrice).abs();
  const rankA = gapRank(gapA, a.unitPrice);
  const rankB = gapRank(gapB, b.unitPrice);
  if (rankA !== rankB || rankA !== 1) return rankA - rankB;
  return gapA.mul(b.unitPrice.abs()).compare(gapB.mul(a.unitPrice.abs()));
}

interface Share {
  /** Position of the PO line in the lines being paired. */
  readonly at: number;
  readonly quantity: Decimal;
}

/**
 * Splits an invoice line over PO lines of the same item (same SKU, or same description and price)
 * that have room: open quantity for a line that bills, invoiced quantity for one that credits (a
 * credit note for an invoice that was spread gives back to each line what it took).
 */
function spill(
  line: IncomingInvoiceLine,
  first: number,
  open: OpenQuantities,
  credits: boolean,
): { shares: Share[]; complete: boolean } {
  const wanted = line.quantity.abs();
  // A line of no quantity (a charge with an amount only, a note line) stays on the chosen line,
  // where its amount is checked against the price, never dropped for want of a share.
  if (wanted.isZero()) return { shares: [{ at: first, quantity: wanted }], complete: true };
  const { shares, rest } = shareOut(first, wanted, open.poLines, (i) => open.at(i, credits));
  return { shares: withRestOnChosen(shares, first, rest), complete: rest.isZero() };
}

/**
 * A line citing no PO line that bills more than its PO line received, spread first over the like
 * lines by what each received and is not yet billed (two deliveries of one item ordered as two lines,
 * each half received, billed as one line), then by what is still open on them. What none has room
 * for stays on the chosen line, so the 3-way check reports just the goods not received. Null (the
 * line is placed on its PO line as `spill` places it) when it has no quantity, when it cites its PO
 * line (the quantity check holds the bill to it), when the PO has no receipt, when its PO line
 * received enough, or when no like line received any of it.
 */
function spreadOverReceipts(
  line: IncomingInvoiceLine,
  first: number,
  open: OpenQuantities,
  wanted: Decimal,
): { shares: Share[]; complete: boolean } | null {
  const poLines = open.poLines;
  const firstLine = poLines[first];
  // Cheapest first: this runs for every billing line. A line of no quantity (a charge) stays whole.
  if (wanted.isZero() || namesLine(line, firstLine) || !firstLine.purchaseOrder.hasReceipts) return null;
  // Its line received enough of what is open on it: over-delivered goods do not make room to bill.
  if (open.receivedRoom(first).min(open.at(first, false)).compare(wanted) >= 0) return null;
  if (!poLines.some((other) => other !== firstLine && isLikeLine(firstLine, other))) return null;
  const received = shareOut(first, wanted, poLines, (i) => open.receivedRoom(i).min(open.at(i, false)));
  const shares = received.shares;
  if (shares.every((share) => share.at === first)) return null;
  // Then what is still open, after what the receipts already put on each line.
  const takenOn = (i: number): Decimal => shares.find((share) => share.at === i)?.quantity ?? Decimal.ZERO;
  const { rest } = shareOut(first, received.rest, poLines, (i) => open.at(i, false).sub(takenOn(i)), shares);
  return { shares: withRestOnChosen(shares, first, rest), complete: rest.isZero() };
}

/**
 * Takes `wanted` from the chosen PO line first, then from the lines of the same item in PO order,
 * each giving at most its `room`, added to `shares`; `rest` is what none had room for.
 */
function shareOut(
  first: number,
  wanted: Decimal,
  poLines: readonly PoLineLedger[],
  room: (at: number) => Decimal,
  shares: Share[] = [],
): { shares: Share[]; rest: Decimal } {
  const firstLine = poLines[first];
  let remaining = wanted;
  for (let step = -1; step < poLines.length && !remaining.isZero(); step += 1) {
    const i = step < 0 ? first : step;
    if (step === first || (i !== first && !isLikeLine(firstLine, poLines[i]))) continue;
    const available = room(i);
    if (available.sign() <= 0) continue;
    const take = available.min(remaining);
    addShare(shares, i, take, 'last');
    remaining = remaining.sub(take);
  }
  return { shares, rest: remaining };
}

/** What no line had room for stays on the chosen line, where the quantity checks report it. */
function withRestOnChosen(shares: Share[], first: number, rest: Decimal): Share[] {
  if (!rest.isZero()) addShare(shares, first, rest, 'first');
  return shares;
}

/** Adds `quantity` to PO line `at`'s share, or gives the line a new share, placed first or last. */
function addShare(shares: Share[], at: number, quantity: Decimal, place: 'first' | 'last'): void {
  const existing = shares.findIndex((share) => share.at === at);
  if (existing >= 0) shares[existing] = { at, quantity: shares[existing].quantity.add(quantity) };
  else if (place === 'first') shares.unshift({ at, quantity });
  else shares.push({ at, quantity });
}

/** Another line of the same item: the same SKU (or, without one, the same description) at the same price. */
function isLikeLine(line: PoLineLedger, other: PoLineLedger): boolean {
  const sameItem =
    line.skuKey !== '' ? other.skuKey === line.skuKey : other.source.description === line.source.description;
  return sameItem && other.unitPrice.equals(line.unitPrice);
}

/**
 * Splits a line's amount over its shares in proportion to their quantities, exactly: each share gets
 * its proportion rounded towards zero, and the minor units left go one each to the shares with the
 * largest remainders (the earlier of equal ones). So the parts add up to the amount and none has the
 * other sign (rounding each share and giving the last what was left could make it negative).
 */
function splitAmount(amountMinor: bigint, shares: readonly Share[], total: Decimal): bigint[] {
  if (shares.length === 1) return [amountMinor];
  let scale = total.scale;
  for (const share of shares) scale = Math.max(scale, share.quantity.scale);
  const denominator = total.unitsAt(scale);
  const sign = amountMinor < 0n ? -1n : 1n;
  const amount = amountMinor * sign;
  const parts: bigint[] = [];
  const remainders: bigint[] = [];
  let assigned = 0n;
  for (const share of shares) {
    const numerator = amount * share.quantity.unitsAt(scale);
    parts.push(numerator / denominator);
    remainders.push(numerator % denominator);
    assigned += parts[parts.length - 1];
  }
  const byRemainder = parts.map((_, i) => i);
  byRemainder.sort((a, b) =>
    remainders[a] === remainders[b] ? a - b : remainders[a] > remainders[b] ? -1 : 1,
  );
  for (let k = 0; assigned < amount && k < byRemainder.length; k += 1) {
    parts[byRemainder[k]] += 1n;
    assigned += 1n;
  }
  return parts.map((part) => part * sign);
}
