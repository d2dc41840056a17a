import { CalendarDate } from './calendar-date';
import { Currency } from './currency';
import { InvalidReconciliationInputError, type InputProblem } from './invalid-reconciliation-input.error';
import type { ReconciliationInput } from './reconciliation-input';

const MAX_REPORTED = 100;

type Report = (path: string, message: string) => void;

/** Rejects input the engine cannot judge fairly (unknown currencies, impossible dates, documents without lines). */
export function assertValidInput(input: ReconciliationInput): void {
  const problems: InputProblem[] = [];
  const report: Report = (path, message) => {
    if (problems.length < MAX_REPORTED) problems.push({ path, message });
  };
  // Paths are written only for problems (a large run has millions of fields to check), and the
  // loops create no closure per document.
  checkPurchaseOrders(input.purchaseOrders, report);
  for (let i = 0; i < input.goodsReceipts.length; i += 1)
    checkDate(`goodsReceipts[${i}].receiptDate`, input.goodsReceipts[i].receiptDate, report);
  checkInvoices(input.invoices, report);
  (input.priorInvoices ?? []).forEach((prior, i) => {
    checkCurrency(`priorInvoices[${i}].currency`, prior.currency, report);
    checkDate(`priorInvoices[${i}].invoiceDate`, prior.invoiceDate, report);
  });
  if (problems.length > 0) throw new InvalidReconciliationInputError(problems);
}

function checkCurrency(path: string, code: string, report: Report): void {
  if (!Currency.isValidCode(code)) report(path, `"${code}" is not an ISO 4217 currency code`);
}

function checkDate(path: string, date: string, report: Report): void {
  if (!CalendarDate.isValid(date)) report(path, `"${date}" is not a date (YYYY-MM-DD)`);
}

function checkPurchaseOrders(purchaseOrders: ReconciliationInput['purchaseOrders'], report: Report): void {
  for (let i = 0; i < purchaseOrders.length; i += 1) {
    const po = purchaseOrders[i];
    if (po.poNumber.trim() === '') report(`purchaseOrders[${i}].poNumber`, 'is empty');
    if (po.vendor.name.trim() === '' && !po.vendor.taxId)
      report(`purchaseOrders[${i}].vendor`, 'needs a tax id or a name');
    if (!Currency.isValidCode(po.currency))
      checkCurrency(`purchaseOrders[${i}].currency`, po.currency, report);
    if (!CalendarDate.isValid(po.orderDate))
      checkDate(`purchaseOrders[${i}].orderDate`, po.orderDate, report);
    if (po.lines.length === 0)
      report(`purchaseOrders[${i}].lines`, 'a purchase order needs at least one line');
    for (let j = 0; j < po.lines.length; j += 1) {
      const line = po.lines[j];
      if (line.quantity.sign() <= 0) report(`purchaseOrders[${i}].lines[${j}].quantity`, 'must be positive');
      if (line.unitPrice.sign() < 0)
        report(`purchaseOrders[${i}].lines[${j}].unitPrice`, 'must not be negative');
    }
  }
}

function checkInvoices(invoices: ReconciliationInput['invoices'], report: Report): void {
  for (let i = 0; i < invoices.length; i += 1) {
    const invoice = invoices[i];
    if (invoice.invoiceNumber.trim() === '') report(`invoices[${i}].invoiceNumber`, 'is empty');
    if (invoice.vendor.name.trim() === '' && !invoice.vendor.taxId)
      report(`invoices[${i}].vendor`, 'needs a tax id or a name');
    if (!Currency.isValidCode(invoice.currency))
      checkCurrency(`invoices[${i}].currency`, invoice.currency, report);
    if (!CalendarDate.isValid(invoice.invoiceDate))
      checkDate(`invoices[${i}].invoiceDate`, invoice.invoiceDate, report);
    if (invoice.lines.length === 0) report(`invoices[${i}].lines`, 'an invoice needs at least one line');
    for (let j = 0; j < invoice.lines.length; j += 1) {
      if (invoice.lines[j].unitPrice.sign() < 0)
        report(`invoices[${i}].lines[${j}].unitPrice`, 'must not be negative');
    }
  }
}
