import { Decimal } from '../../../src/modules/reconciliation/domain/decimal';
import type { Invoice } from '../../../src/modules/reconciliation/domain/invoice';
import { TenantTolerancePolicy } from '../../../src/modules/reconciliation/domain/tenant-tolerance-policy';
import { DEFAULT_TOLERANCE_POLICY } from '../../../src/modules/reconciliation/domain/tolerance-policy';
import { ApDatasetBuilder, dayOf } from './ap-dataset-builder';
import * as exceptions from './exception-scenarios';
import type { LabelledDataset, MatchLabel } from './labelled-dataset';
import * as references from './reference-scenarios';
import * as routine from './routine-scenarios';
import { SeededRandom } from './seeded-random';
import { createVendors, type SyntheticVendor } from './synthetic-vendors';

type Scenario = (builder: ApDatasetBuilder) => void;

/** The mix of a messy AP inbox, in percent of scenario draws (duplicates add their originals). */
export const SCENARIO_MIX: ReadonlyArray<readonly [Scenario, number]> = [
  [routine.clean, 46],
  [routine.vendorNameVariant, 5],
  [routine.partialDelivery, 5],
  [routine.remainderAfterEarlierRun, 3],
  [routine.twoPartialInvoices, 2],
  [routine.splitLine, 2],
  [routine.consolidated, 3],
  [routine.servicesByDescription, 2.5],
  [routine.withinTolerance, 4],
  [routine.underBilledWithinBand, 1],
  [routine.creditNote, 1.5],
  [references.noReference, 1.5],
  [references.typoUnknownReference, 1.5],
  [references.typoNamesOtherVendorsPo, 0.75],
  [references.typoNamesOwnOtherPo, 0.75],
  [references.twinPurchaseOrders, 1],
  [references.duplicateRenumbered, 2],
  [references.duplicateIdenticalContent, 0.5],
  [references.likelyDuplicate, 1],
  [exceptions.priceVariance, 3],
  [exceptions.quantityVariance, 1.5],
  [exceptions.overInvoiced, 1.5],
  [exceptions.notReceived, 2],
  [exceptions.shortReceipt, 1],
  [exceptions.taxMismatch, 1.5],
  [exceptions.currencyMismatch, 1],
  [exceptions.bankDetailsChanged, 1],
  [exceptions.noPurchaseOrder, 2],
  [exceptions.wrongVendor, 0.5],
];

export interface GeneratorOptions {
  readonly invoices: number;
  readonly seed: number;
}

/** The tenant policy of the synthetic tenant: defaults, four tax rates, 3-way for the vendors that receive goods. */
export function syntheticPolicy(vendors: readonly SyntheticVendor[]): TenantTolerancePolicy {
  return new TenantTolerancePolicy(
    {
      ...DEFAULT_TOLERANCE_POLICY,
      matchingMode: 'two_way',
      taxRatesPercent: ['0', '5', '10', '20'].map((rate) => Decimal.parse(rate)),
    },
    vendors
      .filter((vendor) => vendor.threeWay)
      .map((vendor) => ({ vendorTaxId: vendor.taxId, overrides: { matchingMode: 'three_way' as const } })),
  );
}

/**
 * A seeded, labelled AP data set: POs (about three lines each), receipts, earlier consumption and
 * invoices in order of arrival, each with the decision a careful person would take.
 */
export function generateApDataset(options: GeneratorOptions): LabelledDataset {
  const random = new SeededRandom(options.seed);
  const vendors = createVendors(random, Math.max(8, Math.round(options.invoices / 40)));
  const weights = vendors.map((_, rank) => 1 / Math.pow(rank + 3, 0.9));
  const builder = new ApDatasetBuilder(
    random,
    vendors,
    weights,
    weights.reduce((a, c) => a + c, 0),
  );
  const mixWeights = SCENARIO_MIX.map(([, weight]) => weight);
  const mixTotal = mixWeights.reduce((a, c) => a + c, 0);
  let count = 0;
  while (count < options.invoices) {
    const before = builder.groups.length;
    SCENARIO_MIX[random.weighted(mixWeights, mixTotal)][0](builder);
    for (let i = before; i < builder.groups.length; i += 1) count += builder.groups[i].length;
  }
  const arrivals = arrivalOrder(random, builder.groups);
  const labels = arrivals.map((entry) => entry.label);
  const invoices = arrivals.map((entry) => entry.invoice);
  relabelWhenAnotherPoCouldTakeIt(builder, invoices, labels);
  return {
    input: {
      purchaseOrders: builder.purchaseOrders,
      goodsReceipts: builder.receipts,
      invoices,
      policy: syntheticPolicy(vendors),
      vendors: vendors.map((vendor) => ({
        taxId: vendor.taxId,
        name: vendor.name,
        confirmedBankAccount: vendor.bankAccount,
      })),
      consumed: builder.consumed,
      priorInvoices: builder.priorInvoices,
    },
    labels,
  };
}

/** Interleaves the scenarios at random while keeping each scenario's own invoices in order. */
function arrivalOrder(
  random: SeededRandom,
  groups: ReadonlyArray<ReadonlyArray<{ invoice: Invoice; label: MatchLabel }>>,
): Array<{ invoice: Invoice; label: MatchLabel; key: number }> {
  const entries: Array<{ invoice: Invoice; label: MatchLabel; key: number }> = [];
  for (const group of groups) {
    const keys = group.map(() => random.next()).sort((a, b) => a - b);
    group.forEach((entry, i) => entries.push({ ...entry, key: keys[i] }));
  }
  return entries.sort((a, b) => a.key - b.key);
}

/**
 * An invoice without a reference is only clear when no other open PO of the vendor could take all
 * its lines (same item, same price, enough left to invoice at the time it arrives). Replays arrivals,
 * consuming what the labels say is matched, and marks the others ambiguous.
 */
function relabelWhenAnotherPoCouldTakeIt(
  builder: ApDatasetBuilder,
  invoices: readonly Invoice[],
  labels: MatchLabel[],
): void {
  const open = new Map<string, Decimal>();
  const key = (poNumber: string, lineNumber: string): string => `${poNumber}|${lineNumber}`;
  for (const po of builder.purchaseOrders)
    for (const line of po.lines) open.set(key(po.poNumber, line.lineNumber), line.quantity);
  for (const entry of builder.consumed) {
    const k = key(entry.poNumber, entry.lineNumber);
    open.set(k, (open.get(k) ?? Decimal.ZERO).sub(entry.invoicedQuantity));
  }
  const sameItem = (
    sku: string | null | undefined,
    description: string,
    line: { sku?: string | null; description: string },
  ): boolean => (sku ? line.sku === sku : line.description === description);

  invoices.forEach((invoice, i) => {
    const label = labels[i];
    if (label.scenario === 'no_reference') {
      const owner = builder.poNumbers.get(label.poNumbers[0]);
      const rival = owner
        ? (builder.posByVendor.get(owner.vendor.id) ?? []).some(
            (po) =>
              po.poNumber !== label.poNumbers[0] &&
              po.currency === invoice.currency &&
              dayOf(po.orderDate) <= dayOf(invoice.invoiceDate) + 7 &&
              invoice.lines.every((line) =>
                po.lines.some(
                  (poLine) =>
                    sameItem(line.sku, line.description, poLine) &&
                    poLine.unitPrice.equals(line.unitPrice) &&
                    (open.get(key(po.poNumber, poLine.lineNumber)) ?? Decimal.ZERO).compare(line.quantity) >=
                      0,
                ),
              ),
          )
        : false;
      if (rival) labels[i] = { ...label, tier: 'suggested', reason: 'AMBIGUOUS_MATCH' };
    }
    if (labels[i].tier !== 'auto_matched') return;
    for (const line of invoice.lines) {
      for (const poNumber of labels[i].poNumbers) {
        const po = builder.poNumbers.get(poNumber)?.po;
        const poLine = po?.lines.find(
          (candidate) =>
            sameItem(line.sku, line.description.replace(/ - .*$| \(rest\)$|^Return: /g, ''), candidate) &&
            (line.quantity.sign() < 0 ||
              (open.get(key(poNumber, candidate.lineNumber)) ?? Decimal.ZERO).sign() > 0),
        );
        if (poLine) {
          const k = key(poNumber, poLine.lineNumber);
          open.set(k, (open.get(k) ?? Decimal.ZERO).sub(line.quantity));
          break;
        }
      }
    }
  });
}
