import { CalendarDate } from './calendar-date';
import { Currency } from './currency';
import { InvalidReconciliationInputError, type InputProblem } from './invalid-reconciliation-input.error';
import type { ReconciliationInput } from './reconciliation-input';

const MAX_REPORTED = 100;

/** Rejects input the engine cannot judge fairly (unknown currencies, impossible dates, documents without lines). */
export function assertValidInput(input: ReconciliationInput): void {
  const problems: InputProblem[] = [];
  const report = (path: string, message: string): void => {
    if (problems.length < MAX_REPORTED) problems.push({ path, message });
  };
  const checkCurrency = (path: string, code: string): void => {
    if (!Currency.isValidCode(code)) report(path, `"${code}" is not an ISO 4217 currency code`);
  };
  const checkDate = (path: string, date: string): void => {
    if (!CalendarDate.isValid(date)) report(path, `"${date}" is not a date (YYYY-MM-DD)`);
  };

  // Paths are written only for problems: a large run has millions of fields to check.
  input.purchaseOrders.forEach((po, i) => {
    const path = (field: string): string => `purchaseOrders[${i}].${field}`;
    if (po.poNumber.trim() === '') report(path('poNumber'), 'is empty');
    if (po.vendor.name.trim() === '' && !po.vendor.taxId) report(path('vendor'), 'needs a tax id or a name');
    if (!Currency.isValidCode(po.currency)) checkCurrency(path('currency'), po.currency);
    if (!CalendarDate.isValid(po.orderDate)) checkDate(path('orderDate'), po.orderDate);
    if (po.lines.length === 0) report(path('lines'), 'a purchase order needs at least one line');
    po.lines.forEach((line, j) => {
      if (line.quantity.sign() <= 0) report(path(`lines[${j}].quantity`), 'must be positive');
      if (line.unitPrice.sign() < 0) report(path(`lines[${j}].unitPrice`), 'must not be negative');
    });
  });
  input.goodsReceipts.forEach((receipt, i) => {
    if (!CalendarDate.isValid(receipt.receiptDate))
      checkDate(`goodsReceipts[${i}].receiptDate`, receipt.receiptDate);
  });
  input.invoices.forEach((invoice, i) => {
    const path = (field: string): string => `invoices[${i}].${field}`;
    if (invoice.invoiceNumber.trim() === '') report(path('invoiceNumber'), 'is empty');
    if (invoice.vendor.name.trim() === '' && !invoice.vendor.taxId)
      report(path('vendor'), 'needs a tax id or a name');
    if (!Currency.isValidCode(invoice.currency)) checkCurrency(path('currency'), invoice.currency);
    if (!CalendarDate.isValid(invoice.invoiceDate)) checkDate(path('invoiceDate'), invoice.invoiceDate);
    if (invoice.lines.length === 0) report(path('lines'), 'an invoice needs at least one line');
    invoice.lines.forEach((line, j) => {
      if (line.unitPrice.sign() < 0) report(path(`lines[${j}].unitPrice`), 'must not be negative');
    });
  });
  (input.priorInvoices ?? []).forEach((prior, i) => {
    checkCurrency(`priorInvoices[${i}].currency`, prior.currency);
    checkDate(`priorInvoices[${i}].invoiceDate`, prior.invoiceDate);
  });
  if (problems.length > 0) throw new InvalidReconciliationInputError(problems);
}
