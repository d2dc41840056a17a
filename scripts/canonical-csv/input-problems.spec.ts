import { describeProblem, type DocumentSources } from './input-problems';

const sources: DocumentSources = {
  purchaseOrders: [{ file: 'po.csv', lines: [2, 3] }],
  goodsReceipts: [{ file: 'receipts.csv', lines: [2] }],
  invoices: [
    { file: 'invoices.csv', lines: [2] },
    { file: 'invoices.csv', lines: [3, 5] },
  ],
};

describe('describeProblem: an engine input problem at its CSV file, line and column', () => {
  it.each([
    ['invoices[1].invoiceDate', 'invoices.csv lines 3-5, invoice_date: bad'],
    ['invoices[1].lines[1].unitPrice', 'invoices.csv line 5, unit_price: bad'],
    ['invoices[0].vendor', 'invoices.csv line 2, vendor_tax_id/vendor_name: bad'],
    ['invoices[1].vendor.taxId', 'invoices.csv lines 3-5, vendor_tax_id: bad'],
    ['purchaseOrders[0].vendor.name', 'po.csv lines 2-3, vendor_name: bad'],
    ['purchaseOrders[0].lines[1].quantity', 'po.csv line 3, quantity: bad'],
    ['goodsReceipts[0].receiptDate', 'receipts.csv line 2, receipt_date: bad'],
    ['invoices[0].lines', 'invoices.csv line 2 (invoices[0].lines): bad'],
    ['priorInvoices[0].currency', 'priorInvoices[0].currency: bad'],
    ['invoices[7].currency', 'invoices[7].currency: bad'],
  ])('%s', (path, expected) => {
    expect(describeProblem({ path, message: 'bad' }, sources)).toBe(expected);
  });
});

describe('describeProblem: another document a message names', () => {
  it('is named by its rows, not by the engine index', () => {
    const problem = {
      path: 'purchaseOrders[0].poNumber',
      message: 'repeats purchaseOrders[0] and invoices[1]; purchaseOrders[9] is not in the files',
    };
    expect(describeProblem(problem, sources)).toBe(
      'po.csv lines 2-3, po_number: repeats lines 2-3 of po.csv and lines 3-5 of invoices.csv; purchaseOrders[9] is not in the files',
    );
  });
});
