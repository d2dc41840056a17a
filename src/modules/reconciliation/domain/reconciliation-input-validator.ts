import { CalendarDate } from './calendar-date';
import { Currency } from './currency';
import { InvalidReconciliationInputError, type InputProblem } from './invalid-reconciliation-input.error';
import type { PurchaseOrderAdmission } from './purchase-order-book';
import type { ReconciliationInput } from './reconciliation-input';
import type { VendorIdentity } from './vendor-identity';

const MAX_REPORTED = 100;

type Report = (path: string, message: string) => void;

/** The documents the check reads. */
type CheckedInput = Pick<
  ReconciliationInput,
  'purchaseOrders' | 'goodsReceipts' | 'invoices' | 'priorInvoices'
>;

/**
 * Rejects input the engine cannot judge fairly (unknown currencies, impossible dates, documents
 * without lines). Each purchase order is checked as the PO book reads it and each invoice just before
 * the engine decides it, so a large run reads those documents from memory once rather than twice;
 * receipts and prior invoices are checked up front. A problem anywhere still rejects the whole run,
 * listing every problem (up to 100) in input order: purchase orders, receipts, invoices, prior invoices.
 */
export class InputCheck implements PurchaseOrderAdmission {
  private readonly ofPurchaseOrders: InputProblem[] = [];
  private readonly ofReceipts: InputProblem[] = [];
  private readonly ofInvoices: InputProblem[] = [];
  private readonly afterInvoices: InputProblem[] = [];
  private readonly reportOfPurchaseOrders = collector(this.ofPurchaseOrders);
  private readonly reportOfInvoices = collector(this.ofInvoices);

  constructor(private readonly input: CheckedInput) {
    // Paths are written only for problems (a large run has millions of fields to check), and the
    // loops create no closure per document.
    const receipts = collector(this.ofReceipts);
    for (let i = 0; i < input.goodsReceipts.length; i += 1)
      checkDate(`goodsReceipts[${i}].receiptDate`, input.goodsReceipts[i].receiptDate, receipts);
    const after = collector(this.afterInvoices);
    (input.priorInvoices ?? []).forEach((prior, i) => {
      checkCurrency(`priorInvoices[${i}].currency`, prior.currency, after);
      checkDate(`priorInvoices[${i}].invoiceDate`, prior.invoiceDate, after);
    });
  }

  /** Checks purchase order `index`; when it is malformed, checks the purchase orders after it and throws. */
  admit(index: number): void {
    checkPurchaseOrder(this.input.purchaseOrders[index], index, this.reportOfPurchaseOrders);
    if (this.ofPurchaseOrders.length === 0) return;
    for (let i = index + 1; i < this.input.purchaseOrders.length; i += 1)
      checkPurchaseOrder(this.input.purchaseOrders[i], i, this.reportOfPurchaseOrders);
    this.rejectFrom(0);
  }

  /** After the last purchase order: throws when a receipt or a prior invoice is malformed. */
  allAdmitted(): void {
    if (this.ofReceipts.length > 0 || this.afterInvoices.length > 0) this.rejectFrom(0);
  }

  /** Checks invoice `index`; when it is malformed, checks the invoices after it and throws. */
  assertInvoice(index: number): void {
    checkInvoice(this.input.invoices[index], index, this.reportOfInvoices);
    if (this.ofInvoices.length > 0) this.rejectFrom(index + 1);
  }

  private rejectFrom(index: number): never {
    for (let i = index; i < this.input.invoices.length; i += 1)
      checkInvoice(this.input.invoices[i], i, this.reportOfInvoices);
    const problems = [
      ...this.ofPurchaseOrders,
      ...this.ofReceipts,
      ...this.ofInvoices,
      ...this.afterInvoices,
    ];
    throw new InvalidReconciliationInputError(problems.slice(0, MAX_REPORTED));
  }
}

function collector(problems: InputProblem[]): Report {
  return (path, message) => {
    if (problems.length < MAX_REPORTED) problems.push({ path, message });
  };
}

function checkCurrency(path: string, code: string, report: Report): void {
  if (!Currency.isValidCode(code)) report(path, `"${code}" is not an ISO 4217 currency code`);
}

function checkDate(path: string, date: string, report: Report): void {
  if (!CalendarDate.isValid(date)) report(path, `"${date}" is not a date (YYYY-MM-DD)`);
}

const HEADER_FIELDS = {
  purchaseOrders: { number: 'poNumber', date: 'orderDate' },
  invoices: { number: 'invoiceNumber', date: 'invoiceDate' },
} as const;

/** What every purchase order and invoice must name: its number, its vendor, its currency and its date. */
function checkHeader(
  documents: keyof typeof HEADER_FIELDS,
  i: number,
  number: string,
  vendor: VendorIdentity,
  currency: string,
  date: string,
  report: Report,
): void {
  const fields = HEADER_FIELDS[documents];
  if (number.trim() === '') report(`${documents}[${i}].${fields.number}`, 'is empty');
  if (vendor.name.trim() === '' && !vendor.taxId)
    report(`${documents}[${i}].vendor`, 'needs a tax id or a name');
  if (!Currency.isValidCode(currency)) checkCurrency(`${documents}[${i}].currency`, currency, report);
  if (!CalendarDate.isValid(date)) checkDate(`${documents}[${i}].${fields.date}`, date, report);
}

function checkPurchaseOrder(
  po: ReconciliationInput['purchaseOrders'][number],
  i: number,
  report: Report,
): void {
  checkHeader('purchaseOrders', i, po.poNumber, po.vendor, po.currency, po.orderDate, report);
  if (po.lines.length === 0) report(`purchaseOrders[${i}].lines`, 'a purchase order needs at least one line');
  for (let j = 0; j < po.lines.length; j += 1) {
    const line = po.lines[j];
    if (line.quantity.sign() <= 0) report(`purchaseOrders[${i}].lines[${j}].quantity`, 'must be positive');
    if (line.unitPrice.sign() < 0)
      report(`purchaseOrders[${i}].lines[${j}].unitPrice`, 'must not be negative');
  }
}

function checkInvoice(invoice: ReconciliationInput['invoices'][number], i: number, report: Report): void {
  checkHeader(
    'invoices',
    i,
    invoice.invoiceNumber,
    invoice.vendor,
    invoice.currency,
    invoice.invoiceDate,
    report,
  );
  if (invoice.lines.length === 0) report(`invoices[${i}].lines`, 'an invoice needs at least one line');
  // Credit notes carry negative figures; one with a positive total would be taken for a bill.
  if (invoice.kind === 'credit_note' && invoice.totalAmount > 0n)
    report(`invoices[${i}].totalAmount`, 'a credit note carries negative amounts');
  for (let j = 0; j < invoice.lines.length; j += 1) {
    if (invoice.lines[j].unitPrice.sign() < 0)
      report(`invoices[${i}].lines[${j}].unitPrice`, 'must not be negative');
  }
}
