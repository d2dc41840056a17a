import { Decimal, divideRounded } from './decimal';
import { descriptionSimilarity } from './description-similarity';
import type { IncomingInvoice, IncomingInvoiceLine } from './incoming-invoice';
import type { PoLineLedger } from './po-line-ledger';
import type { PurchaseOrderLedger } from './purchase-order-ledger';

export type LinkedBy = 'po_line_number' | 'sku' | 'description';

/** A share of an invoice line billed against one PO line. */
export interface LineAllocation {
  readonly invoiceLine: IncomingInvoiceLine;
  readonly poLine: PoLineLedger;
  readonly quantity: Decimal;
  readonly amountMinor: bigint;
  readonly linkedBy: LinkedBy;
  readonly similarity: number;
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

interface Link {
  readonly quality: number;
  readonly linkedBy: LinkedBy;
}

const SAME_SKU_AND_LINE: Link = { quality: 1, linkedBy: 'po_line_number' };
const SAME_SKU: Link = { quality: 1, linkedBy: 'sku' };

/** How strongly an invoice line names a PO line: PO line number, then SKU, then description. */
function link(line: IncomingInvoiceLine, poLine: PoLineLedger): Link | null {
  const lineNumberAgrees = line.poLineKey !== '' && line.poLineKey === poLine.lineKey;
  if (line.skuKey !== '' && poLine.skuKey !== '') {
    if (line.skuKey === poLine.skuKey) return lineNumberAgrees ? SAME_SKU_AND_LINE : SAME_SKU;
    return null;
  }
  const similarity = descriptionSimilarity(line.descriptionWords(), poLine.descriptionWords());
  if (lineNumberAgrees) return { quality: 0.6 + 0.4 * similarity, linkedBy: 'po_line_number' };
  return similarity >= ACCEPTED_QUALITY ? { quality: similarity, linkedBy: 'description' } : null;
}

/**
 * A ranking weight for the unit price: 1 within 1% of the PO price, 0.8 within 10%, 0.5 beyond.
 * The bands are decided exactly (|invoice - PO| × 100 against |PO|), never on a float ratio.
 */
function priceAgreement(line: IncomingInvoiceLine, poLine: PoLineLedger): number {
  if (line.unitPrice.isWithinFractionOf(poLine.unitPrice, 100)) return 1;
  return line.unitPrice.isWithinFractionOf(poLine.unitPrice, 10) ? 0.8 : 0.5;
}

/** What is still open on each PO line while one invoice is paired, parallel to the PO lines. */
class OpenQuantities {
  // Quantity taken by earlier lines of this invoice (invoices have few lines).
  private readonly pending: Array<Decimal | undefined>;

  constructor(
    private readonly invoice: IncomingInvoice,
    readonly poLines: readonly PoLineLedger[],
  ) {
    this.pending = new Array(poLines.length);
  }

  at(i: number): Decimal {
    const poLine = this.poLines[i];
    const base = this.invoice.sign > 0 ? poLine.openQuantity() : poLine.invoiced;
    const taken = this.pending[i];
    return taken ? base.sub(taken) : base;
  }

  take(i: number, quantity: Decimal): void {
    this.pending[i] = (this.pending[i] ?? Decimal.ZERO).add(quantity);
  }
}

/**
 * Pairs invoice lines with PO lines. Several invoice lines may bill one PO line; an invoice line
 * that exceeds what is open on its PO line spills onto other open lines of the same item.
 */
export function pairLines(
  invoice: IncomingInvoice,
  lines: readonly IncomingInvoiceLine[],
  poLines: readonly PoLineLedger[],
): LinePairing {
  const open = new OpenQuantities(invoice, poLines);
  const allocations: LineAllocation[] = [];
  const unmatched: IncomingInvoiceLine[] = [];
  const orders: PurchaseOrderLedger[] = [];
  let weighted = 0;
  let weights = 0;

  for (const line of lines) {
    const weight = Math.abs(Number(line.amountMinor)) + 1;
    weights += weight;
    const wanted = line.quantity.abs();
    let best = -1;
    let bestLink: Link | null = null;
    let bestFits = false;
    for (let i = 0; i < poLines.length; i += 1) {
      const candidate = link(line, poLines[i]);
      if (!candidate) continue;
      const fits = open.at(i).compare(wanted) >= 0;
      if (!bestLink || isBetter(candidate, fits, poLines[i], bestLink, bestFits, poLines[best], line)) {
        best = i;
        bestLink = candidate;
        bestFits = fits;
      }
    }
    if (!bestLink) {
      unmatched.push(line);
      continue;
    }
    const shares = invoice.sign > 0 && !bestFits ? spill(line, best, open) : [{ at: best, quantity: wanted }];
    const amounts = splitAmount(line.amountMinor, shares, wanted);
    for (let i = 0; i < shares.length; i += 1) {
      const share = shares[i];
      const poLine = poLines[share.at];
      open.take(share.at, share.quantity);
      allocations.push({
        invoiceLine: line,
        poLine,
        quantity: line.quantity.sign() < 0 ? share.quantity.neg() : share.quantity,
        amountMinor: amounts[i],
        linkedBy: bestLink.linkedBy,
        similarity: bestLink.quality,
      });
      if (!orders.includes(poLine.purchaseOrder)) orders.push(poLine.purchaseOrder);
    }
    const fitsAfterSpill = shares.length > 1 || bestFits;
    weighted += weight * bestLink.quality * (fitsAfterSpill ? 1 : 0.5) * priceAgreement(line, poLines[best]);
  }
  return { allocations, unmatched, fit: weights === 0 ? 0 : weighted / weights, orders };
}

function isBetter(
  candidate: Link,
  fits: boolean,
  poLine: PoLineLedger,
  current: Link,
  currentFits: boolean,
  currentLine: PoLineLedger,
  line: IncomingInvoiceLine,
): boolean {
  if (Math.abs(candidate.quality - current.quality) > 1e-9) return candidate.quality > current.quality;
  const named = line.poLineKey !== '' && poLine.lineKey === line.poLineKey;
  const currentNamed = line.poLineKey !== '' && currentLine.lineKey === line.poLineKey;
  if (named !== currentNamed) return named;
  if (fits !== currentFits) return fits;
  return comparePriceGaps(line, poLine, currentLine) < 0;
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

/** Splits an invoice line over open PO lines of the same item (same SKU, or same description and price). */
function spill(line: IncomingInvoiceLine, first: number, open: OpenQuantities): Share[] {
  const poLines = open.poLines;
  const firstLine = poLines[first];
  let remaining = line.quantity.abs();
  const shares: Share[] = [];
  for (let i = 0; i < poLines.length; i += 1) {
    const other = poLines[i];
    const sameItem =
      i === first ||
      ((firstLine.skuKey !== ''
        ? other.skuKey === firstLine.skuKey
        : other.source.description === firstLine.source.description) &&
        other.unitPrice.equals(firstLine.unitPrice));
    if (!sameItem) continue;
    const available = open.at(i);
    if (available.sign() <= 0 || remaining.isZero()) continue;
    const take = available.min(remaining);
    shares.push({ at: i, quantity: take });
    remaining = remaining.sub(take);
  }
  if (shares.length === 0) return [{ at: first, quantity: line.quantity.abs() }];
  if (!remaining.isZero()) {
    const last = shares[shares.length - 1];
    shares[shares.length - 1] = { at: last.at, quantity: last.quantity.add(remaining) };
  }
  return shares;
}

function splitAmount(amountMinor: bigint, shares: readonly Share[], total: Decimal): bigint[] {
  if (shares.length === 1) return [amountMinor];
  let scale = total.scale;
  for (const share of shares) scale = Math.max(scale, share.quantity.scale);
  const denominator = total.unitsAt(scale);
  const parts: bigint[] = [];
  let assigned = 0n;
  shares.forEach((share, i) => {
    const part =
      i === shares.length - 1
        ? amountMinor - assigned
        : divideRounded(amountMinor * share.quantity.unitsAt(scale), denominator, 'half-even');
    parts.push(part);
    assigned += part;
  });
  return parts;
}
