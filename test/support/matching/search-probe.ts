import { PurchaseOrderBook } from '../../../src/modules/reconciliation/domain/purchase-order-book';
import type { PurchaseOrderLedger } from '../../../src/modules/reconciliation/domain/purchase-order-ledger';

/**
 * The PO numbers the open amount pointed to while `run` ran (every search by amount, in order): what
 * the amount alone found, apart from the POs a search also finds by their items.
 */
export function pointedByAmount(run: () => unknown): string[] {
  const spy = jest.spyOn(PurchaseOrderBook.prototype, 'withOpenAmountBetween');
  try {
    run();
    return spy.mock.results.flatMap((result) =>
      (result.value as PurchaseOrderLedger[]).map((order) => order.poNumber),
    );
  } finally {
    spy.mockRestore();
  }
}
