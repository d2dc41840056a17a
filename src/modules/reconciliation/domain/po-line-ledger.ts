import { Decimal } from './decimal';
import { sharedDescriptionWords } from './description-similarity';
import type { PurchaseOrderLedger } from './purchase-order-ledger';
import type { PurchaseOrderLine } from './purchase-order-line';
import { ReferenceNormalizer } from './reference-normalizer';

/** One PO line with what has been received and invoiced against it so far. */
export class PoLineLedger {
  readonly lineKey: string;
  readonly skuKey: string;
  /** Goods received against the line; stays zero when no receipt mentions it. */
  received: Decimal = Decimal.ZERO;
  private invoicedSoFar: Decimal = Decimal.ZERO;
  /** Ordered minus invoiced, kept until the next automatic match: pairing asks for it many times. */
  private open: Decimal | null = null;
  private words: readonly string[] | null = null;

  constructor(
    readonly purchaseOrder: PurchaseOrderLedger,
    readonly source: PurchaseOrderLine,
    readonly position: number,
  ) {
    this.lineKey = ReferenceNormalizer.poLineNumber(source.lineNumber);
    this.skuKey = ReferenceNormalizer.sku(source.sku);
  }

  /** Quantity invoiced so far: earlier runs plus this run's automatic matches. */
  get invoiced(): Decimal {
    return this.invoicedSoFar;
  }

  /** Adds quantity invoiced in an earlier run, or an automatic match's (negative for a credit). */
  recordInvoiced(quantity: Decimal): void {
    this.invoicedSoFar = this.invoicedSoFar.add(quantity);
    this.open = null;
    this.purchaseOrder.invalidateOpenTotals();
  }

  get ordered(): Decimal {
    return this.source.quantity;
  }

  get unitPrice(): Decimal {
    return this.source.unitPrice;
  }

  /** Ordered quantity not yet invoiced (negative when already over-invoiced). */
  openQuantity(): Decimal {
    this.open ??= this.source.quantity.sub(this.invoicedSoFar);
    return this.open;
  }

  descriptionWords(): readonly string[] {
    if (!this.words) this.words = sharedDescriptionWords(this.source.description);
    return this.words;
  }
}
