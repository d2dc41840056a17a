import { DatedPostings } from './dated-postings';
import type { IncomingInvoiceLine } from './incoming-invoice';
import type { PurchaseOrderLedger } from './purchase-order-ledger';

/**
 * One vendor's POs in one currency by the words of their line descriptions (months, years and
 * filler words aside), each list in search order: how a search finds the POs that could bill
 * services, which carry no SKU.
 */
export class DescriptionIndex {
  private readonly byWord = new Map<string, DatedPostings>();

  /** `orders` in search order (`rankedOfVendor`), all of one vendor and currency. */
  constructor(orders: readonly PurchaseOrderLedger[]) {
    for (const order of orders)
      for (const line of order.lines)
        for (const word of line.descriptionWords()) {
          let postings = this.byWord.get(word);
          if (!postings) this.byWord.set(word, (postings = new DatedPostings()));
          if (postings.orders[postings.orders.length - 1] !== order) postings.add(order);
        }
  }

  /**
   * The POs dated within [firstDay, lastDay] with a line sharing a word with the description of one
   * invoice line, in search order, for the line whose words are on the fewest POs. A PO whose lines
   * share no word with an invoice line cannot pair that line by description (see
   * `descriptionSimilarity`); when the vendor's POs know none of the invoice's SKUs, no line pairs
   * any other way, so every PO that could take the whole invoice is among these. A line that bills
   * nothing (a note) need not pair, so it is not the one searched by, unless no line bills. Null
   * when no line has a word on any PO.
   */
  search(lines: readonly IncomingInvoiceLine[], firstDay: number, lastDay: number): DescriptionHits | null {
    const billing = lines.filter((line) => line.bills());
    let best: DatedPostings[] | null = null;
    let bestCount = Number.POSITIVE_INFINITY;
    for (const line of billing.length > 0 ? billing : lines) {
      const postings: DatedPostings[] = [];
      let count = 0;
      for (const word of line.descriptionWords()) {
        const found = this.byWord.get(word);
        if (!found) continue;
        postings.push(found);
        count += found.orders.length;
      }
      if (postings.length > 0 && count < bestCount) {
        best = postings;
        bestCount = count;
      }
    }
    return best ? new DescriptionHits(best, firstDay, lastDay) : null;
  }
}

/** The union of a few posting lists within a date window, walked in search order without building it. */
export class DescriptionHits {
  private readonly at: number[];

  constructor(
    private readonly postings: readonly DatedPostings[],
    private readonly firstDay: number,
    private readonly lastDay: number,
  ) {
    this.at = postings.map((list) => list.nextWithin(0, firstDay, lastDay));
  }

  /** The next PO of the union in search order, each once; null after the last. */
  next(): PurchaseOrderLedger | null {
    let next: PurchaseOrderLedger | null = null;
    for (let i = 0; i < this.postings.length; i += 1) {
      const order = this.postings[i].orders[this.at[i]];
      if (order && (!next || order.searchRank < next.searchRank)) next = order;
    }
    if (!next) return null;
    for (let i = 0; i < this.postings.length; i += 1)
      if (this.postings[i].orders[this.at[i]] === next)
        this.at[i] = this.postings[i].nextWithin(this.at[i] + 1, this.firstDay, this.lastDay);
    return next;
  }
}
