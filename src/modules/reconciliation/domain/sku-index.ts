import { DatedPostings } from './dated-postings';
import type { PurchaseOrderLedger } from './purchase-order-ledger';

/**
 * One vendor's POs in one currency with a line for one SKU, in search order, with what the search
 * checks kept beside them (order day, SKU signature), so that it rarely touches a PO it rejects,
 * and whole blocks outside the date window are skipped.
 */
export class SkuPostings extends DatedPostings {
  readonly signatures: number[] = [];

  constructor(
    /** One of 32 bits standing for the SKU in PO signatures (exact when the vendor has at most 32 SKUs in the currency). */
    readonly bit: number,
  ) {
    super();
  }

  override add(order: PurchaseOrderLedger): void {
    super.add(order);
    this.signatures.push(0);
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

  /** `orders` in search order (`rankedOfVendor`), all of one vendor and currency. */
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
  for (let at = postings.nextWithin(from, firstDay, lastDay); at < count;) {
    if ((postings.signatures[at] & signature) === signature) {
      if (search.exact || hasAllSkus(postings.orders[at], search.skuKeys)) return at;
    }
    at = postings.nextWithin(at + 1, firstDay, lastDay);
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
