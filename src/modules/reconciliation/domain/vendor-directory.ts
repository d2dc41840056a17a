import { boundedEditDistance, singleDeletions } from './edit-distance';
import { namesBankAccount } from './bank-account';
import type { VendorIdentity } from './vendor-identity';
import { normalizeTaxId, normalizeVendorName } from './vendor-name';
import type { VendorProfile } from './vendor-profile';
import { lowerBound } from './lower-bound';

export type VendorResolution = 'tax_id' | 'name' | 'similar_name' | 'purchase_order' | 'unknown';

export interface ResolvedVendor {
  /**
   * `T:<tax id>`, `N:<name>`, or `?:<name>` for a name that companies told apart only by their tax
   * ids share (whose document it is cannot be known); stable within a run.
   */
  readonly key: string;
  /**
   * The key the sender's own tax id or name resolves to, when it was recognised as another vendor
   * through the POs it cites: duplicates are looked for under both.
   */
  readonly writtenKey?: string;
  readonly taxIdKey: string | null;
  readonly nameKey: string;
  readonly resolution: VendorResolution;
  /** Whether the document carried a tax id (a stated tax id is never overridden by a similar name). */
  readonly statedTaxId: boolean;
}

interface KnownVendor {
  readonly key: string;
  /** Null until a document names the vendor's tax id (see `register`). */
  taxIdKey: string | null;
  /** The tax id was learnt by name alone (`withoutTaxId`): a second tax id under the name makes it doubtful. */
  taxIdByName?: boolean;
  /** The bank account came from a registration by name alone (a vendor master entry without tax id). */
  accountByName?: boolean;
  readonly nameKey: string;
  bankAccount: string | null;
}

/** How one issuer spelling (name and tax id as written) was resolved. */
interface ResolvedSpelling {
  readonly taxId: string;
  readonly vendor: ResolvedVendor;
  /** The known vendor registered under `vendor.key`, if any (valid until a vendor is added). */
  readonly registered: KnownVendor | undefined;
  /** The same name written with another tax id. */
  readonly next: ResolvedSpelling | null;
}

/**
 * Allowed typos in a vendor name: one per six characters, at most two. A third typo in a long name
 * lets related but distinct vendors meet (`Northwind Logistics East` vs `Northwind Logistics West`),
 * and a wrong vendor is worse than an unrecognised one (a person is asked).
 */
function nameDistanceLimit(nameKey: string): number {
  if (hasLogographs(nameKey)) return 0;
  return Math.min(2, Math.max(1, Math.floor(nameKey.length / 6)));
}

/**
 * Whether the name holds ideographs, kana or hangul (U+2E80 on): there one character is a syllable
 * or a word, so `北京公司` and `南京公司` are two companies, not a typo. Such names meet exactly or not at all.
 */
function hasLogographs(nameKey: string): boolean {
  for (let i = 0; i < nameKey.length; i += 1) if (nameKey.charCodeAt(i) >= 0x2e80) return true;
  return false;
}

/** The vendors the tenant knows (from its POs and vendor master) and how an invoice's issuer is recognised. */
export class VendorDirectory {
  private readonly vendors = new Map<string, KnownVendor>();
  private readonly byTaxId = new Map<string, KnownVendor>();
  private readonly byName = new Map<string, KnownVendor[]>();
  private similarNames: SimilarNameIndex | null = null;
  private readonly similarNameCache = new Map<string, KnownVendor | null>();
  /**
   * Invoices repeat the same few thousand issuer spellings; each is resolved once per run. By name,
   * then tax id along a short chain: one map lookup per invoice.
   */
  private readonly resolved = new Map<string, ResolvedSpelling>();
  private lastResolved: ResolvedSpelling | null = null;
  /** POs repeat their vendor's tax id as written; once known, a written tax id always means the same vendor. */
  private readonly byWrittenTaxId = new Map<string, KnownVendor>();

  register(identity: VendorIdentity, bankAccount: string | null = null): string {
    const written = identity.taxId ? this.byWrittenTaxId.get(identity.taxId) : undefined;
    if (written && !bankAccount) return written.key;
    const taxIdKey = identity.taxId ? normalizeTaxId(identity.taxId) : null;
    const nameKey = normalizeVendorName(identity.name);
    let vendor = taxIdKey
      ? (this.byTaxId.get(taxIdKey) ?? this.withoutTaxId(nameKey, taxIdKey))
      : (this.uniqueByName(nameKey) ?? this.vendors.get(this.nameOnlyKey(nameKey)));
    if (!vendor && taxIdKey) this.doubtNameMerge(nameKey);
    if (!vendor) {
      vendor = {
        key: taxIdKey ? `T:${taxIdKey}` : this.nameOnlyKey(nameKey),
        taxIdKey,
        nameKey,
        bankAccount: null,
      };
      this.vendors.set(vendor.key, vendor);
      if (taxIdKey) this.byTaxId.set(taxIdKey, vendor);
      const sameName = this.byName.get(nameKey);
      if (sameName) sameName.push(vendor);
      else this.byName.set(nameKey, [vendor]);
      this.similarNames = null;
      this.resolved.clear();
      this.lastResolved = null;
    }
    // A vendor entry naming a name that companies share cannot say whose account it confirms.
    if (bankAccount && !isSharedName(vendor.key)) {
      vendor.bankAccount = bankAccount;
      vendor.accountByName = !taxIdKey;
    }
    if (identity.taxId) this.byWrittenTaxId.set(identity.taxId, vendor);
    return vendor.key;
  }

  registerProfile(profile: VendorProfile): string {
    const account = profile.confirmedBankAccount;
    return this.register(profile, namesBankAccount(account) ? account : null);
  }

  confirmedBankAccount(vendorKey: string): string | null {
    // The engine asks right after resolving the invoice's vendor.
    const last = this.lastResolved;
    const registered = last?.vendor.key === vendorKey ? last.registered : this.vendors.get(vendorKey);
    return registered?.bankAccount ?? null;
  }

  /** Tax id first; without one, the normalized name, then a name within a few typos of exactly one vendor. */
  resolve(identity: VendorIdentity): ResolvedVendor {
    const taxId = identity.taxId ?? '';
    const sameName = this.resolved.get(identity.name);
    for (let spelling: ResolvedSpelling | null | undefined = sameName; spelling; spelling = spelling.next) {
      if (spelling.taxId === taxId) {
        this.lastResolved = spelling;
        return spelling.vendor;
      }
    }
    const vendor = this.resolveUncached(identity);
    const spelling = { taxId, vendor, registered: this.vendors.get(vendor.key), next: sameName ?? null };
    this.resolved.set(identity.name, spelling);
    this.lastResolved = spelling;
    return vendor;
  }

  private resolveUncached(identity: VendorIdentity): ResolvedVendor {
    const taxIdKey = identity.taxId ? normalizeTaxId(identity.taxId) : null;
    const nameKey = normalizeVendorName(identity.name);
    if (taxIdKey) {
      const known = this.byTaxId.get(taxIdKey);
      if (known) return { key: known.key, taxIdKey, nameKey, resolution: 'tax_id', statedTaxId: true };
      // A vendor known by this name and no tax id at all: nothing contradicts the name, so the
      // invoice is that vendor's (and meets its bank and duplicate checks), as its POs would be.
      const byName = this.uniqueByName(nameKey);
      if (byName && byName.taxIdKey === null)
        return { key: byName.key, taxIdKey, nameKey, resolution: 'name', statedTaxId: true };
      return { key: `T:${taxIdKey}`, taxIdKey, nameKey, resolution: 'unknown', statedTaxId: true };
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
    return {
      key: this.nameOnlyKey(nameKey),
      taxIdKey: null,
      nameKey,
      resolution: 'unknown',
      statedTaxId: false,
    };
  }

  /**
   * The known vendor `vendorKey` as the sender of a document it was not recognised as by tax id or
   * name (`purchase_order`: the POs the document cites settle which similar name is meant).
   */
  recognisedAs(vendorKey: string, sender: ResolvedVendor): ResolvedVendor | null {
    const known = this.vendors.get(vendorKey);
    // A stated tax id other than the vendor's own is another company, whatever its name.
    if (!known || (sender.statedTaxId && known.taxIdKey !== null && known.taxIdKey !== sender.taxIdKey))
      return null;
    return {
      key: known.key,
      writtenKey: sender.key,
      taxIdKey: sender.statedTaxId ? sender.taxIdKey : known.taxIdKey,
      nameKey: sender.nameKey,
      resolution: 'purchase_order',
      statedTaxId: sender.statedTaxId,
    };
  }

  /** The tax id (normalized) a known vendor is known by, from its documents or the vendor master. */
  taxIdKeyOf(vendorKey: string): string | null {
    return this.vendors.get(vendorKey)?.taxIdKey ?? null;
  }

  /** Whether two normalized names are the same vendor written differently (variants and small typos). */
  static namesAgree(a: string, b: string): boolean {
    if (a === b) return true;
    return boundedEditDistance(a, b, nameDistanceLimit(a)) <= nameDistanceLimit(a);
  }

  /**
   * The one vendor of this name known without a tax id (from a vendor profile, say), which now learns
   * it: the profile and the POs naming it with a tax id are one vendor, with one bank account.
   */
  private withoutTaxId(nameKey: string, taxIdKey: string): KnownVendor | undefined {
    const vendor = this.uniqueByName(nameKey);
    if (!vendor || vendor.taxIdKey !== null) return undefined;
    vendor.taxIdKey = taxIdKey;
    vendor.taxIdByName = true;
    this.byTaxId.set(taxIdKey, vendor);
    this.similarNames = null;
    this.resolved.clear();
    this.lastResolved = null;
    return vendor;
  }

  /**
   * A second tax id under a name whose bank account came from an entry without tax id (merged into
   * the company of that name, before or after it was known): which company the entry meant is no
   * longer known, so its bank account is no longer confirmed for either (a wrong confirmed account
   * would flag the other company's genuine invoices, or pass a changed one).
   */
  private doubtNameMerge(nameKey: string): void {
    for (const vendor of this.byName.get(nameKey) ?? []) {
      if (vendor.accountByName) {
        vendor.bankAccount = null;
        vendor.accountByName = false;
      }
    }
  }

  /**
   * The key of what is known by a name alone. Where several companies share the name, not `N:`: a
   * vendor entry without tax id merged into one of them keeps that key (`withoutTaxId`), and a
   * sender of that bare name would otherwise be taken for that company, whichever came first.
   */
  private nameOnlyKey(nameKey: string): string {
    return (this.byName.get(nameKey)?.length ?? 0) > 1 ? `${SHARED_NAME}${nameKey}` : `N:${nameKey}`;
  }

  private uniqueByName(nameKey: string): KnownVendor | undefined {
    const matches = this.byName.get(nameKey);
    return matches && matches.length === 1 ? matches[0] : undefined;
  }

  private similarName(nameKey: string): KnownVendor | null {
    const cached = this.similarNameCache.get(nameKey);
    if (cached !== undefined) return cached;
    const limit = nameDistanceLimit(nameKey);
    const result = limit === 0 ? null : this.nameIndex().closestUnique(nameKey, limit);
    this.similarNameCache.set(nameKey, result);
    return result;
  }

  private nameIndex(): SimilarNameIndex {
    return (this.similarNames ??= new SimilarNameIndex(this.vendors.values()));
  }
}

/** The key prefix of what is known only by a name that several companies share. */
const SHARED_NAME = '?:';

function isSharedName(vendorKey: string): boolean {
  return vendorKey.startsWith(SHARED_NAME);
}

/** Letters, digits and the rest: the buckets of a name's character counts. */
const CHARACTER_BUCKETS = 37;

function characterCounts(name: string): Uint8Array {
  const counts = new Uint8Array(CHARACTER_BUCKETS);
  for (let i = 0; i < name.length; i += 1) {
    const bucket = characterBucket(name.charCodeAt(i));
    if (counts[bucket] < 255) counts[bucket] += 1;
  }
  return counts;
}

function characterBucket(code: number): number {
  if (code >= 97 && code <= 122) return code - 97;
  if (code >= 48 && code <= 57) return code - 48 + 26;
  return 36;
}

/** The characters a name holds, as bits (digits share six bits, which only weakens the bound below). */
function characterSet(counts: Uint8Array): number {
  let set = 0;
  for (let bucket = 0; bucket < CHARACTER_BUCKETS; bucket += 1)
    if (counts[bucket] > 0) set |= 1 << (bucket < 26 ? bucket : 26 + ((bucket - 26) % 6));
  return set;
}

function bitCount(bits: number): number {
  let value = bits >>> 0;
  value -= (value >>> 1) & 0x55555555;
  value = (value & 0x33333333) + ((value >>> 2) & 0x33333333);
  return Math.imul((value + (value >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
}

/**
 * A lower bound of the edit distance from the sets of characters: each character only one name
 * holds takes an edit. Cheaper than `countDistance`, and lower.
 */
function setDistance(a: number, b: number): number {
  return Math.max(bitCount(a & ~b), bitCount(b & ~a));
}

/**
 * A lower bound of the edit distance from the character counts: an edit changes the surplus of
 * either name by at most one character, a transposition not at all.
 */
function countDistance(a: Uint8Array, b: Uint8Array): number {
  let surplus = 0;
  let shortfall = 0;
  for (let i = 0; i < CHARACTER_BUCKETS; i += 1) {
    const difference = a[i] - b[i];
    if (difference > 0) surplus += difference;
    else shortfall -= difference;
  }
  return surplus > shortfall ? surplus : shortfall;
}

interface IndexedName {
  readonly vendor: KnownVendor;
  readonly counts: Uint8Array;
  readonly characters: number;
  /** The search that last met this name: a name shares several tokens with a query, it is compared once. */
  lastSearch: number;
}

/** The names sharing one index key, shortest first, with their lengths alongside. */
interface NamesByLength {
  readonly lengths: readonly number[];
  readonly names: readonly IndexedName[];
}

/**
 * Known vendor names by every token of three or more characters and each of its single deletions:
 * two names one typo apart in a token share a key. A query compares only the names met this way
 * whose length is within the allowed typos, and skips those whose character counts already differ
 * by more.
 */
class SimilarNameIndex {
  private readonly byToken = new Map<string, NamesByLength>();
  private searches = 0;

  constructor(vendors: Iterable<KnownVendor>) {
    const byToken = new Map<string, IndexedName[]>();
    for (const vendor of vendors) {
      const counts = characterCounts(vendor.nameKey);
      const entry: IndexedName = { vendor, counts, characters: characterSet(counts), lastSearch: 0 };
      for (const token of vendor.nameKey.split(' ')) {
        if (token.length < 3) continue;
        for (const variant of singleDeletions(token)) {
          const list = byToken.get(variant);
          if (!list) byToken.set(variant, [entry]);
          else if (list[list.length - 1] !== entry) list.push(entry);
        }
      }
    }
    for (const [key, names] of byToken) {
      names.sort((a, b) => a.vendor.nameKey.length - b.vendor.nameKey.length);
      this.byToken.set(key, { lengths: names.map((name) => name.vendor.nameKey.length), names });
    }
  }

  /**
   * The vendor whose name is closest to `nameKey` within `limit` typos, or null when none is or
   * several are equally close. The answer does not depend on the order names are compared in.
   */
  closestUnique(nameKey: string, limit: number): KnownVendor | null {
    const search = (this.searches += 1);
    const counts = characterCounts(nameKey);
    const characters = characterSet(counts);
    let best: KnownVendor | null = null;
    let bestDistance = limit + 1;
    let tie = false;
    for (const token of nameKey.split(' ')) {
      if (token.length < 3) continue;
      for (const variant of singleDeletions(token)) {
        const sharing = this.byToken.get(variant);
        if (!sharing) continue;
        const { lengths, names } = sharing;
        for (let i = lowerBound(lengths, nameKey.length - limit); i < names.length; i += 1) {
          if (lengths[i] > nameKey.length + limit) break;
          const entry = names[i];
          if (entry.lastSearch === search) continue;
          entry.lastSearch = search;
          // Only a distance up to the best so far matters (better, or a tie), so the bound can shrink.
          const bound = Math.min(limit, bestDistance);
          if (Math.abs(lengths[i] - nameKey.length) > bound) continue;
          if (setDistance(characters, entry.characters) > bound) continue;
          if (countDistance(counts, entry.counts) > bound) continue;
          const distance = boundedEditDistance(nameKey, entry.vendor.nameKey, bound);
          if (distance < bestDistance) {
            best = entry.vendor;
            bestDistance = distance;
            tie = false;
          } else if (distance === bestDistance && best && entry.vendor.key !== best.key) {
            tie = true;
          }
        }
      }
    }
    return best && !tie ? best : null;
  }
}
