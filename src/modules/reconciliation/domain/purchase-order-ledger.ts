import { CalendarDate } from './calendar-date';
import { Currency } from './currency';
import { Decimal } from './decimal';
import { compareValues } from './line-pairing';
import { PoLineLedger } from './po-line-ledger';
import type { PurchaseOrder } from './purchase-order';
import { ReferenceNormalizer } from './reference-normalizer';

/** A purchase order as the engine tracks it during a run. */
export class PurchaseOrderLedger {
  readonly referenceKey: string;
  readonly currency: Currency;
  readonly orderDay: number;
  readonly lines: PoLineLedger[];
  /** Whether any goods receipt was recorded against the PO. */
  hasReceipts = false;
  /** A receipt named this PO's number, but another PO has it too and the receipt could be either's. */
  receiptUndecided = false;
  private openAmount: bigint | null = null;
  private openQuantity: Decimal | null = null;
  /** The open amount once earlier runs' consumption is carried, before this run bills anything. */
  openAmountAtStart = 0n;
  /** This run billed the PO (see PurchaseOrderBook.noteBilled): a search by amount reads what is open on it now. */
  billedInRun = false;
  /** Its position among the vendor's POs this run billed that had something open then, else -1. */
  billedAt = -1;
  /**
   * Its position among its vendor's POs in the order searches walk them in (set when a search first
   * ranks the vendor's POs, -1 before; see PurchaseOrderBook.rankedOfVendor).
   */
  searchRank = -1;

  constructor(
    /** Position in the input, the final tie-breaker everywhere. */
    readonly index: number,
    readonly source: PurchaseOrder,
    readonly vendorKey: string,
  ) {
    this.referenceKey = ReferenceNormalizer.poNumber(source.poNumber);
    this.currency = Currency.of(source.currency);
    this.orderDay = CalendarDate.toDayNumber(source.orderDate);
    this.lines = source.lines.map((line, position) => new PoLineLedger(this, line, position));
    // Worked out now, while the lines are fresh in the CPU cache, rather than when a search first
    // asks (the same value: nothing is invoiced against the PO in between).
    this.openAmountMinor();
  }

  get poNumber(): string {
    return this.source.poNumber;
  }

  /** Open amount in minor units (open quantity × unit price, half-up); used to find POs by amount. */
  openAmountMinor(): bigint {
    if (this.openAmount !== null) return this.openAmount;
    // On safe integers while every line amount and sum is one (nearly always), else in bigint.
    const exponent = this.currency.exponent;
    let safe = 0;
    for (const line of this.lines) {
      const open = line.openQuantity();
      if (open.sign() > 0) safe += open.productInSafeMinorUnits(line.unitPrice, exponent, 'half-up');
      if (!Number.isSafeInteger(safe)) return (this.openAmount = this.exactOpenAmount());
    }
    return (this.openAmount = BigInt(safe));
  }

  private exactOpenAmount(): bigint {
    let total = 0n;
    for (const line of this.lines) {
      const open = line.openQuantity();
      if (open.sign() > 0) total += open.mul(line.unitPrice).toMinorUnits(this.currency.exponent, 'half-up');
    }
    return total;
  }

  /**
   * What is open on all the PO's lines together (lines over-invoiced count as nothing), items mixed:
   * a bound of what any of its lines could take (`openQuantityFitCeiling`).
   */
  openQuantityOfAllLines(): Decimal {
    if (this.openQuantity !== null) return this.openQuantity;
    let open = Decimal.ZERO;
    for (const line of this.lines) if (line.openQuantity().sign() > 0) open = open.add(line.openQuantity());
    return (this.openQuantity = open);
  }

  /** Whether any line has quantity open (its open amount is above zero only then). */
  hasOpenLine(): boolean {
    for (const line of this.lines) if (line.openQuantity().sign() > 0) return true;
    return false;
  }

  /** Forgets the open amount and quantity worked out so far: a line was invoiced. */
  invalidateOpenTotals(): void {
    this.openAmount = null;
    this.openQuantity = null;
  }

  lineByKey(lineKey: string): PoLineLedger | undefined {
    for (const line of this.lines) if (line.lineKey === lineKey) return line;
    return undefined;
  }
}

/**
 * The order of POs that never depends on the order of the input: order date, PO number (normalized,
 * then as written), vendor; input order only for POs alike in all (one vendor's are refused as one PO
 * given twice).
 */
export function comparePurchaseOrders(a: PurchaseOrderLedger, b: PurchaseOrderLedger): number {
  return (
    a.orderDay - b.orderDay ||
    compareValues(a.referenceKey, b.referenceKey) ||
    compareValues(a.source.poNumber, b.source.poNumber) ||
    compareValues(a.vendorKey, b.vendorKey) ||
    a.index - b.index
  );
}
