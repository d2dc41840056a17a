import { Decimal } from '../../../src/modules/reconciliation/domain/decimal';
import type { Invoice } from '../../../src/modules/reconciliation/domain/invoice';
import type { PurchaseOrder } from '../../../src/modules/reconciliation/domain/purchase-order';
import { dayOf, type ApDatasetBuilder, type LineDraft } from './ap-dataset-builder';
import { clean, label } from './routine-scenarios';

/** Scenarios about references and identity: typos, missing references, twins and duplicates. */

function swap(text: string, at: number): string {
  return text.slice(0, at) + text[at + 1] + text[at] + text.slice(at + 2);
}

function withReference(drafts: readonly LineDraft[], poNumber: string | null): LineDraft[] {
  return drafts.map((draft) => ({
    ...draft,
    poNumber,
    ...(poNumber === null ? { poLineNumber: null } : {}),
  }));
}

/** A transposed or wrong digit in the year part of the reference: it names no PO at all. */
export function typoUnknownReference(b: ApDatasetBuilder): void {
  const vendor = b.pickVendor();
  const po = b.newPo(vendor);
  const digits = po.poNumber.slice(3);
  const typo = b.random.chance(0.5)
    ? swap(digits, b.random.pick([1, 2]))
    : digits.slice(0, 3) + b.random.pick(['5', '7', '8']) + digits.slice(4);
  const reference = b.random.chance(0.5) ? `PO-${typo}` : typo;
  const invoice = b.invoice(vendor, withReference(b.linesFor(po), reference), {
    afterDay: dayOf(po.orderDate),
  });
  b.addGroup([{ invoice, label: label('typo_unknown_reference', 'auto_matched', null, [po]) }]);
}

/** One wrong digit that happens to name a real PO of another vendor. */
export function typoNamesOtherVendorsPo(b: ApDatasetBuilder): void {
  const vendor = b.pickVendor();
  const po = b.newPo(vendor);
  const digits = po.poNumber.slice(3);
  const variants: string[] = [];
  for (let at = digits.length - 4; at < digits.length; at += 1) {
    for (const digit of '0123456789') {
      const candidate = `PO-${digits.slice(0, at)}${digit}${digits.slice(at + 1)}`;
      const owner = b.poNumbers.get(candidate);
      if (candidate !== po.poNumber && owner && owner.vendor.id !== vendor.id) variants.push(candidate);
    }
  }
  if (variants.length === 0) return typoUnknownReference(b);
  const invoice = b.invoice(vendor, withReference(b.linesFor(po), b.random.pick(variants)), {
    afterDay: dayOf(po.orderDate),
  });
  b.addGroup([{ invoice, label: label('typo_names_other_vendors_po', 'auto_matched', null, [po]) }]);
}

/** Two swapped digits that name another PO of the same vendor, whose lines are for other items. */
export function typoNamesOwnOtherPo(b: ApDatasetBuilder): void {
  const vendor = b.pickVendor((candidate) => candidate.catalog.length >= 8);
  if (vendor.catalog.length < 8) return typoUnknownReference(b);
  const base = b.allocatePoNumber(true).slice(3);
  const trueNumber = `PO-${base.slice(0, -2)}12`;
  const decoyNumber = `PO-${base.slice(0, -2)}21`;
  const items = b.random.sample(vendor.catalog, 4);
  const po = b.newPo(vendor, { items: items.slice(0, 2), number: trueNumber });
  b.newPo(vendor, { items: items.slice(2), number: decoyNumber });
  const invoice = b.invoice(vendor, withReference(b.linesFor(po), decoyNumber), {
    afterDay: dayOf(po.orderDate),
  });
  b.addGroup([{ invoice, label: label('typo_names_own_other_po', 'auto_matched', null, [po]) }]);
}

/** No reference at all; the generator later checks whether another open PO could take it (then it is ambiguous). */
export function noReference(b: ApDatasetBuilder): void {
  const vendor = b.pickVendor();
  const po = b.newPo(vendor);
  const invoice = b.invoice(vendor, withReference(b.linesFor(po), null), { afterDay: dayOf(po.orderDate) });
  b.addGroup([{ invoice, label: label('no_reference', 'auto_matched', null, [po]) }]);
}

/** Two POs nobody could tell apart (same vendor, items, quantities and date); the invoice cites neither. */
export function twinPurchaseOrders(b: ApDatasetBuilder): void {
  const vendor = b.pickVendor();
  const first = b.newPo(vendor);
  const twin = b.newPo(vendor, {
    items: first.lines.map(
      (line) => vendor.catalog.find((item) => item.description === line.description) ?? vendor.catalog[0],
    ),
    quantities: first.lines.map((line) => line.quantity),
    orderDay: dayOf(first.orderDate),
  });
  const invoice = b.invoice(vendor, withReference(b.linesFor(first), null), {
    afterDay: dayOf(first.orderDate),
  });
  b.addGroup([
    {
      invoice,
      label: {
        ...label('twin_purchase_orders', 'suggested', 'AMBIGUOUS_MATCH', [first]),
        twins: [first.poNumber, twin.poNumber],
      },
    },
  ]);
}

/** The number written another way (never as it was: a vendor without prefix has one spelling fewer). */
function renumbered(number: string, pick: (values: string[]) => string): string {
  const digits = number.replace(/^\D+/, '');
  const prefix = number.slice(0, number.length - digits.length).replace(/-$/, '');
  const short = digits.replace(/^0+/, '');
  const spellings = [
    `${prefix.toLowerCase()}${digits}`,
    `${prefix} ${short}`.trim(),
    `${prefix}#${short}`,
    `${prefix.toLowerCase()}-${digits}`,
  ];
  return pick(spellings.filter((spelling) => spelling !== number));
}

/** The same invoice sent again with its number written differently; half the originals came in an earlier run. */
export function duplicateRenumbered(b: ApDatasetBuilder): void {
  const vendor = b.pickVendor();
  const po = b.newPo(vendor);
  const original = b.invoice(vendor, b.linesFor(po), { afterDay: dayOf(po.orderDate), withTaxId: true });
  const copy: Invoice = {
    ...original,
    invoiceNumber: renumbered(original.invoiceNumber, (values) => b.random.pick(values)),
  };
  if (b.random.chance(0.5)) {
    po.lines.forEach((line, i) => b.consume(po, i, line.quantity));
    b.priorInvoices.push({
      vendor: original.vendor,
      invoiceNumber: original.invoiceNumber,
      invoiceDate: original.invoiceDate,
      currency: original.currency,
      totalAmount: original.totalAmount,
    });
    b.addGroup([
      { invoice: copy, label: label('duplicate_renumbered', 'exception', 'DUPLICATE_INVOICE', [po]) },
    ]);
    return;
  }
  b.addGroup([
    { invoice: original, label: label('duplicate_original', 'auto_matched', null, [po]) },
    { invoice: copy, label: label('duplicate_renumbered', 'exception', 'DUPLICATE_INVOICE', [po]) },
  ]);
}

/** The same content, date and total re-sent under a new number. */
export function duplicateIdenticalContent(b: ApDatasetBuilder): void {
  const vendor = b.pickVendor();
  const po = b.newPo(vendor);
  const original = b.invoice(vendor, b.linesFor(po), { afterDay: dayOf(po.orderDate), withTaxId: true });
  const copy: Invoice = { ...original, invoiceNumber: b.nextInvoiceNumber(vendor) };
  b.addGroup([
    { invoice: original, label: label('duplicate_original', 'auto_matched', null, [po]) },
    { invoice: copy, label: label('duplicate_identical_content', 'exception', 'DUPLICATE_INVOICE', [po]) },
  ]);
}

/**
 * Same vendor, date and total under a new number, lines presented differently, on a PO with room for
 * both: it may be a second delivery or a duplicate, so a person must look.
 */
export function likelyDuplicate(b: ApDatasetBuilder): void {
  const vendor = b.pickVendor((candidate) => candidate.catalog.some((item) => !item.service));
  const probe = b.random.sample(vendor.catalog, 2);
  const quantities = probe.map((item) => b.randomQuantity(item).add(b.randomQuantity(item)));
  const half = quantities.map((qty) => qty);
  const po: PurchaseOrder = b.newPo(vendor, {
    items: probe,
    quantities: quantities.map((qty) => qty.add(qty)),
  });
  const drafts = b.linesFor(po, half);
  const index = drafts.findIndex((draft) => draft.quantity.compare(Decimal.ONE) > 0);
  if (index < 0) return clean(b);
  const original = b.invoice(vendor, drafts, { afterDay: dayOf(po.orderDate), withTaxId: true });
  const target = drafts[index];
  const first = target.quantity.sub(Decimal.ONE);
  const resent = [...drafts];
  resent.splice(index, 1, { ...target, quantity: first }, { ...target, quantity: Decimal.ONE });
  const second = b.invoice(vendor, resent, { date: original.invoiceDate, withTaxId: true });
  if (second.totalAmount !== original.totalAmount) return clean(b);
  b.addGroup([
    { invoice: original, label: label('likely_duplicate_original', 'auto_matched', null, [po]) },
    { invoice: second, label: label('likely_duplicate', 'suggested', 'DUPLICATE_INVOICE', [po]) },
  ]);
}
