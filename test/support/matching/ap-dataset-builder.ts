import { Currency } from '../../../src/modules/reconciliation/domain/currency';
import { Decimal } from '../../../src/modules/reconciliation/domain/decimal';
import type { GoodsReceipt } from '../../../src/modules/reconciliation/domain/goods-receipt';
import type { Invoice } from '../../../src/modules/reconciliation/domain/invoice';
import type { InvoiceLine } from '../../../src/modules/reconciliation/domain/invoice-line';
import type { PoLineConsumption } from '../../../src/modules/reconciliation/domain/po-line-consumption';
import type { PurchaseOrder } from '../../../src/modules/reconciliation/domain/purchase-order';
import type { PurchaseOrderLine } from '../../../src/modules/reconciliation/domain/purchase-order-line';
import type { PriorInvoice } from '../../../src/modules/reconciliation/domain/reconciliation-input';
import type { MatchLabel } from './labelled-dataset';
import type { SeededRandom } from './seeded-random';
import type { CatalogItem, SyntheticVendor } from './synthetic-vendors';

export interface LineDraft {
  readonly poNumber: string | null;
  readonly poLineNumber: string | null;
  readonly sku: string | null;
  readonly description: string;
  readonly quantity: Decimal;
  readonly unitPrice: Decimal;
  /** Defaults to quantity × unit price, half-up. */
  readonly lineAmount?: bigint;
}

export interface InvoiceOptions {
  readonly date?: string;
  readonly number?: string;
  readonly currency?: string;
  /** Tax rate in percent; defaults to the vendor's. */
  readonly taxRate?: Decimal;
  readonly totalAdjustment?: bigint;
  readonly withTaxId?: boolean;
  readonly vendorName?: string;
  readonly bankAccount?: string | null;
}

export interface GeneratedPo {
  readonly po: PurchaseOrder;
  readonly vendor: SyntheticVendor;
}

const QUANTITIES = new Map<string, Decimal>();
const LINE_NUMBERS = Array.from({ length: 20 }, (_, i) => String(i + 1));
const DAY_MS = 86_400_000;
const BASE_DAY = Date.UTC(2025, 5, 1) / DAY_MS;

export function quantity(text: string): Decimal {
  let value = QUANTITIES.get(text);
  if (!value) {
    value = Decimal.parse(text);
    QUANTITIES.set(text, value);
  }
  return value;
}

export function dateOf(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

export function dayOf(date: string): number {
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / DAY_MS;
}

export function amountOf(qty: Decimal, unitPrice: Decimal, currency: string): bigint {
  return qty.mul(unitPrice).toMinorUnits(Currency.of(currency).exponent, 'half-up');
}

/** Collects generated documents and labels; scenarios call it to create POs, receipts and invoices. */
export class ApDatasetBuilder {
  readonly purchaseOrders: PurchaseOrder[] = [];
  readonly receipts: GoodsReceipt[] = [];
  readonly consumed: PoLineConsumption[] = [];
  readonly priorInvoices: PriorInvoice[] = [];
  /** Invoices of one scenario, in the order they must arrive. */
  readonly groups: Array<Array<{ invoice: Invoice; label: MatchLabel }>> = [];
  readonly poNumbers = new Map<string, GeneratedPo>();
  readonly posByVendor = new Map<number, PurchaseOrder[]>();
  private nextPo = 2026000001;
  private nextSpecialPo = 2026900001;

  constructor(
    readonly random: SeededRandom,
    readonly vendors: readonly SyntheticVendor[],
    private readonly vendorWeights: readonly number[],
    private readonly vendorWeightTotal: number,
  ) {}

  pickVendor(filter?: (vendor: SyntheticVendor) => boolean): SyntheticVendor {
    for (let attempt = 0; attempt < 50; attempt += 1) {
      const vendor = this.vendors[this.random.weighted(this.vendorWeights, this.vendorWeightTotal)];
      if (!filter || filter(vendor)) return vendor;
    }
    return this.vendors.find((vendor) => !filter || filter(vendor)) ?? this.vendors[0];
  }

  /** A PO number from the tenant's sequence, or from a reserved series when a scenario needs to choose it. */
  allocatePoNumber(special = false): string {
    const value = special ? (this.nextSpecialPo += 100) : this.nextPo++;
    return `PO-${value}`;
  }

  isAllocated(poNumber: string): boolean {
    return this.poNumbers.has(poNumber);
  }

  newPo(
    vendor: SyntheticVendor,
    options: {
      items?: readonly CatalogItem[];
      quantities?: readonly Decimal[];
      number?: string;
      orderDay?: number;
      receive?: boolean;
    } = {},
  ): PurchaseOrder {
    const random = this.random;
    const items =
      options.items ??
      random.sample(
        vendor.catalog,
        Math.min(vendor.catalog.length, random.pick([1, 2, 2, 3, 3, 3, 4, 4, 5])),
      );
    const lines: PurchaseOrderLine[] = items.map((item, i) => {
      const qty = options.quantities?.[i] ?? this.randomQuantity(item);
      return {
        lineNumber: LINE_NUMBERS[i],
        sku: item.sku,
        description: item.description,
        quantity: qty,
        unitPrice: item.unitPrice,
        lineAmount: amountOf(qty, item.unitPrice, vendor.currency),
      };
    });
    const po: PurchaseOrder = {
      poNumber: options.number ?? this.allocatePoNumber(),
      vendor: { taxId: vendor.taxId, name: vendor.name },
      currency: vendor.currency,
      orderDate: dateOf(options.orderDay ?? BASE_DAY + random.int(0, 200)),
      lines,
    };
    this.purchaseOrders.push(po);
    this.poNumbers.set(po.poNumber, { po, vendor });
    const list = this.posByVendor.get(vendor.id);
    if (list) list.push(po);
    else this.posByVendor.set(vendor.id, [po]);
    if (vendor.threeWay && options.receive !== false)
      this.receive(
        po,
        po.lines.map((line) => line.quantity),
      );
    return po;
  }

  randomQuantity(item: CatalogItem): Decimal {
    if (item.service)
      return quantity(
        this.random.chance(0.3) ? `${this.random.int(1, 9)}.5` : String(this.random.int(1, 10)),
      );
    return quantity(
      String(this.random.pick([1, 2, 5, 10, 12, 20, 24, 50, 100, 250, this.random.int(1, 400)])),
    );
  }

  receive(po: PurchaseOrder, quantities: readonly Decimal[]): void {
    const lines = po.lines
      .map((line, i) => ({ lineNumber: line.lineNumber, sku: line.sku, quantityReceived: quantities[i] }))
      .filter((line) => line.quantityReceived.sign() > 0);
    if (lines.length === 0) return;
    this.receipts.push({
      receiptNumber: `GR-${po.poNumber.slice(3)}`,
      poNumber: po.poNumber,
      receiptDate: dateOf(dayOf(po.orderDate) + 5),
      lines,
    });
  }

  consume(po: PurchaseOrder, lineIndex: number, qty: Decimal): void {
    this.consumed.push({
      vendor: po.vendor,
      poNumber: po.poNumber,
      orderDate: po.orderDate,
      lineNumber: po.lines[lineIndex].lineNumber,
      invoicedQuantity: qty,
    });
  }

  /** How a clerk writes the PO reference: mostly as printed, sometimes in one of the usual other ways. */
  reference(poNumber: string, reformatProbability = 0.06): string {
    if (!this.random.chance(reformatProbability)) return poNumber;
    const digits = poNumber.slice(3);
    return this.random.pick([
      `po ${digits}`,
      `PO#${digits}`,
      digits,
      `P.O. ${digits}`,
      `PO-00${digits}`,
      `po-${digits}`,
    ]);
  }

  /** Invoice lines that bill the given quantities of a PO's lines (all of them by default). */
  linesFor(po: PurchaseOrder, quantities?: readonly (Decimal | null)[], reformat = 0.06): LineDraft[] {
    const reference = this.reference(po.poNumber, reformat);
    const withLineNumbers = this.random.chance(0.85);
    const drafts: LineDraft[] = [];
    po.lines.forEach((line, i) => {
      const qty = quantities ? quantities[i] : line.quantity;
      if (!qty || qty.isZero()) return;
      drafts.push({
        poNumber: reference,
        poLineNumber: withLineNumbers ? line.lineNumber : null,
        sku: line.sku ?? null,
        description: line.description,
        quantity: qty,
        unitPrice: line.unitPrice,
      });
    });
    return drafts;
  }

  nextInvoiceNumber(vendor: SyntheticVendor): string {
    vendor.nextInvoice += this.random.int(1, 3);
    return `${vendor.invoicePrefix}${String(vendor.nextInvoice).padStart(6, '0')}`;
  }

  invoice(
    vendor: SyntheticVendor,
    drafts: readonly LineDraft[],
    options: InvoiceOptions & { afterDay?: number } = {},
  ): Invoice {
    const random = this.random;
    const currency = options.currency ?? vendor.currency;
    const lines: InvoiceLine[] = drafts.map((draft, i) => ({
      lineNumber: LINE_NUMBERS[i] ?? String(i + 1),
      poNumber: draft.poNumber,
      poLineNumber: draft.poLineNumber,
      sku: draft.sku,
      description: draft.description,
      quantity: draft.quantity,
      unitPrice: draft.unitPrice,
      lineAmount: draft.lineAmount ?? amountOf(draft.quantity, draft.unitPrice, currency),
    }));
    let net = 0n;
    for (const line of lines) net += line.lineAmount;
    const exponent = Currency.of(currency).exponent;
    const tax = (options.taxRate ?? vendor.taxRate)
      .percentOf(Decimal.of(net, exponent))
      .toMinorUnits(exponent, 'half-up');
    const withTaxId = options.withTaxId ?? random.chance(0.9);
    return {
      invoiceNumber: options.number ?? this.nextInvoiceNumber(vendor),
      vendor: {
        taxId: withTaxId
          ? random.chance(0.1)
            ? `${vendor.taxId.slice(0, 2)} ${vendor.taxId.slice(2)}`
            : vendor.taxId
          : null,
        name: options.vendorName ?? vendor.name,
      },
      invoiceDate: options.date ?? dateOf((options.afterDay ?? BASE_DAY + 200) + random.int(3, 45)),
      currency,
      lines,
      taxAmount: tax,
      totalAmount: net + tax + (options.totalAdjustment ?? 0n),
      payeeBankAccount:
        options.bankAccount !== undefined
          ? options.bankAccount
          : random.chance(0.7)
            ? vendor.bankAccount
            : null,
    };
  }

  addGroup(entries: Array<{ invoice: Invoice; label: MatchLabel }>): void {
    this.groups.push(entries);
  }
}
