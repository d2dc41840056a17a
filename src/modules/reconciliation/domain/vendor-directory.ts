import { boundedEditDistance, singleDeletions } from './edit-distance';
import type { VendorIdentity } from './vendor-identity';
import { normalizeTaxId, normalizeVendorName } from './vendor-name';
import type { VendorProfile } from './vendor-profile';

export type VendorResolution = 'tax_id' | 'name' | 'similar_name' | 'unknown';

export interface ResolvedVendor {
  /** `T:<tax id>` or `N:<name>`; stable within a run. */
  readonly key: string;
  readonly taxIdKey: string | null;
  readonly nameKey: string;
  readonly resolution: VendorResolution;
  /** Whether the document carried a tax id (a stated tax id is never overridden by a similar name). */
  readonly statedTaxId: boolean;
}

interface KnownVendor {
  readonly key: string;
  readonly taxIdKey: string | null;
  readonly nameKey: string;
  bankAccount: string | null;
}

/**
 * Allowed typos in a vendor name: one per six characters, at most two. A third typo in a long name
 * lets related but distinct vendors meet (`Northwind Logistics East` vs `Northwind Logistics West`),
 * and a wrong vendor is worse than an unrecognised one (a person is asked).
 */
function nameDistanceLimit(nameKey: string): number {
  return Math.min(2, Math.max(1, Math.floor(nameKey.length / 6)));
}

/** The vendors the tenant knows (from its POs and vendor master) and how an invoice's issuer is recognised. */
export class VendorDirectory {
  private readonly vendors = new Map<string, KnownVendor>();
  private readonly byTaxId = new Map<string, KnownVendor>();
  private readonly byName = new Map<string, KnownVendor[]>();
  private nameTokenIndex: Map<string, KnownVendor[]> | null = null;
  private readonly similarNameCache = new Map<string, KnownVendor | null>();
  /** Invoices repeat the same few thousand issuer spellings; each is resolved once per run. */
  private readonly resolved = new Map<string, Map<string, ResolvedVendor>>();
  /** POs repeat their vendor's tax id as written; once known, a written tax id always means the same vendor. */
  private readonly byWrittenTaxId = new Map<string, KnownVendor>();

  register(identity: VendorIdentity, bankAccount: string | null = null): string {
    const written = identity.taxId ? this.byWrittenTaxId.get(identity.taxId) : undefined;
    if (written && !bankAccount) return written.key;
    const taxIdKey = identity.taxId ? normalizeTaxId(identity.taxId) : null;
    const nameKey = normalizeVendorName(identity.name);
    let vendor = taxIdKey ? this.byTaxId.get(taxIdKey) : this.uniqueByName(nameKey);
    if (!vendor) {
      vendor = { key: taxIdKey ? `T:${taxIdKey}` : `N:${nameKey}`, taxIdKey, nameKey, bankAccount: null };
      this.vendors.set(vendor.key, vendor);
      if (taxIdKey) this.byTaxId.set(taxIdKey, vendor);
      const sameName = this.byName.get(nameKey);
      if (sameName) sameName.push(vendor);
      else this.byName.set(nameKey, [vendor]);
      this.nameTokenIndex = null;
      this.resolved.clear();
    }
    if (bankAccount) vendor.bankAccount = bankAccount;
    if (identity.taxId) this.byWrittenTaxId.set(identity.taxId, vendor);
    return vendor.key;
  }

  registerProfile(profile: VendorProfile): string {
    return this.register(profile, profile.confirmedBankAccount ?? null);
  }

  confirmedBankAccount(vendorKey: string): string | null {
    return this.vendors.get(vendorKey)?.bankAccount ?? null;
  }

  /** Tax id first; without one, the normalized name, then a name within a few typos of exactly one vendor. */
  resolve(identity: VendorIdentity): ResolvedVendor {
    let byName = this.resolved.get(identity.taxId ?? '');
    if (!byName) this.resolved.set(identity.taxId ?? '', (byName = new Map()));
    const cached = byName.get(identity.name);
    if (cached) return cached;
    const resolved = this.resolveUncached(identity);
    byName.set(identity.name, resolved);
    return resolved;
  }

  private resolveUncached(identity: VendorIdentity): ResolvedVendor {
    const taxIdKey = identity.taxId ? normalizeTaxId(identity.taxId) : null;
    const nameKey = normalizeVendorName(identity.name);
    if (taxIdKey) {
      const known = this.byTaxId.get(taxIdKey);
      return known
        ? { key: known.key, taxIdKey, nameKey, resolution: 'tax_id', statedTaxId: true }
        : { key: `T:${taxIdKey}`, taxIdKey, nameKey, resolution: 'unknown', statedTaxId: true };
    }
    const byName = this.uniqueByName(nameKey);
    if (byName)
      return { key: byName.key, taxIdKey: byName.taxIdKey, nameKey, resolution: 'name', statedTaxId: false };
    const similar = this.similarName(nameKey);
    if (similar) {
      return {
        key: similar.key,
        taxIdKey: similar.taxIdKey,
        nameKey,
        resolution: 'similar_name',
        statedTaxId: false,
      };
    }
    return { key: `N:${nameKey}`, taxIdKey: null, nameKey, resolution: 'unknown', statedTaxId: false };
  }

  /** Whether two normalized names are the same vendor written differently (variants and small typos). */
  static namesAgree(a: string, b: string): boolean {
    if (a === b) return true;
    return boundedEditDistance(a, b, nameDistanceLimit(a)) <= nameDistanceLimit(a);
  }

  private uniqueByName(nameKey: string): KnownVendor | undefined {
    const matches = this.byName.get(nameKey);
    return matches && matches.length === 1 ? matches[0] : undefined;
  }

  private similarName(nameKey: string): KnownVendor | null {
    const cached = this.similarNameCache.get(nameKey);
    if (cached !== undefined) return cached;
    const index = this.tokenIndex();
    const seen = new Set<KnownVendor>();
    for (const token of nameKey.split(' ')) {
      if (token.length < 3) continue;
      for (const variant of singleDeletions(token)) {
        for (const vendor of index.get(variant) ?? []) seen.add(vendor);
      }
    }
    const limit = nameDistanceLimit(nameKey);
    let best: KnownVendor | null = null;
    let bestDistance = limit + 1;
    let tie = false;
    for (const vendor of seen) {
      // Only a distance up to the best so far matters (better, or a tie), so the bound can shrink.
      const distance = boundedEditDistance(nameKey, vendor.nameKey, Math.min(limit, bestDistance));
      if (distance < bestDistance) {
        best = vendor;
        bestDistance = distance;
        tie = false;
      } else if (distance === bestDistance && best && vendor.key !== best.key) {
        tie = true;
      }
    }
    const result = best && !tie ? best : null;
    this.similarNameCache.set(nameKey, result);
    return result;
  }

  private tokenIndex(): Map<string, KnownVendor[]> {
    if (this.nameTokenIndex) return this.nameTokenIndex;
    const index = new Map<string, KnownVendor[]>();
    for (const vendor of this.vendors.values()) {
      for (const token of vendor.nameKey.split(' ')) {
        if (token.length < 3) continue;
        for (const variant of singleDeletions(token)) {
          const list = index.get(variant);
          if (!list) index.set(variant, [vendor]);
          else if (list[list.length - 1] !== vendor) list.push(vendor);
        }
      }
    }
    this.nameTokenIndex = index;
    return index;
  }
}
