import { Decimal } from './decimal';
import type { MatchDecision } from './match-decision';
import { TenantTolerancePolicy } from './tenant-tolerance-policy';
import { DEFAULT_TOLERANCE_POLICY } from './tolerance-policy';
import { pointedByAmount } from '../../../../test/support/matching/search-probe';
import {
  ACME,
  GLOBEX,
  consumed,
  decide,
  invoice,
  purchaseOrder,
  receipt,
  reconcile,
  explained,
} from '../../../../test/support/matching/document-builders';

const twoWay = new TenantTolerancePolicy({ ...DEFAULT_TOLERANCE_POLICY, matchingMode: 'two_way' });
const threeWay = new TenantTolerancePolicy(DEFAULT_TOLERANCE_POLICY);

/** Two companies of one name, told apart by tax id and PO, and an invoice naming neither tax id. */
const mullerPo = (taxId: string, poNumber: string) =>
  purchaseOrder({
    poNumber,
    vendor: { taxId, name: 'Müller GmbH' },
    lines: [{ line: '1', sku: 'M-1', quantity: '10', unitPrice: '10.00' }],
  });
const mullerBill = (number: string, poNumber: string | null) =>
  invoice({
    number,
    vendor: { name: 'Müller GmbH' },
    lines: [{ po: poNumber, sku: 'M-1', quantity: '2', unitPrice: '10.00' }],
  });

describe('matching engine: a sender recognised through the PO it cites', () => {
  const bolt = { name: 'Bolt AG' };
  const boltPo = purchaseOrder({
    poNumber: 'PO-76',
    vendor: bolt,
    lines: [{ line: '1', sku: 'W-1', quantity: '10', unitPrice: '100.00' }],
  });
  const bolaPo = purchaseOrder({
    poNumber: 'PO-77',
    vendor: { name: 'Bola AG' },
    lines: [{ line: '1', sku: 'W-1', quantity: '10', unitPrice: '100.00' }],
  });
  const bill = (number: string, vendor: { taxId?: string; name: string }, quantity = '5') =>
    invoice({
      number,
      vendor,
      bankAccount: 'CH56 0483 5012 3456 7800 9',
      lines: [{ po: 'PO-76', sku: 'W-1', quantity, unitPrice: '100.00' }],
    });
  const vendors = [{ ...bolt, confirmedBankAccount: 'DE44 5001 0517 5407 3249 31' }];

  it('checks the bank account of the vendor whose PO a name as close to two vendors cites', () => {
    const decision = decide({
      purchaseOrders: [boltPo, bolaPo],
      vendors,
      invoices: [bill('I-1', { name: 'Bolz AG' })],
    });
    expect(decision).toMatchObject({ tier: 'exception', reason: 'BANK_DETAILS_CHANGED' });
    expect(explained(decision, 'vendor')?.note).toBe('recognised by the purchase order it cites');
  });

  it('takes the same number from that sender for a duplicate of the vendor’s invoice', () => {
    const result = reconcile({
      purchaseOrders: [boltPo, bolaPo],
      invoices: [bill('INV-1', bolt), bill('INV-1', { name: 'Bolz AG' }, '4')],
    });
    expect(result.decisions[1]).toMatchObject({ tier: 'exception', reason: 'DUPLICATE_INVOICE' });
  });

  it('checks the bank account when an unknown tax id comes with the name of a vendor known without one', () => {
    const decision = decide({
      purchaseOrders: [boltPo],
      vendors,
      invoices: [bill('I-2', { taxId: 'CHE-999.999.999', name: 'Bolt AG' })],
    });
    expect(decision).toMatchObject({ tier: 'exception', reason: 'BANK_DETAILS_CHANGED' });
  });

  it('catches that sender’s invoice sent again, within a run and from an earlier run', () => {
    const unnamed = (number: string) =>
      invoice({
        number,
        vendor: { name: 'Bolz AG' },
        lines: [{ sku: 'W-1', quantity: '5', unitPrice: '100.00' }],
      });
    const withinRun = reconcile({
      purchaseOrders: [boltPo, bolaPo],
      invoices: [unnamed('I-1'), bill('I-1', { name: 'Bolz AG' })],
    });
    expect(withinRun.decisions[1]).toMatchObject({ reason: 'DUPLICATE_INVOICE' });
    const first = bill('I-7', { name: 'Bolz AG' });
    const nextRun = decide({
      purchaseOrders: [boltPo, bolaPo],
      priorInvoices: [{ ...first }],
      invoices: [first],
    });
    expect(nextRun).toMatchObject({ tier: 'exception', reason: 'DUPLICATE_INVOICE' });
  });

  it('does not take a sender stating another tax id than the vendor master’s for that vendor', () => {
    const decision = decide({
      purchaseOrders: [boltPo],
      vendors: [{ name: 'Bolt AG', taxId: 'CHE-111.111.111' }],
      invoices: [bill('I-3', { taxId: 'CHE-999.999.999', name: 'Bolt AG' })],
    });
    expect(decision).toMatchObject({ tier: 'exception', reason: 'VENDOR_MISMATCH' });
  });

  it('applies a tax-id override to an invoice stating that tax id for a vendor known only by name', () => {
    const lenient = new TenantTolerancePolicy({ ...DEFAULT_TOLERANCE_POLICY, matchingMode: 'three_way' }, [
      { vendorTaxId: 'CHE-111.111.111', overrides: { matchingMode: 'two_way' } },
    ]);
    const decision = decide({
      purchaseOrders: [boltPo],
      policy: lenient,
      invoices: [{ ...bill('I-4', { taxId: 'CHE-111.111.111', name: 'Bolt AG' }), payeeBankAccount: null }],
    });
    expect(decision).toMatchObject({ tier: 'auto_matched', reason: null });
  });

  it('does not take two namesake companies’ invoices of the same number for duplicates', () => {
    const result = reconcile({
      purchaseOrders: [mullerPo('DE111111111', 'PO-100'), mullerPo('DE222222222', 'PO-200')],
      invoices: [mullerBill('2026-001', 'PO-100'), mullerBill('2026-001', 'PO-200')],
    });
    expect(result.decisions.map((decision) => decision.tier)).toEqual(['auto_matched', 'auto_matched']);
  });

  it('catches the same lines and total resent under a new number, once citing no PO and once citing it', () => {
    for (const pair of [
      [mullerBill('2026-001', null), mullerBill('2026-001-R', 'PO-100')],
      [mullerBill('2026-001', 'PO-100'), mullerBill('2026-001-R', null)],
    ]) {
      const result = reconcile({
        purchaseOrders: [mullerPo('DE111111111', 'PO-100'), mullerPo('DE222222222', 'PO-200')],
        invoices: pair,
      });
      expect(result.decisions[1]).toMatchObject({ reason: 'DUPLICATE_INVOICE' });
    }
  });
});

describe('matching engine: pairing lines whose descriptions share their words', () => {
  const audits = purchaseOrder({
    poNumber: 'PO-1001',
    vendor: ACME,
    lines: [
      { line: '1', description: 'Audit day 12', quantity: '6', unitPrice: '942.00' },
      { line: '2', description: 'Audit day 2', quantity: '6', unitPrice: '942.00' },
    ],
  });
  const line = (description: string) => ({ po: 'PO-1001', description, quantity: '6', unitPrice: '942.00' });

  it('pairs `Audit day 2 - week 12` with `Audit day 2`, whatever the order of the invoice lines', () => {
    const lines = [line('Audit day 2 - week 12'), line('Audit day 12 - week 12')];
    for (const ordered of [lines, [...lines].reverse()]) {
      const decision = decide({
        purchaseOrders: [audits],
        invoices: [invoice({ number: 'A-1', vendor: ACME, lines: ordered })],
      });
      expect(decision.tier).toBe('auto_matched');
      const pairs = decision.matchedLines.map((matched) => matched.poLineNumber);
      expect(pairs.sort()).toEqual(['1', '2']);
    }
    const single = decide({
      purchaseOrders: [audits],
      invoices: [invoice({ number: 'A-2', vendor: ACME, lines: [line('Audit day 2 - week 12')] })],
    });
    expect(single.matchedLines.map((matched) => matched.poLineNumber)).toEqual(['2']);
  });

  it('pairs by SKU before a description that keeps more words in order', () => {
    const mixed = purchaseOrder({
      poNumber: 'PO-1005',
      vendor: ACME,
      lines: [
        { line: '1', sku: 'W-1', description: 'Widget', quantity: '5', unitPrice: '10.00' },
        { line: '2', sku: null, description: 'Widget blue', quantity: '5', unitPrice: '10.00' },
      ],
    });
    const decision = decide({
      purchaseOrders: [mixed],
      invoices: [
        invoice({
          number: 'I-6',
          vendor: ACME,
          lines: [
            { po: 'PO-1005', sku: 'W-1', description: 'Widget blue', quantity: '5', unitPrice: '10.00' },
          ],
        }),
      ],
    });
    expect(decision.matchedLines.map((matched) => matched.poLineNumber)).toEqual(['1']);
  });
});

describe('matching engine: a line spread over several PO lines of one item', () => {
  const twoLines = purchaseOrder({
    poNumber: 'PO-1002',
    vendor: ACME,
    lines: [
      { line: '1', sku: 'W-1', quantity: '10', unitPrice: '10.00' },
      { line: '2', sku: 'W-1', quantity: '10', unitPrice: '10.00' },
    ],
  });

  it('is reversed in full by its exact credit note, each PO line getting back what it took', () => {
    const result = reconcile({
      purchaseOrders: [twoLines],
      invoices: [
        invoice({
          number: 'I-15',
          vendor: ACME,
          lines: [{ po: 'PO-1002', sku: 'W-1', quantity: '15', unitPrice: '10.00' }],
        }),
        invoice({
          number: 'CN-15',
          vendor: ACME,
          lines: [{ po: 'PO-1002', sku: 'W-1', quantity: '-15', unitPrice: '10.00' }],
        }),
      ],
    });
    expect(result.decisions.map((decision) => decision.tier)).toEqual(['auto_matched', 'auto_matched']);
    expect(result.consumption).toEqual([]);
  });

  it('is priced whole: 4 at 0.015 is 0.06, not four shares rounded up to 0.02 each', () => {
    const cheap = purchaseOrder({
      poNumber: 'PO-1003',
      vendor: ACME,
      lines: ['1', '2', '3', '4'].map((number) => ({
        line: number,
        sku: 'S-1',
        quantity: '1',
        unitPrice: '0.015',
      })),
    });
    const decision = decide({
      purchaseOrders: [cheap],
      invoices: [
        invoice({
          number: 'I-4',
          vendor: ACME,
          lines: [{ po: 'PO-1003', sku: 'S-1', quantity: '4', unitPrice: '0.015' }],
        }),
      ],
    });
    expect(decision).toMatchObject({ tier: 'auto_matched', reason: null });
    expect(String(explained(decision, 'lines[1].line_amount')?.expected)).toBe('0.06');
  });

  it('states the expected amount of each PO line as its quantity at the PO price, rounded once', () => {
    const decision = decide({
      purchaseOrders: [
        purchaseOrder({
          poNumber: 'PO-1004',
          vendor: ACME,
          lines: [{ line: '1', sku: 'S-1', quantity: '2', unitPrice: '0.2374' }],
        }),
      ],
      invoices: [
        invoice({
          number: 'I-5',
          vendor: ACME,
          lines: [
            { po: 'PO-1004', sku: 'S-1', quantity: '1', unitPrice: '0.2374' },
            { po: 'PO-1004', sku: 'S-1', quantity: '1', unitPrice: '0.2374' },
          ],
        }),
      ],
    });
    expect(decision.matchedLines.map((matched) => matched.expectedAmount.toString())).toEqual(['0.47']);
  });

  it('gives back on the PO line the credit cites first, then on the other lines of the item', () => {
    const decision = reconcile({
      purchaseOrders: [twoLines],
      consumed: [consumed('PO-1002', '1', '10'), consumed('PO-1002', '2', '4')],
      invoices: [
        invoice({
          number: 'CN-6',
          vendor: ACME,
          lines: [{ po: 'PO-1002', poLine: '2', sku: 'W-1', quantity: '-6', unitPrice: '10.00' }],
        }),
      ],
    });
    expect(decision.decisions[0].tier).toBe('auto_matched');
    const left = decision.consumption.map(
      (entry) => `${entry.lineNumber}=${entry.invoicedQuantity.toString()}`,
    );
    expect(left).toEqual(['1=8']);
  });

  it('reports what no line has room for on the line the credit cites', () => {
    const decision = decide({
      purchaseOrders: [twoLines],
      consumed: [consumed('PO-1002', '1', '5'), consumed('PO-1002', '2', '5')],
      invoices: [
        invoice({
          number: 'CN-12',
          vendor: ACME,
          lines: [{ po: 'PO-1002', poLine: '2', sku: 'W-1', quantity: '-12', unitPrice: '10.00' }],
        }),
      ],
    });
    expect(decision).toMatchObject({ tier: 'exception', reason: 'QTY_VARIANCE' });
    expect(explained(decision, 'po_lines[PO-1002/2].credited_quantity')).toMatchObject({ outcome: 'breach' });
  });

  /** A SKU's line billed in full and a SKU-less line of the same description at `otherPrice`, billed 5 by SKU. */
  const steelWidgets = (otherPrice: string) =>
    decide({
      purchaseOrders: [
        purchaseOrder({
          poNumber: 'PO-1006',
          vendor: ACME,
          lines: [
            { line: '1', sku: 'W', description: 'Steel widget', quantity: '5', unitPrice: '10.00' },
            { line: '2', sku: null, description: 'Steel widget', quantity: '5', unitPrice: otherPrice },
          ],
        }),
      ],
      consumed: [consumed('PO-1006', '1', '5')],
      invoices: [
        invoice({
          number: 'I-7',
          vendor: ACME,
          lines: [
            { po: 'PO-1006', sku: 'W', description: 'Steel widget', quantity: '5', unitPrice: '10.00' },
          ],
        }),
      ],
    });

  it('bills the line of the item that has room before another line of it with a SKU', () => {
    const decision = steelWidgets('10.00');
    expect(decision).toMatchObject({ tier: 'auto_matched' });
    expect(decision.matchedLines.map((matched) => matched.poLineNumber)).toEqual(['2']);
  });

  it('keeps to the SKU’s line, full or not, when the other line is another item (another price)', () => {
    const decision = steelWidgets('10.05');
    expect(decision).toMatchObject({ tier: 'exception', reason: 'OVER_INVOICED' });
    expect(decision.matchedLines.map((matched) => matched.poLineNumber)).toEqual(['1']);
  });

  it('bills the same PO line whatever the order of the PO’s lines', () => {
    const lines = [
      { line: '1', sku: 'W', description: 'Widget', quantity: '5', unitPrice: '10.00' },
      { line: '2', sku: null, description: 'Widget', quantity: '5', unitPrice: '10.00' },
      { line: '3', sku: 'W', description: 'Widget rush order', quantity: '5', unitPrice: '10.00' },
    ];
    for (const order of [
      [0, 1, 2],
      [0, 2, 1],
      [1, 0, 2],
      [2, 0, 1],
    ]) {
      const decision = decide({
        purchaseOrders: [
          purchaseOrder({ poNumber: 'PO-9', vendor: ACME, lines: order.map((i) => lines[i]) }),
        ],
        consumed: [consumed('PO-9', '1', '5'), consumed('PO-9', '3', '5')],
        invoices: [
          invoice({
            number: 'I-10',
            vendor: ACME,
            lines: [{ po: 'PO-9', sku: 'W', description: 'Widget', quantity: '5', unitPrice: '10.00' }],
          }),
        ],
      });
      expect(decision).toMatchObject({ tier: 'auto_matched' });
      expect(decision.matchedLines.map((matched) => matched.poLineNumber)).toEqual(['2']);
    }
  });

  it('does not count a PO that can take only part of a line as able to take it all', () => {
    const whole = purchaseOrder({
      poNumber: 'PO-X',
      vendor: ACME,
      lines: [{ line: '1', sku: 'W-1', quantity: '8', unitPrice: '10.00' }],
    });
    const partly = purchaseOrder({
      poNumber: 'PO-Y',
      vendor: ACME,
      lines: [
        { line: '1', sku: 'W-1', quantity: '5', unitPrice: '10.00' },
        { line: '2', sku: 'W-1', quantity: '5', unitPrice: '10.00' },
      ],
    });
    for (const orders of [
      [whole, partly],
      [partly, whole],
    ]) {
      const decision = decide({
        purchaseOrders: orders,
        consumed: [consumed('PO-Y', '1', '5')],
        invoices: [
          invoice({
            number: 'I-9',
            vendor: ACME,
            lines: [{ sku: 'W-1', quantity: '8', unitPrice: '10.00' }],
          }),
        ],
      });
      expect(decision).toMatchObject({ tier: 'auto_matched', poNumbers: ['PO-X'] });
    }
  });
});

describe('matching engine: a search of a vendor with more POs of an item than it compares', () => {
  /** `count` POs of ten W at 20.00, numbered from PO-`first`. */
  const consumables = (count: number, first: number) =>
    Array.from({ length: count }, (_, i) =>
      purchaseOrder({
        poNumber: `PO-${first + i}`,
        vendor: ACME,
        orderDate: '2026-01-05',
        lines: [{ line: '1', sku: 'W', quantity: '10', unitPrice: '20.00' }],
      }),
    );
  /** What earlier runs invoiced: every PO billed in full but those at the positions `open`. */
  const billedInFullBut = (orders: ReturnType<typeof consumables>, ...open: number[]) =>
    orders.filter((_, i) => !open.includes(i)).map((order) => consumed(order.poNumber, '1', '10'));
  // 130 POs of one consumable; all but two (PO-1119 and PO-1124, identical twins) billed in full.
  const orders = consumables(130, 1000);
  const billing = (
    quantity: string,
    purchaseOrders = orders,
    consumedBefore = billedInFullBut(orders, 119, 124),
  ) =>
    decide({
      purchaseOrders,
      consumed: consumedBefore,
      invoices: [
        invoice({
          number: 'I-1',
          vendor: ACME,
          date: '2026-02-01',
          lines: [{ sku: 'W', quantity, unitPrice: '20.00' }],
        }),
      ],
    });

  it('compares every PO the open amount points to, so twins beyond the limit are both seen', () => {
    const decision = billing('10');
    expect(decision).toMatchObject({ tier: 'suggested', reason: 'AMBIGUOUS_MATCH', poNumbers: ['PO-1119'] });
    expect(decision.candidates.map((candidate) => candidate.poNumber)).toContain('PO-1124');
  });

  it('walks on past the limit for a PO of the item that could take the whole invoice, and does not guess', () => {
    // Part of an order: the open amount points to no PO, and the walk by SKU stops at the limit,
    // before PO-1124; PO-1124 could take the invoice as well as PO-1119.
    const decision = billing('5');
    expect(decision).toMatchObject({ tier: 'suggested', reason: 'AMBIGUOUS_MATCH', poNumbers: ['PO-1119'] });
    expect(decision.candidates.map((candidate) => candidate.poNumber)).toEqual(['PO-1124']);
  });

  it('only suggests the best when the limit left out more POs of the item than it looks through (1,200)', () => {
    const many = consumables(1400, 5000);
    const decision = billing('5', many, billedInFullBut(many, 3));
    expect(decision).toMatchObject({ tier: 'suggested', reason: 'PO_NOT_FOUND', poNumbers: ['PO-5003'] });
  });

  it('does not match automatically the PO the amount points to while a larger one beyond the limit could take the invoice', () => {
    // 130 earlier consulting POs of one day each; PO-2000 is the invoice's amount, PO-2001 (listed
    // last, beyond the limit) has room for the invoice too.
    const days = Array.from({ length: 130 }, (_, i) =>
      purchaseOrder({
        poNumber: `PO-${3000 + i}`,
        vendor: ACME,
        lines: [{ line: '1', description: 'Consulting day', quantity: '1', unitPrice: '686.00' }],
      }),
    );
    const consulting = (poNumber: string, quantity: string) =>
      purchaseOrder({
        poNumber,
        vendor: ACME,
        lines: [{ line: '1', description: 'Consulting day', quantity, unitPrice: '686.00' }],
      });
    const bill = invoice({
      number: 'I-3',
      vendor: ACME,
      lines: [{ description: 'Consulting day', quantity: '4', unitPrice: '686.00' }],
    });
    const decided = (purchaseOrders: ReturnType<typeof purchaseOrder>[]) =>
      decide({ purchaseOrders, invoices: [bill] });
    const withLarger = decided([consulting('PO-2000', '4'), ...days, consulting('PO-2001', '10')]);
    expect(withLarger).toMatchObject({
      tier: 'suggested',
      reason: 'AMBIGUOUS_MATCH',
      poNumbers: ['PO-2000'],
    });
    expect(withLarger.candidates.map((candidate) => candidate.poNumber)).toContain('PO-2001');
    expect(decided([consulting('PO-2000', '4'), ...days])).toMatchObject({
      tier: 'auto_matched',
      poNumbers: ['PO-2000'],
    });
  });

  it('matches automatically when no PO the limit left out could rival the best', () => {
    const decision = billing('5', orders, billedInFullBut(orders, 119));
    expect(decision).toMatchObject({ tier: 'auto_matched', reason: null, poNumbers: ['PO-1119'] });
  });
});

describe('matching engine: what a search by open amount sees', () => {
  const fillers = Array.from({ length: 41 }, (_, i) =>
    purchaseOrder({
      poNumber: `PO-9${String(i).padStart(3, '0')}`,
      vendor: ACME,
      lines: [{ line: '1', description: `Filler item ${i}`, quantity: '1', unitPrice: `${i + 1}.00` }],
    }),
  );
  const cleaning = purchaseOrder({
    poNumber: 'PO-500',
    vendor: ACME,
    lines: [{ line: '1', description: 'Cleaning service', quantity: '10', unitPrice: '100.00' }],
  });
  const unrelated = invoice({
    number: 'A',
    vendor: ACME,
    lines: [{ description: 'Filler item 3', quantity: '1', unitPrice: '4.00' }],
  });
  const rest = (quantity: string) =>
    invoice({
      number: 'C',
      vendor: ACME,
      lines: [{ description: 'Cleaning service', quantity, unitPrice: '100.00' }],
    });
  const lastOf = (
    invoices: ReturnType<typeof invoice>[],
    consumedBefore: ReturnType<typeof consumed>[] = [],
  ) => {
    const decisions = reconcile({
      purchaseOrders: [...fillers, cleaning],
      consumed: consumedBefore,
      invoices,
    }).decisions;
    return decisions[decisions.length - 1];
  };

  it('decides an invoice the same whatever unrelated invoice the run decided first', () => {
    const billed = invoice({
      number: 'B',
      vendor: ACME,
      lines: [{ po: 'PO-500', description: 'Cleaning service', quantity: '6', unitPrice: '100.00' }],
    });
    const withUnrelated = lastOf([unrelated, billed, rest('4')]);
    const without = lastOf([billed, rest('4')]);
    expect({ ...withUnrelated, invoiceIndex: 0 }).toEqual({ ...without, invoiceIndex: 0 });
    // The rest of a PO billed in part earlier in the same run is found by what is open on it now.
    expect(without).toMatchObject({ tier: 'auto_matched', poNumbers: ['PO-500'] });
  });

  it('finds a PO by the open amount it had when the run started, after earlier runs', () => {
    expect(lastOf([unrelated, rest('4')], [consumed('PO-500', '1', '6')])).toMatchObject({
      tier: 'auto_matched',
      poNumbers: ['PO-500'],
    });
  });

  it('points to a large vendor’s PO by amount within the 2% band, not 3% away', () => {
    // One cleaning of 1,000.00 ordered; no SKU and no reference, so only the amount points to it.
    const pointedAt = (unitPrice: string) =>
      pointedByAmount(() =>
        reconcile({
          purchaseOrders: [...fillers, cleaning],
          invoices: [
            invoice({
              number: 'D',
              vendor: ACME,
              lines: [{ description: 'Cleaning service', quantity: '10', unitPrice }],
            }),
          ],
        }),
      );
    expect(pointedAt('102.00')).toContain('PO-500');
    expect(pointedAt('103.00')).not.toContain('PO-500');
  });

  it('never auto-matches a large vendor’s service invoice while another PO of the same service could take it', () => {
    // PO-501 has room for the whole invoice, but its open amount (1,500.00) is not the invoice's.
    const larger = purchaseOrder({
      poNumber: 'PO-501',
      vendor: ACME,
      lines: [{ line: '1', description: 'Cleaning service', quantity: '15', unitPrice: '100.00' }],
    });
    // A note line that bills nothing, whose words are on another PO only, changes nothing.
    const notePads = purchaseOrder({
      poNumber: 'PO-600',
      vendor: ACME,
      lines: [{ line: '1', description: 'Note pads', quantity: '3', unitPrice: '2.00' }],
    });
    const note = { description: 'Delivery note 4711', quantity: '0', unitPrice: '0.00' };
    const service = { description: 'Cleaning service - October', quantity: '10', unitPrice: '100.00' };
    for (const lines of [[service], [service, note]]) {
      const decision = reconcile({
        purchaseOrders: [...fillers, cleaning, larger, notePads],
        invoices: [invoice({ number: 'F', vendor: ACME, lines })],
      }).decisions[0];
      expect(decision).toMatchObject({ tier: 'suggested', reason: 'AMBIGUOUS_MATCH' });
      expect(
        [...decision.poNumbers, ...decision.candidates.map((candidate) => candidate.poNumber)].sort(),
      ).toEqual(['PO-500', 'PO-501']);
    }
  });

  it('still compares a service PO the amount does not point to, found by its description', () => {
    const decision = reconcile({
      purchaseOrders: [...fillers, cleaning],
      invoices: [
        invoice({
          number: 'E',
          vendor: ACME,
          lines: [{ description: 'Cleaning service', quantity: '10', unitPrice: '103.00' }],
        }),
      ],
    }).decisions[0];
    // 3% over the PO price: a person confirms the PO before its price is judged.
    expect(decision).toMatchObject({ tier: 'suggested', reason: 'PO_NOT_FOUND', poNumbers: ['PO-500'] });
  });
});

describe('matching engine: invoices of earlier runs', () => {
  const po = purchaseOrder({
    poNumber: 'PO-1',
    vendor: ACME,
    lines: [
      { line: '1', sku: 'W-1', quantity: '10', unitPrice: '10.00' },
      { line: '2', sku: 'R-1', quantity: '10', unitPrice: '5.00' },
    ],
  });
  const first = invoice({
    number: 'A-1',
    vendor: ACME,
    lines: [{ po: 'PO-1', sku: 'W-1', quantity: '5', unitPrice: '10.00' }],
  });
  const renumbered = { ...first, invoiceNumber: 'A-2' };

  it('are compared by content when given with their lines, as within one run', () => {
    const oneRun = reconcile({ purchaseOrders: [po], invoices: [first, renumbered] }).decisions[1];
    const prior = { ...first, totalAmount: first.totalAmount };
    const nextRun = decide({ purchaseOrders: [po], priorInvoices: [prior], invoices: [renumbered] });
    expect(oneRun).toMatchObject({ tier: 'exception', reason: 'DUPLICATE_INVOICE' });
    expect(nextRun).toMatchObject({ tier: oneRun.tier, reason: oneRun.reason, duplicateOf: 'A-1' });
  });

  it('keep their stated kind: an invoice with a negative total is not a credit note', () => {
    const withReturn = invoice({
      number: 'X-1',
      vendor: ACME,
      kind: 'invoice',
      lines: [
        { po: 'PO-1', sku: 'W-1', quantity: '1', unitPrice: '10.00' },
        { po: 'PO-1', sku: 'R-1', quantity: '-6', unitPrice: '5.00' },
      ],
    });
    const again = decide({
      purchaseOrders: [po],
      priorInvoices: [
        {
          vendor: ACME,
          invoiceNumber: 'X-1',
          invoiceDate: withReturn.invoiceDate,
          currency: 'EUR',
          totalAmount: withReturn.totalAmount,
          kind: 'invoice',
        },
      ],
      invoices: [{ ...withReturn, invoiceDate: '2026-03-01' }],
    });
    expect(again).toMatchObject({ tier: 'exception', reason: 'DUPLICATE_INVOICE' });
  });
});

describe('matching engine: lines that bill no quantity', () => {
  const po = purchaseOrder({
    poNumber: 'PO-70',
    vendor: ACME,
    lines: [
      { line: '1', sku: 'W', quantity: '10', unitPrice: '20.00' },
      { line: '2', sku: 'V', quantity: '10', unitPrice: '30.00' },
    ],
  });
  type LineSpec = Parameters<typeof invoice>[0]['lines'][number];
  /** An invoice billing the 10 V of PO-70 in full, and `line` as its line 2. */
  const billedWith = (line: LineSpec, consumedBefore: ReturnType<typeof consumed>[] = []) =>
    decide({
      purchaseOrders: [po],
      consumed: consumedBefore,
      invoices: [
        invoice({
          number: 'I-70',
          vendor: ACME,
          lines: [{ po: 'PO-70', sku: 'V', quantity: '10', unitPrice: '30.00' }, line],
        }),
      ],
      policy: twoWay,
    });

  it('checks the amount of a quantity-0 line, even on a PO line earlier runs billed past its order', () => {
    const decision = billedWith(
      { po: 'PO-70', sku: 'W', quantity: '0', unitPrice: '20.00', amount: '500.00' },
      [consumed('PO-70', '1', '12')],
    );
    expect(decision).toMatchObject({
      tier: 'exception',
      reason: 'PRICE_VARIANCE',
      reasons: ['PRICE_VARIANCE'],
    });
    expect(explained(decision, 'lines[2].line_amount')).toMatchObject({
      expected: Decimal.parse('0.00'),
      actual: Decimal.parse('500.00'),
      outcome: 'breach',
    });
    // Billing nothing on it takes nothing from the line billed past its order.
    expect(explained(decision, 'po_lines[PO-70/1].quantity')).toMatchObject({ outcome: 'ok' });
  });

  it('lets a line of no amount that is on no PO line pass (a delivery-note line, a free sample)', () => {
    const decision = billedWith({
      po: 'PO-70',
      sku: null,
      description: 'Delivery note 4711',
      quantity: '0',
      unitPrice: '0.00',
    });
    expect(decision).toMatchObject({ tier: 'auto_matched', reasons: [] });
    expect(explained(decision, 'lines[2]')).toMatchObject({ outcome: 'ok', reason: null });
  });

  it('holds a line on no PO line that states no amount but bills a priced quantity (5 x 20.00 as 0.00)', () => {
    const decision = billedWith({ po: 'PO-70', sku: 'X', quantity: '5', unitPrice: '20.00', amount: '0.00' });
    expect(decision).toMatchObject({ tier: 'exception', reason: 'OVER_INVOICED' });
  });

  it('still holds a line with an amount that is on no PO line', () => {
    const decision = billedWith({
      po: 'PO-70',
      sku: null,
      description: 'Handling fee',
      quantity: '1',
      unitPrice: '0.01',
    });
    expect(decision).toMatchObject({ tier: 'exception', reason: 'OVER_INVOICED' });
  });
});

describe('matching engine: input a run refuses', () => {
  it('refuses a credit note with a positive total (credit notes carry negative amounts)', () => {
    const po = purchaseOrder({
      poNumber: 'PO-1',
      vendor: ACME,
      lines: [{ line: '1', sku: 'W', quantity: '10', unitPrice: '20.00' }],
    });
    const credit = invoice({
      number: 'CN-1',
      vendor: ACME,
      kind: 'credit_note',
      lines: [{ po: 'PO-1', sku: 'W', quantity: '5', unitPrice: '20.00' }],
    });
    expect(() => reconcile({ purchaseOrders: [po], invoices: [credit] })).toThrow(
      expect.objectContaining({
        problems: [{ path: 'invoices[0].totalAmount', message: 'a credit note carries negative amounts' }],
      }),
    );
  });

  it('refuses two lines of one PO whose numbers are the same once normalized (`1` and `01`)', () => {
    const po = purchaseOrder({
      poNumber: 'PO-1',
      vendor: ACME,
      lines: [
        { line: '1', sku: 'A-1', quantity: '10', unitPrice: '1.00' },
        { line: '01', sku: 'B-2', quantity: '10', unitPrice: '1.00' },
      ],
    });
    expect(() => reconcile({ purchaseOrders: [po], invoices: [] })).toThrow(
      expect.objectContaining({
        problems: [
          {
            path: 'purchaseOrders[0].lines[1].lineNumber',
            message: '"01" is the same line number as lines[0] ("1")',
          },
        ],
      }),
    );
  });
});

describe('matching engine: explanations say what was applied', () => {
  const po = purchaseOrder({
    poNumber: 'PO-3',
    vendor: ACME,
    lines: [{ line: '1', sku: 'W-1', quantity: '100', unitPrice: '10.00' }],
  });
  const bill = (quantity: string) =>
    invoice({
      number: 'I-3',
      vendor: ACME,
      lines: [{ po: 'PO-3', sku: 'W-1', quantity, unitPrice: '10.00' }],
    });

  const expectReceiptForNeither = (decision: MatchDecision): void => {
    expect(explained(decision, 'po_lines[PO-3/1].received_quantity')?.note).toBe(
      'a goods receipt names this PO number, which another purchase order has too; it counts for neither',
    );
  };

  it('shows the received-quantity tolerance as a share of what was received', () => {
    const lenient = new TenantTolerancePolicy({
      ...DEFAULT_TOLERANCE_POLICY,
      quantityOverPercent: Decimal.parse('10'),
    });
    const decision = decide({
      purchaseOrders: [po],
      receipts: [receipt('PO-3', [['1', '50']])],
      policy: lenient,
      invoices: [bill('58')],
    });
    expect(explained(decision, 'po_lines[PO-3/1].received_quantity')).toMatchObject({
      outcome: 'breach',
      tolerance: { rule: 'over: 10% of received' },
    });
    expect(explained(decision, 'po_lines[PO-3/1].received_quantity')?.tolerance?.allowed.toString()).toBe(
      '5.00',
    );
  });

  it('writes an exact match’s zero difference at the values’ scale', () => {
    const decision = decide({ purchaseOrders: [po], policy: twoWay, invoices: [bill('5')] });
    expect(String(explained(decision, 'lines[1].unit_price')?.difference)).toBe('0.00');
    expect(String(explained(decision, 'net_amount')?.difference)).toBe('0.00');
  });

  it('says a receipt counts for neither of two vendors’ POs with its number when nothing tells them apart', () => {
    const globexPo = { ...po, vendor: GLOBEX, orderDate: '2026-01-07' };
    const decision = decide({
      purchaseOrders: [po, globexPo],
      receipts: [receipt('PO-3', [['1', '100']])],
      policy: threeWay,
      invoices: [bill('5')],
    });
    expectReceiptForNeither(decision);
  });

  it('counts a receipt for none of the POs with its number when every one was ordered after the goods arrived', () => {
    const ordered = { ...po, orderDate: '2026-01-25' };
    const globexPo = { ...po, vendor: GLOBEX, orderDate: '2026-01-26' };
    const decision = decide({
      purchaseOrders: [ordered, globexPo],
      receipts: [receipt('PO-3', [['1', '100']])],
      policy: threeWay,
      invoices: [bill('5')],
    });
    expect(decision).toMatchObject({ tier: 'exception', reason: 'NOT_RECEIVED' });
    expectReceiptForNeither(decision);
  });

  it('does not guess between two POs of one vendor that reused the number, both ordered before the receipt', () => {
    const reused = { ...po, orderDate: '2024-06-01' };
    const decision = decide({
      purchaseOrders: [reused, po],
      consumed: [consumed('PO-3', '1', '100', ACME, '2024-06-01')],
      receipts: [receipt('PO-3', [['1', '100']])],
      policy: threeWay,
      invoices: [bill('5')],
    });
    expect(decision).toMatchObject({ tier: 'exception', reason: 'NOT_RECEIVED' });
    expectReceiptForNeither(decision);
  });

  it('counts a receipt written with the supplier’s own SKU for the one PO of its number left', () => {
    // The other vendor's PO of the number was ordered after the goods arrived (2026-01-20).
    const globexPo = { ...po, vendor: GLOBEX, orderDate: '2026-03-01' };
    const supplierCode = receipt('PO-3', [['1', '100']]);
    const decision = decide({
      purchaseOrders: [po, globexPo],
      receipts: [{ ...supplierCode, lines: [{ ...supplierCode.lines[0], sku: 'SUPPLIER-CODE-77' }] }],
      policy: threeWay,
      invoices: [bill('5')],
    });
    expect(decision).toMatchObject({ tier: 'auto_matched', poNumbers: ['PO-3'] });
  });

  it('does not count a receipt for a PO without the line received', () => {
    const longer = purchaseOrder({
      poNumber: 'PO-3',
      vendor: ACME,
      orderDate: '2025-06-01',
      lines: ['1', '2', '3'].map((line) => ({ line, quantity: '10', unitPrice: '10.00' })),
    });
    const shorter = { ...po, orderDate: '2026-01-10' };
    const decision = decide({
      purchaseOrders: [longer, shorter],
      receipts: [receipt('PO-3', [['3', '10']])],
      policy: threeWay,
      invoices: [
        invoice({
          number: 'I-C',
          vendor: ACME,
          lines: [{ po: 'PO-3', poLine: '3', quantity: '10', unitPrice: '10.00' }],
        }),
      ],
    });
    expect(decision).toMatchObject({ tier: 'auto_matched', poNumbers: ['PO-3'] });
  });

  it('books a receipt line on the PO line of its SKU when its line number names another item', () => {
    const twoItems = purchaseOrder({
      poNumber: 'PO-4',
      vendor: ACME,
      lines: [
        { line: '1', sku: 'W-1', quantity: '10', unitPrice: '10.00' },
        { line: '2', sku: 'W-2', quantity: '10', unitPrice: '10.00' },
      ],
    });
    const received = {
      ...receipt('PO-4', [['1', '10']]),
      lines: [{ lineNumber: '1', sku: 'W-2', quantityReceived: Decimal.parse('10') }],
    };
    const decision = decide({
      purchaseOrders: [twoItems],
      receipts: [received],
      policy: threeWay,
      invoices: [
        invoice({
          number: 'I-R',
          vendor: ACME,
          lines: [{ po: 'PO-4', poLine: '2', sku: 'W-2', quantity: '10', unitPrice: '10.00' }],
        }),
      ],
    });
    expect(decision).toMatchObject({ tier: 'auto_matched' });
  });

  it('books a receipt line whose SKU is on no line of its PO (the supplier’s own code) on its line number', () => {
    const received = {
      ...receipt('PO-3', [['1', '100']]),
      lines: [{ lineNumber: '1', sku: 'ACME-W1', quantityReceived: Decimal.parse('100') }],
    };
    const decision = decide({
      purchaseOrders: [po],
      receipts: [received],
      policy: threeWay,
      invoices: [bill('5')],
    });
    expect(decision).toMatchObject({ tier: 'auto_matched' });
  });

  it('does not count a receipt for a PO without a line for the SKU received', () => {
    const globexPo = purchaseOrder({
      poNumber: 'PO-3',
      vendor: GLOBEX,
      orderDate: '2026-01-25',
      lines: [{ line: '1', sku: 'Z-9', quantity: '100', unitPrice: '1.00' }],
    });
    const received = {
      ...receipt('PO-3', [['1', '100']]),
      lines: [{ lineNumber: '1', sku: 'Z-9', quantityReceived: Decimal.parse('100') }],
    };
    const decision = decide({
      purchaseOrders: [{ ...po, orderDate: '2025-01-05' }, globexPo],
      receipts: [received],
      policy: threeWay,
      invoices: [{ ...bill('5'), invoiceDate: '2026-02-01' }],
    });
    expect(decision).toMatchObject({ tier: 'exception', reason: 'NOT_RECEIVED' });
  });

  it('counts a receipt for the one PO with its number that was ordered before the goods arrived', () => {
    const later = { ...po, orderDate: '2026-02-15' };
    const decision = decide({
      purchaseOrders: [po, later],
      receipts: [receipt('PO-3', [['1', '100']])],
      policy: threeWay,
      invoices: [{ ...bill('5'), invoiceDate: '2026-01-25' }],
    });
    expect(decision.reasons).not.toContain('NOT_RECEIVED');
  });
});

describe('matching engine: a consolidated invoice with a line whose PO is not found', () => {
  it('raises PO_NOT_FOUND and does not state a net amount for the lines it could check alone', () => {
    const decision = decide({
      purchaseOrders: [
        purchaseOrder({
          poNumber: 'PO-1',
          vendor: ACME,
          lines: [{ line: '1', sku: 'W-1', quantity: '10', unitPrice: '10.00' }],
        }),
      ],
      policy: twoWay,
      invoices: [
        invoice({
          number: 'K-1',
          vendor: ACME,
          lines: [
            { po: 'PO-1', sku: 'W-1', quantity: '8', unitPrice: '10.00' },
            { po: 'PO-777', sku: 'W-1', quantity: '80', unitPrice: '10.00' },
          ],
        }),
      ],
    });
    expect(decision).toMatchObject({ tier: 'exception', reason: 'PO_NOT_FOUND' });
    // 80.00 of matched lines against a net of 880.00 would read as the invoice's net agreeing.
    expect(explained(decision, 'net_amount')).toBeUndefined();
  });
});
