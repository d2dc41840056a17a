import { Currency } from '../../src/modules/reconciliation/domain/currency';
import { bankAccountKey } from '../../src/modules/reconciliation/domain/bank-account';
import { Decimal } from '../../src/modules/reconciliation/domain/decimal';
import type { GoodsReceipt, GoodsReceiptLine } from '../../src/modules/reconciliation/domain/goods-receipt';
import type { Invoice } from '../../src/modules/reconciliation/domain/invoice';
import type { InvoiceLine } from '../../src/modules/reconciliation/domain/invoice-line';
import type { PurchaseOrder } from '../../src/modules/reconciliation/domain/purchase-order';
import type { PurchaseOrderLine } from '../../src/modules/reconciliation/domain/purchase-order-line';
import { ReferenceNormalizer } from '../../src/modules/reconciliation/domain/reference-normalizer';
import { normalizeTaxId, normalizeVendorName } from '../../src/modules/reconciliation/domain/vendor-name';
import type { VendorIdentity } from '../../src/modules/reconciliation/domain/vendor-identity';
import type { CsvRecord, CsvTable } from './csv-reader';
import { oneLine } from './terminal-text';

/**
 * Maps rows of the canonical CSV files (columns as in the ingest issue) to the engine's documents.
 *
 * A document is a run of consecutive rows with the same key: a purchase order's vendor and
 * po_number; a receipt's receipt_number and po_number; an invoice's vendor and invoice_number. The
 * vendor is its tax id when the row has one, else its name, each compared as the engine compares
 * them (`DE 123` is `DE123`, `ACME GmbH` is `Acme`); numbers are compared as written. The same key
 * further down the file is another document when it bills or orders some of the same line numbers
 * again or has another date or total (an invoice sent again, a vendor reusing a PO number); when its
 * line numbers only continue the earlier rows, with the same date and totals, the file has one
 * document's rows apart, and is refused. Document-level columns
 * repeat on every row and must agree within a document.
 *
 * Every problem of a file is collected (the mapping goes on past it) and all are reported at once.
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

/** A file the documents cannot be read from: every problem, each at its file, line and column. */
export class CanonicalFileError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(problems.join('\n'));
    this.name = 'CanonicalFileError';
  }
}

/** Reads the fields of one file's rows, noting each problem and giving a placeholder so reading goes on. */
class FieldReader {
  readonly problems: string[] = [];
  private readonly noted = new Set<string>();

  constructor(readonly file: string) {}

  /** A field read twice (as a key, then as a value) is reported once. */
  note(line: number, column: string, message: string): void {
    const problem = oneLine(`${this.file} line ${line}, ${column}: ${message}`);
    if (this.noted.has(problem)) return;
    this.noted.add(problem);
    this.problems.push(problem);
  }

  required(record: CsvRecord, column: string): string {
    const value = record.values[column]?.trim() ?? '';
    if (value === '') this.note(record.line, column, 'is empty');
    return value;
  }

  optional(record: CsvRecord, column: string): string | null {
    const value = record.values[column]?.trim();
    return value ? value : null;
  }

  decimal(record: CsvRecord, column: string): Decimal {
    const text = this.required(record, column);
    if (text === '') return Decimal.ZERO;
    const value = Decimal.tryParse(text);
    if (!value)
      this.note(record.line, column, `"${text}" is not a decimal number (digits, an optional - and . only)`);
    return value ?? Decimal.ZERO;
  }

  /** A rate in percent that may be left empty, written `19`, `7.5` or `19 %`. */
  optionalPercent(record: CsvRecord, column: string): Decimal | null {
    const text = this.optional(record, column)?.replace(/\s*%$/, '');
    if (text === undefined || text === null) return null;
    const value = Decimal.tryParse(text);
    if (!value) this.note(record.line, column, `"${text}" is not a rate in percent (19, 7.5 or 19 %)`);
    return value;
  }

  /** Who issued the document: its tax id and name as written. */
  vendor(record: CsvRecord): VendorIdentity {
    return {
      taxId: this.optional(record, 'vendor_tax_id'),
      name: this.optional(record, 'vendor_name') ?? '',
    };
  }

  /** The document's ISO 4217 code, upper-cased; an unknown code is noted and left for the amounts to skip. */
  currency(record: CsvRecord): string {
    const code = this.required(record, 'currency').toUpperCase();
    if (code !== '' && !Currency.isValidCode(code))
      this.note(record.line, 'currency', `"${code}" is not an ISO 4217 currency code`);
    return code;
  }

  /** Amounts must fit the currency's minor unit exactly; a file with 12.345 EUR is refused, not rounded. */
  minorUnits(record: CsvRecord, column: string, currency: string): bigint {
    const value = this.decimal(record, column);
    if (!Currency.isValidCode(currency)) return 0n;
    const exponent = Currency.of(currency).exponent;
    const minor = value.toMinorUnits(exponent, 'half-even');
    if (!Decimal.of(minor, exponent).equals(value))
      this.note(record.line, column, `"${value.toString()}" has more decimals than ${currency} allows`);
    return minor;
  }
}

/** What an ordered or billed line says of its item: the same columns in both files. */
const PRICED_LINE = ['line_number', 'sku', 'description', 'quantity', 'unit_price', 'line_amount'];

/** The columns each canonical file's header must name (in any order; others are ignored). */
export const CANONICAL_COLUMNS = {
  purchaseOrders: ['po_number', 'vendor_name', 'vendor_tax_id', 'order_date', 'currency', ...PRICED_LINE],
  receipts: ['receipt_number', 'po_number', 'line_number', 'sku', 'quantity_received', 'receipt_date'],
  invoices: [
    'invoice_number',
    'vendor_name',
    'vendor_tax_id',
    'invoice_date',
    'currency',
    'po_number',
    'po_line_number',
    ...PRICED_LINE,
    'tax_amount',
    'total_amount',
  ],
} as const satisfies Record<string, readonly string[]>;

/** How a document-level column is compared between the rows of one document. */
type Comparison = 'text' | 'code' | 'amount' | 'tax_id' | 'vendor_name' | 'bank_account';

interface DocumentLayout {
  /** As named in messages: `purchase order`, `receipt`, `invoice`. */
  readonly kind: string;
  /** Every column the header must name (the canonical layout); others are ignored. */
  readonly columns: readonly string[];
  /** Required columns that, with the vendor when `byVendor`, identify a document; the first names it. */
  readonly numberColumns: readonly string[];
  readonly byVendor: boolean;
  readonly headerColumns: Readonly<Record<string, Comparison>>;
  /**
   * What a line_number already seen in the current document means: `new_document` (an invoice sent
   * again straight after the original, as in a file sorted by number), `refused`, or `allowed`.
   */
  readonly repeatedLine: 'new_document' | 'refused' | 'allowed';
  /** Whether a key found again further down with only new line numbers is refused as a split document. */
  readonly refusesSplitDocuments: boolean;
  /**
   * Whether a copy is refused: a row the same as an earlier row of its document, or a document the
   * same as an earlier one of its key (same date, same rows). For receipts, where either would count
   * goods twice, and a 3-way match would then pass an invoice for goods never delivered.
   */
  readonly refusesCopies: boolean;
}

/** A document's vendor, compared as the engine compares it (`DE 123` is `DE123`, `ACME GmbH` is `Acme`). */
const VENDOR_COLUMNS = { vendor_tax_id: 'tax_id', vendor_name: 'vendor_name' } as const;

const PURCHASE_ORDERS: DocumentLayout = {
  kind: 'purchase order',
  columns: CANONICAL_COLUMNS.purchaseOrders,
  numberColumns: ['po_number'],
  byVendor: true,
  headerColumns: { ...VENDOR_COLUMNS, order_date: 'text', currency: 'code' },
  repeatedLine: 'refused',
  refusesSplitDocuments: true,
  refusesCopies: false,
};

/**
 * A receipt may list one PO line twice (two deliveries booked together, of different quantities);
 * the quantities add up. A row or a whole receipt listed twice is refused as a copy.
 */
const RECEIPTS: DocumentLayout = {
  kind: 'receipt',
  columns: CANONICAL_COLUMNS.receipts,
  numberColumns: ['receipt_number', 'po_number'],
  byVendor: false,
  headerColumns: { receipt_date: 'text' },
  repeatedLine: 'allowed',
  refusesSplitDocuments: false,
  refusesCopies: true,
};

const INVOICES: DocumentLayout = {
  kind: 'invoice',
  columns: CANONICAL_COLUMNS.invoices,
  numberColumns: ['invoice_number'],
  byVendor: true,
  headerColumns: {
    ...VENDOR_COLUMNS,
    invoice_date: 'text',
    currency: 'code',
    tax_amount: 'amount',
    total_amount: 'amount',
    payee_bank_account: 'bank_account',
  },
  repeatedLine: 'new_document',
  refusesSplitDocuments: true,
  refusesCopies: false,
};

function comparable(value: string, comparison: Comparison): string {
  if (comparison === 'code') return value.toUpperCase();
  if (comparison === 'tax_id') return normalizeTaxId(value);
  if (comparison === 'vendor_name') return normalizeVendorName(value);
  if (comparison === 'amount') return Decimal.tryParse(value)?.normalized().toString() ?? value;
  if (comparison === 'bank_account') return bankAccountKey(value);
  return value;
}

/** A row's document number(s), and for vendors' documents the vendor: its tax id when it has one, else its name. */
function documentKey(record: CsvRecord, layout: DocumentLayout, fields: FieldReader): DocumentKey {
  const number = layout.numberColumns.map((column) => fields.required(record, column)).join('\u0000');
  if (!layout.byVendor) return { number, key: number, taxId: '', name: '' };
  const taxId = normalizeTaxId(fields.optional(record, 'vendor_tax_id') ?? '');
  const name = normalizeVendorName(fields.optional(record, 'vendor_name') ?? '');
  const vendor = taxId ? `T:${taxId}` : `N:${name}`;
  return { number, key: `${vendor}\u0000${number}`, taxId, name };
}

interface DocumentKey {
  readonly number: string;
  readonly key: string;
  /** The vendor's tax id and name as the engine compares them (empty when the row has none). */
  readonly taxId: string;
  readonly name: string;
}

/**
 * Whether a row with the current document's number belongs to it: when it names the same vendor, or
 * a new line number with the same tax id or name (a row that drops the tax id, or gives another
 * name or tax id, is then one document that disagrees with itself and is refused, not two
 * documents). Another vendor altogether starts that vendor's document of the same number.
 */
function continuesDocument(current: Grouped | null, row: DocumentKey, lineKey: string): current is Grouped {
  if (current?.number !== row.number) return false;
  if (current.key === row.key) return true;
  const sameVendor =
    (row.taxId !== '' && row.taxId === current.taxId) || (row.name !== '' && row.name === current.name);
  return sameVendor && !current.lines.has(lineKey);
}

interface Grouped extends DocumentKey {
  readonly rows: CsvRecord[];
  /** The document's line numbers as the engine compares them, with the file line of each. */
  readonly lines: Map<string, number>;
}

/** Splits the rows into documents (runs of consecutive rows with one key) and checks each is consistent. */
function documentsOf(
  records: readonly CsvRecord[],
  layout: DocumentLayout,
  fields: FieldReader,
): CsvRecord[][] {
  const documents: Grouped[] = [];
  let current = null as Grouped | null;
  for (const record of records) {
    const row = documentKey(record, layout, fields);
    const lineNumber = fields.required(record, 'line_number');
    const lineKey = ReferenceNormalizer.poLineNumber(lineNumber);
    const continued = continuesDocument(current, row, lineKey) ? current : null;
    const repeatedAt = continued?.lines.get(lineKey);
    if (repeatedAt !== undefined && layout.repeatedLine === 'refused') {
      fields.note(
        record.line,
        'line_number',
        `${lineNumber} repeats line ${repeatedAt} of ${layout.kind} ${numberOf(record, layout)}`,
      );
      continue;
    }
    let document = continued;
    if (!document || (repeatedAt !== undefined && layout.repeatedLine === 'new_document')) {
      document = { ...row, rows: [], lines: new Map() };
      documents.push(document);
    }
    document.rows.push(record);
    if (!document.lines.has(lineKey)) document.lines.set(lineKey, record.line);
    current = document;
  }
  if (layout.refusesSplitDocuments) checkNotSplit(documents, layout, fields);
  if (layout.refusesCopies) checkNoCopies(documents, layout, fields);
  for (const document of documents) checkHeaderAgrees(document.rows, layout, fields);
  return documents.map((document) => document.rows);
}

function numberOf(record: CsvRecord, layout: DocumentLayout): string {
  return record.values[layout.numberColumns[0]]?.trim() ?? '';
}

function rowsText(rows: readonly CsvRecord[]): string {
  const first = rows[0].line;
  const last = rows[rows.length - 1].line;
  return first === last ? `line ${first}` : `lines ${first}-${last}`;
}

/**
 * A key found again after other rows is a document sent or issued again when some line numbers come
 * back or its document-level columns differ (another date, another total); rows that only continue
 * the earlier ones, with the same date and totals, are one document pulled apart (a file sorted by
 * something else), which would otherwise be decided as two.
 */
function checkNotSplit(documents: readonly Grouped[], layout: DocumentLayout, fields: FieldReader): void {
  const earlier = new Map<string, Grouped[]>();
  for (const document of documents) {
    const before = earlier.get(document.key) ?? [];
    const continued = before.find(
      (other) =>
        [...document.lines.keys()].every((line) => !other.lines.has(line)) &&
        differingColumns(other.rows[0], document.rows[0], layout, fields).length === 0,
    );
    if (continued) {
      const first = document.rows[0];
      fields.note(
        first.line,
        layout.numberColumns[0],
        `the rows of ${layout.kind} ${numberOf(first, layout)} are not together (${rowsText(continued.rows)}, then ` +
          `${rowsText(document.rows)} with other line numbers); keep each ${layout.kind}'s rows consecutive`,
      );
    }
    earlier.set(document.key, [...before, document]);
  }
}

/** What a receipt row books: its PO line, SKU and quantity, compared by value. */
function bookedText(row: CsvRecord, fields: FieldReader): string {
  const quantity = fields.optional(row, 'quantity_received') ?? '';
  return [
    ReferenceNormalizer.poLineNumber(fields.optional(row, 'line_number') ?? ''),
    fields.optional(row, 'sku') ?? '',
    Decimal.tryParse(quantity)?.normalized().toString() ?? quantity,
  ].join('\u0000');
}

/**
 * Refuses copies (see `refusesCopies`): a row booking what an earlier row of its document books, and
 * a document of the same key, date and rows as an earlier one (an export listed twice).
 */
function checkNoCopies(documents: readonly Grouped[], layout: DocumentLayout, fields: FieldReader): void {
  const earlier = new Map<string, Grouped[]>();
  for (const document of documents) {
    const booked = document.rows.map((row) => bookedText(row, fields));
    booked.forEach((text, i) => {
      const first = booked.indexOf(text);
      if (first < i)
        fields.note(
          document.rows[i].line,
          'quantity_received',
          `repeats line ${document.rows[first].line} of the same ${layout.kind} exactly; if two deliveries of ` +
            'that quantity were booked together, write one row of their sum',
        );
    });
    const before = earlier.get(document.key) ?? [];
    const copied = before.find(
      (other) =>
        differingColumns(other.rows[0], document.rows[0], layout, fields).length === 0 &&
        other.rows.map((row) => bookedText(row, fields)).join('\u0001') === booked.join('\u0001'),
    );
    if (copied)
      fields.note(
        document.rows[0].line,
        layout.numberColumns[0],
        `${layout.kind} ${numberOf(document.rows[0], layout)} repeats ${rowsText(copied.rows)} exactly (same date and ` +
          `lines); a ${layout.kind} listed twice would count its goods twice: remove the copy`,
      );
    earlier.set(document.key, [...before, document]);
  }
}

/** The document-level columns whose values differ between two rows, compared by value. */
function differingColumns(a: CsvRecord, b: CsvRecord, layout: DocumentLayout, fields: FieldReader): string[] {
  return Object.entries(layout.headerColumns)
    .filter(
      ([column, comparison]) =>
        comparable(fields.optional(a, column) ?? '', comparison) !==
        comparable(fields.optional(b, column) ?? '', comparison),
    )
    .map(([column]) => column);
}

function checkHeaderAgrees(rows: readonly CsvRecord[], layout: DocumentLayout, fields: FieldReader): void {
  const [first, ...others] = rows;
  for (const row of others) {
    for (const column of differingColumns(first, row, layout, fields)) {
      fields.note(
        row.line,
        column,
        `"${fields.optional(row, column) ?? ''}" differs from "${fields.optional(first, column) ?? ''}" on line ` +
          `${first.line} of the same ${layout.kind} ${numberOf(first, layout)}; each ${layout.kind}'s ${column} must ` +
          'be the same on all its rows',
      );
    }
  }
}

function sourceOf(rows: readonly CsvRecord[], file: string): SourceRows {
  return { file, lines: rows.map((row) => row.line) };
}

/** What an ordered or billed line says of its item: the same columns in both files. */
function pricedItemOf(row: CsvRecord, currency: string, fields: FieldReader) {
  return {
    sku: fields.optional(row, 'sku'),
    description: fields.optional(row, 'description') ?? '',
    quantity: fields.decimal(row, 'quantity'),
    unitPrice: fields.decimal(row, 'unit_price'),
    lineAmount: fields.minorUnits(row, 'line_amount', currency),
  };
}

function purchaseOrderFrom(rows: readonly CsvRecord[], fields: FieldReader): PurchaseOrder {
  const first = rows[0];
  const currency = fields.currency(first);
  const lines: PurchaseOrderLine[] = rows.map((row) => ({
    lineNumber: fields.required(row, 'line_number'),
    ...pricedItemOf(row, currency, fields),
  }));
  return {
    poNumber: fields.required(first, 'po_number'),
    vendor: fields.vendor(first),
    currency,
    orderDate: fields.required(first, 'order_date'),
    lines,
  };
}

function goodsReceiptFrom(rows: readonly CsvRecord[], fields: FieldReader): GoodsReceipt {
  const first = rows[0];
  const lines: GoodsReceiptLine[] = rows.map((row) => ({
    lineNumber: fields.required(row, 'line_number'),
    sku: fields.optional(row, 'sku'),
    quantityReceived: fields.decimal(row, 'quantity_received'),
  }));
  return {
    receiptNumber: fields.required(first, 'receipt_number'),
    poNumber: fields.required(first, 'po_number'),
    receiptDate: fields.required(first, 'receipt_date'),
    lines,
  };
}

function invoiceFrom(rows: readonly CsvRecord[], fields: FieldReader): Invoice {
  const first = rows[0];
  const currency = fields.currency(first);
  const lines: InvoiceLine[] = rows.map((row) => ({
    lineNumber: fields.required(row, 'line_number'),
    poNumber: fields.optional(row, 'po_number'),
    poLineNumber: fields.optional(row, 'po_line_number'),
    ...pricedItemOf(row, currency, fields),
    taxRatePercent: fields.optionalPercent(row, 'tax_rate'),
  }));
  return {
    invoiceNumber: fields.required(first, 'invoice_number'),
    vendor: fields.vendor(first),
    invoiceDate: fields.required(first, 'invoice_date'),
    currency,
    lines,
    taxAmount: fields.minorUnits(first, 'tax_amount', currency),
    totalAmount: fields.minorUnits(first, 'total_amount', currency),
    payeeBankAccount: fields.optional(first, 'payee_bank_account'),
  };
}

/** A header read as one column that holds semicolons or tabs: the file has another separator. */
function separatorHint(table: CsvTable): string {
  const only = table.columns.length === 1 ? table.columns[0] : '';
  const separator = only.includes(';') ? 'semicolons' : only.includes('\t') ? 'tabs' : null;
  return separator ? `; the file looks separated by ${separator}: save it with commas` : '';
}

/** The layout's columns the header does not name; a file without them is not read further. */
function missingColumns(table: CsvTable, layout: DocumentLayout): string[] {
  return layout.columns.filter((column) => !table.columns.includes(column));
}

function mapped<D>(
  table: CsvTable,
  layout: DocumentLayout,
  file: string,
  toDocument: (rows: readonly CsvRecord[], fields: FieldReader) => D,
): CsvDocuments<D> {
  const missing = missingColumns(table, layout);
  if (missing.length > 0) {
    throw new CanonicalFileError([
      `${file}: the header lacks ${missing.length === 1 ? 'column' : 'columns'} ${missing.join(', ')} ` +
        `(${layout.kind} files have ${layout.columns.join(', ')})${separatorHint(table)}`,
    ]);
  }
  const fields = new FieldReader(file);
  const documents = documentsOf(table.records, layout, fields);
  const result = {
    documents: documents.map((rows) => toDocument(rows, fields)),
    sources: documents.map((rows) => sourceOf(rows, file)),
  };
  if (fields.problems.length > 0) throw new CanonicalFileError(fields.problems);
  return result;
}

export function purchaseOrdersFrom(
  table: CsvTable,
  file = 'purchase-orders.csv',
): CsvDocuments<PurchaseOrder> {
  return mapped(table, PURCHASE_ORDERS, file, purchaseOrderFrom);
}

export function goodsReceiptsFrom(table: CsvTable, file = 'receipts.csv'): CsvDocuments<GoodsReceipt> {
  return mapped(table, RECEIPTS, file, goodsReceiptFrom);
}

export function invoicesFrom(table: CsvTable, file = 'invoices.csv'): CsvDocuments<Invoice> {
  return mapped(table, INVOICES, file, invoiceFrom);
}
