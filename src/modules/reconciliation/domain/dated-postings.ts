import type { PurchaseOrderLedger } from './purchase-order-ledger';

/** Postings are grouped in blocks of 32 for the date-window skip. */
const BLOCK_BITS = 5;
export const POSTINGS_BLOCK = 1 << BLOCK_BITS;

/**
 * POs in the order given (a vendor's search order) with their order days beside them, and per block
 * of 32 postings the earliest and latest order day, so that a walk skips whole blocks outside its
 * date window without touching their POs, and stops at the first posting older than the window when
 * they come newest first.
 */
export class DatedPostings {
  readonly orders: PurchaseOrderLedger[] = [];
  readonly days: number[] = [];
  private readonly blockFirstDay: number[] = [];
  private readonly blockLastDay: number[] = [];
  /** Newest first, as a vendor's search order has them: a walk ends at the first posting before its window. */
  private newestFirst = true;

  add(order: PurchaseOrderLedger): void {
    const previous = this.days.length > 0 ? this.days[this.days.length - 1] : order.orderDay;
    if (order.orderDay > previous) this.newestFirst = false;
    this.orders.push(order);
    this.days.push(order.orderDay);
    const block = (this.orders.length - 1) >> BLOCK_BITS;
    if (block === this.blockFirstDay.length) {
      this.blockFirstDay.push(order.orderDay);
      this.blockLastDay.push(order.orderDay);
    } else {
      this.blockFirstDay[block] = Math.min(this.blockFirstDay[block], order.orderDay);
      this.blockLastDay[block] = Math.max(this.blockLastDay[block], order.orderDay);
    }
  }

  /** Whether no posting of the block holding position `at` is dated within [firstDay, lastDay]. */
  blockOutside(at: number, firstDay: number, lastDay: number): boolean {
    const block = at >> BLOCK_BITS;
    return this.blockLastDay[block] < firstDay || this.blockFirstDay[block] > lastDay;
  }

  /** The position, from `from` on, of the next posting dated within [firstDay, lastDay]; the count when none. */
  nextWithin(from: number, firstDay: number, lastDay: number): number {
    const count = this.orders.length;
    for (let at = from; at < count; at += 1) {
      if ((at & (POSTINGS_BLOCK - 1)) === 0 && this.blockOutside(at, firstDay, lastDay)) {
        if (this.newestFirst && this.blockLastDay[at >> BLOCK_BITS] < firstDay) return count;
        at += POSTINGS_BLOCK - 1;
        continue;
      }
      const day = this.days[at];
      if (day >= firstDay && day <= lastDay) return at;
      // Newest first, every posting after one older than the window is older still.
      if (day < firstDay && this.newestFirst) return count;
    }
    return count;
  }
}
