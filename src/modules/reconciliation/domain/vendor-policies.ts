import type { TenantTolerancePolicy } from './tenant-tolerance-policy';
import type { TolerancePolicy } from './tolerance-policy';
import type { ResolvedVendor, VendorDirectory } from './vendor-directory';

/**
 * The tolerance policy of each vendor of a run. An override by tax id applies to the vendor with that
 * tax id; an override by name applies to the one known vendor of that name (compared as vendor names
 * are: case, punctuation and legal forms aside, but no typos, which could reach a neighbour such as
 * `Northwind East` for `Northwind West`), so an invoice that spells the vendor differently, or names
 * it by tax id only, still gets its vendor's override.
 */
export class VendorPolicies {
  private readonly byVendorKey = new Map<string, TolerancePolicy>();

  /** `vendors` must already know the run's vendors (its POs and vendor profiles). */
  constructor(
    private readonly policy: TenantTolerancePolicy,
    vendors: VendorDirectory,
  ) {
    for (const { name, policy: merged } of policy.namedOverrides()) {
      const vendor = vendors.resolve({ name, taxId: null });
      if (vendor.resolution === 'name') this.byVendorKey.set(vendor.key, merged);
    }
  }

  forVendor(vendor: ResolvedVendor): TolerancePolicy {
    return (
      this.policy.forTaxId(vendor.taxIdKey) ??
      this.byVendorKey.get(vendor.key) ??
      this.policy.forVendor(null, vendor.nameKey)
    );
  }
}
