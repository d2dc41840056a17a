import type { Invoice } from './invoice';
import type { PurchaseOrderBook } from './purchase-order-book';
import type { PurchaseOrderLedger } from './purchase-order-ledger';
import { ReferenceNormalizer } from './reference-normalizer';
import { VendorDirectory, type ResolvedVendor } from './vendor-directory';
import { normalizeVendorName } from './vendor-name';

/** What recognising a sender reads of a document: who it says it is and the POs its lines cite. */
type SentDocument = Pick<Invoice, 'vendor'> & { readonly lines?: Invoice['lines'] };

/**
 * Tax ids decide when the sender states one and the PO's vendor is known by one (its own, or the
 * vendor master's); otherwise the names must agree (allowing variants and typos).
 */
export function senderAgrees(
  sender: ResolvedVendor,
  order: PurchaseOrderLedger,
  book: PurchaseOrderBook,
): boolean {
  if (sender.key === order.vendorKey) return true;
  const vendorTaxId = book.vendorTaxIdKey(order);
  if (sender.statedTaxId && vendorTaxId) return sender.taxIdKey === vendorTaxId;
  return VendorDirectory.namesAgree(sender.nameKey, normalizeVendorName(order.source.vendor.name));
}

/**
 * Who sent a document: by tax id, then name (VendorDirectory.resolve); a sender recognised neither
 * way (a name as close to two vendors, say) is taken for the one vendor whose POs the document cites
 * and agrees with, so that vendor's bank account, duplicate and tolerance checks apply, as the PO match
 * already treats the document as that vendor's.
 */
export class SenderRecognition {
  constructor(
    private readonly vendors: VendorDirectory,
    private readonly book: PurchaseOrderBook,
  ) {}

  recognise(document: SentDocument): ResolvedVendor {
    const resolved = this.vendors.resolve(document.vendor);
    if (resolved.resolution !== 'unknown' || !document.lines) return resolved;
    const cited = this.vendorOfCitedOrders(document.lines, resolved);
    return (cited === null ? null : this.vendors.recognisedAs(cited, resolved)) ?? resolved;
  }

  private vendorOfCitedOrders(lines: Invoice['lines'], sender: ResolvedVendor): string | null {
    let vendorKey: string | null = null;
    for (const line of lines) {
      const citedKey = ReferenceNormalizer.citedPoNumber(line.poNumber);
      if (citedKey === '') continue;
      for (const order of this.book.withReference(citedKey)) {
        if (!senderAgrees(sender, order, this.book)) continue;
        if (vendorKey !== null && vendorKey !== order.vendorKey) return null;
        vendorKey = order.vendorKey;
      }
    }
    return vendorKey;
  }
}
