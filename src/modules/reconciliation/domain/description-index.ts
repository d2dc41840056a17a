import type { IncomingInvoiceLine } from './incoming-invoice';
import type { PurchaseOrderLedger } from './purchase-order-ledger';

/**
 * One vendor's POs in one currency by the words of their line descriptions (months, years and
 * filler words aside), each list in input order: how a search finds the POs that could bill
 * services, which carry no SKU.
 */
export class DescriptionIndex {
  private readonly byWord = new Map<string, PurchaseOrderLedger[]>();

  /** `orders` in input order, all of one vendor and currency. */
  constructor(orders: readonly PurchaseOrderLedger[]) {
    for (const order of orders)
      for (const line of order.lines)
        for (const word of line.descriptionWords()) {
          const list = this.byWord.get(word);
          if (!list) this.byWord.set(word, [order]);
          else if (list[list.length - 1] !== order) list.push(order);
        }
  }

  /**
   * The POs with a line sharing a word with the description of one invoice line, in input order,
   * for the line whose words are on the fewest POs. A PO whose lines share no word with an invoice
   * line cannot pair that line by description (see `descriptionSimilarity`), so it cannot take the
   * whole invoice; every PO that could is among these. Null when no line has a word on any PO.
   */
  search(lines: readonly IncomingInvoiceLine[]): DescriptionHits | null {
    let best: PurchaseOrderLedger[][] | null = null;
    let bestCount = Number.POSITIVE_INFINITY;
    for (const line of lines) {
      const postings: PurchaseOrderLedger[][] = [];
      let count = 0;
      for (const word of line.descriptionWords()) {
        const list = this.byWord.get(word);
        if (!list) continue;
        postings.push(list);
        count += list.length;
      }
      if (postings.length > 0 && count < bestCount) {
        best = postings;
        bestCount = count;
      }
    }
    return best ? new DescriptionHits(best) : null;
  }
}

/** The union of a few posting lists, walked in input order without building it. */
export class DescriptionHits {
  private readonly at: number[];

  constructor(private readonly postings: readonly PurchaseOrderLedger[][]) {
    this.at = postings.map(() => 0);
  }

  /** The next PO of the union in input order, each once; null after the last. */
  next(): PurchaseOrderLedger | null {
    let next: PurchaseOrderLedger | null = null;
    for (let i = 0; i < this.postings.length; i += 1) {
      const order = this.postings[i][this.at[i]];
      if (order && (!next || order.index < next.index)) next = order;
    }
    if (!next) return null;
    for (let i = 0; i < this.postings.length; i += 1)
      if (this.postings[i][this.at[i]] === next) this.at[i] += 1;
    return next;
  }
}
