import { CalendarDate } from './calendar-date';
import type { GoodsReceipt } from './goods-receipt';
import type { IncomingInvoiceLine } from './incoming-invoice';
import type { PoLineConsumption } from './po-line-consumption';
import type { PoLineLedger } from './po-line-ledger';
import type { PurchaseOrder } from './purchase-order';
import { comparePurchaseOrders, PurchaseOrderLedger } from './purchase-order-ledger';
import { ReferenceNormalizer } from './reference-normalizer';
import {
  forEachNumericTypo,
  isOneTypoAway,
  numericReference,
  typoAlphabet,
  typoVariantCount,
} from './reference-typos';
import { DescriptionIndex, type DescriptionHits } from './description-index';
import { SkuIndex, type SkuSearch } from './sku-index';
import type { VendorDirectory } from './vendor-directory';
import type { VendorIdentity } from './vendor-identity';
import { normalizeTaxId, normalizeVendorName } from './vendor-name';
import type { InputProblem } from './invalid-reconciliation-input.error';
import { BilledOrders, OrdersByOpenAmount } from './orders-by-open-amount';

/**
 * The POs filed under one reference: nearly always one, kept as itself (an array of one is two more
 * objects per PO for the garbage collector to copy while the run goes on), an array from the second.
 */
type Filed = PurchaseOrderLedger | PurchaseOrderLedger[];

interface VendorReferences {
  readonly text: Map<string, Filed>;
  readonly numeric: Map<number, Filed>;
}

const EMPTY: readonly PurchaseOrderLedger[] = [];

/**
 * The input check as the book reads the purchase orders (see InputCheck): each PO is checked just
 * before it is filed, while it is in the CPU cache, rather than in a pass of its own.
 */
export interface PurchaseOrderAdmission {
  /**
   * Whether purchase order `index` is well-formed, to be filed; the problems of one that is not are
   * kept for `allAdmitted`, so that filing the others still finds POs and line numbers given twice.
   */
  admit(index: number): boolean;
  /**
   * A problem found while filing an admitted purchase order (a PO given twice, a line number twice),
   * reported in input order; `allAdmitted` then throws.
   */
  refuse(problem: InputProblem): void;
  /** After the last purchase order, before the receipts are read: throws when the input has a problem. */
  allAdmitted(): void;
}

/**
 * All purchase orders of a run with the indexes the engine searches: by normalized reference, by
 * vendor, and (built on first use, per vendor) by reference typos, by SKU and by currency and open amount.
 */
export class PurchaseOrderBook {
  readonly orders: PurchaseOrderLedger[];
  private readonly byReference = new Map<string, Filed>();
  /** The same index for references made only of digits, by their value (typo variants are computed as numbers). */
  private readonly byNumericReference = new Map<number, Filed>();
  private readonly byVendor = new Map<string, PurchaseOrderLedger[]>();
  /** By vendor key, its POs in search order (`rankedOfVendor`), ranked on first use. */
  private readonly rankedByVendor = new Map<string, PurchaseOrderLedger[]>();
  /** One vendor's POs by reference, for the typo search (built per vendor on first use). */
  private readonly vendorReferences = new Map<string, VendorReferences>();
  /** By vendor key, then currency code. */
  private readonly bySku = new Map<string, Map<string, SkuIndex>>();
  /** By vendor key, then currency code. */
  private readonly byDescription = new Map<string, Map<string, DescriptionIndex>>();
  /**
   * By vendor and currency, the POs in order of the open amount they had when the run started (after
   * what earlier runs consumed). What the run bills does not move a PO in it: the POs the run billed
   * are kept by what is open on them now instead (`billed`), so a search finds a PO by what is open on
   * it now, as a later run, given this run's consumption, would.
   */
  private readonly byAmount = new Map<string, OrdersByOpenAmount>();
  private readonly billed = new Map<string, BilledOrders>();

  constructor(
    purchaseOrders: readonly PurchaseOrder[],
    receipts: readonly GoodsReceipt[],
    consumed: readonly PoLineConsumption[],
    private readonly vendors: VendorDirectory,
    admission: PurchaseOrderAdmission,
  ) {
    // Vendors with a tax id first: which of them a PO naming only a name belongs to (one of that
    // name, or none when two share it) must not depend on the order of the POs. This pass reads only
    // the vendors (a malformed one is left to the check); each PO is checked as it is filed, while
    // the second pass has it in the CPU cache. Indexed loops: a gap in the list is checked too.
    for (const po of purchaseOrders) if (hasTaxIdToRegister(po)) vendors.register(po.vendor);
    this.orders = [];
    for (let index = 0; index < purchaseOrders.length; index += 1) {
      if (!admission.admit(index)) continue;
      const po = purchaseOrders[index];
      this.orders.push(this.file(po, index, vendors.register(po.vendor), admission));
    }
    // What an earlier run consumed must land on one PO (and one line), and a run hands consumption
    // back per line: a repeated PO or line number is refused with the rest of the input's problems.
    admission.allAdmitted();
    for (const entry of consumed) this.carry(entry);
    for (const order of this.orders) order.openAmountAtStart = order.openAmountMinor();
    for (const receipt of receipts) this.recordReceipt(receipt);
  }

  /** Indexes one PO; a PO given twice or a line number twice is refused to `admission`. */
  private file(
    po: PurchaseOrder,
    index: number,
    vendorKey: string,
    admission: PurchaseOrderAdmission,
  ): PurchaseOrderLedger {
    const ledger = new PurchaseOrderLedger(index, po, vendorKey);
    const numeric = numericReference(ledger.referenceKey);
    const sameNumber =
      numeric !== null
        ? fileUnder(this.byNumericReference, numeric, ledger)
        : fileUnder(this.byReference, ledger.referenceKey, ledger);
    const earlier = sameNumber?.find((other) => other !== ledger && isSamePurchaseOrder(other, ledger));
    if (earlier)
      admission.refuse({
        path: `purchaseOrders[${index}].poNumber`,
        message: `repeats purchaseOrders[${earlier.index}]: the same vendor, number and order date are one purchase order`,
      });
    checkLineNumbers(ledger, admission);
    push(this.byVendor, vendorKey, ledger);
    return ledger;
  }

  withReference(referenceKey: string): readonly PurchaseOrderLedger[] {
    // A fresh all-digit string is slow to hash (V8 parses it as an integer index); its value is not.
    const numeric = numericReference(referenceKey);
    return asList(
      numeric !== null ? this.byNumericReference.get(numeric) : this.byReference.get(referenceKey),
    );
  }

  ofVendor(vendorKey: string): readonly PurchaseOrderLedger[] {
    return this.byVendor.get(vendorKey) ?? EMPTY;
  }

  /**
   * The vendor's POs in search order (`inSearchOrder`), each given its `searchRank`, sorted on first
   * use: searches walk a vendor's POs in this order and stop at a limit, so which POs a search
   * compares never depends on the order of the input.
   */
  rankedOfVendor(vendorKey: string): readonly PurchaseOrderLedger[] {
    let ranked = this.rankedByVendor.get(vendorKey);
    if (!ranked) {
      ranked = [...this.ofVendor(vendorKey)].sort(inSearchOrder);
      for (let rank = 0; rank < ranked.length; rank += 1) ranked[rank].searchRank = rank;
      this.rankedByVendor.set(vendorKey, ranked);
    }
    return ranked;
  }

  /**
   * The vendor's POs whose reference is one typo away (a wrong, missing, extra or swapped
   * character): every such variant of the cited reference is looked up in the
   * vendor's own reference index (built on first use), or, for a vendor with fewer POs than
   * variants, each of its references is checked. Other vendors' POs are never visited. In search
   * order (`rankedOfVendor`).
   */
  withSimilarReference(vendorKey: string, referenceKey: string): PurchaseOrderLedger[] {
    const alphabet = typoAlphabet(referenceKey);
    const orders = this.rankedOfVendor(vendorKey);
    if (orders.length <= typoVariantCount(referenceKey, alphabet))
      return orders.filter((order) => isOneTypoAway(referenceKey, order.referenceKey, alphabet));
    const own = this.referencesOf(vendorKey);
    const found: PurchaseOrderLedger[] = [];
    const collect = (filed: Filed | undefined): void => {
      if (filed === undefined) return;
      for (const order of asList(filed)) if (!found.includes(order)) found.push(order);
    };
    const numericKey = numericReference(referenceKey);
    const numeric = forEachNumericTypo(referenceKey, (variant) => {
      if (variant !== numericKey) collect(own.numeric.get(variant));
    });
    if (numeric) return found.sort(bySearchRank);
    const visit = (variant: string): void => {
      if (variant !== referenceKey) collect(own.text.get(variant));
    };
    for (let i = 0; i <= referenceKey.length; i += 1) {
      const head = referenceKey.slice(0, i);
      const tail = referenceKey.slice(i);
      if (i < referenceKey.length) {
        visit(head + tail.slice(1));
        if (i + 1 < referenceKey.length) visit(head + tail[1] + tail[0] + tail.slice(2));
        for (const character of alphabet) visit(head + character + tail.slice(1));
      }
      for (const character of alphabet) visit(head + character + tail);
    }
    return found.sort(bySearchRank);
  }

  private referencesOf(vendorKey: string): VendorReferences {
    let references = this.vendorReferences.get(vendorKey);
    if (!references) {
      references = { text: new Map(), numeric: new Map() };
      for (const order of this.rankedOfVendor(vendorKey)) {
        const numeric = numericReference(order.referenceKey);
        if (numeric !== null) fileUnder(references.numeric, numeric, order);
        fileUnder(references.text, order.referenceKey, order);
      }
      this.vendorReferences.set(vendorKey, references);
    }
    return references;
  }

  /**
   * The search for the vendor's POs in a currency with a line for every one of these SKUs (walk it
   * with `nextSkuHit`), or null when one of them is on none. Indexed per vendor and currency on first use.
   */
  skuSearch(vendorKey: string, currency: string, skuKeys: readonly string[]): SkuSearch | null {
    const index = this.vendorIndex(this.bySku, vendorKey, currency, (orders) => new SkuIndex(orders));
    return index.search(skuKeys);
  }

  /**
   * The vendor's POs in a currency, dated within `days`, with a line sharing a word with an invoice
   * line's description (see DescriptionIndex.search), or null when none is. Indexed per vendor and
   * currency on first use.
   */
  descriptionSearch(
    vendorKey: string,
    currency: string,
    lines: readonly IncomingInvoiceLine[],
    days: { readonly first: number; readonly last: number },
  ): DescriptionHits | null {
    const index = this.vendorIndex(
      this.byDescription,
      vendorKey,
      currency,
      (orders) => new DescriptionIndex(orders),
    );
    return index.search(lines, days.first, days.last);
  }

  /** One vendor's index of its POs in one currency, from `indexes`, built by `build` on first use. */
  private vendorIndex<T>(
    indexes: Map<string, Map<string, T>>,
    vendorKey: string,
    currency: string,
    build: (orders: readonly PurchaseOrderLedger[]) => T,
  ): T {
    let byCurrency = indexes.get(vendorKey);
    if (!byCurrency) indexes.set(vendorKey, (byCurrency = new Map()));
    let index = byCurrency.get(currency);
    if (index === undefined) {
      index = build(this.rankedOfVendor(vendorKey).filter((order) => order.currency.code === currency));
      byCurrency.set(currency, index);
    }
    return index;
  }

  /**
   * The vendor's POs in a currency whose open amount now lies within [low, high]; a PO with nothing
   * open is found by no amount.
   */
  withOpenAmountBetween(
    vendorKey: string,
    currency: string,
    low: bigint,
    high: bigint,
  ): PurchaseOrderLedger[] {
    const key = amountKey(vendorKey, currency);
    const result: PurchaseOrderLedger[] = [];
    const least = low > 1n ? low : 1n;
    this.amountIndex(key, vendorKey, currency).collectBetween(least, high, result);
    this.billed.get(key)?.collectBetween(least, high, result);
    return result.sort(bySearchRank);
  }

  /**
   * Notes a PO an automatic match billed (once per match, after all its lines are recorded): from then
   * on, searches by amount find it by what is open on it now.
   */
  noteBilled(order: PurchaseOrderLedger): void {
    const key = amountKey(order.vendorKey, order.currency.code);
    let billed = this.billed.get(key);
    if (!billed) this.billed.set(key, (billed = new BilledOrders()));
    billed.note(order);
  }

  /**
   * The tax id the PO's vendor is known by: its own (registering a PO with a tax id gives its vendor
   * that tax id), or one the vendor master or the vendor's other POs give it.
   */
  vendorTaxIdKey(order: PurchaseOrderLedger): string | null {
    return this.vendors.taxIdKeyOf(order.vendorKey);
  }

  private amountIndex(key: string, vendorKey: string, currency: string): OrdersByOpenAmount {
    let index = this.byAmount.get(key);
    if (!index) {
      index = OrdersByOpenAmount.atStart(
        this.rankedOfVendor(vendorKey).filter((order) => order.currency.code === currency),
      );
      this.byAmount.set(key, index);
    }
    return index;
  }

  /** Cumulative invoiced quantity and amount per PO line, for every line that has any, in PO and line order. */
  consumption(): PoLineConsumption[] {
    const result: PoLineConsumption[] = [];
    for (const order of this.orders) {
      for (const line of order.lines) {
        if (!line.invoiced.isZero()) {
          result.push({
            vendor: order.source.vendor,
            poNumber: order.poNumber,
            orderDate: order.source.orderDate,
            lineNumber: line.source.lineNumber,
            invoicedQuantity: line.invoiced,
            invoicedValue: line.billed,
          });
        }
      }
    }
    return result;
  }

  /**
   * Quantity invoiced in earlier runs, and what it was billed at, on the PO of the same vendor,
   * number and order date. An entry for a PO that is not in this run's input has nothing to carry
   * onto, and is left out.
   */
  private carry(entry: PoLineConsumption): void {
    const order = this.withReference(ReferenceNormalizer.poNumber(entry.poNumber)).find(
      (candidate) =>
        candidate.source.orderDate === entry.orderDate && isSameIssuer(candidate.source.vendor, entry.vendor),
    );
    const line = order?.lineByKey(ReferenceNormalizer.poLineNumber(entry.lineNumber));
    line?.carryInvoiced(entry.invoicedQuantity, entry.invoicedValue);
  }

  private recordReceipt(receipt: GoodsReceipt): void {
    const order = this.receivingOrder(receipt);
    if (!order) return;
    order.hasReceipts = true;
    for (const received of receipt.lines) {
      // A SKU no line of the PO has (the supplier's own code, say) contradicts nothing: the line number counts.
      const line =
        this.receivedLine(order, received) ??
        order.lineByKey(ReferenceNormalizer.poLineNumber(received.lineNumber));
      if (line) line.received = line.received.add(received.quantityReceived);
    }
  }

  /**
   * The PO a receipt is for. A receipt names only a PO number; when several POs have it (two vendors,
   * or one vendor years apart), those ordered after the goods arrived, and those without a line for
   * each line received (by line number or SKU), are ruled out. Several left: the receipt counts for
   * none of them (a guess could pass an invoice for goods that never came), and the POs say so.
   */
  private receivingOrder(receipt: GoodsReceipt): PurchaseOrderLedger | null {
    const orders = this.withReference(ReferenceNormalizer.poNumber(receipt.poNumber));
    if (orders.length <= 1) return orders[0] ?? null;
    const day = CalendarDate.toDayNumber(receipt.receiptDate);
    const fitting = orders.filter(
      (order) =>
        order.orderDay <= day && receipt.lines.every((line) => this.hasLineReceived(order, line, orders)),
    );
    if (fitting.length === 1) return fitting[0];
    for (const order of orders) order.receiptUndecided = true;
    return null;
  }

  /** The PO line a receipt line is for: its line number, unless that line's SKU says otherwise; else its SKU. */
  private receivedLine(
    order: PurchaseOrderLedger,
    received: GoodsReceipt['lines'][number],
  ): PoLineLedger | undefined {
    const skuKey = ReferenceNormalizer.sku(received.sku);
    const byNumber = order.lineByKey(ReferenceNormalizer.poLineNumber(received.lineNumber));
    if (byNumber && (skuKey === '' || byNumber.skuKey === '' || byNumber.skuKey === skuKey)) return byNumber;
    return this.lineBySku(order, received.sku);
  }

  /**
   * Whether `order`, one of the POs with a receipt's number, has the line received. A SKU that none
   * of them has (the supplier's own code) names no item, so the line number decides, as when the
   * receipt is booked; a SKU another of them has names an item this PO does not have.
   */
  private hasLineReceived(
    order: PurchaseOrderLedger,
    received: GoodsReceipt['lines'][number],
    sameNumber: readonly PurchaseOrderLedger[],
  ): boolean {
    if (this.receivedLine(order, received)) return true;
    if (sameNumber.some((other) => this.lineBySku(other, received.sku))) return false;
    return order.lineByKey(ReferenceNormalizer.poLineNumber(received.lineNumber)) !== undefined;
  }

  private lineBySku(order: PurchaseOrderLedger, sku: string | null | undefined): PoLineLedger | undefined {
    const key = ReferenceNormalizer.sku(sku);
    return key ? order.lines.find((line) => line.skuKey === key) : undefined;
  }
}

/** A PO whose vendor gives a tax id, in the shape the vendor directory reads (the check judges the rest). */
function hasTaxIdToRegister(po: PurchaseOrder): boolean {
  const vendor = po?.vendor;
  return typeof vendor?.taxId === 'string' && vendor.taxId !== '' && typeof vendor.name === 'string';
}

/** Files `order` under `key`; gives every PO filed under it when there are now several, else null. */
function fileUnder<K>(map: Map<K, Filed>, key: K, order: PurchaseOrderLedger): PurchaseOrderLedger[] | null {
  const filed = map.get(key);
  if (filed === undefined) {
    map.set(key, order);
    return null;
  }
  if (Array.isArray(filed)) {
    filed.push(order);
    return filed;
  }
  const several = [filed, order];
  map.set(key, several);
  return several;
}

function asList(filed: Filed | undefined): readonly PurchaseOrderLedger[] {
  if (filed === undefined) return EMPTY;
  return Array.isArray(filed) ? filed : [filed];
}

/** Adds `value` to the list under `key`. */
function push<K, T>(map: Map<K, T[]>, key: K, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  // A literal of one, where an empty array's first push reserves room for 17 (a vendor may have one PO).
  else map.set(key, [value]);
}

/**
 * Invoices, receipts and carried consumption name a PO line by its number once normalized (`01` is
 * `1`), so within a PO it must name one line.
 */
function checkLineNumbers(order: PurchaseOrderLedger, admission: PurchaseOrderAdmission): void {
  const lines = order.lines;
  // A PO has a few lines: comparing each with those before it allocates nothing; a long one gets a map.
  const firstAt = lines.length > 16 ? new Map<string, number>() : null;
  for (let j = 0; j < lines.length; j += 1) {
    const key = lines[j].lineKey;
    let k = -1;
    if (firstAt) k = firstAt.get(key) ?? -1;
    else for (let i = 0; i < j && k < 0; i += 1) if (lines[i].lineKey === key) k = i;
    if (k < 0) {
      firstAt?.set(key, j);
      continue;
    }
    admission.refuse({
      path: `purchaseOrders[${order.index}].lines[${j}].lineNumber`,
      message: `"${lines[j].source.lineNumber}" is the same line number as lines[${k}] ("${lines[k].source.lineNumber}")`,
    });
  }
}

/** Two POs of one number are one PO when the vendor and the order date are the same too. */
function isSamePurchaseOrder(a: PurchaseOrderLedger, b: PurchaseOrderLedger): boolean {
  return a.vendorKey === b.vendorKey && a.source.orderDate === b.source.orderDate;
}

/** As the engine tells vendors apart: by tax id when both name one, else by name. */
function isSameIssuer(a: VendorIdentity, b: VendorIdentity): boolean {
  if (a.taxId && b.taxId) return normalizeTaxId(a.taxId) === normalizeTaxId(b.taxId);
  return normalizeVendorName(a.name) === normalizeVendorName(b.name);
}

/**
 * The order a search walks a vendor's POs in: the newest order date first (the score prefers a PO
 * ordered shortly before the invoice, so a search that stops at its limit has compared those), then
 * as `comparePurchaseOrders`.
 */
function inSearchOrder(a: PurchaseOrderLedger, b: PurchaseOrderLedger): number {
  return b.orderDay - a.orderDay || comparePurchaseOrders(a, b);
}

/** In search order: both POs are of one vendor, ranked (`rankedOfVendor`). */
function bySearchRank(a: PurchaseOrderLedger, b: PurchaseOrderLedger): number {
  return a.searchRank - b.searchRank;
}

function amountKey(vendorKey: string, currency: string): string {
  return `${vendorKey}|${currency}`;
}
