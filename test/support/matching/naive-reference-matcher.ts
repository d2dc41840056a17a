import { Decimal } from '../../../src/modules/reconciliation/domain/decimal';
import type { MatchTier } from '../../../src/modules/reconciliation/domain/match-decision';
import type { PurchaseOrder } from '../../../src/modules/reconciliation/domain/purchase-order';
import { reasonPriority, type ReasonCode } from '../../../src/modules/reconciliation/domain/reason-code';
import type { ReconciliationInput } from '../../../src/modules/reconciliation/domain/reconciliation-input';
import { normalizeTaxId, normalizeVendorName } from '../../../src/modules/reconciliation/domain/vendor-name';

export interface NaiveDecision {
  readonly tier: MatchTier;
  readonly reason: ReasonCode | null;
  readonly poNumbers: readonly string[];
}

const ONE_PERCENT = Decimal.parse('1');

/**
 * The baseline: a hash join on the PO number exactly as written, lines joined on PO line number, SKU
 * or identical description, the same policy's 3-way setting, a flat 1% price band, duplicates by
 * identical number. It never suggests: it matches or raises an exception.
 */
export function naiveReferenceMatch(input: ReconciliationInput): NaiveDecision[] {
  const orders = new Map<string, PurchaseOrder>();
  for (const po of input.purchaseOrders) orders.set(po.poNumber, po);
  const invoiced = new Map<string, Decimal>();
  for (const entry of input.consumed ?? [])
    invoiced.set(`${entry.poNumber}|${entry.lineNumber}`, entry.invoicedQuantity);
  const received = new Map<string, Decimal>();
  for (const receipt of input.goodsReceipts) {
    for (const line of receipt.lines) {
      const key = `${receipt.poNumber}|${line.lineNumber}`;
      received.set(key, (received.get(key) ?? Decimal.ZERO).add(line.quantityReceived));
    }
  }
  const banks = new Map<string, string>();
  for (const vendor of input.vendors ?? [])
    if (vendor.taxId && vendor.confirmedBankAccount)
      banks.set(normalizeTaxId(vendor.taxId), vendor.confirmedBankAccount);
  const seen = new Set<string>();
  for (const prior of input.priorInvoices ?? [])
    seen.add(`${prior.vendor.taxId ?? prior.vendor.name}|${prior.invoiceNumber}`);

  return input.invoices.map((invoice) => {
    const reasons = new Set<ReasonCode>();
    const taxId = invoice.vendor.taxId ? normalizeTaxId(invoice.vendor.taxId) : null;
    const numberKey = `${invoice.vendor.taxId ?? invoice.vendor.name}|${invoice.invoiceNumber}`;
    if (seen.has(numberKey)) reasons.add('DUPLICATE_INVOICE');
    seen.add(numberKey);
    const bank = taxId ? banks.get(taxId) : undefined;
    if (invoice.payeeBankAccount && bank && invoice.payeeBankAccount !== bank)
      reasons.add('BANK_DETAILS_CHANGED');
    const policy = input.policy.forVendor(taxId, normalizeVendorName(invoice.vendor.name));
    const pos: string[] = [];
    const billed = new Map<string, Decimal>();
    let net = 0n;
    for (const line of invoice.lines) {
      net += line.lineAmount;
      const po = line.poNumber ? orders.get(line.poNumber) : undefined;
      if (!po) {
        reasons.add('PO_NOT_FOUND');
        continue;
      }
      if (!pos.includes(po.poNumber)) pos.push(po.poNumber);
      if (taxId && po.vendor.taxId && normalizeTaxId(po.vendor.taxId) !== taxId)
        reasons.add('VENDOR_MISMATCH');
      if (po.currency !== invoice.currency) reasons.add('CURRENCY_MISMATCH');
      const poLine =
        po.lines.find((candidate) => line.poLineNumber && candidate.lineNumber === line.poLineNumber) ??
        po.lines.find((candidate) => line.sku && candidate.sku === line.sku) ??
        po.lines.find((candidate) => candidate.description === line.description);
      if (!poLine) {
        reasons.add('OVER_INVOICED');
        continue;
      }
      if (line.unitPrice.sub(poLine.unitPrice).abs().compare(ONE_PERCENT.percentOf(poLine.unitPrice)) > 0)
        reasons.add('PRICE_VARIANCE');
      const key = `${po.poNumber}|${poLine.lineNumber}`;
      const quantity = (billed.get(key) ?? Decimal.ZERO).add(line.quantity);
      billed.set(key, quantity);
      const before = invoiced.get(key) ?? Decimal.ZERO;
      if (quantity.compare(poLine.quantity) > 0) reasons.add('QTY_VARIANCE');
      else if (before.add(quantity).compare(poLine.quantity) > 0) reasons.add('OVER_INVOICED');
      if (
        policy.matchingMode === 'three_way' &&
        quantity.sign() > 0 &&
        before.add(quantity).compare(received.get(key) ?? Decimal.ZERO) > 0
      ) {
        reasons.add('NOT_RECEIVED');
      }
    }
    if (invoice.totalAmount !== net + invoice.taxAmount) reasons.add('TAX_MISMATCH');
    const ordered = [...reasons].sort((a, b) => reasonPriority(a) - reasonPriority(b));
    if (ordered.length === 0) {
      for (const [key, quantity] of billed)
        invoiced.set(key, (invoiced.get(key) ?? Decimal.ZERO).add(quantity));
      return { tier: 'auto_matched', reason: null, poNumbers: pos };
    }
    return { tier: 'exception', reason: ordered[0], poNumbers: pos };
  });
}
