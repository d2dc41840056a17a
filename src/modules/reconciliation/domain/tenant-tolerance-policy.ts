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
  private readonly named: Array<{ readonly name: string; readonly policy: TolerancePolicy }> = [];

  constructor(
    readonly defaults: TolerancePolicy = DEFAULT_TOLERANCE_POLICY,
    readonly vendorOverrides: readonly VendorToleranceOverride[] = [],
  ) {
    for (const override of vendorOverrides) {
      const merged: TolerancePolicy = { ...defaults, ...override.overrides };
      if (override.vendorTaxId) this.byTaxId.set(normalizeTaxId(override.vendorTaxId), merged);
      else if (override.vendorName) {
        this.byName.set(normalizeVendorName(override.vendorName), merged);
        this.named.push({ name: override.vendorName, policy: merged });
      }
    }
  }

  /** The overrides given by vendor name only, as written, in order: a run recognises these names as it recognises an invoice's issuer. */
  namedOverrides(): ReadonlyArray<{ readonly name: string; readonly policy: TolerancePolicy }> {
    return this.named;
  }

  /** The override for a normalized tax id, if there is one. */
  forTaxId(taxIdKey: string | null): TolerancePolicy | undefined {
    return taxIdKey ? this.byTaxId.get(taxIdKey) : undefined;
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
