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

/** How strongly an invoice line names a PO line: PO line number, then SKU, then description. */
function link(line: IncomingInvoiceLine, poLine: PoLineLedger): Link | null {
  const lineNumberAgrees = line.poLineKey !== '' && line.poLineKey === poLine.lineKey;
  if (line.skuKey !== '' && poLine.skuKey !== '') {
    if (line.skuKey === poLine.skuKey)
      return { quality: 1, linkedBy: lineNumberAgrees ? 'po_line_number' : 'sku' };
    return null;
  }
  const similarity = descriptionSimilarity(line.descriptionWords(), poLine.descriptionWords());
  if (lineNumberAgrees) return { quality: 0.6 + 0.4 * similarity, linkedBy: 'po_line_number' };
  return similarity >= ACCEPTED_QUALITY ? { quality: similarity, linkedBy: 'description' } : null;
}

function priceAgreement(line: IncomingInvoiceLine, poLine: PoLineLedger): number {
  const ratio = line.unitPrice.ratioTo(poLine.unitPrice);
  const gap = Math.abs(ratio - 1);
  return gap <= 0.01 ? 1 : gap <= 0.1 ? 0.8 : 0.5;
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
  // Quantity taken by earlier lines of this invoice, parallel to `poLines` (invoices have few lines).
  const pending: Array<Decimal | undefined> = new Array(poLines.length);
  const open = (poLine: PoLineLedger): Decimal => {
    const base = invoice.sign > 0 ? poLine.openQuantity() : poLine.invoiced;
    const taken = pending[poLines.indexOf(poLine)];
    return taken ? base.sub(taken) : base;
  };
  const allocations: LineAllocation[] = [];
  const unmatched: IncomingInvoiceLine[] = [];
  const orders: PurchaseOrderLedger[] = [];
  let weighted = 0;
  let weights = 0;

  for (const line of lines) {
    const weight = Math.abs(Number(line.amountMinor)) + 1;
    weights += weight;
    const wanted = line.quantity.abs();
    let best: PoLineLedger | null = null;
    let bestLink: Link | null = null;
    let bestFits = false;
    for (const poLine of poLines) {
      const candidate = link(line, poLine);
      if (!candidate) continue;
      const fits = open(poLine).compare(wanted) >= 0;
      if (!best || !bestLink || isBetter(candidate, fits, poLine, bestLink, bestFits, best, line)) {
        best = poLine;
        bestLink = candidate;
        bestFits = fits;
      }
    }
    if (!best || !bestLink) {
      unmatched.push(line);
      continue;
    }
    const shares =
      invoice.sign > 0 && !bestFits ? spill(line, best, poLines, open) : [{ poLine: best, quantity: wanted }];
    const amounts = splitAmount(
      line.amountMinor,
      shares.map((share) => share.quantity),
      wanted,
    );
    shares.forEach((share, i) => {
      const at = poLines.indexOf(share.poLine);
      pending[at] = (pending[at] ?? Decimal.ZERO).add(share.quantity);
      const quantity = line.quantity.sign() < 0 ? share.quantity.neg() : share.quantity;
      allocations.push({
        invoiceLine: line,
        poLine: share.poLine,
        quantity,
        amountMinor: amounts[i],
        linkedBy: bestLink.linkedBy,
        similarity: bestLink.quality,
      });
      if (!orders.includes(share.poLine.purchaseOrder)) orders.push(share.poLine.purchaseOrder);
    });
    const fitsAfterSpill = shares.length > 1 || bestFits;
    weighted += weight * bestLink.quality * (fitsAfterSpill ? 1 : 0.5) * priceAgreement(line, best);
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
  const gap = priceGap(line, poLine);
  const currentGap = priceGap(line, currentLine);
  if (gap !== currentGap) return gap < currentGap;
  return false;
}

function priceGap(line: IncomingInvoiceLine, poLine: PoLineLedger): number {
  return Math.abs(line.unitPrice.ratioTo(poLine.unitPrice) - 1);
}

interface Share {
  readonly poLine: PoLineLedger;
  readonly quantity: Decimal;
}

/** Splits an invoice line over open PO lines of the same item (same SKU, or same description and price). */
function spill(
  line: IncomingInvoiceLine,
  first: PoLineLedger,
  poLines: readonly PoLineLedger[],
  open: (poLine: PoLineLedger) => Decimal,
): Share[] {
  const sameItem = poLines.filter(
    (other) =>
      other === first ||
      ((first.skuKey !== ''
        ? other.skuKey === first.skuKey
        : other.source.description === first.source.description) &&
        other.unitPrice.equals(first.unitPrice)),
  );
  let remaining = line.quantity.abs();
  const shares: Share[] = [];
  for (const poLine of sameItem) {
    const available = open(poLine);
    if (available.sign() <= 0 || remaining.isZero()) continue;
    const take = available.min(remaining);
    shares.push({ poLine, quantity: take });
    remaining = remaining.sub(take);
  }
  if (shares.length === 0) return [{ poLine: first, quantity: line.quantity.abs() }];
  if (!remaining.isZero()) {
    const last = shares[shares.length - 1];
    shares[shares.length - 1] = { poLine: last.poLine, quantity: last.quantity.add(remaining) };
  }
  return shares;
}

function splitAmount(amountMinor: bigint, quantities: readonly Decimal[], total: Decimal): bigint[] {
  if (quantities.length === 1) return [amountMinor];
  const scale = Math.max(total.scale, ...quantities.map((quantity) => quantity.scale));
  const denominator = total.unitsAt(scale);
  const parts: bigint[] = [];
  let assigned = 0n;
  quantities.forEach((quantity, i) => {
    const part =
      i === quantities.length - 1
        ? amountMinor - assigned
        : divideRounded(amountMinor * quantity.unitsAt(scale), denominator, 'half-even');
    parts.push(part);
    assigned += part;
  });
  return parts;
}
