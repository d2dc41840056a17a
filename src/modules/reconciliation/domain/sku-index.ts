import type { PurchaseOrderLedger } from './purchase-order-ledger';

/** Postings are grouped in blocks of 32 for the date-window skip. */
const BLOCK_BITS = 5;
const BLOCK = 1 << BLOCK_BITS;

/**
 * One vendor's POs in one currency with a line for one SKU, in input order, with what the search
 * checks kept beside them (order day, SKU signature), so that it rarely touches a PO it rejects;
 * and per block of 32 postings the earliest and latest order day, so that it skips whole blocks
 * outside the date window.
 */
export class SkuPostings {
  readonly orders: PurchaseOrderLedger[] = [];
  readonly days: number[] = [];
  readonly signatures: number[] = [];
  private readonly blockFirstDay: number[] = [];
  private readonly blockLastDay: number[] = [];

  constructor(
    /** One of 32 bits standing for the SKU in PO signatures (exact when the vendor has at most 32 SKUs in the currency). */
    readonly bit: number,
  ) {}

  add(order: PurchaseOrderLedger): void {
    this.orders.push(order);
    this.days.push(order.orderDay);
    this.signatures.push(0);
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
}

/** The POs to check for a set of SKUs: the postings of the rarest one, and what all of them must match. */
export interface SkuSearch {
  readonly postings: SkuPostings;
  readonly skuKeys: readonly string[];
  readonly signature: number;
  /** The vendor has at most 32 SKUs in the currency: every SKU has its own bit, the signature decides. */
  readonly exact: boolean;
}

/** One vendor's SKU postings in one currency. */
export class SkuIndex {
  private readonly postings = new Map<string, SkuPostings>();

  /** `orders` in input order, all of one vendor and currency. */
  constructor(orders: readonly PurchaseOrderLedger[]) {
    for (const order of orders) {
      let signature = 0;
      const touched: SkuPostings[] = [];
      for (const line of order.lines) {
        if (!line.skuKey) continue;
        let postings = this.postings.get(line.skuKey);
        if (!postings) {
          postings = new SkuPostings(1 << (this.postings.size % 32));
          this.postings.set(line.skuKey, postings);
        }
        if (postings.orders[postings.orders.length - 1] !== order) {
          postings.add(order);
          touched.push(postings);
        }
        signature |= postings.bit;
      }
      for (const postings of touched) postings.signatures[postings.signatures.length - 1] = signature;
    }
  }

  /**
   * The search for POs with all of these SKUs that are on any PO, or null when none is. A SKU on no PO
   * (freight, a surcharge, an item nobody ordered) rules no PO out: the pairing reports it.
   */
  search(skuKeys: readonly string[]): SkuSearch | null {
    let rarest: SkuPostings | undefined;
    let signature = 0;
    let known: string[] | null = null;
    for (let i = 0; i < skuKeys.length; i += 1) {
      const postings = this.postings.get(skuKeys[i]);
      if (!postings) {
        known ??= skuKeys.slice(0, i);
        continue;
      }
      known?.push(skuKeys[i]);
      signature |= postings.bit;
      if (!rarest || postings.orders.length < rarest.orders.length) rarest = postings;
    }
    if (!rarest) return null;
    return { postings: rarest, skuKeys: known ?? skuKeys, signature, exact: this.postings.size <= 32 };
  }
}

/**
 * The position, from `from` on, of the next PO of the search that has every SKU and is dated within
 * [firstDay, lastDay]; the number of postings when there is none. Blocks of postings dated entirely
 * outside the window are skipped without looking at their POs.
 */
export function nextSkuHit(search: SkuSearch, from: number, firstDay: number, lastDay: number): number {
  const { postings, signature } = search;
  const count = postings.orders.length;
  for (let at = from; at < count; at += 1) {
    if ((at & (BLOCK - 1)) === 0 && postings.blockOutside(at, firstDay, lastDay)) {
      at += BLOCK - 1;
      continue;
    }
    const day = postings.days[at];
    if (day < firstDay || day > lastDay || (postings.signatures[at] & signature) !== signature) continue;
    if (search.exact || hasAllSkus(postings.orders[at], search.skuKeys)) return at;
  }
  return count;
}

function hasAllSkus(order: PurchaseOrderLedger, skuKeys: readonly string[]): boolean {
  for (const sku of skuKeys) {
    let found = false;
    for (const line of order.lines) {
      if (line.skuKey === sku) {
        found = true;
        break;
      }
    }
    if (!found) return false;
  }
  return true;
}
