import {
  ACME,
  GLOBEX,
  consumed,
  decide,
  invoice,
  purchaseOrder,
  receipt,
  explained,
} from '../../../../test/support/matching/document-builders';
import { Decimal } from './decimal';
import { TenantTolerancePolicy } from './tenant-tolerance-policy';
import { DEFAULT_TOLERANCE_POLICY } from './tolerance-policy';

const widgets = purchaseOrder({
  poNumber: 'PO-2026000123',
  vendor: ACME,
  lines: [
    { line: '1', sku: 'W-100', description: 'Widget', quantity: '10', unitPrice: '12.50' },
    { line: '2', sku: 'B-200', description: 'Bracket', quantity: '4', unitPrice: '30.00' },
  ],
});
const billWidgets = (po: string | null, vendor: { taxId?: string | null; name: string } = ACME) =>
  invoice({
    number: 'INV-1',
    vendor,
    lines: [
      { po, poLine: po ? '1' : null, sku: 'W-100', quantity: '10', unitPrice: '12.50' },
      { po, poLine: po ? '2' : null, sku: 'B-200', quantity: '4', unitPrice: '30.00' },
    ],
  });

describe('matching engine: finding the purchase order', () => {
  it('auto-matches an invoice citing the PO number exactly', () => {
    const decision = decide({ purchaseOrders: [widgets], invoices: [billWidgets('PO-2026000123')] });
    expect(decision).toMatchObject({
      tier: 'auto_matched',
      reason: null,
      reasons: [],
      poNumbers: ['PO-2026000123'],
    });
    expect(decision.score).toBeGreaterThan(0.95);
    expect(
      decision.matchedLines.map((line) => [
        line.poLineNumber,
        line.quantity.toString(),
        line.amount.toString(),
      ]),
    ).toEqual([
      ['1', '10', '125.00'],
      ['2', '4', '120.00'],
    ]);
  });

  it.each([
    'po 2026000123',
    'PO#2026000123',
    '2026000123',
    'P.O. 002026000123',
    'po-2026000123',
    'Purchase Order No. 2026000123',
    'Bestell-Nr. 2026000123',
  ])('reads the reference %s as PO-2026000123', (reference) => {
    const decision = decide({ purchaseOrders: [widgets], invoices: [billWidgets(reference)] });
    expect(decision).toMatchObject({ tier: 'auto_matched', reason: null, poNumbers: ['PO-2026000123'] });
    // Found as the cited reference itself, not as a similar one (a typo away).
    expect(explained(decision, 'po_number')).toMatchObject({
      outcome: 'ok',
      note: 'cited reference, written differently (case, spaces, prefix or leading zeros)',
    });
  });

  it('recognises the vendor by tax id even when the name differs', () => {
    const decision = decide({
      purchaseOrders: [widgets],
      invoices: [billWidgets('PO-2026000123', { taxId: 'de 123 456 789', name: 'ACME (billing dept.)' })],
    });
    expect(decision.tier).toBe('auto_matched');
  });

  it('recognises a vendor without tax id by a variant of its name', () => {
    const decision = decide({
      purchaseOrders: [widgets],
      invoices: [billWidgets('PO-2026000123', { name: 'ACME INDUSTRIAL SUPPLIES' })],
    });
    expect(decision.tier).toBe('auto_matched');
    expect(explained(decision, 'vendor')?.note).toBe('recognised by name');
  });

  it('recognises a vendor without tax id by a name with a typo', () => {
    const decision = decide({
      purchaseOrders: [widgets],
      invoices: [billWidgets('PO-2026000123', { name: 'Acme Industrail Supplies' })],
    });
    expect(decision.tier).toBe('auto_matched');
  });

  it('matches a reference with a transposed digit to the only PO one typo away whose lines fit', () => {
    const decision = decide({ purchaseOrders: [widgets], invoices: [billWidgets('PO-2026000132')] });
    expect(decision.tier).toBe('auto_matched');
    expect(decision.poNumbers).toEqual(['PO-2026000123']);
    expect(explained(decision, 'po_number')?.note).toContain('typo');
  });

  it('does not take a typo that names another vendor’s PO at its word', () => {
    const othersPo = purchaseOrder({
      poNumber: 'PO-2026000124',
      vendor: GLOBEX,
      lines: [{ line: '1', sku: 'X-1', quantity: '1', unitPrice: '99.00' }],
    });
    const decision = decide({
      purchaseOrders: [widgets, othersPo],
      invoices: [billWidgets('PO-2026000124')],
    });
    expect(decision.poNumbers).toEqual(['PO-2026000123']);
    expect(decision.tier).toBe('auto_matched');
    // The cited number is a real PO, another vendor's: the note says so rather than "a typo".
    expect(explained(decision, 'po_number')?.note).toBe(
      "the cited PO PO-2026000124 is another vendor's; matched this vendor's PO PO-2026000123, whose number is one or two characters away, whose lines fit",
    );
  });

  it('prefers the vendor’s PO one typo away when the cited PO of the same vendor has none of the billed items', () => {
    const decoy = purchaseOrder({
      poNumber: 'PO-2026000132',
      vendor: ACME,
      lines: [{ line: '1', sku: 'Z-9', quantity: '3', unitPrice: '5.00' }],
    });
    const decision = decide({ purchaseOrders: [widgets, decoy], invoices: [billWidgets('PO-2026000132')] });
    expect(decision.poNumbers).toEqual(['PO-2026000123']);
    expect(decision.candidates.map((candidate) => candidate.poNumber)).toContain('PO-2026000132');
    // The cited PO exists: the note says it was passed over, not that its number was a typo.
    expect(explained(decision, 'po_number')?.note).toBe(
      'the cited PO PO-2026000132 fits these lines poorly; matched PO PO-2026000123, whose number is one or two characters away, whose lines fit',
    );
  });

  it('says the cited PO fits poorly, not that it is missing, when a PO two typos away is suggested instead', () => {
    const decoy = purchaseOrder({
      poNumber: 'PO-2026000145',
      vendor: ACME,
      lines: [{ line: '1', sku: 'Z-9', quantity: '3', unitPrice: '5.00' }],
    });
    const decision = decide({ purchaseOrders: [widgets, decoy], invoices: [billWidgets('PO-2026000145')] });
    expect(decision).toMatchObject({
      tier: 'suggested',
      reason: 'PO_NOT_FOUND',
      poNumbers: ['PO-2026000123'],
    });
    expect(decision.explanation.map((entry) => entry.note)).toContain(
      'the cited PO PO-2026000145 fits this invoice poorly; PO PO-2026000123 fits it better',
    );
  });

  it('finds the PO of an invoice without reference by vendor, amount and lines when only one PO fits', () => {
    const other = purchaseOrder({
      poNumber: 'PO-2026000999',
      vendor: ACME,
      lines: [{ line: '1', sku: 'Q-1', quantity: '1', unitPrice: '10.00' }],
    });
    const decision = decide({ purchaseOrders: [widgets, other], invoices: [billWidgets(null)] });
    expect(decision).toMatchObject({ tier: 'auto_matched', poNumbers: ['PO-2026000123'] });
  });

  it('finds the PO of an invoice without reference all the same when it adds a note that bills nothing', () => {
    const other = purchaseOrder({
      poNumber: 'PO-2026000999',
      vendor: ACME,
      lines: [{ line: '1', sku: 'Q-1', quantity: '1', unitPrice: '10.00' }],
    });
    const noted = billWidgets(null);
    const note = {
      lineNumber: '3',
      description: 'Delivery note 4711',
      quantity: Decimal.ZERO,
      unitPrice: Decimal.ZERO,
      lineAmount: 0n,
    };
    const decision = decide({
      purchaseOrders: [widgets, other],
      invoices: [{ ...noted, lines: [...noted.lines, note] }],
    });
    expect(decision).toMatchObject({ tier: 'auto_matched', reason: null, poNumbers: ['PO-2026000123'] });
    expect(explained(decision, 'lines[3]')).toMatchObject({
      outcome: 'ok',
      note: 'not on the purchase order, but bills nothing',
    });
  });

  it('suggests, never auto-matches, when twin POs fit an invoice without reference equally well (AMBIGUOUS_MATCH)', () => {
    const twin = purchaseOrder({
      ...widgets,
      poNumber: 'PO-2026000777',
      vendor: ACME,
      lines: [
        { line: '1', sku: 'W-100', quantity: '10', unitPrice: '12.50' },
        { line: '2', sku: 'B-200', quantity: '4', unitPrice: '30.00' },
      ],
    });
    const decision = decide({ purchaseOrders: [widgets, twin], invoices: [billWidgets(null)] });
    expect(decision).toMatchObject({ tier: 'suggested', reason: 'AMBIGUOUS_MATCH' });
    const named = [...decision.poNumbers, ...decision.candidates.map((candidate) => candidate.poNumber)];
    expect(named).toEqual(expect.arrayContaining(['PO-2026000123', 'PO-2026000777']));
  });

  it('tells vendors named in other scripts apart, and reads full-width references', () => {
    const greek = { taxId: null, name: 'Ωμέγα ΑΕ' };
    const order = purchaseOrder({
      poNumber: 'PO-2026000555',
      vendor: greek,
      lines: [{ line: '1', sku: 'W-1', quantity: '10', unitPrice: '20.00' }],
    });
    const billed = (vendor: { taxId: null; name: string }, po: string) =>
      decide({
        purchaseOrders: [order],
        invoices: [
          invoice({ number: 'I-1', vendor, lines: [{ po, sku: 'W-1', quantity: '10', unitPrice: '20.00' }] }),
        ],
      });
    expect(billed(greek, 'ＰＯ－２０２６０００５５５')).toMatchObject({
      tier: 'auto_matched',
      poNumbers: ['PO-2026000555'],
    });
    // A Cyrillic name used to reduce to the same empty key as the Greek one, and matched its PO.
    expect(billed({ taxId: null, name: 'Ромашка ООО' }, 'PO-2026000555')).toMatchObject({
      tier: 'exception',
      reason: 'VENDOR_MISMATCH',
    });
  });

  it('matches a vendor whose legal form or letters are written another way on the invoice', () => {
    const billed = (ordered: string, invoiced: string) =>
      decide({
        purchaseOrders: [
          purchaseOrder({
            poNumber: 'PO-2026000556',
            vendor: { taxId: null, name: ordered },
            lines: [{ line: '1', sku: 'W-1', quantity: '10', unitPrice: '20.00' }],
          }),
        ],
        invoices: [
          invoice({
            number: 'I-1',
            vendor: { taxId: null, name: invoiced },
            lines: [{ po: 'PO-2026000556', sku: 'W-1', quantity: '10', unitPrice: '20.00' }],
          }),
        ],
      });
    for (const [ordered, invoiced] of [
      ['トヨタ株式会社', '株式会社トヨタ'],
      ['Søren Ærø ApS', 'Soren Aero'],
    ])
      expect(billed(ordered, invoiced)).toMatchObject({ tier: 'auto_matched', reasons: [] });
    expect(billed('トヨタ株式会社', '株式会社ホンダ')).toMatchObject({ reason: 'VENDOR_MISMATCH' });
  });

  it('warns, without a reason code, when the invoice is dated before the PO it is matched to', () => {
    const late = purchaseOrder({
      poNumber: 'PO-2026000557',
      vendor: ACME,
      orderDate: '2026-02-20',
      lines: [{ line: '1', sku: 'W-1', quantity: '10', unitPrice: '20.00' }],
    });
    const billedOn = (date: string) =>
      decide({
        purchaseOrders: [late],
        invoices: [
          invoice({
            number: 'I-1',
            vendor: ACME,
            date,
            lines: [{ po: 'PO-2026000557', sku: 'W-1', quantity: '10', unitPrice: '20.00' }],
          }),
        ],
      });
    const early = billedOn('2026-02-02');
    expect(early).toMatchObject({ tier: 'auto_matched', reasons: [] });
    expect(explained(early, 'invoice_date')).toMatchObject({
      expected: 'on or after 2026-02-20',
      actual: '2026-02-02',
      outcome: 'warning',
      reason: null,
    });
    expect(explained(billedOn('2026-02-20'), 'invoice_date')).toBeUndefined();
  });

  it('offers first the twin whose goods were received, whatever the order of the POs (3-way)', () => {
    const twin = { ...widgets, poNumber: 'PO-2026000777' };
    const delivered = receipt('PO-2026000777', [
      ['1', '10'],
      ['2', '4'],
    ]);
    for (const purchaseOrders of [
      [widgets, twin],
      [twin, widgets],
    ]) {
      const decision = decide({
        purchaseOrders,
        receipts: [delivered],
        policy: new TenantTolerancePolicy(DEFAULT_TOLERANCE_POLICY),
        invoices: [billWidgets(null)],
      });
      // Still a person's call, and never an exception for goods the other twin did not receive.
      expect(decision).toMatchObject({
        tier: 'suggested',
        reason: 'AMBIGUOUS_MATCH',
        reasons: ['AMBIGUOUS_MATCH'],
        poNumbers: ['PO-2026000777'],
      });
    }
  });

  it('judges which twin was received as the quantity check does: per PO line, with the tolerance', () => {
    const single = purchaseOrder({
      poNumber: 'PO-2026000123',
      vendor: ACME,
      lines: [{ line: '1', sku: 'W-100', quantity: '10', unitPrice: '12.50' }],
    });
    const twin = { ...single, poNumber: 'PO-2026000777' };
    const fiveOf = { sku: 'W-100', quantity: '5', unitPrice: '12.50' };
    const cases = [
      // Billed as two lines of 5: 6 received on the first twin is not enough for both, 10 on the other is.
      { received: ['6', '10'], policy: DEFAULT_TOLERANCE_POLICY, chosen: 'PO-2026000777' },
      // 9.5 of 10 received is enough with a 10% quantity tolerance; nothing received is not.
      {
        received: ['9.5', null],
        policy: { ...DEFAULT_TOLERANCE_POLICY, quantityOverPercent: Decimal.parse('10') },
        chosen: 'PO-2026000123',
      },
    ];
    for (const { received, policy, chosen } of cases) {
      const receipts = received.flatMap((quantity, i) =>
        quantity ? [receipt(i === 0 ? 'PO-2026000123' : 'PO-2026000777', [['1', quantity]])] : [],
      );
      for (const purchaseOrders of [
        [single, twin],
        [twin, single],
      ]) {
        const decision = decide({
          purchaseOrders,
          receipts,
          policy: new TenantTolerancePolicy(policy),
          invoices: [invoice({ number: 'I-1', vendor: ACME, lines: [fiveOf, fiveOf] })],
        });
        expect(decision).toMatchObject({
          tier: 'suggested',
          reasons: ['AMBIGUOUS_MATCH'],
          poNumbers: [chosen],
        });
      }
    }
  });

  it('suggests, never auto-matches, when the vendor used the cited number for two POs that both fit (AMBIGUOUS_MATCH)', () => {
    const reused = { ...widgets, orderDate: '2025-03-01' };
    const decision = decide({ purchaseOrders: [reused, widgets], invoices: [billWidgets('PO-2026000123')] });
    expect(decision).toMatchObject({ tier: 'suggested', reason: 'AMBIGUOUS_MATCH' });
    expect(decision.candidates.map((candidate) => candidate.poNumber)).toEqual(['PO-2026000123']);
  });

  it('takes the vendor’s other PO that fits when the cited number names two POs of none of the billed items', () => {
    const cited = (orderDate: string, sku: string) =>
      purchaseOrder({
        poNumber: 'PO-100',
        vendor: ACME,
        orderDate,
        lines: [{ line: '1', sku, quantity: '10', unitPrice: '12.50' }],
      });
    const fitting = purchaseOrder({
      poNumber: 'PO-200',
      vendor: ACME,
      lines: [{ line: '1', sku: 'W-1', quantity: '10', unitPrice: '12.50' }],
    });
    const decision = decide({
      purchaseOrders: [cited('2025-06-01', 'X-1'), cited('2026-01-05', 'Y-1'), fitting],
      invoices: [
        invoice({
          number: 'I-9',
          vendor: ACME,
          lines: [{ po: 'PO-100', sku: 'W-1', quantity: '10', unitPrice: '12.50' }],
        }),
      ],
    });
    expect(decision).toMatchObject({ poNumbers: ['PO-200'] });
    expect(decision.reasons).not.toContain('AMBIGUOUS_MATCH');
  });

  it('takes the cited PO in the invoice currency when the vendor used the number in two currencies', () => {
    const inDollars = { ...widgets, currency: 'USD', orderDate: '2025-11-20' };
    for (const order of [
      [widgets, inDollars],
      [inDollars, widgets],
    ]) {
      const decision = decide({ purchaseOrders: order, invoices: [billWidgets('PO-2026000123')] });
      expect(decision).toMatchObject({ tier: 'auto_matched', reason: null });
    }
  });

  it('takes the open PO when the vendor reused the cited number of a PO billed in full in an earlier run', () => {
    const billed = { ...widgets, orderDate: '2025-03-01' };
    const decision = decide({
      purchaseOrders: [billed, widgets],
      consumed: [
        consumed('PO-2026000123', '1', '10', ACME, '2025-03-01'),
        consumed('PO-2026000123', '2', '4', ACME, '2025-03-01'),
      ],
      invoices: [billWidgets('PO-2026000123')],
    });
    expect(decision).toMatchObject({ tier: 'auto_matched', reason: null });
  });

  const partlyFitting = (otherPrice: string) =>
    invoice({
      number: 'INV-2',
      vendor: ACME,
      lines: [
        { sku: 'W-100', quantity: '10', unitPrice: '12.50' },
        { sku: 'NEW-1', description: 'Something else', quantity: '1', unitPrice: otherPrice },
      ],
    });

  it('suggests the best PO with PO_NOT_FOUND when an invoice without reference fits it only partly', () => {
    const decision = decide({ purchaseOrders: [widgets], invoices: [partlyFitting('40.00')] });
    expect(decision).toMatchObject({
      tier: 'suggested',
      reason: 'PO_NOT_FOUND',
      poNumbers: ['PO-2026000123'],
    });
  });

  it('suggests no PO when most of the amount is for items the best PO does not have, but lists it', () => {
    const decision = decide({ purchaseOrders: [widgets], invoices: [partlyFitting('400.00')] });
    expect(decision).toMatchObject({ tier: 'exception', reason: 'PO_NOT_FOUND', poNumbers: [] });
    expect(decision.candidates.map((candidate) => candidate.poNumber)).toEqual(['PO-2026000123']);
  });

  it('still finds the PO of a large vendor for an invoice without reference that adds a line no PO has (freight)', () => {
    const others = Array.from({ length: 45 }, (_, i) =>
      purchaseOrder({
        poNumber: `PO-3000${i}`,
        vendor: ACME,
        lines: [{ line: '1', sku: `X-${i}`, quantity: '1', unitPrice: '5.00' }],
      }),
    );
    const withFreight = invoice({
      number: 'INV-F',
      vendor: ACME,
      lines: [
        { sku: 'W-100', quantity: '10', unitPrice: '12.50' },
        { sku: 'B-200', quantity: '4', unitPrice: '30.00' },
        { sku: 'FREIGHT', description: 'Freight', quantity: '1', unitPrice: '80.00' },
      ],
    });
    const decision = decide({ purchaseOrders: [...others, widgets], invoices: [withFreight] });
    const named = [...decision.poNumbers, ...decision.candidates.map((candidate) => candidate.poNumber)];
    expect(named).toContain('PO-2026000123');
    expect(decision).toMatchObject({ tier: 'suggested', poNumbers: ['PO-2026000123'] });
  });

  it('never searches another vendor’s POs: an invoice without reference billing exactly their lines finds nothing', () => {
    const decision = decide({ purchaseOrders: [widgets], invoices: [billWidgets(null, GLOBEX)] });
    expect(decision).toMatchObject({
      tier: 'exception',
      reason: 'PO_NOT_FOUND',
      poNumbers: [],
      candidates: [],
    });
  });

  it('never takes an invoice under a name two companies share for either, whatever the order of their POs', () => {
    const ofCompany = (poNumber: string, taxId: string, name: string) =>
      purchaseOrder({
        poNumber,
        vendor: { taxId, name },
        lines: [{ line: '1', sku: 'A-1', quantity: '10', unitPrice: '10.00' }],
      });
    const german = ofCompany('PO-DE', 'DE111', 'Acme GmbH');
    const american = ofCompany('PO-US', 'US333', 'Acme Inc.');
    const bareName = invoice({
      number: 'I-1',
      vendor: { name: 'Acme' },
      lines: [{ sku: 'A-1', quantity: '10', unitPrice: '10.00' }],
    });
    // The vendor master knows "Acme" without a tax id: it merges into whichever company comes first.
    for (const purchaseOrders of [
      [german, american],
      [american, german],
    ]) {
      const decision = decide({
        vendors: [{ name: 'Acme', confirmedBankAccount: 'DE00123' }],
        purchaseOrders,
        invoices: [bareName],
      });
      expect(decision).toMatchObject({ tier: 'exception', reason: 'PO_NOT_FOUND', poNumbers: [] });
    }
  });

  it('suggests nothing when the vendor’s only candidate scores below 0.5', () => {
    // One widget of ten, at a price 40% off, dated long after the PO: the items meet, nothing else does.
    const decision = decide({
      purchaseOrders: [widgets],
      invoices: [
        invoice({
          number: 'INV-L',
          vendor: ACME,
          date: '2026-12-20',
          lines: [
            { sku: 'W-100', quantity: '1', unitPrice: '7.50' },
            { sku: 'Z-1', description: 'Unrelated', quantity: '3', unitPrice: '900.00' },
          ],
        }),
      ],
    });
    expect(decision).toMatchObject({ tier: 'exception', reason: 'PO_NOT_FOUND', poNumbers: [] });
  });

  it('pairs a cited PO line reference written another way (`Line 02` is line 2)', () => {
    const days = purchaseOrder({
      poNumber: 'PO-88',
      vendor: ACME,
      lines: ['1', '2'].map((line) => ({
        line,
        description: 'Consulting day',
        quantity: '1',
        unitPrice: '900.00',
      })),
    });
    const decision = decide({
      purchaseOrders: [days],
      invoices: [
        invoice({
          number: 'INV-LN',
          vendor: ACME,
          lines: [
            {
              po: 'PO 88',
              poLine: 'Line 02',
              description: 'Consulting day',
              quantity: '1',
              unitPrice: '900.00',
            },
          ],
        }),
      ],
    });
    expect(decision).toMatchObject({ tier: 'auto_matched', reason: null });
    expect(decision.matchedLines.map((line) => line.poLineNumber)).toEqual(['2']);
  });

  it('raises PO_NOT_FOUND when nothing of the vendor fits', () => {
    const decision = decide({
      purchaseOrders: [widgets],
      invoices: [
        invoice({
          number: 'U-1',
          vendor: { name: 'City Water Utility' },
          lines: [{ description: 'Water March', quantity: '1', unitPrice: '80.00' }],
        }),
      ],
    });
    expect(decision).toMatchObject({ tier: 'exception', reason: 'PO_NOT_FOUND', poNumbers: [] });
  });

  it('raises VENDOR_MISMATCH when another vendor bills our PO', () => {
    const decision = decide({ purchaseOrders: [widgets], invoices: [billWidgets('PO-2026000123', GLOBEX)] });
    expect(decision).toMatchObject({
      tier: 'exception',
      reason: 'VENDOR_MISMATCH',
      poNumbers: ['PO-2026000123'],
    });
  });

  it('names both tax ids when a company of the same name but another tax id bills our PO', () => {
    const namesake = { taxId: 'AT U12345678', name: ACME.name };
    const decision = decide({
      purchaseOrders: [widgets],
      invoices: [billWidgets('PO-2026000123', namesake)],
    });
    expect(decision).toMatchObject({ tier: 'exception', reason: 'VENDOR_MISMATCH' });
    expect(explained(decision, 'po_number')?.note).toBe(
      `PO PO-2026000123 belongs to ${ACME.name} (tax id ${ACME.taxId}), not to ${ACME.name} (tax id AT U12345678)`,
    );
  });

  it('raises CURRENCY_MISMATCH when the invoice is in another currency than its PO', () => {
    const decision = decide({
      purchaseOrders: [widgets],
      invoices: [
        invoice({
          number: 'INV-3',
          vendor: ACME,
          currency: 'USD',
          lines: [{ po: 'PO-2026000123', sku: 'W-100', quantity: '10', unitPrice: '12.50' }],
        }),
      ],
    });
    expect(decision).toMatchObject({ tier: 'exception', reason: 'CURRENCY_MISMATCH' });
  });
});
