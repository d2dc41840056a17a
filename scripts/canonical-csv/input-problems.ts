import type { InputProblem } from '../../src/modules/reconciliation/domain/invalid-reconciliation-input.error';
import type { SourceRows } from './canonical-documents';

/** Where each document handed to the engine came from, by the engine's collection names and indexes. */
export interface DocumentSources {
  readonly purchaseOrders: readonly SourceRows[];
  readonly goodsReceipts: readonly SourceRows[];
  readonly invoices: readonly SourceRows[];
}

/** The CSV column behind each field of the engine's documents. */
const COLUMNS: Readonly<Record<string, string>> = {
  poNumber: 'po_number',
  receiptNumber: 'receipt_number',
  invoiceNumber: 'invoice_number',
  vendor: 'vendor_tax_id/vendor_name',
  'vendor.taxId': 'vendor_tax_id',
  'vendor.name': 'vendor_name',
  currency: 'currency',
  orderDate: 'order_date',
  receiptDate: 'receipt_date',
  invoiceDate: 'invoice_date',
  lineNumber: 'line_number',
  quantity: 'quantity',
  quantityReceived: 'quantity_received',
  unitPrice: 'unit_price',
  lineAmount: 'line_amount',
  taxAmount: 'tax_amount',
  totalAmount: 'total_amount',
};

// e.g. `invoices[3].invoiceDate`, `purchaseOrders[0].lines[2].quantity`, `invoices[1].vendor.taxId`
const PATH = /^(purchaseOrders|goodsReceipts|invoices)\[(\d+)\](?:\.lines\[(\d+)\])?\.(\w+(?:\.\w+)?)$/;

function linesText(lines: readonly number[]): string {
  if (lines.length === 1) return `line ${lines[0]}`;
  return `lines ${lines[0]}-${lines[lines.length - 1]}`;
}

/**
 * One engine input problem as `file line N, column: message`: a line-level problem points at its
 * row, a document-level one at the document's rows. A path the files cannot explain is kept as is.
 */
export function describeProblem(problem: InputProblem, sources: DocumentSources): string {
  const match = PATH.exec(problem.path);
  const source = match ? sources[match[1] as keyof DocumentSources][Number(match[2])] : undefined;
  const message = withDocumentsAtRows(problem.message, sources);
  if (!match || !source) return `${problem.path}: ${message}`;
  const line = match[3] === undefined ? undefined : source.lines[Number(match[3])];
  const rows = linesText(line === undefined ? source.lines : [line]);
  const column = COLUMNS[match[4]];
  return column
    ? `${source.file} ${rows}, ${column}: ${message}`
    : `${source.file} ${rows} (${problem.path}): ${message}`;
}

// e.g. `repeats purchaseOrders[0]`: another document a message refers to.
const DOCUMENT_REFERENCE = /\b(purchaseOrders|goodsReceipts|invoices)\[(\d+)\]/g;

/** A message's references to other documents (`purchaseOrders[0]`) as the rows they came from. */
function withDocumentsAtRows(message: string, sources: DocumentSources): string {
  return message.replace(DOCUMENT_REFERENCE, (reference, list: keyof DocumentSources, index: string) => {
    const source = sources[list][Number(index)];
    return source ? `${linesText(source.lines)} of ${source.file}` : reference;
  });
}
