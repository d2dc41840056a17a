import { Decimal } from '../../../src/modules/reconciliation/domain/decimal';
import { dayOf, quantity, type ApDatasetBuilder } from './ap-dataset-builder';
import { clean, label } from './routine-scenarios';

/** Scenarios a careful person would stop: variances beyond tolerance, missing receipts, tax, currency, bank, no PO. */

const ALLOWED_RATES = ['0', '5', '10', '20'];

export function priceVariance(b: ApDatasetBuilder): void {
  const vendor = b.pickVendor();
  const po = b.newPo(vendor);
  const drafts = b.linesFor(po);
  const target = drafts[0];
  const raised = Decimal.parse(String(b.random.int(104, 115)))
    .percentOf(target.unitPrice)
    .rescale(target.unitPrice.scale, 'half-up');
  drafts[0] = { ...target, unitPrice: raised };
  b.addGroup([
    {
      invoice: b.invoice(vendor, drafts, { afterDay: dayOf(po.orderDate) }),
      label: label('price_variance', 'exception', 'PRICE_VARIANCE', [po]),
    },
  ]);
}

/** More billed on a line than was ordered (the receipt, if any, shows what was ordered). */
export function quantityVariance(b: ApDatasetBuilder): void {
  const vendor = b.pickVendor();
  const po = b.newPo(vendor);
  const drafts = b.linesFor(po);
  const target = drafts[0];
  const extra = Decimal.fromInteger(
    Math.max(
      1,
      Math.floor(Number(target.quantity.rescale(0, 'half-up').units) * (0.2 + 0.3 * b.random.next())),
    ),
  );
  drafts[0] = { ...target, quantity: target.quantity.add(extra) };
  b.addGroup([
    {
      invoice: b.invoice(vendor, drafts, { afterDay: dayOf(po.orderDate) }),
      label: label('quantity_variance', 'exception', 'QTY_VARIANCE', [po]),
    },
  ]);
}

/** An earlier run already invoiced the whole PO; a new invoice bills part of it again. */
export function overInvoiced(b: ApDatasetBuilder): void {
  const vendor = b.pickVendor();
  const po = b.newPo(vendor);
  po.lines.forEach((line, i) => b.consume(po, i, line.quantity));
  const line = po.lines[0];
  const again =
    line.quantity.compare(Decimal.ONE) > 0
      ? quantity(String(Math.max(1, Math.floor(Number(line.quantity.rescale(0, 'half-up').units) / 2))))
      : line.quantity;
  const drafts = b.linesFor(
    po,
    po.lines.map((_, i) => (i === 0 ? again : null)),
  );
  const invoice = b.invoice(vendor, drafts, { afterDay: dayOf(po.orderDate) + 40 });
  b.addGroup([{ invoice, label: label('over_invoiced', 'exception', 'OVER_INVOICED', [po]) }]);
}

/** A 3-way vendor bills goods no receipt records. */
export function notReceived(b: ApDatasetBuilder): void {
  const vendor = b.pickVendor((candidate) => candidate.threeWay);
  if (!vendor.threeWay) return clean(b);
  const po = b.newPo(vendor, { receive: false });
  b.addGroup([
    {
      invoice: b.invoice(vendor, b.linesFor(po), { afterDay: dayOf(po.orderDate) }),
      label: label('not_received', 'exception', 'NOT_RECEIVED', [po]),
    },
  ]);
}

/** A 3-way vendor bills in full what was only partly delivered. */
export function shortReceipt(b: ApDatasetBuilder): void {
  const vendor = b.pickVendor((candidate) => candidate.threeWay);
  if (!vendor.threeWay) return clean(b);
  const po = b.newPo(vendor, { receive: false });
  const short = po.lines[0].quantity.compare(Decimal.ONE) > 0;
  b.receive(
    po,
    po.lines.map((line, i) =>
      i === 0 && short
        ? quantity(String(Math.floor(Number(line.quantity.rescale(0, 'half-up').units) / 2)))
        : i === 0
          ? Decimal.ZERO
          : line.quantity,
    ),
  );
  b.addGroup([
    {
      invoice: b.invoice(vendor, b.linesFor(po), { afterDay: dayOf(po.orderDate) }),
      label: label('short_receipt', 'exception', 'NOT_RECEIVED', [po]),
    },
  ]);
}

/** Tax at a rate the tenant does not apply, or a total that is not lines plus tax. */
export function taxMismatch(b: ApDatasetBuilder): void {
  const vendor = b.pickVendor((candidate) => candidate.currency !== 'JPY');
  const po = b.newPo(vendor);
  const wrongRate = b.random.chance(0.5) && Number(vendor.taxRate.units) > 0;
  const options = wrongRate
    ? { taxRate: Decimal.parse(b.random.pick(['7', '8', '16', '19', '21', '25']).toString()) }
    : { totalAdjustment: BigInt(b.random.int(5, 90)) * 100n };
  const invoice = b.invoice(vendor, b.linesFor(po), { afterDay: dayOf(po.orderDate), ...options });
  const net = invoice.lines.reduce((sum, line) => sum + line.lineAmount, 0n);
  const exponent = vendor.currency === 'KWD' ? 3 : 2;
  const closest = ALLOWED_RATES.map((rate) =>
    Decimal.parse(rate).percentOf(Decimal.of(net, exponent)).toMinorUnits(exponent, 'half-up'),
  )
    .map((tax) => (tax > invoice.taxAmount ? tax - invoice.taxAmount : invoice.taxAmount - tax))
    .reduce((a, c) => (c < a ? c : a));
  if (wrongRate && closest <= BigInt(invoice.lines.length) * 3n) return clean(b);
  b.addGroup([{ invoice, label: label('tax_mismatch', 'exception', 'TAX_MISMATCH', [po]) }]);
}

export function currencyMismatch(b: ApDatasetBuilder): void {
  const vendor = b.pickVendor(
    (candidate) =>
      candidate.currency === 'EUR' || candidate.currency === 'USD' || candidate.currency === 'GBP',
  );
  const po = b.newPo(vendor);
  const currency = vendor.currency === 'USD' ? 'EUR' : 'USD';
  const invoice = b.invoice(vendor, b.linesFor(po), { afterDay: dayOf(po.orderDate), currency });
  b.addGroup([{ invoice, label: label('currency_mismatch', 'exception', 'CURRENCY_MISMATCH', [po]) }]);
}

/** Everything matches, but the vendor asks to be paid into a new account. */
export function bankDetailsChanged(b: ApDatasetBuilder): void {
  const vendor = b.pickVendor();
  const po = b.newPo(vendor);
  const bankAccount = `GB${b.random.int(10, 99)}BARC${b.random.int(10000000, 99999999)}${b.random.int(100000, 999999)}`;
  const invoice = b.invoice(vendor, b.linesFor(po), { afterDay: dayOf(po.orderDate), bankAccount });
  b.addGroup([{ invoice, label: label('bank_details_changed', 'exception', 'BANK_DETAILS_CHANGED', [po]) }]);
}

const UTILITIES = [
  'City Water Utility',
  'Metro Power & Light',
  'Telco One Mobile',
  'Parking Garage Central',
  'Office Rent Holdings',
];
const NON_PO_CHARGES = [
  'Annual subscription fee',
  'Late payment interest',
  'Electricity March',
  'Mobile plan monthly',
  'Parking permit Q1',
];

/** Invoices that no PO covers: utilities, or charges a known vendor adds outside any order. */
export function noPurchaseOrder(b: ApDatasetBuilder): void {
  const known = b.random.chance(0.5);
  const vendor = b.pickVendor();
  const name = known ? vendor.name : b.random.pick(UTILITIES);
  const reference = b.random.chance(0.3) ? b.random.pick(['N/A', 'see contract', 'PO-', 'tbd']) : null;
  const draft = {
    poNumber: reference,
    poLineNumber: null,
    sku: null,
    description: b.random.pick(NON_PO_CHARGES),
    quantity: Decimal.ONE,
    unitPrice: Decimal.of(BigInt(b.random.int(2000, 90000)), 2),
  };
  const invoice = b.invoice(vendor, [draft], {
    vendorName: name,
    withTaxId: known,
    bankAccount: known ? vendor.bankAccount : null,
    ...(known ? {} : { number: `U-${b.random.int(100000, 999999)}` }),
  });
  b.addGroup([{ invoice, label: label('no_purchase_order', 'exception', 'PO_NOT_FOUND', []) }]);
}

/** Another vendor bills a PO that is not theirs. */
export function wrongVendor(b: ApDatasetBuilder): void {
  const owner = b.pickVendor();
  const po = b.newPo(owner);
  const other = b.pickVendor(
    (candidate) => candidate.id !== owner.id && candidate.currency === owner.currency,
  );
  if (other.id === owner.id) return clean(b);
  const invoice = b.invoice(other, b.linesFor(po), { afterDay: dayOf(po.orderDate), withTaxId: true });
  b.addGroup([{ invoice, label: label('wrong_vendor', 'exception', 'VENDOR_MISMATCH', [po]) }]);
}
