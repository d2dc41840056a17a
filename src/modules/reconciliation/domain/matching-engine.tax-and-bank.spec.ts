import { Decimal } from './decimal';
import type { InvalidReconciliationInputError } from './invalid-reconciliation-input.error';
import { TenantTolerancePolicy } from './tenant-tolerance-policy';
import { DEFAULT_TOLERANCE_POLICY } from './tolerance-policy';
import {
  ACME,
  decide,
  reconcile,
  invoice,
  purchaseOrder,
  explained,
} from '../../../../test/support/matching/document-builders';

const po = purchaseOrder({
  poNumber: 'PO-4',
  vendor: ACME,
  lines: [
    { line: '1', sku: 'W-1', quantity: '3', unitPrice: '33.33' },
    { line: '2', sku: 'W-2', quantity: '1', unitPrice: '100.00' },
  ],
});
const withRates = new TenantTolerancePolicy({
  ...DEFAULT_TOLERANCE_POLICY,
  matchingMode: 'two_way',
  taxRatesPercent: [Decimal.parse('0'), Decimal.parse('20')],
});
const lines = [
  { po: 'PO-4', sku: 'W-1', quantity: '3', unitPrice: '33.33' },
  { po: 'PO-4', sku: 'W-2', quantity: '1', unitPrice: '100.00' },
];
const vendors = [{ ...ACME, confirmedBankAccount: 'DE44 5001 0517 5407 3249 31' }];

describe('matching engine: tax', () => {
  it('checks that an invoice with no PO adds up, beside PO_NOT_FOUND', () => {
    const decision = decide({
      purchaseOrders: [po],
      invoices: [
        invoice({
          number: 'W-1',
          vendor: ACME,
          lines: [{ sku: null, description: 'Water, October', quantity: '1', unitPrice: '216.00' }],
          total: '5000.00',
        }),
      ],
    });
    expect(decision).toMatchObject({
      tier: 'exception',
      reason: 'PO_NOT_FOUND',
      reasons: ['PO_NOT_FOUND', 'TAX_MISMATCH'],
    });
    expect(explained(decision, 'total_amount')).toMatchObject({
      expected: Decimal.parse('216.00'),
      actual: Decimal.parse('5000.00'),
      outcome: 'breach',
    });
  });

  it('accepts tax at an applicable rate, computed half-up (199.99 x 20% = 40.00)', () => {
    expect(
      decide({
        purchaseOrders: [po],
        policy: withRates,
        invoices: [invoice({ number: 'I-1', vendor: ACME, lines, tax: '40.00' })],
      }).tier,
    ).toBe('auto_matched');
  });

  it('accepts a tax amount a cent per line off (per-line rounding by the vendor)', () => {
    expect(
      decide({
        purchaseOrders: [po],
        policy: withRates,
        invoices: [invoice({ number: 'I-2', vendor: ACME, lines, tax: '40.02' })],
      }).tier,
    ).toBe('auto_matched');
  });

  it('raises TAX_MISMATCH for tax at a rate the tenant does not apply', () => {
    const decision = decide({
      purchaseOrders: [po],
      policy: withRates,
      invoices: [invoice({ number: 'I-3', vendor: ACME, lines, tax: '38.00' })],
    });
    expect(decision).toMatchObject({ tier: 'exception', reason: 'TAX_MISMATCH' });
    expect(explained(decision, 'tax_amount')?.note).toBe('closest applicable rate 20% (half-up)');
  });

  it('raises TAX_MISMATCH when the stated total is not lines plus tax', () => {
    const decision = decide({
      purchaseOrders: [po],
      invoices: [invoice({ number: 'I-4', vendor: ACME, lines, tax: '40.00', total: '250.00' })],
    });
    expect(decision).toMatchObject({ tier: 'exception', reason: 'TAX_MISMATCH' });
  });
});

describe('matching engine: tax at the rates the lines state', () => {
  const reducedAndStandard = new TenantTolerancePolicy({
    ...DEFAULT_TOLERANCE_POLICY,
    matchingMode: 'two_way',
    taxRatesPercent: [Decimal.parse('19'), Decimal.parse('7')],
  });
  const rated = (first: string | undefined, second: string | undefined) => [
    { ...lines[0], ...(first !== undefined ? { taxRate: first } : {}) },
    { ...lines[1], ...(second !== undefined ? { taxRate: second } : {}) },
  ];

  it('accepts tax summed per stated rate, each half-up (99.99 at 19% and 100.00 at 7%: 19.00 + 7.00)', () => {
    const decision = decide({
      purchaseOrders: [po],
      policy: reducedAndStandard,
      invoices: [invoice({ number: 'T-1', vendor: ACME, lines: rated('19', '7'), tax: '26.00' })],
    });
    expect(decision).toMatchObject({ tier: 'auto_matched', reasons: [] });
    expect(explained(decision, 'tax_amount')).toMatchObject({
      outcome: 'ok',
      note: "at the lines' rates: 19% of 99.99, 7% of 100.00 (half-up per rate)",
    });
    expect(String(explained(decision, 'tax_amount')?.expected)).toBe('26.00');
    // Without the rates on its lines, no single rate gives that tax.
    const unstated = decide({
      purchaseOrders: [po],
      policy: reducedAndStandard,
      invoices: [invoice({ number: 'T-2', vendor: ACME, lines, tax: '26.00' })],
    });
    expect(unstated).toMatchObject({ tier: 'exception', reason: 'TAX_MISMATCH' });
  });

  it('raises TAX_MISMATCH when the tax is not what the stated rates give, even when the tenant lists none', () => {
    for (const policy of [reducedAndStandard, undefined]) {
      const decision = decide({
        purchaseOrders: [po],
        ...(policy ? { policy } : {}),
        invoices: [invoice({ number: 'T-3', vendor: ACME, lines: rated('19', '7'), tax: '38.00' })],
      });
      expect(decision).toMatchObject({ tier: 'exception', reason: 'TAX_MISMATCH' });
      expect(explained(decision, 'tax_amount')).toMatchObject({ outcome: 'breach', reason: 'TAX_MISMATCH' });
      expect(String(explained(decision, 'tax_amount')?.difference)).toBe('12.00');
    }
  });

  it('raises TAX_MISMATCH for a line stating a rate the tenant does not apply, naming the line', () => {
    const decision = decide({
      purchaseOrders: [po],
      policy: reducedAndStandard,
      invoices: [invoice({ number: 'T-4', vendor: ACME, lines: rated('19', '21'), tax: '40.00' })],
    });
    expect(decision).toMatchObject({ tier: 'exception', reason: 'TAX_MISMATCH' });
    expect(explained(decision, 'lines[2].tax_rate')).toMatchObject({
      expected: '19% or 7%',
      actual: '21%',
      outcome: 'breach',
    });
    expect(explained(decision, 'tax_amount')?.outcome).toBe('ok');
  });

  it("checks against the tenant's rates when a line that bills states none", () => {
    const decision = decide({
      purchaseOrders: [po],
      policy: withRates,
      invoices: [invoice({ number: 'T-5', vendor: ACME, lines: rated('20', undefined), tax: '40.00' })],
    });
    expect(decision.tier).toBe('auto_matched');
    expect(explained(decision, 'tax_amount')?.note).toBe('closest applicable rate 20% (half-up)');
  });

  it('refuses a stated rate below 0, above 100 or not a number, naming the field', () => {
    const sent = invoice({ number: 'T-6', vendor: ACME, lines: rated('-1', '100.01') });
    const odd = {
      ...sent,
      lines: [sent.lines[0], { ...sent.lines[1], taxRatePercent: 19 as unknown as Decimal }],
    };
    const problems = (bill: typeof sent) => {
      try {
        reconcile({ purchaseOrders: [po], invoices: [bill] });
      } catch (error) {
        return (error as InvalidReconciliationInputError).problems.map((p) => `${p.path}: ${p.message}`);
      }
      return [];
    };
    expect(problems(sent)).toEqual([
      'invoices[0].lines[0].taxRatePercent: must be between 0 and 100',
      'invoices[0].lines[1].taxRatePercent: must be between 0 and 100',
    ]);
    expect(problems(odd)).toEqual([
      'invoices[0].lines[0].taxRatePercent: must be between 0 and 100',
      'invoices[0].lines[1].taxRatePercent: must be a decimal number or absent',
    ]);
  });
});

describe('matching engine: bank details', () => {
  it('accepts the confirmed account written with other spacing', () => {
    const decision = decide({
      purchaseOrders: [po],
      vendors,
      invoices: [invoice({ number: 'I-5', vendor: ACME, lines, bankAccount: 'de44500105175407324931' })],
    });
    expect(decision.tier).toBe('auto_matched');
  });

  it('takes a payee account of blanks or punctuation alone for no account, as an empty one', () => {
    for (const bankAccount of ['', '   ', '---']) {
      const decision = decide({
        purchaseOrders: [po],
        vendors,
        invoices: [invoice({ number: 'I-7', vendor: ACME, lines, bankAccount })],
      });
      expect(decision).toMatchObject({ tier: 'auto_matched', reasons: [] });
      expect(explained(decision, 'payee_bank_account')).toBeUndefined();
    }
    // Nor is a vendor master entry of blanks a confirmed account that a real one would differ from.
    const blankOnFile = decide({
      purchaseOrders: [po],
      vendors: [{ ...ACME, confirmedBankAccount: ' - ' }],
      invoices: [invoice({ number: 'I-8', vendor: ACME, lines, bankAccount: 'GB33BUKB20201555555555' })],
    });
    expect(blankOnFile).toMatchObject({ tier: 'auto_matched', reasons: [] });
    expect(explained(blankOnFile, 'payee_bank_account')?.note).toBe(
      'no confirmed account on file for this vendor',
    );
  });

  it('raises BANK_DETAILS_CHANGED even when everything else matches, and masks the accounts', () => {
    const decision = decide({
      purchaseOrders: [po],
      vendors,
      invoices: [invoice({ number: 'I-6', vendor: ACME, lines, bankAccount: 'GB33BUKB20201555555555' })],
    });
    expect(decision).toMatchObject({
      tier: 'exception',
      reason: 'BANK_DETAILS_CHANGED',
      reasons: ['BANK_DETAILS_CHANGED'],
    });
    expect(explained(decision, 'payee_bank_account')).toMatchObject({
      expected: '******************4931',
      actual: '******************5555',
    });
  });

  it('names changed bank details before a price variance on the same invoice (the fraud signal first)', () => {
    const overpriced = [lines[0], { ...lines[1], unitPrice: '120.00' }];
    const decision = decide({
      purchaseOrders: [po],
      vendors,
      invoices: [
        invoice({ number: 'I-9', vendor: ACME, lines: overpriced, bankAccount: 'GB33BUKB20201555555555' }),
      ],
    });
    expect(decision).toMatchObject({
      tier: 'exception',
      reason: 'BANK_DETAILS_CHANGED',
      reasons: ['BANK_DETAILS_CHANGED', 'PRICE_VARIANCE'],
    });
  });

  it('raises BANK_DETAILS_CHANGED when the vendor master names the vendor without its tax id', () => {
    const decision = decide({
      purchaseOrders: [po],
      vendors: [{ name: 'Acme Industrial Supplies', confirmedBankAccount: 'DE44 5001 0517 5407 3249 31' }],
      invoices: [invoice({ number: 'I-8', vendor: ACME, lines, bankAccount: 'GB33BUKB20201555555555' })],
    });
    expect(decision).toMatchObject({ tier: 'exception', reason: 'BANK_DETAILS_CHANGED' });
  });

  it('only notes a payee account when no account was ever confirmed', () => {
    const decision = decide({
      purchaseOrders: [po],
      invoices: [invoice({ number: 'I-7', vendor: ACME, lines, bankAccount: 'GB33BUKB20201555555555' })],
    });
    expect(decision.tier).toBe('auto_matched');
    expect(explained(decision, 'payee_bank_account')?.outcome).toBe('warning');
  });

  describe('with no account confirmed, two accounts in one run', () => {
    const run = (accounts: string[], invoiceLines = lines) =>
      reconcile({
        purchaseOrders: [po, { ...po, poNumber: 'PO-5' }],
        invoices: accounts.map((bankAccount, i) =>
          invoice({
            number: `I-${20 + i}`,
            // Days apart: the same amount on the same day would be a likely resend.
            date: `2026-02-${String(1 + 7 * i).padStart(2, '0')}`,
            vendor: ACME,
            lines: invoiceLines.map((line) => ({ ...line, po: i === 0 ? 'PO-4' : 'PO-5' })),
            bankAccount,
          }),
        ),
      }).decisions;

    it('holds the later invoice for a person, naming the earlier account masked', () => {
      const [first, second] = run(['DE44 5001 0517 5407 3249 31', 'GB33BUKB20201555555555']);
      expect(first).toMatchObject({ tier: 'auto_matched', reasons: [] });
      expect(second).toMatchObject({
        tier: 'suggested',
        reason: 'BANK_DETAILS_CHANGED',
        reasons: ['BANK_DETAILS_CHANGED'],
      });
      expect(explained(second, 'payee_bank_account')).toMatchObject({
        expected: '******************4931',
        actual: '******************5555',
        outcome: 'warning',
        reason: 'BANK_DETAILS_CHANGED',
        note: expect.stringContaining(
          'an earlier invoice of this vendor in this run asks to be paid into another account',
        ),
      });
    });

    it('takes the same account written with other spacing or case for the same', () => {
      const [, second] = run(['DE44 5001 0517 5407 3249 31', 'de44500105175407324931']);
      expect(second).toMatchObject({ tier: 'auto_matched', reasons: [] });
      expect(explained(second, 'payee_bank_account')?.note).toBe(
        'no confirmed account on file for this vendor',
      );
    });

    it('names the second account first on an exception for another reason (the fraud signal first)', () => {
      const overpriced = [lines[0], { ...lines[1], unitPrice: '120.00' }];
      const [, second] = run(['DE44 5001 0517 5407 3249 31', 'GB33BUKB20201555555555'], overpriced);
      expect(second).toMatchObject({
        tier: 'exception',
        reason: 'BANK_DETAILS_CHANGED',
        reasons: ['BANK_DETAILS_CHANGED', 'PRICE_VARIANCE'],
      });
    });

    it("reads full-width and other scripts' digits as the account they write, and an IBAN label as no part of it", () => {
      const [, fullWidth] = run([
        'DE44 5001 0517 5407 3249 31',
        'ＧＢ３３ＢＵＫＢ２０２０１５５５５５５５５５',
      ]);
      expect(fullWidth).toMatchObject({ tier: 'suggested', reason: 'BANK_DETAILS_CHANGED' });
      expect(explained(fullWidth, 'payee_bank_account')?.actual).toBe('******************5555');
      const [, labelled] = run(['DE44 5001 0517 5407 3249 31', 'IBAN DE44 5001 0517 5407 3249 31']);
      expect(labelled).toMatchObject({ tier: 'auto_matched', reasons: [] });
      const [, arabic] = run(['12345678', '١٢٣٤٥٦٧٨']);
      expect(arabic).toMatchObject({ tier: 'auto_matched', reasons: [] });
    });

    it('takes a word or a too short number for no account (N/A, none, 0)', () => {
      for (const notAnAccount of ['N/A', 'none', '0']) {
        const [, second] = run(['DE44 5001 0517 5407 3249 31', notAnAccount]);
        expect(second).toMatchObject({ tier: 'auto_matched', reasons: [] });
        expect(explained(second, 'payee_bank_account')).toBeUndefined();
      }
    });

    it('neither compares with nor holds a credit note, which asks for no payment', () => {
      const decisions = reconcile({
        purchaseOrders: [po, { ...po, poNumber: 'PO-5' }],
        invoices: [
          invoice({ number: 'I-40', vendor: ACME, lines, bankAccount: 'DE44 5001 0517 5407 3249 31' }),
          invoice({
            number: 'CN-41',
            date: '2026-02-05',
            vendor: ACME,
            kind: 'credit_note',
            lines: [{ ...lines[1], quantity: '-1' }],
            bankAccount: 'GB33BUKB20201555555555',
          }),
          invoice({
            number: 'I-42',
            date: '2026-02-08',
            vendor: ACME,
            lines: lines.map((line) => ({ ...line, po: 'PO-5' })),
            bankAccount: 'DE44 5001 0517 5407 3249 31',
          }),
        ],
      }).decisions;
      expect(decisions[1].reasons).not.toContain('BANK_DETAILS_CHANGED');
      // Nor is it warned about: there is no payment to confirm the account for.
      expect(explained(decisions[1], 'payee_bank_account')).toBeUndefined();
      expect(decisions[2]).toMatchObject({ tier: 'auto_matched', reasons: [] });
    });

    it('leaves a vendor with a confirmed account to the confirmed-account rule alone', () => {
      const decisions = reconcile({
        purchaseOrders: [po, { ...po, poNumber: 'PO-5' }],
        vendors,
        invoices: [
          invoice({ number: 'I-30', vendor: ACME, lines, bankAccount: 'DE44 5001 0517 5407 3249 31' }),
          invoice({
            number: 'I-31',
            date: '2026-02-08',
            vendor: ACME,
            lines: lines.map((line) => ({ ...line, po: 'PO-5' })),
            bankAccount: 'DE44 5001 0517 5407 3249 31',
          }),
        ],
      }).decisions;
      expect(decisions.map((decision) => decision.tier)).toEqual(['auto_matched', 'auto_matched']);
    });
  });
});
