import { Decimal } from '../../../src/modules/reconciliation/domain/decimal';
import type { SeededRandom } from './seeded-random';

export interface CatalogItem {
  readonly sku: string | null;
  readonly description: string;
  readonly unitPrice: Decimal;
  /** Services are billed in days or hours and may carry half units. */
  readonly service: boolean;
}

export interface SyntheticVendor {
  readonly id: number;
  readonly taxId: string;
  readonly name: string;
  readonly currency: string;
  readonly threeWay: boolean;
  readonly taxRate: Decimal;
  readonly bankAccount: string;
  readonly catalog: readonly CatalogItem[];
  readonly invoicePrefix: string;
  nextInvoice: number;
}

const FIRST = [
  'Northwind',
  'Contoso',
  'Fabrikam',
  'Globex',
  'Initech',
  'Umbrella',
  'Stark',
  'Wayne',
  'Acme',
  'Vandelay',
  'Hooli',
  'Soylent',
  'Tyrell',
  'Cyberdyne',
  'Wonka',
  'Oscorp',
  'Aperture',
  'Gringotts',
  'Dunder',
  'Pied',
  'Massive',
  'Sterling',
  'Prestige',
  'Monarch',
  'Bluth',
  'Krusty',
  'Nakatomi',
  'Rekall',
  'Weyland',
  'Zorg',
  'Blue',
  'Silver',
  'Golden',
  'Alpine',
  'Harbor',
  'Summit',
  'Granite',
  'Cedar',
  'Falcon',
  'Orion',
];
const SECOND = [
  'Traders',
  'Industries',
  'Logistics',
  'Supplies',
  'Systems',
  'Consulting',
  'Manufacturing',
  'Electric',
  'Components',
  'Office',
  'Packaging',
  'Chemicals',
  'Tools',
  'Services',
  'Metals',
  'Foods',
  'Textiles',
  'Labs',
  'Partners',
  'Networks',
];
const LEGAL = ['GmbH', 'Ltd', 'Inc.', 'S.A.', 'B.V.', 'LLC', 'Corp.', 'AG', 'Ltd.', 'SARL'];
const GOODS = [
  'Hex bolt M8',
  'Steel bracket',
  'Cable tie 200mm',
  'Copper pipe 15mm',
  'Safety gloves',
  'Printer toner',
  'Pallet wrap',
  'Hydraulic hose',
  'LED panel',
  'Ball bearing 6204',
  'Gasket set',
  'Circuit breaker 16A',
  'Office chair',
  'Paper A4 box',
  'Drill bit set',
  'Solvent 5L',
  'Label roll',
  'Cardboard box L',
  'Fuse 10A',
  'Wood screw 4x40',
  'Thermal paste',
  'Network switch 24p',
  'Laptop dock',
  'Torque wrench',
];
const SERVICES = [
  'Consulting day',
  'Support hours week',
  'Maintenance visit',
  'Training session',
  'Audit day',
  'Installation day',
  'Cleaning service week',
  'Legal advice hour',
];
const CURRENCIES = ['EUR', 'EUR', 'EUR', 'USD', 'USD', 'GBP', 'JPY', 'KWD'];
const TAX_RATES = ['20', '20', '10', '5', '0'];

function price(random: SeededRandom, currency: string, service: boolean): Decimal {
  const scale = currency === 'JPY' ? 100 : currency === 'KWD' ? 0.3 : 1;
  if (service)
    return Decimal.of(BigInt(Math.round(random.int(400, 1400) * scale * 100)), 2).rescale(
      currency === 'JPY' ? 0 : 2,
      'half-up',
    );
  if (random.chance(0.15) && currency !== 'JPY') return Decimal.of(BigInt(random.int(150, 9000)), 4);
  const cents = Math.round(random.int(150, 90000) * scale);
  return currency === 'JPY'
    ? Decimal.of(BigInt(Math.max(1, Math.round(cents / 100))) * 100n, 0)
    : Decimal.of(BigInt(cents), 2);
}

/** Vendors with distinct names, a catalogue of goods (with SKU) or services (described only), and their habits. */
export function createVendors(random: SeededRandom, count: number): SyntheticVendor[] {
  const vendors: SyntheticVendor[] = [];
  const usedNames = new Set<string>();
  for (let id = 0; id < count; id += 1) {
    let name = '';
    for (let attempt = 0; name === '' || usedNames.has(name.toLowerCase()); attempt += 1) {
      const base = `${random.pick(FIRST)} ${random.pick(SECOND)}`;
      name = attempt > 20 ? `${base} ${id}` : base;
    }
    usedNames.add(name.toLowerCase());
    const services = random.chance(0.2);
    const currency = random.pick(CURRENCIES);
    const catalog: CatalogItem[] = [];
    const size = random.int(6, 14);
    if (services) {
      for (const item of random.sample(SERVICES, 3)) {
        const unitPrice = price(random, currency, true);
        for (let n = 1; n <= size; n += 1)
          catalog.push({ sku: null, description: `${item} ${n}`, unitPrice, service: true });
      }
    } else {
      for (const item of random.sample(GOODS, size)) {
        const sku = `${item
          .slice(0, 3)
          .toUpperCase()
          .replace(/[^A-Z]/g, 'X')}-${random.int(1000, 9999)}`;
        catalog.push({ sku, description: item, unitPrice: price(random, currency, false), service: false });
      }
    }
    vendors.push({
      id,
      taxId: `${random.pick(['DE', 'FR', 'NL', 'GB', 'US'])}${String(100000000 + id * 7919 + random.int(0, 7000)).padStart(9, '0')}`,
      name: `${name} ${random.pick(LEGAL)}`,
      currency,
      threeWay: !services && random.chance(0.7),
      taxRate: Decimal.parse(random.pick(TAX_RATES)),
      bankAccount: `DE${random.int(10, 99)}${String(random.int(10000000, 99999999))}${String(random.int(10000000, 99999999))}`,
      catalog,
      invoicePrefix: random.pick(['INV-', 'INV-', 'RE-', 'F', '']),
      nextInvoice: random.int(10, 5000),
    });
  }
  return vendors;
}

/** The name as another clerk might type it: other case, other legal form, punctuation. */
export function nameVariant(random: SeededRandom, name: string): string {
  const words = name.split(' ');
  const legal = words.pop() ?? '';
  const body = words.join(' ');
  switch (random.int(0, 3)) {
    case 0:
      return body.toUpperCase();
    case 1:
      return `${body} ${legal === 'Ltd' || legal === 'Ltd.' ? 'Limited' : legal === 'Inc.' ? 'Incorporated' : legal.replace(/\./g, '')}`;
    case 2:
      return body.toLowerCase();
    default:
      return `${body}, ${legal}`;
  }
}

/** One wrong, missing or swapped letter in the longest word of the name. */
export function nameTypo(random: SeededRandom, name: string): string {
  const words = name.split(' ');
  let index = 0;
  words.forEach((word, i) => {
    if (word.length > words[index].length) index = i;
  });
  const word = words[index];
  const at = random.int(1, word.length - 2);
  const kind = random.int(0, 2);
  words[index] =
    kind === 0
      ? word.slice(0, at) + word[at + 1] + word[at] + word.slice(at + 2)
      : kind === 1
        ? word.slice(0, at) + word.slice(at + 1)
        : word.slice(0, at) + (word[at] === 'e' ? 'a' : 'e') + word.slice(at + 1);
  return words.join(' ');
}
