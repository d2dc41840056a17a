import { InvalidReconciliationInputError } from './invalid-reconciliation-input.error';
import type { Invoice } from './invoice';
import type { MatchDecision } from './match-decision';
import { MatchingEngine } from './matching-engine';
import type { PriorInvoice } from './reconciliation-input';
import { TenantTolerancePolicy } from './tenant-tolerance-policy';
import { DEFAULT_TOLERANCE_POLICY } from './tolerance-policy';
import { generateApDataset } from '../../../../test/support/matching/ap-data-generator';
import { decisionContent, lineOrderCase } from '../../../../test/support/matching/line-order-cases';
import { SeededRandom } from '../../../../test/support/matching/seeded-random';
import {
  ACME,
  invoice,
  purchaseOrder,
  receipt,
  reconcile,
  explained,
} from '../../../../test/support/matching/document-builders';

/** The paths of the problems a rejected run lists, in the order listed. */
function rejectedPaths(spec: Parameters<typeof reconcile>[0]): string[] {
  try {
    reconcile(spec);
  } catch (error) {
    return (error as InvalidReconciliationInputError).problems.map((problem) => problem.path);
  }
  throw new Error('the run was not rejected');
}

/** An invoice as a later run remembers it, lines and all, to catch a re-sent copy. */
const asPriorInvoice = (sent: Invoice): PriorInvoice => ({
  vendor: sent.vendor,
  invoiceNumber: sent.invoiceNumber,
  invoiceDate: sent.invoiceDate,
  currency: sent.currency,
  totalAmount: sent.totalAmount,
  kind: sent.kind,
  lines: sent.lines,
});

const serialize = (value: unknown): string =>
  JSON.stringify(value, (_key, field: unknown) => (typeof field === 'bigint' ? field.toString() : field));

describe('matching engine: determinism and input validation', () => {
  it('gives the same decisions, in input order, for the same input', () => {
    const { input } = generateApDataset({ invoices: 800, seed: 11 });
    const first = new MatchingEngine().run(input);
    const second = new MatchingEngine().run(input);
    expect(serialize(second)).toBe(serialize(first));
    expect(first.decisions.map((decision) => decision.invoiceIndex)).toEqual(
      input.invoices.map((_, index) => index),
    );
  });

  it('decides the same whatever the order of the POs, when two companies share a name and a PO names only it', () => {
    const a = { name: 'Nordwind Handel GmbH', taxId: 'DE111111111' };
    const b = { name: 'Nordwind Handel GmbH', taxId: 'DE222222222' };
    const order = (poNumber: string, vendor: { name: string; taxId?: string }, sku: string) =>
      purchaseOrder({ poNumber, vendor, lines: [{ line: '1', sku, quantity: '5', unitPrice: '10.00' }] });
    const [poA, poB, nameOnly] = [
      order('PO-A', a, 'A1'),
      order('PO-B', b, 'B1'),
      order('PO-N', { name: 'Nordwind Handel GmbH' }, 'N1'),
    ];
    const bill = invoice({
      number: 'I-1',
      vendor: b,
      lines: [{ po: 'PO-N', sku: 'N1', quantity: '5', unitPrice: '10.00' }],
    });
    const outcomes = [
      [nameOnly, poA, poB],
      [poA, nameOnly, poB],
      [poA, poB, nameOnly],
      [poB, nameOnly, poA],
    ].map((purchaseOrders) => {
      const [decision] = reconcile({ purchaseOrders, invoices: [bill] }).decisions;
      return `${decision.tier} ${decision.reason} ${decision.poNumbers.join(',')}`;
    });
    expect(new Set(outcomes).size).toBe(1);
  });

  it('decides the same whatever the order of the invoice lines, where lines compete for the same PO lines', () => {
    const random = new SeededRandom(41);
    const differing: string[] = [];
    for (let n = 0; n < 1500; n += 1) {
      const { purchaseOrders, receipts, invoice: written, shuffled, policy } = lineOrderCase(random);
      const decided = (sent: typeof written) =>
        decisionContent(reconcile({ purchaseOrders, receipts, policy, invoices: [sent] }).decisions[0], sent);
      if (decided(written) !== decided(shuffled)) differing.push(`case ${n}: ${serialize(written.lines)}`);
    }
    expect(differing).toEqual([]);
  });

  it('decides the same whatever the order of the POs and receipts, twins offered in the same order', () => {
    const { input } = generateApDataset({ invoices: 3000, seed: 17 });
    const random = new SeededRandom(5);
    const shuffled = <T>(items: readonly T[]): T[] => {
      const copy = [...items];
      for (let i = copy.length - 1; i > 0; i -= 1) {
        const j = Math.floor(random.next() * (i + 1));
        [copy[i], copy[j]] = [copy[j], copy[i]];
      }
      return copy;
    };
    const decided = (sent: typeof input) => new MatchingEngine().run(sent).decisions.map((d) => serialize(d));
    const asGiven = decided(input);
    const reordered = decided({
      ...input,
      purchaseOrders: shuffled(input.purchaseOrders),
      goodsReceipts: shuffled(input.goodsReceipts),
    });
    const differing = input.invoices.filter((_, i) => asGiven[i] !== reordered[i]);
    expect(differing.map((sent) => sent.invoiceNumber)).toEqual([]);
  });

  it('compares the same POs whatever their order when a vendor has more than a search compares', () => {
    // 150 orders of one item, open alike: a search compares 120 of them, ranked by order date and
    // number, not by their place in the input.
    const orders = Array.from({ length: 150 }, (_, i) =>
      purchaseOrder({
        poNumber: `PO-${1000 + i}`,
        vendor: ACME,
        orderDate: `2026-01-${String(1 + (i % 28)).padStart(2, '0')}`,
        lines: [{ line: '1', sku: 'W-1', quantity: '10', unitPrice: '20.00' }],
      }),
    );
    const bill = invoice({
      number: 'I-150',
      vendor: ACME,
      date: '2026-02-10',
      lines: [{ sku: 'W-1', quantity: '10', unitPrice: '20.00' }],
    });
    const decided = (purchaseOrders: typeof orders) =>
      serialize(reconcile({ purchaseOrders, invoices: [bill] }).decisions[0]);
    const asGiven = decided(orders);
    expect(decided([...orders].reverse())).toBe(asGiven);
    expect(decided([...orders.slice(75), ...orders.slice(0, 75)])).toBe(asGiven);
    expect(JSON.parse(asGiven)).toMatchObject({ tier: 'suggested', reason: 'AMBIGUOUS_MATCH' });
  });

  it('decides the same however the PO references and invoice numbers are written', () => {
    const { input } = generateApDataset({ invoices: 3000, seed: 19 });
    const random = new SeededRandom(23);
    const poForms = [
      (key: string) => `po ${key}`,
      (key: string) => `P.O. No. 00${key}`,
      (key: string) => `Purchase Order Number: ${key}`,
      (key: string) => `Bestellnummer ${key}`,
      (key: string) => ` PO - ${key} `,
    ];
    const invoiceForms = [
      (written: string) => written.toLowerCase(),
      (written: string) => `Invoice No. ${written}`,
      (written: string) => ` ${written.replace(/-/g, ' ')} `,
    ];
    const invoiceNumberAs = (written: string): string => random.pick(invoiceForms)(written);
    const rewritten = input.invoices.map((sent) => ({
      ...sent,
      invoiceNumber: invoiceNumberAs(sent.invoiceNumber),
      lines: sent.lines.map((line) => {
        const key = /^PO-(\d+)$/.exec(line.poNumber ?? '')?.[1];
        return key ? { ...line, poNumber: random.pick(poForms)(key) } : line;
      }),
    }));
    const outcome = (decision: MatchDecision) =>
      serialize([decision.tier, decision.reasons, decision.poNumbers, decision.score, decision.matchedLines]);
    const asSent = new MatchingEngine().run(input).decisions.map(outcome);
    const asRewritten = new MatchingEngine().run({ ...input, invoices: rewritten }).decisions.map(outcome);
    const differing = input.invoices.filter((_, i) => asSent[i] !== asRewritten[i]);
    expect(differing.map((sent) => sent.invoiceNumber)).toEqual([]);
    expect(
      rewritten.filter((sent, i) => sent.invoiceNumber !== input.invoices[i].invoiceNumber).length,
    ).toBeGreaterThan(2000);
  });

  it('decides alike in one run or in two, the second given the consumption and the invoices of the first', () => {
    const { input } = generateApDataset({ invoices: 3000, seed: 13 });
    const whole = new MatchingEngine().run(input).decisions;
    const content = (decision: MatchDecision, offset: number) =>
      serialize({ ...decision, invoiceIndex: decision.invoiceIndex + offset });
    for (const split of [700, 1900]) {
      const earlier = input.invoices.slice(0, split);
      const first = new MatchingEngine().run({ ...input, invoices: earlier });
      const second = new MatchingEngine().run({
        ...input,
        invoices: input.invoices.slice(split),
        consumed: first.consumption,
        priorInvoices: [...(input.priorInvoices ?? []), ...earlier.map(asPriorInvoice)],
      });
      const decided = [
        ...first.decisions.map((d) => content(d, 0)),
        ...second.decisions.map((d) => content(d, split)),
      ];
      const differing = whole.filter((decision, i) => content(decision, 0) !== decided[i]);
      expect(differing.map((decision) => `${split}: ${decision.invoiceNumber}`)).toEqual([]);
    }
  });

  it('explains each decision as the PO stood when it was decided, even when read after the run', () => {
    const po = purchaseOrder({
      poNumber: 'PO-9',
      vendor: ACME,
      lines: [{ line: '1', sku: 'W-1', quantity: '10', unitPrice: '20.00' }],
    });
    const bill = (number: string, quantity: string) =>
      invoice({
        number,
        vendor: ACME,
        lines: [{ po: 'PO-9', poLine: '1', sku: 'W-1', quantity, unitPrice: '20.00' }],
      });
    const result = reconcile({ purchaseOrders: [po], invoices: [bill('I-1', '4'), bill('I-2', '7')] });
    const quantityOf = (index: number) => explained(result.decisions[index], 'po_lines[PO-9/1].quantity');
    // The second invoice consumed nothing (it over-invoices); the first was decided on an untouched line.
    expect(result.decisions.map((decision) => decision.tier)).toEqual(['auto_matched', 'exception']);
    expect(quantityOf(0)).toMatchObject({ expected: expect.anything(), outcome: 'ok', reason: null });
    expect(String(quantityOf(0)?.expected)).toBe('10');
    expect(quantityOf(0)?.note).toBeUndefined();
    expect(String(quantityOf(1)?.expected)).toBe('6');
    expect(quantityOf(1)?.note).toBe('ordered 10, invoiced before 4');
    expect(result.decisions[1].explanation).toBe(result.decisions[1].explanation);
  });

  it('shows the matched lines and the explanation as own fields in the order of a MatchDecision, written once', () => {
    const { input } = generateApDataset({ invoices: 60, seed: 5 });
    const decisions = new MatchingEngine().run(input).decisions;
    const matched = decisions.find((decision) => decision.matchedLines.length > 0);
    expect(matched).toBeDefined();
    const decision = matched!;
    expect(Object.keys(decision)).toEqual([
      'invoiceIndex',
      'invoiceNumber',
      'vendorName',
      'vendorTaxId',
      'kind',
      'currency',
      'tier',
      'reason',
      'reasons',
      'score',
      'poNumbers',
      'matchedLines',
      'candidates',
      'explanation',
      'duplicateOf',
    ]);
    expect(decision.matchedLines).toBe(decision.matchedLines);
    const json = JSON.parse(serialize(decision)) as { matchedLines: unknown[]; explanation: unknown[] };
    expect(json.matchedLines).toHaveLength(decision.matchedLines.length);
    expect(json.explanation).toHaveLength(decision.explanation.length);
    expect(decision.explanation.length).toBeGreaterThan(0);
  });

  it('rejects malformed documents with RECONCILIATION.INVALID_INPUT listing every problem', () => {
    const bad = {
      ...invoice({ number: 'I-1', vendor: ACME, lines: [{ quantity: '1', unitPrice: '1.00' }] }),
      currency: 'euro',
      invoiceDate: '2026-02-30',
    };
    let caught: unknown;
    try {
      reconcile({ invoices: [bad] });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(InvalidReconciliationInputError);
    const error = caught as InvalidReconciliationInputError;
    expect(error.code).toBe('RECONCILIATION.INVALID_INPUT');
    expect(error.problems.map((problem) => problem.path)).toEqual([
      'invoices[0].currency',
      'invoices[0].invoiceDate',
    ]);
  });

  it('rejects three capital letters that are no ISO 4217 currency, such as a typo of KWD', () => {
    // Read with a default of two decimals, KDW would have priced a KWD invoice (three) wrongly.
    const po = { ...purchaseOrder({ poNumber: 'PO-1', vendor: ACME, lines: [] }), currency: 'KDW' };
    const bill = {
      ...invoice({ number: 'I-1', vendor: ACME, lines: [{ quantity: '1', unitPrice: '1.000' }] }),
      currency: 'QQQ',
    };
    expect(rejectedPaths({ purchaseOrders: [po], invoices: [bill] })).toEqual(
      expect.arrayContaining(['purchaseOrders[0].currency', 'invoices[0].currency']),
    );
    for (const code of ['XXX', 'XTS', 'XAU']) {
      expect(rejectedPaths({ invoices: [{ ...bill, currency: code }] })).toEqual(['invoices[0].currency']);
    }
    // Every real currency, including those with other exponents, is accepted.
    expect(
      reconcile({
        invoices: ['KWD', 'JPY', 'CHF', 'XOF'].map((currency, i) => ({
          ...bill,
          invoiceNumber: `I-${i}`,
          currency,
        })),
      }).decisions,
    ).toHaveLength(4);
  });

  it('rejects fields missing or of the wrong type by name, never failing on them (input from plain JavaScript or JSON)', () => {
    // The input's types are a promise a caller outside TypeScript can break; each break is named.
    const broken = <T>(document: T, fields: Record<string, unknown>): T => ({ ...document, ...fields });
    const po = purchaseOrder({
      poNumber: 'PO-1',
      vendor: ACME,
      lines: [{ line: '1', sku: 'W-1', quantity: '10', unitPrice: '20.00' }],
    });
    const bill = invoice({
      number: 'I-1',
      vendor: ACME,
      lines: [{ po: 'PO-1', sku: 'W-1', quantity: '10', unitPrice: '20.00' }],
    });
    const [poLine] = po.lines;
    const [billLine] = bill.lines;
    const delivery = receipt('PO-1', [['1', '10']]);
    expect(
      rejectedPaths({
        purchaseOrders: [
          broken(po, { vendor: { taxId: ACME.taxId, name: null } }),
          broken(po, { poNumber: 'PO-2', lines: [broken(poLine, { lineNumber: '', quantity: 5 })] }),
          broken(po, { poNumber: 'PO-3', lines: null }),
          null as never,
        ],
        receipts: [
          broken(delivery, { poNumber: ' ', lines: [broken(delivery.lines[0], { quantityReceived: '1' })] }),
        ],
        invoices: [
          broken(bill, { invoiceDate: null, kind: 'debit_note', totalAmount: 20000 }),
          broken(bill, {
            lines: [broken(billLine, { description: undefined, lineAmount: 1.5, poNumber: 7 })],
          }),
          broken(bill, { lines: [null] }),
        ],
        priorInvoices: [
          broken(
            {
              vendor: ACME,
              invoiceNumber: 'P-1',
              invoiceDate: '2026-01-02',
              currency: 'EUR',
              totalAmount: 1n,
            },
            { totalAmount: 1 },
          ),
        ],
        consumed: [
          {
            vendor: ACME,
            poNumber: 'PO-1',
            orderDate: '2026-01-05',
            lineNumber: '1',
            invoicedQuantity: po.lines[0].quantity.neg(),
            invoicedValue: 196 as never,
          },
        ],
        vendors: [{ name: 'Acme', taxId: 42 } as never],
      }),
    ).toEqual([
      'purchaseOrders[0].vendor.name',
      'purchaseOrders[1].lines[0].lineNumber',
      'purchaseOrders[1].lines[0].quantity',
      'purchaseOrders[2].lines',
      'purchaseOrders[3]',
      'goodsReceipts[0].poNumber',
      'goodsReceipts[0].lines[0].quantityReceived',
      'invoices[0].invoiceDate',
      'invoices[0].totalAmount',
      'invoices[0].kind',
      'invoices[1].lines[0].description',
      'invoices[1].lines[0].lineAmount',
      'invoices[1].lines[0].poNumber',
      'invoices[2].lines[0]',
      'priorInvoices[0].totalAmount',
      'consumed[0].invoicedQuantity',
      'consumed[0].invoicedValue',
      'vendors[0].taxId',
    ]);
    // Gaps in a list are missing documents, not ones to skip; keys with no letter or digit name nobody.
    const withGap = <T>(first: T, last: T): T[] => {
      const list = [first, first, last];
      delete list[1];
      return list;
    };
    expect(
      rejectedPaths({
        purchaseOrders: withGap(po, broken(po, { poNumber: 'PO-2' })),
        invoices: withGap(bill, bill),
      }),
    ).toEqual(['purchaseOrders[1]', 'invoices[1]']);
    // Malformed POs are not filed, the others are: a PO given twice is found all the same.
    expect(
      rejectedPaths({
        purchaseOrders: [broken(po, { currency: 'EURO' }), broken(po, { poNumber: 'PO-2' }), po, po],
        invoices: [bill],
      }),
    ).toEqual(['purchaseOrders[0].currency', 'purchaseOrders[3].poNumber']);
    expect(
      rejectedPaths({
        invoices: [
          broken(bill, { vendor: { taxId: '---', name: '' } }),
          broken(bill, { vendor: { taxId: null, name: '...' } }),
        ],
      }),
    ).toEqual(['invoices[0].vendor.taxId', 'invoices[0].vendor', 'invoices[1].vendor']);
    // Nor do numbers: every '#' invoice would repeat every other, a receipt for '-' book on PO '#'.
    expect(
      rejectedPaths({
        purchaseOrders: [po],
        receipts: [broken(delivery, { poNumber: '-' })],
        invoices: [broken(bill, { invoiceNumber: '#' }), broken(bill, { invoiceNumber: '#1' })],
        priorInvoices: [
          { vendor: ACME, invoiceNumber: '--', invoiceDate: '2026-01-02', currency: 'EUR', totalAmount: 1n },
        ],
      }),
    ).toEqual(['goodsReceipts[0].poNumber', 'invoices[0].invoiceNumber', 'priorInvoices[0].invoiceNumber']);
    const onNoPo = {
      vendor: ACME,
      poNumber: '#',
      orderDate: '2026-01-05',
      lineNumber: '1',
      invoicedQuantity: po.lines[0].quantity,
    };
    expect(rejectedPaths({ purchaseOrders: [po], invoices: [bill], consumed: [onNoPo] })).toEqual([
      'consumed[0].poNumber',
    ]);
    expect(
      rejectedPaths({ invoices: null as never, receipts: [broken(delivery, { receiptDate: 'x' })] }),
    ).toEqual(['goodsReceipts[0].receiptDate', 'invoices']);
    expect(rejectedPaths({ invoices: null as never })).toEqual(['invoices']);
    expect(() =>
      new MatchingEngine().run({
        purchaseOrders: [],
        goodsReceipts: [],
        invoices: [bill],
        policy: undefined as never,
      }),
    ).toThrow(
      expect.objectContaining({
        problems: [{ path: 'policy', message: 'must be the tenant tolerance policy' }],
      }),
    );
    // An override must name its vendor by a key: a name of `...` would apply to every tax-id-only vendor.
    const overrides = new TenantTolerancePolicy(DEFAULT_TOLERANCE_POLICY, [
      { vendorName: '...', overrides: {} },
      { vendorTaxId: '---', overrides: {} },
      { vendorName: 'Ωμέγα ΑΕ', overrides: {} },
    ]);
    expect(rejectedPaths({ invoices: [bill], policy: overrides })).toEqual([
      'policy.vendorOverrides[0]',
      'policy.vendorOverrides[1].vendorTaxId',
    ]);
    // A vendor master entry is checked before it is read.
    expect(rejectedPaths({ invoices: [bill], vendors: [{ name: null, taxId: 'DE1' } as never] })).toEqual([
      'vendors[0].name',
    ]);
  });

  it('rejects one purchase order given twice: the same vendor, number and order date', () => {
    const good = invoice({ number: 'I-1', vendor: ACME, lines: [{ quantity: '1', unitPrice: '1.00' }] });
    const po = purchaseOrder({
      poNumber: 'PO-1',
      vendor: ACME,
      lines: [{ line: '1', quantity: '10', unitPrice: '1.00' }],
    });
    const revised = purchaseOrder({
      poNumber: 'po 1',
      vendor: { ...ACME, name: 'ACME' },
      lines: [{ line: '1', quantity: '12', unitPrice: '1.00' }],
    });
    const reused = { ...po, orderDate: '2024-03-01' };
    expect(() => reconcile({ purchaseOrders: [po, reused, revised], invoices: [good] })).toThrow(
      expect.objectContaining({
        problems: [
          {
            path: 'purchaseOrders[2].poNumber',
            message:
              'repeats purchaseOrders[0]: the same vendor, number and order date are one purchase order',
          },
        ],
      }),
    );
    // The second PO under a number, as well as the third.
    expect(rejectedPaths({ purchaseOrders: [po, revised], invoices: [good] })).toEqual([
      'purchaseOrders[1].poNumber',
    ]);
  });

  it('rejects the whole run for a malformed invoice after good ones, listing every problem in input order', () => {
    const good = invoice({ number: 'I-1', vendor: ACME, lines: [{ quantity: '1', unitPrice: '1.00' }] });
    const badInvoice = (number: string) => ({ ...good, invoiceNumber: number, invoiceDate: '2026-13-01' });
    const badPo = { ...purchaseOrder({ poNumber: 'PO-1', vendor: ACME, lines: [] }), currency: 'EURO' };
    const prior = {
      vendor: ACME,
      invoiceNumber: 'P-1',
      invoiceDate: 'yesterday',
      currency: 'EUR',
      totalAmount: 100n,
    };
    expect(rejectedPaths({ invoices: [good, good, badInvoice('I-3'), good, badInvoice('I-5')] })).toEqual([
      'invoices[2].invoiceDate',
      'invoices[4].invoiceDate',
    ]);
    expect(
      rejectedPaths({ purchaseOrders: [badPo], invoices: [good, badInvoice('I-2')], priorInvoices: [prior] }),
    ).toEqual([
      'purchaseOrders[0].currency',
      'purchaseOrders[0].lines',
      'invoices[1].invoiceDate',
      'priorInvoices[0].invoiceDate',
    ]);
  });

  it('checks each purchase order as the book reads it, and still lists every problem in input order', () => {
    const good = invoice({ number: 'I-1', vendor: ACME, lines: [{ quantity: '1', unitPrice: '1.00' }] });
    const order = (poNumber: string, quantity = '10') =>
      purchaseOrder({ poNumber, vendor: ACME, lines: [{ line: '1', quantity, unitPrice: '1.00' }] });
    const badPo = { ...order('PO-2', '0'), orderDate: '2026-02-30' };
    const badReceipt = { ...receipt('PO-1', [['1', '1']]), receiptDate: 'soon' };
    const badInvoice = { ...good, invoiceNumber: 'I-2', currency: 'euro' };
    expect(
      rejectedPaths({
        purchaseOrders: [order('PO-1'), badPo, order('PO-3'), { ...order('PO-4'), currency: '' }],
        receipts: [badReceipt],
        invoices: [good, badInvoice],
      }),
    ).toEqual([
      'purchaseOrders[1].orderDate',
      'purchaseOrders[1].lines[0].quantity',
      'purchaseOrders[3].currency',
      'goodsReceipts[0].receiptDate',
      'invoices[1].currency',
    ]);
    // A PO given twice is listed with the rest: before the receipts, as every PO problem is; and a PO
    // number with no letter or digit is refused, as it could not be told from another.
    expect(
      rejectedPaths({
        purchaseOrders: [order('PO-1'), order('PO-1'), order('#')],
        receipts: [badReceipt],
        invoices: [{ ...good, invoiceDate: '2026-02-30' }],
      }),
    ).toEqual([
      'purchaseOrders[1].poNumber',
      'purchaseOrders[2].poNumber',
      'goodsReceipts[0].receiptDate',
      'invoices[0].invoiceDate',
    ]);
  });

  it('lists at most 100 problems, the first ones in input order, and counts them all', () => {
    const bad = (i: number) => ({
      ...invoice({ number: `I-${i}`, vendor: ACME, lines: [{ quantity: '1', unitPrice: '1.00' }] }),
      currency: 'euro',
    });
    let caught: unknown;
    try {
      reconcile({ invoices: Array.from({ length: 130 }, (_, i) => bad(i)) });
    } catch (error) {
      caught = error;
    }
    const { problems, total, message } = caught as InvalidReconciliationInputError;
    expect(problems).toHaveLength(100);
    expect(total).toBe(130);
    expect(message).toBe('Reconciliation input is invalid: 130 problems, the first 100 listed');
    expect(problems[0].path).toBe('invoices[0].currency');
    expect(problems[99].path).toBe('invoices[99].currency');
  });
});
