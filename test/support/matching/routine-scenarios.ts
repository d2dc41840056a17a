import { Decimal } from '../../../src/modules/reconciliation/domain/decimal';
import type { MatchTier } from '../../../src/modules/reconciliation/domain/match-decision';
import type { PurchaseOrder } from '../../../src/modules/reconciliation/domain/purchase-order';
import type { ReasonCode } from '../../../src/modules/reconciliation/domain/reason-code';
import { DEFAULT_TOLERANCE_POLICY } from '../../../src/modules/reconciliation/domain/tolerance-policy';
import { amountOf, dayOf, quantity, type ApDatasetBuilder, type LineDraft } from './ap-dataset-builder';
import type { MatchLabel } from './labelled-dataset';
import { nameTypo, nameVariant } from './synthetic-vendors';

/** Scenarios of everyday AP work: clean, partial, split, consolidated, services, small variances, credit notes. */

export function label(
  scenario: string,
  tier: MatchTier,
  reason: ReasonCode | null,
  pos: readonly PurchaseOrder[],
): MatchLabel {
  return { scenario, tier, reason, poNumbers: pos.map((po) => po.poNumber) };
}

function afterDay(po: PurchaseOrder): number {
  return dayOf(po.orderDate);
}

/** Half of each line (rounded down, at least one), or the rest of it. */
function part(qty: Decimal, share: number): Decimal {
  const whole = Number(qty.rescale(0, 'half-up').units);
  return quantity(String(Math.max(1, Math.floor(whole * share))));
}

export function clean(b: ApDatasetBuilder): void {
  const vendor = b.pickVendor();
  const po = b.newPo(vendor);
  b.addGroup([
    {
      invoice: b.invoice(vendor, b.linesFor(po), { afterDay: afterDay(po) }),
      label: label('clean', 'auto_matched', null, [po]),
    },
  ]);
}

export function vendorNameVariant(b: ApDatasetBuilder): void {
  const vendor = b.pickVendor();
  const po = b.newPo(vendor);
  const vendorName = b.random.chance(0.5)
    ? nameVariant(b.random, vendor.name)
    : nameTypo(b.random, vendor.name);
  const invoice = b.invoice(vendor, b.linesFor(po), { afterDay: afterDay(po), withTaxId: false, vendorName });
  b.addGroup([{ invoice, label: label('vendor_name_variant', 'auto_matched', null, [po]) }]);
}

/** Billed in part now; for 3-way vendors the receipt records exactly what was delivered so far. */
export function partialDelivery(b: ApDatasetBuilder): void {
  const vendor = b.pickVendor((candidate) => candidate.catalog.some((item) => !item.service));
  const po = b.newPo(vendor, { receive: false });
  if (po.lines.every((line) => line.quantity.compare(Decimal.ONE) <= 0)) return clean(b);
  const billed = po.lines.map((line) =>
    line.quantity.compare(Decimal.ONE) > 0 ? part(line.quantity, 0.4 + 0.3 * b.random.next()) : null,
  );
  if (vendor.threeWay)
    b.receive(
      po,
      billed.map((qty) => qty ?? Decimal.ZERO),
    );
  const invoice = b.invoice(vendor, b.linesFor(po, billed), { afterDay: afterDay(po) });
  b.addGroup([{ invoice, label: label('partial_delivery', 'auto_matched', null, [po]) }]);
}

/** An earlier run invoiced part of the PO; this invoice bills the rest. */
export function remainderAfterEarlierRun(b: ApDatasetBuilder): void {
  const vendor = b.pickVendor();
  const po = b.newPo(vendor);
  const earlier = po.lines.map((line) =>
    line.quantity.compare(Decimal.ONE) > 0 ? part(line.quantity, 0.5) : Decimal.ZERO,
  );
  earlier.forEach((qty, i) => {
    if (!qty.isZero()) b.consume(po, i, qty);
  });
  const rest = po.lines.map((line, i) => line.quantity.sub(earlier[i]));
  const invoice = b.invoice(vendor, b.linesFor(po, rest), { afterDay: afterDay(po) });
  b.addGroup([{ invoice, label: label('remainder_after_earlier_run', 'auto_matched', null, [po]) }]);
}

/** Two invoices against one PO in the same run, each billing part of it. */
export function twoPartialInvoices(b: ApDatasetBuilder): void {
  const vendor = b.pickVendor((candidate) => candidate.catalog.some((item) => !item.service));
  const po = b.newPo(vendor);
  if (po.lines.every((line) => line.quantity.compare(Decimal.ONE) <= 0)) return clean(b);
  const first = po.lines.map((line) =>
    line.quantity.compare(Decimal.ONE) > 0 ? part(line.quantity, 0.5) : null,
  );
  const second = po.lines.map((line, i) => (first[i] ? line.quantity.sub(first[i]) : line.quantity));
  const day = afterDay(po);
  b.addGroup([
    {
      invoice: b.invoice(vendor, b.linesFor(po, first), { afterDay: day }),
      label: label('two_partial_invoices', 'auto_matched', null, [po]),
    },
    {
      invoice: b.invoice(vendor, b.linesFor(po, second), { afterDay: day + 50 }),
      label: label('two_partial_invoices', 'auto_matched', null, [po]),
    },
  ]);
}

/** One PO line billed as two invoice lines. */
export function splitLine(b: ApDatasetBuilder): void {
  const vendor = b.pickVendor((candidate) => candidate.catalog.some((item) => !item.service));
  const po = b.newPo(vendor);
  const drafts = b.linesFor(po);
  const index = drafts.findIndex((draft) => draft.quantity.compare(Decimal.ONE) > 0);
  if (index < 0) return clean(b);
  const whole = drafts[index];
  const first = part(whole.quantity, 0.5);
  const split: LineDraft[] = [
    { ...whole, quantity: first },
    { ...whole, quantity: whole.quantity.sub(first), description: `${whole.description} (rest)` },
  ];
  drafts.splice(index, 1, ...split);
  b.addGroup([
    {
      invoice: b.invoice(vendor, drafts, { afterDay: afterDay(po) }),
      label: label('split_line', 'auto_matched', null, [po]),
    },
  ]);
}

/** One invoice covering two or three POs of the vendor, each line citing its PO. */
export function consolidated(b: ApDatasetBuilder): void {
  const vendor = b.pickVendor();
  const pos = Array.from({ length: b.random.int(2, 3) }, () => b.newPo(vendor));
  const drafts = pos.flatMap((po) => b.linesFor(po));
  const day = Math.max(...pos.map(afterDay));
  b.addGroup([
    {
      invoice: b.invoice(vendor, drafts, { afterDay: day }),
      label: label('consolidated', 'auto_matched', null, pos),
    },
  ]);
}

/** Services without SKU or PO line number, described a little differently, lines in another order. */
export function servicesByDescription(b: ApDatasetBuilder): void {
  const vendor = b.pickVendor((candidate) => candidate.catalog.some((item) => item.service));
  if (!vendor.catalog.some((item) => item.service)) return clean(b);
  const po = b.newPo(vendor);
  const month = b.random.pick(['October', 'Nov 2025', 'March', 'week 12', 'on site']);
  const drafts = b.random.shuffle(
    b.linesFor(po).map((draft) => ({
      ...draft,
      poLineNumber: null,
      sku: null,
      description: `${draft.description} - ${month}`,
    })),
  );
  b.addGroup([
    {
      invoice: b.invoice(vendor, drafts, { afterDay: afterDay(po) }),
      label: label('services_by_description', 'auto_matched', null, [po]),
    },
  ]);
}

/** `value / divisor`, rounded down, at `scale` digits (positive values only). */
function divideDown(value: Decimal, divisor: Decimal, scale: number): Decimal {
  const numerator = value.units * 10n ** BigInt(scale + divisor.scale);
  const denominator = divisor.units * 10n ** BigInt(value.scale);
  return Decimal.of(numerator / denominator, scale);
}

/** A price a little above the PO but inside every band of the tenant policy, or a one-cent rounding difference. */
export function withinTolerance(b: ApDatasetBuilder): void {
  const vendor = b.pickVendor((candidate) => candidate.currency !== 'JPY');
  const po = b.newPo(vendor);
  const drafts = b.linesFor(po);
  const target = drafts[0];
  const lineExpected = target.quantity.mul(target.unitPrice);
  const netExpected = drafts.reduce(
    (sum, draft) => sum.add(draft.quantity.mul(draft.unitPrice)),
    Decimal.ZERO,
  );
  // The tightest of the tenant's unit price, line amount and net amount allowances, per unit.
  const tenant = DEFAULT_TOLERANCE_POLICY;
  const perUnit = tenant.unitPrice.over
    .allowance(target.unitPrice)
    .min(divideDown(tenant.lineAmount.over.allowance(lineExpected), target.quantity, 8))
    .min(divideDown(tenant.totalAmount.over.allowance(netExpected), target.quantity, 8));
  const raise = divideDown(perUnit.mul(Decimal.parse('0.6')), Decimal.ONE, target.unitPrice.scale);
  if (raise.sign() > 0) {
    drafts[0] = { ...target, unitPrice: target.unitPrice.add(raise) };
  } else {
    drafts[0] = { ...target, lineAmount: amountOf(target.quantity, target.unitPrice, vendor.currency) + 1n };
  }
  b.addGroup([
    {
      invoice: b.invoice(vendor, drafts, { afterDay: afterDay(po) }),
      label: label('within_tolerance', 'auto_matched', null, [po]),
    },
  ]);
}

/** Billed 1-4% below the PO price: passes, with a warning. */
export function underBilledWithinBand(b: ApDatasetBuilder): void {
  const vendor = b.pickVendor((candidate) => candidate.currency !== 'JPY');
  const po = b.newPo(vendor);
  const drafts = b.linesFor(po);
  const target = drafts[0];
  const lowered = Decimal.parse(String(b.random.int(96, 99)))
    .percentOf(target.unitPrice)
    .rescale(target.unitPrice.scale, 'half-even');
  if (lowered.equals(target.unitPrice)) return clean(b);
  drafts[0] = { ...target, unitPrice: lowered };
  b.addGroup([
    {
      invoice: b.invoice(vendor, drafts, { afterDay: afterDay(po) }),
      label: label('under_billed_within_band', 'auto_matched', null, [po]),
    },
  ]);
}

/** A return credited against a PO invoiced in an earlier run. */
export function creditNote(b: ApDatasetBuilder): void {
  const vendor = b.pickVendor((candidate) => candidate.catalog.some((item) => !item.service));
  const po = b.newPo(vendor);
  po.lines.forEach((line, i) => b.consume(po, i, line.quantity));
  const line = po.lines[0];
  const returned = part(line.quantity, 0.3);
  const draft: LineDraft = {
    poNumber: b.reference(po.poNumber),
    poLineNumber: line.lineNumber,
    sku: line.sku ?? null,
    description: `Return: ${line.description}`,
    quantity: returned.neg(),
    unitPrice: line.unitPrice,
  };
  const invoice = {
    ...b.invoice(vendor, [draft], { afterDay: afterDay(po) + 30 }),
    kind: 'credit_note' as const,
  };
  b.addGroup([{ invoice, label: label('credit_note', 'auto_matched', null, [po]) }]);
}
