import { Decimal, divideRounded } from './decimal';
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
  /**
   * What the invoiced quantity was billed above (positive) or below the PO price, net, exact: zero,
   * and never written, while everything is billed at the PO price.
   */
  private offPoPrice: Decimal = Decimal.ZERO;
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

  /** What the quantity invoiced so far was billed at (quantities times unit prices billed, net, exact). */
  get billed(): Decimal {
    return this.invoicedSoFar.mul(this.source.unitPrice).add(this.offPoPrice);
  }

  /**
   * Adds an automatic match's share of an invoice line (negative for a credit) at the unit price it
   * was billed at: the line's own, or the PO price when the line prints it rounded to fewer decimals
   * (0.04 for 0.0375). Call `settleBilledPrices` once the whole invoice is recorded.
   */
  recordMatched(quantity: Decimal, unitPrice: Decimal): void {
    const poPrice = this.source.unitPrice;
    const atPoPrice = unitPrice === poPrice || unitPrice.equals(poPrice) || unitPrice.isRoundingOf(poPrice);
    this.addInvoiced(quantity, atPoPrice ? null : quantity.mul(unitPrice.sub(poPrice)));
  }

  /** Adds quantity an earlier run invoiced, with what it was billed at; at the PO price when not known. */
  carryInvoiced(quantity: Decimal, billed?: Decimal): void {
    this.addInvoiced(quantity, billed === undefined ? null : billed.sub(quantity.mul(this.source.unitPrice)));
    this.settleBilledPrices();
  }

  /**
   * Once nothing is invoiced, what earlier bills were billed at no longer prices a credit. Asked after
   * a whole document is recorded, so the order of an invoice's lines does not matter.
   */
  settleBilledPrices(): void {
    if (this.invoicedSoFar.isZero() && !this.offPoPrice.isZero()) this.offPoPrice = Decimal.ZERO;
  }

  private addInvoiced(quantity: Decimal, offPoPrice: Decimal | null): void {
    this.invoicedSoFar = this.invoicedSoFar.add(quantity);
    if (offPoPrice !== null && !offPoPrice.isZero()) this.offPoPrice = this.offPoPrice.add(offPoPrice);
    this.open = null;
    this.purchaseOrder.invalidateOpenTotals();
  }

  get ordered(): Decimal {
    return this.source.quantity;
  }

  get unitPrice(): Decimal {
    return this.source.unitPrice;
  }

  /** The unit price a share of `quantity` is judged at: the PO price, or for a credit `creditPrice`. */
  priceFor(quantity: Decimal): Decimal {
    return quantity.sign() < 0 ? this.creditPrice() : this.source.unitPrice;
  }

  /**
   * The unit price a credit on this line is judged at: the average price the invoiced quantity was
   * billed at (a credit note reverses what was billed, not the order), or the PO price itself when
   * nothing is invoiced or all of it was billed at the PO price.
   */
  creditPrice(): Decimal {
    if (this.offPoPrice.isZero() || this.invoicedSoFar.sign() <= 0) return this.source.unitPrice;
    return averagePrice(this.billed, this.invoicedSoFar, this.source.unitPrice);
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

/** Decimals an average billed price is worked out to when it does not come out exact. */
const AVERAGE_PRICE_SCALE = 10;

/**
 * `billed ÷ invoiced` (invoiced positive), rounded half-up to AVERAGE_PRICE_SCALE decimals and shown
 * with at least the PO price's decimals; `poPrice` itself when nothing positive was billed.
 */
function averagePrice(billed: Decimal, invoiced: Decimal, poPrice: Decimal): Decimal {
  if (billed.sign() <= 0) return poPrice;
  const units = divideRounded(
    billed.units * 10n ** BigInt(invoiced.scale + AVERAGE_PRICE_SCALE),
    invoiced.units * 10n ** BigInt(billed.scale),
    'half-up',
  );
  const average = Decimal.of(units, AVERAGE_PRICE_SCALE).normalized();
  return average.scale >= poPrice.scale ? average : average.rescale(poPrice.scale, 'half-up');
}
