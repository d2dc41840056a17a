import { z } from 'zod';
import { Decimal } from '../../src/modules/reconciliation/domain/decimal';
import { TenantTolerancePolicy } from '../../src/modules/reconciliation/domain/tenant-tolerance-policy';
import { ToleranceBand } from '../../src/modules/reconciliation/domain/tolerance-band';
import {
  DEFAULT_TOLERANCE_POLICY,
  type TolerancePolicy,
} from '../../src/modules/reconciliation/domain/tolerance-policy';

const decimalText = z
  .string()
  .regex(/^\d+(\.\d+)?$/, 'a non-negative decimal written as a string, e.g. "1.5"');
const band = z
  .object({ absolute: decimalText.nullable().optional(), percent: decimalText.nullable().optional() })
  .strict();
const variance = z.object({ over: band.optional(), underPercent: decimalText.optional() }).strict();
const policy = z
  .object({
    matchingMode: z.enum(['two_way', 'three_way']).optional(),
    unitPrice: variance.optional(),
    quantityOverPercent: decimalText.optional(),
    lineAmount: variance.optional(),
    totalAmount: variance.optional(),
    taxAbsolute: decimalText.optional(),
    taxRatesPercent: z.array(decimalText).optional(),
    dateWindowDays: z.number().int().positive().optional(),
  })
  .strict();
const file = z
  .object({
    defaults: policy.optional(),
    vendorOverrides: z
      .array(
        z
          .object({
            vendorTaxId: z.string().optional(),
            vendorName: z.string().optional(),
            overrides: policy,
          })
          .strict(),
      )
      .optional(),
  })
  .strict();

type PolicyText = z.infer<typeof policy>;

function overrides(text: PolicyText, base: TolerancePolicy): Partial<TolerancePolicy> {
  const result: { -readonly [K in keyof TolerancePolicy]?: TolerancePolicy[K] } = {};
  const toVariance = (value: z.infer<typeof variance> | undefined, current: TolerancePolicy['unitPrice']) =>
    value && {
      over: value.over
        ? ToleranceBand.of(value.over.absolute ?? null, value.over.percent ?? null)
        : current.over,
      underPercent: value.underPercent ? Decimal.parse(value.underPercent) : current.underPercent,
    };
  if (text.matchingMode) result.matchingMode = text.matchingMode;
  const unitPrice = toVariance(text.unitPrice, base.unitPrice);
  if (unitPrice) result.unitPrice = unitPrice;
  const lineAmount = toVariance(text.lineAmount, base.lineAmount);
  if (lineAmount) result.lineAmount = lineAmount;
  const totalAmount = toVariance(text.totalAmount, base.totalAmount);
  if (totalAmount) result.totalAmount = totalAmount;
  if (text.quantityOverPercent) result.quantityOverPercent = Decimal.parse(text.quantityOverPercent);
  if (text.taxAbsolute) result.taxAbsolute = Decimal.parse(text.taxAbsolute);
  if (text.taxRatesPercent) result.taxRatesPercent = text.taxRatesPercent.map((rate) => Decimal.parse(rate));
  if (text.dateWindowDays) result.dateWindowDays = text.dateWindowDays;
  return result;
}

/** Reads a policy JSON file's content (decimals as strings); anything not given keeps the default. */
export function policyFrom(json: unknown): TenantTolerancePolicy {
  const parsed = file.parse(json);
  const defaults: TolerancePolicy = {
    ...DEFAULT_TOLERANCE_POLICY,
    ...overrides(parsed.defaults ?? {}, DEFAULT_TOLERANCE_POLICY),
  };
  return new TenantTolerancePolicy(
    defaults,
    (parsed.vendorOverrides ?? []).map((entry) => ({
      vendorTaxId: entry.vendorTaxId ?? null,
      vendorName: entry.vendorName ?? null,
      overrides: overrides(entry.overrides, defaults),
    })),
  );
}
