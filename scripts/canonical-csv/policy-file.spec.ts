import { normalizeTaxId, normalizeVendorName } from '../../src/modules/reconciliation/domain/vendor-name';
import { policyFrom } from './policy-file';

describe('policyFrom: anything not given keeps the default', () => {
  it('keeps the default absolute cap when a band gives only its percent', () => {
    const policy = policyFrom({ defaults: { unitPrice: { over: { percent: '2' } } } });
    expect(policy.defaults.unitPrice.over.describe()).toBe('smaller of 2% and 50');
  });

  it('keeps the default percent when a band gives only its absolute cap', () => {
    const policy = policyFrom({ defaults: { totalAmount: { over: { absolute: '20' } } } });
    expect(policy.defaults.totalAmount.over.describe()).toBe('smaller of 1% and 20');
  });

  it('removes a limit given as null', () => {
    const policy = policyFrom({ defaults: { lineAmount: { over: { percent: '2', absolute: null } } } });
    expect(policy.defaults.lineAmount.over.describe()).toBe('2%');
  });

  it('starts a vendor override from the file’s defaults', () => {
    const policy = policyFrom({
      defaults: { unitPrice: { over: { absolute: '10' } } },
      vendorOverrides: [{ vendorTaxId: 'DE1', overrides: { unitPrice: { over: { percent: '3' } } } }],
    });
    expect(policy.forVendor(normalizeTaxId('DE1'), '').unitPrice.over.describe()).toBe(
      'smaller of 3% and 10',
    );
  });
});

describe('policyFrom: vendor overrides', () => {
  it.each([[{}], [{ vendorTaxId: ' ', vendorName: '' }], [{ vendorName: '...' }]])(
    'refuses an override that names no vendor (%j)',
    (vendor) => {
      const json = { vendorOverrides: [{ ...vendor, overrides: { matchingMode: 'two_way' } }] };
      expect(() => policyFrom(json, 'policy.json')).toThrow(
        'policy.json: not a valid policy file\n' +
          '  vendorOverrides[0]: names neither vendorTaxId nor vendorName, so it would apply to no vendor',
      );
    },
  );

  it('refuses a tax id with no letter or digit, which would apply to no vendor', () => {
    const json = { vendorOverrides: [{ vendorTaxId: '---', vendorName: 'Globex', overrides: {} }] };
    expect(() => policyFrom(json, 'policy.json')).toThrow(
      'policy.json: not a valid policy file\n  vendorOverrides[0].vendorTaxId: has no letter or digit',
    );
  });

  it('applies an override with a blank tax id by its name', () => {
    const policy = policyFrom({
      vendorOverrides: [
        { vendorTaxId: ' ', vendorName: 'Globex Ltd', overrides: { matchingMode: 'two_way' } },
      ],
    });
    expect(policy.forVendor(null, normalizeVendorName('Globex Ltd')).matchingMode).toBe('two_way');
  });
});
