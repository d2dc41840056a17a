import { z } from 'zod';
import { Decimal } from '../../src/modules/reconciliation/domain/decimal';
import { TenantTolerancePolicy } from '../../src/modules/reconciliation/domain/tenant-tolerance-policy';
import { ToleranceBand } from '../../src/modules/reconciliation/domain/tolerance-band';
import {
  DEFAULT_TOLERANCE_POLICY,
  type TolerancePolicy,
} from '../../src/modules/reconciliation/domain/tolerance-policy';
import { normalizeTaxId, normalizeVendorName } from '../../src/modules/reconciliation/domain/vendor-name';
import { oneLine } from './terminal-text';

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
const isNamed = (value: string | undefined): boolean => value !== undefined && value.trim() !== '';
// Judged on the keys the engine compares: `---` is no tax id, `...` no name.
const hasTaxIdKey = (value: string | undefined): boolean =>
  value !== undefined && normalizeTaxId(value) !== '';
const hasNameKey = (value: string | undefined): boolean =>
  value !== undefined && normalizeVendorName(value) !== '';
// The engine looks an override up by tax id, else by name; one naming neither would never apply.
const vendorOverride = z
  .object({
    vendorTaxId: z.string().optional(),
    vendorName: z.string().optional(),
    overrides: policy,
  })
  .strict()
  .refine((entry) => !isNamed(entry.vendorTaxId) || hasTaxIdKey(entry.vendorTaxId), {
    message: 'has no letter or digit',
    path: ['vendorTaxId'],
  })
  .refine((entry) => hasTaxIdKey(entry.vendorTaxId) || hasNameKey(entry.vendorName), {
    message: 'names neither vendorTaxId nor vendorName, so it would apply to no vendor',
  });
const file = z
  .object({ defaults: policy.optional(), vendorOverrides: z.array(vendorOverride).optional() })
  .strict();

type PolicyText = z.infer<typeof policy>;
type BandText = z.infer<typeof band>;

/** A field left out keeps the current limit; `null` removes it. */
function bandFrom(text: BandText, current: ToleranceBand): ToleranceBand {
  const limit = (value: string | null | undefined, currentLimit: Decimal | null): Decimal | null =>
    value === undefined ? currentLimit : value === null ? null : Decimal.parse(value);
  return new ToleranceBand(limit(text.absolute, current.absolute), limit(text.percent, current.percent));
}

function overrides(text: PolicyText, base: TolerancePolicy): Partial<TolerancePolicy> {
  const result: { -readonly [K in keyof TolerancePolicy]?: TolerancePolicy[K] } = {};
  const toVariance = (value: z.infer<typeof variance> | undefined, current: TolerancePolicy['unitPrice']) =>
    value && {
      over: value.over ? bandFrom(value.over, current.over) : current.over,
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

function pathText(path: readonly PropertyKey[]): string {
  return path
    .map((key, i) => (typeof key === 'number' ? `[${key}]` : `${i > 0 ? '.' : ''}${String(key)}`))
    .join('');
}

/** Overrides naming one vendor twice (as the engine compares tax ids and names) would silently keep the last. */
function repeatedVendors(overrides: z.infer<typeof file>['vendorOverrides']): string[] {
  const firstAt = new Map<string, number>();
  const problems: string[] = [];
  (overrides ?? []).forEach((entry, index) => {
    const key = hasTaxIdKey(entry.vendorTaxId)
      ? `tax id ${normalizeTaxId(entry.vendorTaxId ?? '')}`
      : `name ${normalizeVendorName(entry.vendorName ?? '')}`;
    const first = firstAt.get(key);
    if (first === undefined) firstAt.set(key, index);
    else
      problems.push(`vendorOverrides[${index}]: names the same vendor (${key}) as vendorOverrides[${first}]`);
  });
  return problems;
}

function parsedFile(json: unknown, source: string): z.infer<typeof file> {
  const parsed = file.safeParse(json);
  const problems = parsed.success
    ? repeatedVendors(parsed.data.vendorOverrides)
    : parsed.error.issues.map((issue) => `${pathText(issue.path) || '(file)'}: ${issue.message}`);
  if (parsed.success && problems.length === 0) return parsed.data;
  throw new Error(
    [`${source}: not a valid policy file`, ...problems.map((problem) => `  ${oneLine(problem)}`)].join('\n'),
  );
}

/**
 * Reads a policy JSON file's content (decimals as strings); anything not given keeps the default,
 * down to one limit of a band (`{"over": {"percent": "2"}}` keeps the default absolute cap).
 */
export function policyFrom(json: unknown, source = 'policy file'): TenantTolerancePolicy {
  const parsed = parsedFile(json, source);
  const defaults: TolerancePolicy = {
    ...DEFAULT_TOLERANCE_POLICY,
    ...overrides(parsed.defaults ?? {}, DEFAULT_TOLERANCE_POLICY),
  };
  return new TenantTolerancePolicy(
    defaults,
    (parsed.vendorOverrides ?? []).map((entry) => ({
      // A blank tax id would be looked up as the tax id "" and hide the name.
      vendorTaxId: hasTaxIdKey(entry.vendorTaxId) ? entry.vendorTaxId : null,
      vendorName: hasNameKey(entry.vendorName) ? entry.vendorName : null,
      overrides: overrides(entry.overrides, defaults),
    })),
  );
}
