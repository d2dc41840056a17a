import { Currency } from '../../src/modules/reconciliation/domain/currency';
import { Decimal } from '../../src/modules/reconciliation/domain/decimal';
import type { GoodsReceipt, GoodsReceiptLine } from '../../src/modules/reconciliation/domain/goods-receipt';
import type { Invoice } from '../../src/modules/reconciliation/domain/invoice';
import type { InvoiceLine } from '../../src/modules/reconciliation/domain/invoice-line';
import type { PurchaseOrder } from '../../src/modules/reconciliation/domain/purchase-order';
import type { PurchaseOrderLine } from '../../src/modules/reconciliation/domain/purchase-order-line';
import type { CsvRecord } from './csv-reader';

/** Maps rows of the canonical CSV files (columns as in the ingest issue) to the engine's documents. */

function required(record: CsvRecord, column: string, file: string): string {
  const value = record.values[column];
  if (value === undefined) throw new Error(`${file}: missing column ${column}`);
  if (value.trim() === '') throw new Error(`${file} line ${record.line}: ${column} is empty`);
  return value.trim();
}

function optional(record: CsvRecord, column: string): string | null {
  const value = record.values[column]?.trim();
  return value ? value : null;
}

function decimal(record: CsvRecord, column: string, file: string): Decimal {
  const value = Decimal.tryParse(required(record, column, file));
  if (!value) throw new Error(`${file} line ${record.line}: ${column} is not a decimal number`);
  return value;
}

/** Amounts must fit the currency's minor unit exactly; a file with 12.345 EUR is refused, not rounded. */
function minorUnits(record: CsvRecord, column: string, currency: string, file: string): bigint {
  const value = decimal(record, column, file);
  const exponent = Currency.of(currency).exponent;
  const minor = value.toMinorUnits(exponent, 'half-even');
  if (!Decimal.of(minor, exponent).equals(value))
    throw new Error(`${file} line ${record.line}: ${column} has more decimals than ${currency} allows`);
  return minor;
}

function group<K>(records: readonly CsvRecord[], key: (record: CsvRecord) => K): Map<K, CsvRecord[]> {
  const groups = new Map<K, CsvRecord[]>();
  for (const record of records) {
    const k = key(record);
    const list = groups.get(k);
    if (list) list.push(record);
    else groups.set(k, [record]);
  }
  return groups;
}

export function purchaseOrdersFrom(
  records: readonly CsvRecord[],
  file = 'purchase-orders.csv',
): PurchaseOrder[] {
  return [...group(records, (record) => required(record, 'po_number', file))].map(([poNumber, rows]) => {
    const first = rows[0];
    const currency = required(first, 'currency', file).toUpperCase();
    const lines: PurchaseOrderLine[] = rows.map((row) => ({
      lineNumber: required(row, 'line_number', file),
      sku: optional(row, 'sku'),
      description: optional(row, 'description') ?? '',
      quantity: decimal(row, 'quantity', file),
      unitPrice: decimal(row, 'unit_price', file),
      lineAmount: minorUnits(row, 'line_amount', currency, file),
    }));
    return {
      poNumber,
      vendor: { taxId: optional(first, 'vendor_tax_id'), name: optional(first, 'vendor_name') ?? '' },
      currency,
      orderDate: required(first, 'order_date', file),
      lines,
    };
  });
}

export function goodsReceiptsFrom(records: readonly CsvRecord[], file = 'receipts.csv'): GoodsReceipt[] {
  return [
    ...group(
      records,
      (record) => `${required(record, 'receipt_number', file)}\u0000${required(record, 'po_number', file)}`,
    ),
  ].map(([, rows]) => {
    const first = rows[0];
    const lines: GoodsReceiptLine[] = rows.map((row) => ({
      lineNumber: required(row, 'line_number', file),
      sku: optional(row, 'sku'),
      quantityReceived: decimal(row, 'quantity_received', file),
    }));
    return {
      receiptNumber: required(first, 'receipt_number', file),
      poNumber: required(first, 'po_number', file),
      receiptDate: required(first, 'receipt_date', file),
      lines,
    };
  });
}

/** Invoice-level columns (tax, total, payee account) repeat on every line; the first line's values count. */
export function invoicesFrom(records: readonly CsvRecord[], file = 'invoices.csv'): Invoice[] {
  const key = (record: CsvRecord): string =>
    [
      optional(record, 'vendor_tax_id') ?? '',
      optional(record, 'vendor_name') ?? '',
      required(record, 'invoice_number', file),
    ].join('\u0000');
  return [...group(records, key)].map(([, rows]) => {
    const first = rows[0];
    const currency = required(first, 'currency', file).toUpperCase();
    const lines: InvoiceLine[] = rows.map((row) => ({
      lineNumber: required(row, 'line_number', file),
      poNumber: optional(row, 'po_number'),
      poLineNumber: optional(row, 'po_line_number'),
      sku: optional(row, 'sku'),
      description: optional(row, 'description') ?? '',
      quantity: decimal(row, 'quantity', file),
      unitPrice: decimal(row, 'unit_price', file),
      lineAmount: minorUnits(row, 'line_amount', currency, file),
    }));
    return {
      invoiceNumber: required(first, 'invoice_number', file),
      vendor: { taxId: optional(first, 'vendor_tax_id'), name: optional(first, 'vendor_name') ?? '' },
      invoiceDate: required(first, 'invoice_date', file),
      currency,
      lines,
      taxAmount: minorUnits(first, 'tax_amount', currency, file),
      totalAmount: minorUnits(first, 'total_amount', currency, file),
      payeeBankAccount: optional(first, 'payee_bank_account'),
    };
  });
}
