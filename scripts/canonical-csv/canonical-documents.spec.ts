import {
  CANONICAL_COLUMNS,
  goodsReceiptsFrom,
  invoicesFrom,
  purchaseOrdersFrom,
} from './canonical-documents';
import { parseCsv } from './csv-reader';

const PO_HEADER = CANONICAL_COLUMNS.purchaseOrders.join(',');
const RECEIPT_HEADER = CANONICAL_COLUMNS.receipts.join(',');
const INVOICE_HEADER = CANONICAL_COLUMNS.invoices.join(',');

const csv = (header: string, ...rows: string[]) => parseCsv([header, ...rows].join('\n'));

describe('invoicesFrom: an invoice is a run of consecutive rows with one vendor and number', () => {
  it('keeps an invoice sent again further down the file as a second invoice with its own header', () => {
    const { documents, sources } = invoicesFrom(
      csv(
        INVOICE_HEADER,
        'A-1,Acme,DE1,2026-02-01,EUR,PO-1,1,1,W,Widget,1,10.00,10.00,2.00,12.00',
        'A-1,Acme,DE1,2026-02-01,EUR,PO-1,2,2,B,Bracket,1,5.00,5.00,2.00,12.00',
        'G-7,Globex,GB2,2026-02-02,GBP,PO-2,1,1,,Day,1,900.00,900.00,0.00,900.00',
        'A-1,Acme,DE1,2026-02-20,EUR,PO-1,1,1,W,Widget,1,10.00,10.00,3.00,13.00',
      ),
    );
    expect(
      documents.map((invoice) => [invoice.invoiceNumber, invoice.invoiceDate, invoice.totalAmount]),
    ).toEqual([
      ['A-1', '2026-02-01', 1200n],
      ['G-7', '2026-02-02', 90000n],
      ['A-1', '2026-02-20', 1300n],
    ]);
    expect(documents[2].lines.map((line) => line.lineNumber)).toEqual(['1']);
    expect(sources.map((source) => source.lines)).toEqual([[2, 3], [4], [5]]);
  });

  it('keeps an invoice sent again later with another date and renumbered lines as a second invoice', () => {
    const { documents } = invoicesFrom(
      csv(
        INVOICE_HEADER,
        'A-1,Acme,DE1,2026-02-01,EUR,PO-1,1,1,W,Widget,1,10.00,10.00,0.00,10.00',
        'G-7,Globex,GB2,2026-02-02,GBP,PO-2,1,1,,Day,1,900.00,900.00,0.00,900.00',
        'A-1,Acme,DE1,2026-03-01,EUR,PO-1,1,10,W,Widget,1,10.00,10.00,0.00,10.00',
      ),
    );
    expect(documents.map((invoice) => invoice.invoiceDate)).toEqual([
      '2026-02-01',
      '2026-02-02',
      '2026-03-01',
    ]);
  });

  it('starts a new invoice when a line number repeats: the same invoice sent again straight after', () => {
    const { documents } = invoicesFrom(
      csv(
        INVOICE_HEADER,
        'A-1,Acme,DE1,2026-02-01,EUR,PO-1,1,1,W,Widget,1,10.00,10.00,0.00,10.00',
        'A-1,Acme,DE1,2026-02-05,EUR,PO-1,1,1,W,Widget,1,10.00,10.00,0.00,10.00',
      ),
    );
    expect(documents.map((invoice) => invoice.invoiceDate)).toEqual(['2026-02-01', '2026-02-05']);
  });

  it('keeps two vendors’ invoices with the same number apart', () => {
    const { documents } = invoicesFrom(
      csv(
        INVOICE_HEADER,
        '100,Acme,DE1,2026-02-01,EUR,PO-1,1,1,W,Widget,1,10.00,10.00,0.00,10.00',
        '100,Globex,GB2,2026-02-01,GBP,PO-2,1,2,,Day,1,900.00,900.00,0.00,900.00',
      ),
    );
    expect(documents.map((invoice) => invoice.vendor.name)).toEqual(['Acme', 'Globex']);
  });

  it.each([
    [
      'invoice_date',
      '2026-02-02,EUR,PO-1,1,2,B,Bracket,1,5.00,5.00,2.00,17.00',
      '"2026-02-02" differs from "2026-02-01"',
    ],
    ['currency', '2026-02-01,USD,PO-1,1,2,B,Bracket,1,5.00,5.00,2.00,17.00', '"USD" differs from "EUR"'],
    ['tax_amount', '2026-02-01,EUR,PO-1,1,2,B,Bracket,1,5.00,5.00,3.00,17.00', '"3.00" differs from "2.00"'],
    [
      'total_amount',
      '2026-02-01,EUR,PO-1,1,2,B,Bracket,1,5.00,5.00,2.00,18.00',
      '"18.00" differs from "17.00"',
    ],
  ])('refuses rows of one invoice whose %s disagrees, naming the line and column', (column, rest, detail) => {
    const records = csv(
      INVOICE_HEADER,
      'A-1,Acme,DE1,2026-02-01,EUR,PO-1,1,1,W,Widget,1,10.00,10.00,2.00,17.00',
      `A-1,Acme,DE1,${rest}`,
    );
    expect(() => invoicesFrom(records, 'invoices.csv')).toThrow(
      `invoices.csv line 3, ${column}: ${detail} on line 2 of the same invoice A-1`,
    );
  });

  it('compares document-level columns by value: currency case and trailing zeros do not matter', () => {
    const { documents } = invoicesFrom(
      csv(
        INVOICE_HEADER,
        'A-1,Acme,DE1,2026-02-01,EUR,PO-1,1,1,W,Widget,1,10.00,10.00,2.00,17.00',
        'A-1,Acme,DE1,2026-02-01,eur,PO-1,1,2,B,Bracket,1,5.00,5.00,2.0,17',
      ),
    );
    expect(documents).toHaveLength(1);
  });
});

describe('invoicesFrom: the optional tax_rate column', () => {
  it("reads each line's VAT rate when the column is there (19, 7.0, 5 %), leaves it out when empty, refuses one that is no number", () => {
    const { documents } = invoicesFrom(
      csv(
        `${INVOICE_HEADER},tax_rate`,
        'A-1,Acme,DE1,2026-02-01,EUR,PO-1,1,1,W,Widget,1,10.00,10.00,2.25,17.25,19',
        'A-1,Acme,DE1,2026-02-01,EUR,PO-1,2,2,B,Bracket,1,5.00,5.00,2.25,17.25,7.0',
        'A-1,Acme,DE1,2026-02-01,EUR,,,3,,Note,0,0,0.00,2.25,17.25,',
        'A-1,Acme,DE1,2026-02-01,EUR,,,4,,Book,0,0,0.00,2.25,17.25,5 %',
      ),
    );
    expect(documents[0].lines.map((line) => line.taxRatePercent?.toString() ?? null)).toEqual([
      '19',
      '7.0',
      null,
      '5',
    ]);
    const bad = csv(
      `${INVOICE_HEADER},tax_rate`,
      'A-1,Acme,DE1,2026-02-01,EUR,PO-1,1,1,W,Widget,1,10.00,10.00,1.90,11.90,nineteen',
    );
    expect(() => invoicesFrom(bad, 'inv.csv')).toThrow(
      'inv.csv line 2, tax_rate: "nineteen" is not a rate in percent (19, 7.5 or 19 %)',
    );
  });
});

describe('purchaseOrdersFrom: a purchase order is a run of rows with one vendor and po_number', () => {
  it('keeps two vendors’ purchase orders with the same number apart', () => {
    const { documents } = purchaseOrdersFrom(
      csv(
        PO_HEADER,
        'PO-1,Acme,DE1,2026-01-05,EUR,1,W,Widget,10,12.50,125.00',
        'PO-1,Acme,DE1,2026-01-05,EUR,2,B,Bracket,4,30.00,120.00',
        'PO-1,Globex,GB2,2026-01-10,GBP,1,,Day,2,900.00,1800.00',
      ),
    );
    expect(
      documents.map((po) => [
        po.poNumber,
        po.vendor.taxId,
        po.currency,
        po.lines.map((line) => line.lineNumber),
      ]),
    ).toEqual([
      ['PO-1', 'DE1', 'EUR', ['1', '2']],
      ['PO-1', 'GB2', 'GBP', ['1']],
    ]);
  });

  it('refuses rows of one purchase order whose order_date disagrees', () => {
    const records = csv(
      PO_HEADER,
      'PO-1,Acme,DE1,2026-01-05,EUR,1,W,Widget,10,12.50,125.00',
      'PO-1,Acme,DE1,2026-01-06,EUR,2,B,Bracket,4,30.00,120.00',
    );
    expect(() => purchaseOrdersFrom(records, 'po.csv')).toThrow(
      'po.csv line 3, order_date: "2026-01-06" differs from "2026-01-05" on line 2 of the same purchase order PO-1; ' +
        "each purchase order's order_date must be the same on all its rows",
    );
  });

  it('names the columns a header lacks and those the file should have', () => {
    expect(() => invoicesFrom(csv('invoice_number,vendor_name', 'A-1,Acme'), 'inv.csv')).toThrow(
      `inv.csv: the header lacks columns ${CANONICAL_COLUMNS.invoices.slice(2).join(', ')} ` +
        `(invoice files have ${CANONICAL_COLUMNS.invoices.join(', ')})`,
    );
  });

  it('refuses the rows of one purchase order apart from each other, and keeps a reused number apart', () => {
    const split = csv(
      PO_HEADER,
      'PO-1,Acme,DE1,2026-01-05,EUR,1,W,Widget,10,12.50,125.00',
      'PO-2,Acme,DE1,2026-01-05,EUR,1,B,Bracket,4,30.00,120.00',
      'PO-1,ACME GmbH,de 1,2026-01-05,EUR,2,B,Bracket,4,30.00,120.00',
    );
    expect(() => purchaseOrdersFrom(split, 'po.csv')).toThrow(
      'po.csv line 4, po_number: the rows of purchase order PO-1 are not together (line 2, then line 4 with other line numbers)',
    );
    const reused = csv(
      PO_HEADER,
      'PO-1,Acme,DE1,2025-01-05,EUR,1,W,Widget,10,12.50,125.00',
      'PO-2,Acme,DE1,2026-01-05,EUR,1,B,Bracket,4,30.00,120.00',
      'PO-1,Acme,DE1,2026-01-05,EUR,1,B,Bracket,4,30.00,120.00',
    );
    expect(purchaseOrdersFrom(reused).documents.map((po) => po.orderDate)).toEqual([
      '2025-01-05',
      '2026-01-05',
      '2026-01-05',
    ]);
  });

  it('keeps the rows of one purchase order together whatever the spelling of its vendor', () => {
    const { documents } = purchaseOrdersFrom(
      csv(
        PO_HEADER,
        'PO-1,Acme GmbH,DE 1,2026-01-05,EUR,1,W,Widget,10,12.50,125.00',
        'PO-1,ACME,de1,2026-01-05,EUR,2,B,Bracket,4,30.00,120.00',
      ),
    );
    expect(documents.map((po) => po.lines.length)).toEqual([2]);
  });

  it('refuses a line number given twice in one purchase order', () => {
    const records = csv(
      PO_HEADER,
      'PO-1,Acme,DE1,2026-01-05,EUR,1,W,Widget,10,12.50,125.00',
      'PO-1,Acme,DE1,2026-01-05,EUR,1,B,Bracket,4,30.00,120.00',
    );
    expect(() => purchaseOrdersFrom(records, 'po.csv')).toThrow(
      'po.csv line 3, line_number: 1 repeats line 2 of purchase order PO-1',
    );
  });
});

describe('goodsReceiptsFrom: a receipt is a run of rows with one receipt and po number', () => {
  it('keeps a receipt number booked again later as a second receipt, with its own date', () => {
    const { documents, sources } = goodsReceiptsFrom(
      csv(
        RECEIPT_HEADER,
        'GR-1,PO-1,1,W,10,2026-01-20',
        'GR-2,PO-2,1,P,30,2026-01-21',
        'GR-1,PO-1,2,B,4,2026-01-25',
      ),
    );
    expect(
      documents.map((receipt) => [receipt.receiptNumber, receipt.receiptDate, receipt.lines.length]),
    ).toEqual([
      ['GR-1', '2026-01-20', 1],
      ['GR-2', '2026-01-21', 1],
      ['GR-1', '2026-01-25', 1],
    ]);
    expect(sources.map((source) => source.lines)).toEqual([[2], [3], [4]]);
  });

  it('allows one PO line twice in a receipt and refuses rows whose receipt_date disagrees', () => {
    const twice = goodsReceiptsFrom(
      csv(RECEIPT_HEADER, 'GR-1,PO-1,1,W,6,2026-01-20', 'GR-1,PO-1,1,W,4,2026-01-20'),
    );
    expect(twice.documents[0].lines.map((line) => line.quantityReceived.toString())).toEqual(['6', '4']);
    const records = csv(RECEIPT_HEADER, 'GR-1,PO-1,1,W,6,2026-01-20', 'GR-1,PO-1,2,B,4,2026-01-21');
    expect(() => goodsReceiptsFrom(records, 'receipts.csv')).toThrow(
      'receipts.csv line 3, receipt_date: "2026-01-21" differs from "2026-01-20" on line 2 of the same receipt GR-1',
    );
  });
});

describe('rows of one document that disagree on its vendor', () => {
  const header = (kind: 'invoices' | 'purchaseOrders') => (kind === 'invoices' ? INVOICE_HEADER : PO_HEADER);
  const invoiceRow = (vendor: string, line: string) =>
    `A-1,${vendor},2026-02-01,EUR,PO-1,${line},${line},W${line},Widget,1,10.00,10.00,0.00,20.00`;

  it.each([
    ['a tax id on one row only', 'Acme,', 'vendor_tax_id: "" differs from "DE1"'],
    ['another tax id under the same name', 'Acme,DE2', 'vendor_tax_id: "DE2" differs from "DE1"'],
    ['another name under the same tax id', 'Globex,DE1', 'vendor_name: "Globex" differs from "Acme"'],
  ])('are refused, not read as two invoices: %s', (_case, vendor, detail) => {
    const records = csv(header('invoices'), invoiceRow('Acme,DE1', '1'), invoiceRow(vendor, '2'));
    expect(() => invoicesFrom(records, 'inv.csv')).toThrow(
      `inv.csv line 3, ${detail} on line 2 of the same invoice A-1`,
    );
  });

  it('are refused in a purchase order too, while the same vendor written another way is one vendor', () => {
    const records = csv(
      header('purchaseOrders'),
      'PO-1,Acme,DE1,2026-01-05,EUR,1,W,Widget,10,12.50,125.00',
      'PO-1,Acme,DE2,2026-01-05,EUR,2,B,Bracket,4,30.00,120.00',
    );
    expect(() => purchaseOrdersFrom(records, 'po.csv')).toThrow(
      'po.csv line 3, vendor_tax_id: "DE2" differs from "DE1" on line 2 of the same purchase order PO-1',
    );
    const respelled = csv(
      header('purchaseOrders'),
      'PO-1,Acme,DE1,2026-01-05,EUR,1,W,Widget,10,12.50,125.00',
      'PO-1,ACME GmbH,de 1,2026-01-05,EUR,2,B,Bracket,4,30.00,120.00',
    );
    expect(purchaseOrdersFrom(respelled).documents.map((po) => po.lines.length)).toEqual([2]);
  });
});

describe('goodsReceiptsFrom: copies that would count goods twice', () => {
  it('refuses a receipt listed again further down the file with the same date and lines', () => {
    const records = csv(
      RECEIPT_HEADER,
      'GR-1,PO-1,1,W,5,2026-01-20',
      'GR-2,PO-1,1,W,0,2026-01-21',
      'GR-1,PO-1,1,W,5.0,2026-01-20',
    );
    expect(() => goodsReceiptsFrom(records, 'gr.csv')).toThrow(
      'gr.csv line 4, receipt_number: receipt GR-1 repeats line 2 exactly (same date and lines); a receipt listed twice would count its goods twice: remove the copy',
    );
  });

  it('refuses a row that repeats another row of its receipt exactly', () => {
    const records = csv(RECEIPT_HEADER, 'GR-1,PO-1,1,W,5,2026-01-20', 'GR-1,PO-1,1,W,5,2026-01-20');
    expect(() => goodsReceiptsFrom(records, 'gr.csv')).toThrow(
      'gr.csv line 3, quantity_received: repeats line 2 of the same receipt exactly; if two deliveries of that quantity were booked together, write one row of their sum',
    );
  });
});

describe('a file with another separator', () => {
  it('is named as such when its header reads as one column', () => {
    const semicolons = csv(CANONICAL_COLUMNS.receipts.join(';'), 'GR-1;PO-1;1;W;5;2026-01-20');
    expect(() => goodsReceiptsFrom(semicolons, 'gr.csv')).toThrow(
      'the file looks separated by semicolons: save it with commas',
    );
  });
});
