/** Who issued a document: the tax id is authoritative when present, the name is a fallback. */
export interface VendorIdentity {
  readonly taxId?: string | null;
  readonly name: string;
}
