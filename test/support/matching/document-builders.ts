import { Currency } from '../../../src/modules/reconciliation/domain/currency';
import { Decimal } from '../../../src/modules/reconciliation/domain/decimal';
import type { GoodsReceipt } from '../../../src/modules/reconciliation/domain/goods-receipt';
import type { Invoice, InvoiceKind } from '../../../src/modules/reconciliation/domain/invoice';
import type { InvoiceLine } from '../../../src/modules/reconciliation/domain/invoice-line';
import type { PurchaseOrder } from '../../../src/modules/reconciliation/domain/purchase-order';
import type { PurchaseOrderLine } from '../../../src/modules/reconciliation/domain/purchase-order-line';
import type { VendorIdentity } from '../../../src/modules/reconciliation/domain/vendor-identity';
import type { MatchDecision } from '../../../src/modules/reconciliation/domain/match-decision';
import { MatchingEngine } from '../../../src/modules/reconciliation/domain/matching-engine';
import type { PoLineConsumption } from '../../../src/modules/reconciliation/domain/po-line-consumption';
import type { ReconciliationInput } from '../../../src/modules/reconciliation/domain/reconciliation-input';
import type { ReconciliationResult } from '../../../src/modules/reconciliation/domain/reconciliation-result';
import { TenantTolerancePolicy } from '../../../src/modules/reconciliation/domain/tenant-tolerance-policy';
import { DEFAULT_TOLERANCE_POLICY } from '../../../src/modules/reconciliation/domain/tolerance-policy';

/** Small builders for scenario tests: amounts are written as decimal strings and stored in minor units. */

export function minor(amount: string, currency = 'EUR'): bigint {
  return Decimal.parse(amount).toMinorUnits(Currency.of(currency).exponent, 'half-up');
}

function lineAmount(quantity: string, unitPrice: string, currency: string): bigint {
  return Decimal.parse(quantity)
    .mul(Decimal.parse(unitPrice))
    .toMinorUnits(Currency.of(currency).exponent, 'half-up');
}

export interface PoLineSpec {
  readonly line: string;
  readonly sku?: string | null;
  readonly description?: string;
  readonly quantity: string;
  readonly unitPrice: string;
}

export function purchaseOrder(spec: {
  readonly poNumber: string;
  readonly vendor: VendorIdentity;
  readonly currency?: string;
  readonly orderDate?: string;
  readonly lines: readonly PoLineSpec[];
}): PurchaseOrder {
  const currency = spec.currency ?? 'EUR';
  const lines: PurchaseOrderLine[] = spec.lines.map((line) => ({
    lineNumber: line.line,
    sku: line.sku ?? null,
    description: line.description ?? line.sku ?? `Item ${line.line}`,
    quantity: Decimal.parse(line.quantity),
    unitPrice: Decimal.parse(line.unitPrice),
    lineAmount: lineAmount(line.quantity, line.unitPrice, currency),
  }));
  return {
    poNumber: spec.poNumber,
    vendor: spec.vendor,
    currency,
    orderDate: spec.orderDate ?? '2026-01-05',
    lines,
  };
}

export function receipt(
  poNumber: string,
  lines: ReadonlyArray<readonly [string, string]>,
  receiptNumber = `GR-${poNumber}`,
): GoodsReceipt {
  return {
    receiptNumber,
    poNumber,
    receiptDate: '2026-01-20',
    lines: lines.map(([lineNumber, quantity]) => ({ lineNumber, quantityReceived: Decimal.parse(quantity) })),
  };
}

export interface InvoiceLineSpec {
  readonly po?: string | null;
  readonly poLine?: string | null;
  readonly sku?: string | null;
  readonly description?: string;
  readonly quantity: string;
  readonly unitPrice: string;
  /** Defaults to quantity × unit price, half-up. */
  readonly amount?: string;
  /** The VAT rate in percent the line states; none by default. */
  readonly taxRate?: string;
}

export function invoice(spec: {
  readonly number: string;
  readonly vendor: VendorIdentity;
  readonly date?: string;
  readonly currency?: string;
  readonly lines: readonly InvoiceLineSpec[];
  /** Tax as a decimal string; defaults to 0. */
  readonly tax?: string;
  /** Stated total; defaults to lines plus tax. */
  readonly total?: string;
  readonly bankAccount?: string | null;
  readonly kind?: InvoiceKind;
}): Invoice {
  const currency = spec.currency ?? 'EUR';
  const lines: InvoiceLine[] = spec.lines.map((line, i) => ({
    lineNumber: String(i + 1),
    poNumber: line.po ?? null,
    poLineNumber: line.poLine ?? null,
    sku: line.sku ?? null,
    description: line.description ?? line.sku ?? 'Item',
    quantity: Decimal.parse(line.quantity),
    unitPrice: Decimal.parse(line.unitPrice),
    lineAmount:
      line.amount !== undefined
        ? minor(line.amount, currency)
        : lineAmount(line.quantity, line.unitPrice, currency),
    ...(line.taxRate !== undefined ? { taxRatePercent: Decimal.parse(line.taxRate) } : {}),
  }));
  const net = lines.reduce((sum, line) => sum + line.lineAmount, 0n);
  const tax = minor(spec.tax ?? '0', currency);
  return {
    invoiceNumber: spec.number,
    vendor: spec.vendor,
    invoiceDate: spec.date ?? '2026-02-01',
    currency,
    lines,
    taxAmount: tax,
    totalAmount: spec.total !== undefined ? minor(spec.total, currency) : net + tax,
    payeeBankAccount: spec.bankAccount ?? null,
    ...(spec.kind ? { kind: spec.kind } : {}),
  };
}

export const ACME = { taxId: 'DE123456789', name: 'Acme Industrial Supplies GmbH' } as const;
export const GLOBEX = { taxId: 'FR987654321', name: 'Globex Logistics S.A.' } as const;

/** Runs the engine with a two-way default policy unless told otherwise. */
export function reconcile(spec: {
  readonly purchaseOrders?: readonly PurchaseOrder[];
  readonly receipts?: readonly GoodsReceipt[];
  readonly invoices: readonly Invoice[];
  readonly policy?: TenantTolerancePolicy;
  readonly vendors?: ReconciliationInput['vendors'];
  readonly consumed?: ReconciliationInput['consumed'];
  readonly priorInvoices?: ReconciliationInput['priorInvoices'];
}): ReconciliationResult {
  return new MatchingEngine().run({
    purchaseOrders: spec.purchaseOrders ?? [],
    goodsReceipts: spec.receipts ?? [],
    invoices: spec.invoices,
    policy:
      spec.policy ?? new TenantTolerancePolicy({ ...DEFAULT_TOLERANCE_POLICY, matchingMode: 'two_way' }),
    vendors: spec.vendors ?? [],
    consumed: spec.consumed ?? [],
    priorInvoices: spec.priorInvoices ?? [],
  });
}

/** The single decision of a run with one invoice. */
export function decide(spec: Parameters<typeof reconcile>[0]): MatchDecision {
  const decisions = reconcile(spec).decisions;
  return decisions[decisions.length - 1];
}

/** The explanation entry of one field of a decision, if it has one. */
export function explained(decision: MatchDecision, field: string) {
  return decision.explanation.find((entry) => entry.field === field);
}

/**
 * Quantity invoiced in an earlier run on a PO line (billed at the PO price unless `value` says what
 * it was billed at); the PO is ACME's of the default order date unless told.
 */
export function consumed(
  poNumber: string,
  lineNumber: string,
  quantity: string,
  vendor: VendorIdentity = ACME,
  orderDate = '2026-01-05',
  value?: string,
): PoLineConsumption {
  const invoicedQuantity = Decimal.parse(quantity);
  if (value === undefined) return { vendor, poNumber, orderDate, lineNumber, invoicedQuantity };
  return { vendor, poNumber, orderDate, lineNumber, invoicedQuantity, invoicedValue: Decimal.parse(value) };
}
