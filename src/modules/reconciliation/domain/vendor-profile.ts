import type { VendorIdentity } from './vendor-identity';

/** What the tenant has confirmed about a vendor outside of any document. */
export interface VendorProfile extends VendorIdentity {
  /** The payee account last confirmed with the vendor (IBAN or local account number). */
  readonly confirmedBankAccount?: string | null;
}
