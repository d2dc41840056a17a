import { Currency } from '../../src/modules/reconciliation/domain/currency';
import { Decimal } from '../../src/modules/reconciliation/domain/decimal';
import type { GoodsReceipt, GoodsReceiptLine } from '../../src/modules/reconciliation/domain/goods-receipt';
import type { Invoice } from '../../src/modules/reconciliation/domain/invoice';
import type { InvoiceLine } from '../../src/modules/reconciliation/domain/invoice-line';
import type { PurchaseOrder } from '../../src/modules/reconciliation/domain/purchase-order';
import type { PurchaseOrderLine } from '../../src/modules/reconciliation/domain/purchase-order-line';
import { ReferenceNormalizer } from '../../src/modules/reconciliation/domain/reference-normalizer';
import type { CsvRecord } from './csv-reader';

/**
 * Maps rows of the canonical CSV files (columns as in the ingest issue) to the engine's documents.
 *
 * A document is a run of consecutive rows with the same key: a purchase order's vendor tax id,
 * vendor name and po_number; a receipt's receipt_number and po_number; an invoice's vendor tax id,
 * vendor name and invoice_number (values compared as written, after trimming). The same key further
 * down the file is another document: an invoice sent again (which the engine reports as a
 * duplicate), a second receipt, or a second purchase order with that number. Document-level columns
 * repeat on every row and must agree within a document.
 */

/** Where one document's rows are: `lines[i]` is the file line of the document's line `i`. */
export interface SourceRows {
  readonly file: string;
  readonly lines: readonly number[];
}

/** The documents of one file, with `sources[i]` locating `documents[i]`. */
export interface CsvDocuments<D> {
  readonly documents: D[];
  readonly sources: SourceRows[];
}

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

/** How a document-level column is compared between the rows of one document. */
type Comparison = 'text' | 'code' | 'amount';

interface DocumentLayout {
  /** As named in messages: `purchase order`, `receipt`, `invoice`. */
  readonly kind: string;
  /** Required columns that, with the vendor when `byVendor`, identify a document; the first names it. */
  readonly numberColumns: readonly string[];
  readonly byVendor: boolean;
  readonly headerColumns: Readonly<Record<string, Comparison>>;
  /**
   * What a line_number already seen in the current document means: `new_document` (an invoice sent
   * again straight after the original, as in a file sorted by number), `refused`, or `allowed`.
   */
  readonly repeatedLine: 'new_document' | 'refused' | 'allowed';
}

const PURCHASE_ORDERS: DocumentLayout = {
  kind: 'purchase order',
  numberColumns: ['po_number'],
  byVendor: true,
  headerColumns: { order_date: 'text', currency: 'code' },
  repeatedLine: 'refused',
};

/** A receipt may list one PO line twice (two deliveries booked together); the quantities add up. */
const RECEIPTS: DocumentLayout = {
  kind: 'receipt',
  numberColumns: ['receipt_number', 'po_number'],
  byVendor: false,
  headerColumns: { receipt_date: 'text' },
  repeatedLine: 'allowed',
};

const INVOICES: DocumentLayout = {
  kind: 'invoice',
  numberColumns: ['invoice_number'],
  byVendor: true,
  headerColumns: {
    invoice_date: 'text',
    currency: 'code',
    tax_amount: 'amount',
    total_amount: 'amount',
    payee_bank_account: 'text',
  },
  repeatedLine: 'new_document',
};

function numberOf(record: CsvRecord, layout: DocumentLayout, file: string): string {
  return required(record, layout.numberColumns[0], file);
}

function comparable(value: string, comparison: Comparison): string {
  if (comparison === 'code') return value.toUpperCase();
  if (comparison === 'amount') return Decimal.tryParse(value)?.normalized().toString() ?? value;
  return value;
}

function documentKey(record: CsvRecord, layout: DocumentLayout, file: string): string {
  const vendor = layout.byVendor
    ? [optional(record, 'vendor_tax_id') ?? '', optional(record, 'vendor_name') ?? '']
    : [];
  return [...vendor, ...layout.numberColumns.map((column) => required(record, column, file))].join('\u0000');
}

/** Splits the rows into documents (runs of consecutive rows with one key) and checks each is consistent. */
function documentsOf(records: readonly CsvRecord[], layout: DocumentLayout, file: string): CsvRecord[][] {
  const documents: CsvRecord[][] = [];
  let currentKey: string | null = null;
  // The current document's line numbers (as the engine compares them), with the file line of each.
  let seenLines = new Map<string, number>();
  for (const record of records) {
    const key = documentKey(record, layout, file);
    const lineNumber = required(record, 'line_number', file);
    const lineKey = ReferenceNormalizer.poLineNumber(lineNumber);
    const repeatedAt = key === currentKey ? seenLines.get(lineKey) : undefined;
    if (repeatedAt !== undefined && layout.repeatedLine === 'refused') {
      throw new Error(
        `${file} line ${record.line}, line_number: ${lineNumber} repeats line ${repeatedAt} of ` +
          `${layout.kind} ${numberOf(record, layout, file)}`,
      );
    }
    if (key !== currentKey || (repeatedAt !== undefined && layout.repeatedLine === 'new_document')) {
      documents.push([]);
      currentKey = key;
      seenLines = new Map();
    }
    documents[documents.length - 1].push(record);
    if (!seenLines.has(lineKey)) seenLines.set(lineKey, record.line);
  }
  for (const rows of documents) checkHeaderAgrees(rows, layout, file);
  return documents;
}

function checkHeaderAgrees(rows: readonly CsvRecord[], layout: DocumentLayout, file: string): void {
  const [first, ...others] = rows;
  for (const [column, comparison] of Object.entries(layout.headerColumns)) {
    const expected = optional(first, column) ?? '';
    for (const row of others) {
      const actual = optional(row, column) ?? '';
      if (comparable(actual, comparison) !== comparable(expected, comparison)) {
        throw new Error(
          `${file} line ${row.line}, ${column}: "${actual}" differs from "${expected}" on line ` +
            `${first.line} of the same ${layout.kind} ${numberOf(first, layout, file)}; ` +
            `a ${layout.kind}'s ${column} must be the same on all its rows`,
        );
      }
    }
  }
}

function sourceOf(rows: readonly CsvRecord[], file: string): SourceRows {
  return { file, lines: rows.map((row) => row.line) };
}

/** What an ordered or billed line says of its item: the same columns in both files. */
function pricedItemOf(row: CsvRecord, currency: string, file: string) {
  return {
    sku: optional(row, 'sku'),
    description: optional(row, 'description') ?? '',
    quantity: decimal(row, 'quantity', file),
    unitPrice: decimal(row, 'unit_price', file),
    lineAmount: minorUnits(row, 'line_amount', currency, file),
  };
}

function purchaseOrderFrom(rows: readonly CsvRecord[], file: string): PurchaseOrder {
  const first = rows[0];
  const currency = required(first, 'currency', file).toUpperCase();
  const lines: PurchaseOrderLine[] = rows.map((row) => ({
    lineNumber: required(row, 'line_number', file),
    ...pricedItemOf(row, currency, file),
  }));
  return {
    poNumber: required(first, 'po_number', file),
    vendor: { taxId: optional(first, 'vendor_tax_id'), name: optional(first, 'vendor_name') ?? '' },
    currency,
    orderDate: required(first, 'order_date', file),
    lines,
  };
}

function goodsReceiptFrom(rows: readonly CsvRecord[], file: string): GoodsReceipt {
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
}

function invoiceFrom(rows: readonly CsvRecord[], file: string): Invoice {
  const first = rows[0];
  const currency = required(first, 'currency', file).toUpperCase();
  const lines: InvoiceLine[] = rows.map((row) => ({
    lineNumber: required(row, 'line_number', file),
    poNumber: optional(row, 'po_number'),
    poLineNumber: optional(row, 'po_line_number'),
    ...pricedItemOf(row, currency, file),
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
}

function mapped<D>(
  records: readonly CsvRecord[],
  layout: DocumentLayout,
  file: string,
  toDocument: (rows: readonly CsvRecord[], file: string) => D,
): CsvDocuments<D> {
  const documents = documentsOf(records, layout, file);
  return {
    documents: documents.map((rows) => toDocument(rows, file)),
    sources: documents.map((rows) => sourceOf(rows, file)),
  };
}

export function purchaseOrdersFrom(
  records: readonly CsvRecord[],
  file = 'purchase-orders.csv',
): CsvDocuments<PurchaseOrder> {
  return mapped(records, PURCHASE_ORDERS, file, purchaseOrderFrom);
}

export function goodsReceiptsFrom(
  records: readonly CsvRecord[],
  file = 'receipts.csv',
): CsvDocuments<GoodsReceipt> {
  return mapped(records, RECEIPTS, file, goodsReceiptFrom);
}

export function invoicesFrom(records: readonly CsvRecord[], file = 'invoices.csv'): CsvDocuments<Invoice> {
  return mapped(records, INVOICES, file, invoiceFrom);
}
