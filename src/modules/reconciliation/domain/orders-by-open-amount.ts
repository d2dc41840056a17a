import { safeInteger } from './decimal';
import { lowerBound } from './lower-bound';
import type { PurchaseOrderLedger } from './purchase-order-ledger';

/** POs in order of the open amount they had when the run started, then in the order given (search order): a range is found by binary search. */
export class OrdersByOpenAmount {
  private constructor(
    private readonly amounts: bigint[],
    private readonly orders: PurchaseOrderLedger[],
  ) {}

  /** The POs filed under the open amount they had when the run started. */
  static atStart(orders: readonly PurchaseOrderLedger[]): OrdersByOpenAmount {
    const amounts = orders.map((order) => order.openAmountAtStart);
    const positions = orders.map((_, i) => i);
    const values = amounts.map(safeInteger);
    if (!values.some(Number.isNaN)) {
      positions.sort((a, b) => values[a] - values[b] || a - b);
    } else {
      positions.sort((a, b) => (amounts[a] === amounts[b] ? a - b : amounts[a] < amounts[b] ? -1 : 1));
    }
    return new OrdersByOpenAmount(
      positions.map((i) => amounts[i]),
      positions.map((i) => orders[i]),
    );
  }

  /**
   * Appends to `into` the POs filed under an amount within [low, high] that the run has not billed
   * (what is open on those is no longer their amount at the start), in amount order.
   */
  collectBetween(low: bigint, high: bigint, into: PurchaseOrderLedger[]): void {
    for (let i = lowerBound(this.amounts, low); i < this.amounts.length && this.amounts[i] <= high; i += 1) {
      if (!this.orders[i].billedInRun) into.push(this.orders[i]);
    }
  }
}

/**
 * One vendor's POs in one currency that this run billed, with what is open on each now; a PO billed in
 * full is listed only once something is open on it again (a credit). Few against the vendor's POs,
 * and their amounts change with every match: scanned, not kept sorted.
 */
export class BilledOrders {
  private readonly orders: PurchaseOrderLedger[] = [];
  /**
   * The open amount of each now, as a safe integer (NaN when it is not one: then read exactly), or
   * UNKNOWN until a search first asks after the PO was billed: most billed POs are never searched for.
   */
  private readonly openAmounts: number[] = [];

  /** Adds the PO, or marks what is open on it as changed. */
  note(order: PurchaseOrderLedger): void {
    order.billedInRun = true;
    if (order.billedAt < 0) {
      if (!order.hasOpenLine()) return;
      order.billedAt = this.orders.length;
      this.orders.push(order);
    }
    this.openAmounts[order.billedAt] = UNKNOWN;
  }

  /** Appends to `into` the POs whose open amount now is within [low, high], `low` above zero. */
  collectBetween(low: bigint, high: bigint, into: PurchaseOrderLedger[]): void {
    const lowValue = safeInteger(low);
    const highValue = safeInteger(high);
    const exact = Number.isNaN(lowValue) || Number.isNaN(highValue);
    for (let i = 0; i < this.orders.length; i += 1) {
      let value = this.openAmounts[i];
      if (value === UNKNOWN) this.openAmounts[i] = value = safeInteger(this.orders[i].openAmountMinor());
      if (exact || Number.isNaN(value)) {
        const open = this.orders[i].openAmountMinor();
        if (open < low || open > high) continue;
      } else if (value < lowValue || value > highValue) continue;
      into.push(this.orders[i]);
    }
  }
}

/** An open amount not worked out yet (open amounts are never negative). */
const UNKNOWN = -1;
