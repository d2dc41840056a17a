import { DEFAULT_TOLERANCE_POLICY, type TolerancePolicy } from './tolerance-policy';
import { normalizeTaxId, normalizeVendorName } from './vendor-name';

export interface VendorToleranceOverride {
  /** Matched on the normalized tax id, or on the normalized name when the override has no tax id. */
  readonly vendorTaxId?: string | null;
  readonly vendorName?: string | null;
  readonly overrides: Partial<TolerancePolicy>;
}

/** The tenant's tolerance policy: defaults plus per-vendor overrides. */
export class TenantTolerancePolicy {
  private readonly byTaxId = new Map<string, TolerancePolicy>();
  private readonly byName = new Map<string, TolerancePolicy>();

  constructor(
    readonly defaults: TolerancePolicy = DEFAULT_TOLERANCE_POLICY,
    readonly vendorOverrides: readonly VendorToleranceOverride[] = [],
  ) {
    for (const override of vendorOverrides) {
      const merged: TolerancePolicy = { ...defaults, ...override.overrides };
      if (override.vendorTaxId) this.byTaxId.set(normalizeTaxId(override.vendorTaxId), merged);
      else if (override.vendorName) this.byName.set(normalizeVendorName(override.vendorName), merged);
    }
  }

  /** The policy for a vendor, given its normalized tax id and normalized name. */
  forVendor(taxIdKey: string | null, nameKey: string): TolerancePolicy {
    if (taxIdKey) {
      const byTax = this.byTaxId.get(taxIdKey);
      if (byTax) return byTax;
    }
    return this.byName.get(nameKey) ?? this.defaults;
  }
}
