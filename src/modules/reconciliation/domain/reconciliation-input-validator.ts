import { CalendarDate } from './calendar-date';
import { Currency } from './currency';
import { Decimal } from './decimal';
import { InvalidReconciliationInputError, type InputProblem } from './invalid-reconciliation-input.error';
import type { PurchaseOrderAdmission } from './purchase-order-book';
import type { GoodsReceipt } from './goods-receipt';
import type { InvoiceLine } from './invoice-line';
import type { PoLineConsumption } from './po-line-consumption';
import type { PriorInvoice, ReconciliationInput } from './reconciliation-input';
import type { VendorIdentity } from './vendor-identity';
import { ReferenceNormalizer } from './reference-normalizer';
import { TenantTolerancePolicy } from './tenant-tolerance-policy';
import { normalizeTaxId, normalizeVendorName } from './vendor-name';
import type { VendorProfile } from './vendor-profile';

const MAX_REPORTED = 100;
const HUNDRED = Decimal.parse('100');

type Report = (path: string, message: string) => void;

/** The documents the check reads. */
type CheckedInput = Pick<
  ReconciliationInput,
  'purchaseOrders' | 'goodsReceipts' | 'invoices' | 'priorInvoices' | 'consumed' | 'vendors' | 'policy'
>;

/**
 * Rejects input the engine cannot judge fairly (unknown currencies, impossible dates, documents
 * without lines) or cannot read at all (a field missing or of the wrong type: the input's types are
 * a promise callers in plain JavaScript, or reading JSON, may break). Each purchase order is checked as the PO book reads it and each invoice just before
 * the engine decides it, so a large run reads those documents from memory once rather than twice;
 * receipts and prior invoices are checked up front. A problem anywhere still rejects the whole run,
 * listing every problem (up to 100) in input order: purchase orders, receipts, invoices, prior
 * invoices, the quantities earlier runs consumed, the vendor master and the policy.
 */
export class InputCheck implements PurchaseOrderAdmission {
  private readonly ofPurchaseOrders = new ProblemList();
  private readonly ofReceipts = new ProblemList();
  private readonly ofInvoices = new ProblemList();
  private readonly afterInvoices = new ProblemList();
  /** The vendor master and the tolerance policy: read before any document. */
  private readonly ofSettings = new ProblemList();

  constructor(private readonly input: CheckedInput) {
    // Paths are written only for problems (a large run has millions of fields to check), and the
    // loops create no closure per document.
    const lists = [
      ['purchaseOrders', this.ofPurchaseOrders],
      ['goodsReceipts', this.ofReceipts],
      ['invoices', this.ofInvoices],
    ] as const;
    for (const [name, problems] of lists)
      if (!Array.isArray(input[name])) problems.report(name, 'must be a list');
    if (Array.isArray(input.goodsReceipts))
      checkList('goodsReceipts', input.goodsReceipts, this.ofReceipts.report, checkReceipt, isReceipt);
    const after = this.afterInvoices.report;
    checkList('priorInvoices', input.priorInvoices ?? [], after, checkPriorInvoice);
    checkList('consumed', input.consumed ?? [], after, checkConsumption);
    checkList('vendors', input.vendors ?? [], this.ofSettings.report, checkVendorProfile);
    if (!(input.policy instanceof TenantTolerancePolicy))
      this.ofSettings.report('policy', 'must be the tenant tolerance policy');
    else checkVendorOverrides(input.policy, this.ofSettings.report);
    // Without its lists the run cannot start: every other problem is listed with the missing ones.
    if (lists.some(([name]) => !Array.isArray(input[name]))) this.rejectAll();
  }

  /**
   * Whether the vendor master and the policy may be read. When not, the run reads neither, and
   * `allAdmitted` throws after the purchase orders were checked and filed (which finds repeats).
   */
  settingsAdmitted(): boolean {
    return this.ofSettings.count === 0;
  }

  /** Checks purchase order `index`; its problems are kept for `allAdmitted`. */
  admit(index: number): boolean {
    const before = this.ofPurchaseOrders.count;
    checkPurchaseOrder(this.input.purchaseOrders[index], index, this.ofPurchaseOrders.report);
    return this.ofPurchaseOrders.count === before;
  }

  refuse(problem: InputProblem): void {
    this.ofPurchaseOrders.report(problem.path, problem.message);
  }

  /** After the last purchase order: throws when the input so far, or the settings, have a problem. */
  allAdmitted(): void {
    const found = this.ofPurchaseOrders.count + this.ofReceipts.count + this.afterInvoices.count;
    if (found + this.ofSettings.count > 0) this.rejectFrom(0);
  }

  /** Checks invoice `index`; when it is malformed, checks the invoices after it and throws. */
  assertInvoice(index: number): void {
    const before = this.ofInvoices.count;
    checkInvoice(this.input.invoices[index], index, this.ofInvoices.report);
    if (this.ofInvoices.count > before) this.rejectFrom(index + 1);
  }

  /** Checks every purchase order and invoice (none has been), then throws. */
  private rejectAll(): never {
    const orders = this.input.purchaseOrders;
    if (Array.isArray(orders))
      for (let i = 0; i < orders.length; i += 1)
        checkPurchaseOrder(orders[i], i, this.ofPurchaseOrders.report);
    return this.rejectFrom(0);
  }

  private rejectFrom(index: number): never {
    const invoices = this.input.invoices;
    if (Array.isArray(invoices))
      for (let i = index; i < invoices.length; i += 1) checkInvoice(invoices[i], i, this.ofInvoices.report);
    const lists = [
      this.ofPurchaseOrders,
      this.ofReceipts,
      this.ofInvoices,
      this.afterInvoices,
      this.ofSettings,
    ];
    const problems = lists.flatMap((list) => list.problems);
    const total = lists.reduce((sum, list) => sum + list.count, 0);
    throw new InvalidReconciliationInputError(problems.slice(0, MAX_REPORTED), total);
  }
}

/** The problems of one part of the input, the first MAX_REPORTED of them kept, all of them counted. */
class ProblemList {
  readonly problems: InputProblem[] = [];
  count = 0;
  readonly report: Report = (path, message) => {
    this.count += 1;
    if (this.problems.length < MAX_REPORTED) this.problems.push({ path, message });
  };
}

/**
 * Checks each document of a list, by index (a gap is a missing document). `isWellFormed`, when
 * given, passes the usual document without writing its path (receipts are as many as POs).
 */
function checkList<T>(
  name: string,
  documents: readonly T[],
  report: Report,
  check: (document: T, path: string, report: Report) => void,
  isWellFormed: (document: T) => boolean = () => false,
): void {
  if (!Array.isArray(documents)) return report(name, 'must be a list');
  for (let i = 0; i < documents.length; i += 1)
    if (!isWellFormed(documents[i])) check(documents[i], `${name}[${i}]`, report);
}

function checkCurrency(path: string, code: string, report: Report): void {
  if (!Currency.isValidCode(code)) report(path, `"${String(code)}" is not an ISO 4217 currency code`);
}

function checkDate(path: string, date: string, report: Report): void {
  if (typeof date !== 'string' || !CalendarDate.isValid(date))
    report(path, `"${String(date)}" is not a date (YYYY-MM-DD)`);
}

/** A text that must be there: a number, a description (which may be empty, but not missing). */
function checkText(path: string, value: unknown, report: Report, blank: 'blank allowed' | 'not blank'): void {
  if (typeof value !== 'string') report(path, 'must be a text');
  else if (blank === 'not blank' && isBlank(value)) report(path, 'is empty');
}

/** A text that may be left out (null or undefined), as a SKU or a cited PO number. */
function checkOptionalText(path: string, value: unknown, report: Report): void {
  if (value !== undefined && value !== null && typeof value !== 'string')
    report(path, 'must be a text or absent');
}

function checkDecimal(path: string, value: unknown, report: Report): value is Decimal {
  if (value instanceof Decimal) return true;
  report(path, 'must be a decimal number');
  return false;
}

function checkAmount(path: string, value: unknown, report: Report): void {
  if (typeof value !== 'bigint') report(path, 'must be an amount in minor units (bigint)');
}

/**
 * A sender: a name (empty when only the tax id is known) and a tax id or a name the engine can tell
 * it by, judged on the keys it compares (`---` is no tax id, `...` no name).
 */
function checkVendor(path: string, vendor: VendorIdentity | undefined, report: Report): void {
  if (typeof vendor !== 'object' || vendor === null) return report(path, 'needs a tax id or a name');
  const { name, taxId } = vendor;
  if (typeof name !== 'string')
    report(`${path}.name`, 'must be a text (empty when only the tax id is known)');
  checkOptionalText(`${path}.taxId`, taxId, report);
  const taxIdKey = typeof taxId === 'string' ? normalizeTaxId(taxId) : '';
  if (typeof taxId === 'string' && taxId !== '' && taxIdKey === '')
    report(`${path}.taxId`, 'has no letter or digit (leave it empty when there is none)');
  const named = typeof name === 'string' && normalizeVendorName(name) !== '';
  if (!named && taxIdKey === '') report(path, 'needs a tax id or a name');
}

/**
 * The usual sender, told without normalizing anything: a name and any tax id each start with a
 * letter or digit. Anything else goes to `checkVendor`.
 */
function isPlainlyNamedVendor(vendor: VendorIdentity | undefined): boolean {
  if (typeof vendor !== 'object' || vendor === null || typeof vendor.name !== 'string') return false;
  const taxId = vendor.taxId;
  if (taxId === undefined || taxId === null || taxId === '') return startsWithLetterOrDigit(vendor.name);
  return (
    typeof taxId === 'string' &&
    startsWithLetterOrDigit(taxId) &&
    (vendor.name === '' || startsWithLetterOrDigit(vendor.name))
  );
}

/** An ASCII letter or digit first: the text has a key, whatever normalization drops around it. */
function startsWithLetterOrDigit(text: string): boolean {
  const c = text.charCodeAt(0);
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

function checkKind(path: string, kind: unknown, report: Report): void {
  if (kind !== undefined && kind !== 'invoice' && kind !== 'credit_note')
    report(path, 'must be "invoice" or "credit_note"');
}

const HEADER_FIELDS = {
  purchaseOrders: { number: 'poNumber', date: 'orderDate' },
  invoices: { number: 'invoiceNumber', date: 'invoiceDate' },
} as const;

/** What every purchase order and invoice must name: its number, its vendor, its currency and its date. */
function checkHeader(
  documents: keyof typeof HEADER_FIELDS,
  i: number,
  number: string,
  vendor: VendorIdentity,
  currency: string,
  date: string,
  report: Report,
): void {
  // Field names are looked up only for a problem: this runs once per document of a large run.
  if (typeof number !== 'string' || !startsWithLetterOrDigit(number))
    checkNumber(documents, `${documents}[${i}].${HEADER_FIELDS[documents].number}`, number, report);
  if (!isPlainlyNamedVendor(vendor)) checkVendor(`${documents}[${i}].vendor`, vendor, report);
  if (!Currency.isValidCode(currency)) checkCurrency(`${documents}[${i}].currency`, currency, report);
  if (typeof date !== 'string' || !CalendarDate.isValid(date))
    checkDate(`${documents}[${i}].${HEADER_FIELDS[documents].date}`, date, report);
}

/**
 * A document's number, judged on the key the engine compares: `#` or `--` would be one number with
 * every other such number (a PO found for any receipt citing one, an invoice a duplicate of another).
 */
function checkNumber(
  documents: keyof typeof HEADER_FIELDS,
  path: string,
  number: string,
  report: Report,
): void {
  if (typeof number !== 'string' || isBlank(number)) return checkText(path, number, report, 'not blank');
  const key =
    documents === 'purchaseOrders'
      ? ReferenceNormalizer.poNumber(number)
      : ReferenceNormalizer.invoiceNumber(number);
  if (key === '') report(path, `"${number}" has no letter or digit to tell the document by`);
}

function isOptionalText(value: unknown): boolean {
  return value === undefined || value === null || typeof value === 'string';
}

/** Checks a document's line list; false when there is no list to read. */
function checkLines(path: string, lines: readonly unknown[], report: Report, needs: string): boolean {
  if (!Array.isArray(lines)) {
    report(path, 'must be a list of lines');
    return false;
  }
  if (lines.length === 0) report(path, needs);
  return true;
}

/** `checkLines` for a purchase order or invoice, writing the path only when there is a problem. */
function hasLineList(
  documents: keyof typeof HEADER_FIELDS,
  i: number,
  lines: readonly unknown[],
  report: Report,
  needs: string,
): boolean {
  if (Array.isArray(lines) && lines.length > 0) return true;
  return checkLines(`${documents}[${i}].lines`, lines, report, needs);
}

/** Whether a text is empty or white space only; a printable ASCII first character says no without `trim` copying it. */
function isBlank(text: string): boolean {
  const first = text.charCodeAt(0);
  if (first > 32 && first < 127) return false;
  return text.trim() === '';
}

/** The fields every document line carries: its number, a SKU when it has one. */
function checkLineKeys(
  path: string,
  line: { lineNumber: string; sku?: string | null },
  report: Report,
): void {
  checkText(`${path}.lineNumber`, line.lineNumber, report, 'not blank');
  checkOptionalText(`${path}.sku`, line.sku, report);
}

type PricedLine = ReconciliationInput['purchaseOrders'][number]['lines'][number];

/**
 * A purchase order or invoice line as the engine reads it, tested without writing a path (a run
 * has millions of lines): `checkPricedLine` names what is wrong only for a line that fails.
 */
function isPricedLine(line: PricedLine): boolean {
  return (
    typeof line === 'object' &&
    line !== null &&
    typeof line.lineNumber === 'string' &&
    !isBlank(line.lineNumber) &&
    isOptionalText(line.sku) &&
    typeof line.description === 'string' &&
    typeof line.lineAmount === 'bigint' &&
    line.quantity instanceof Decimal &&
    line.unitPrice instanceof Decimal &&
    line.unitPrice.sign() >= 0
  );
}

/** Description, quantity, unit price and amount, as purchase order and invoice lines both carry them. */
function checkPricedLine(path: string, line: PricedLine, report: Report): void {
  if (typeof line !== 'object' || line === null) return report(path, 'must be a line');
  checkLineKeys(path, line, report);
  checkText(`${path}.description`, line.description, report, 'blank allowed');
  checkAmount(`${path}.lineAmount`, line.lineAmount, report);
  checkDecimal(`${path}.quantity`, line.quantity, report);
  if (checkDecimal(`${path}.unitPrice`, line.unitPrice, report) && line.unitPrice.sign() < 0)
    report(`${path}.unitPrice`, 'must not be negative');
}

function checkPurchaseOrder(
  po: ReconciliationInput['purchaseOrders'][number],
  i: number,
  report: Report,
): void {
  if (typeof po !== 'object' || po === null)
    return report(`purchaseOrders[${i}]`, 'must be a purchase order');
  checkHeader('purchaseOrders', i, po.poNumber, po.vendor, po.currency, po.orderDate, report);
  const lines = po.lines;
  if (!hasLineList('purchaseOrders', i, lines, report, 'a purchase order needs at least one line')) return;
  for (let j = 0; j < lines.length; j += 1) {
    const line = lines[j];
    if (!isPricedLine(line)) checkPricedLine(`purchaseOrders[${i}].lines[${j}]`, line, report);
    if (line?.quantity instanceof Decimal && line.quantity.sign() <= 0)
      report(`purchaseOrders[${i}].lines[${j}].quantity`, 'must be positive');
  }
}

function checkInvoice(invoice: ReconciliationInput['invoices'][number], i: number, report: Report): void {
  if (typeof invoice !== 'object' || invoice === null) return report(`invoices[${i}]`, 'must be an invoice');
  checkHeader(
    'invoices',
    i,
    invoice.invoiceNumber,
    invoice.vendor,
    invoice.currency,
    invoice.invoiceDate,
    report,
  );
  if (typeof invoice.totalAmount !== 'bigint' || typeof invoice.taxAmount !== 'bigint') {
    checkAmount(`invoices[${i}].taxAmount`, invoice.taxAmount, report);
    checkAmount(`invoices[${i}].totalAmount`, invoice.totalAmount, report);
  }
  if (!isOptionalText(invoice.payeeBankAccount))
    checkOptionalText(`invoices[${i}].payeeBankAccount`, invoice.payeeBankAccount, report);
  if (invoice.kind !== undefined) checkKind(`invoices[${i}].kind`, invoice.kind, report);
  // Credit notes carry negative figures; one with a positive total would be taken for a bill.
  if (invoice.kind === 'credit_note' && typeof invoice.totalAmount === 'bigint' && invoice.totalAmount > 0n)
    report(`invoices[${i}].totalAmount`, 'a credit note carries negative amounts');
  const lines = invoice.lines;
  if (!hasLineList('invoices', i, lines, report, 'an invoice needs at least one line')) return;
  for (let j = 0; j < lines.length; j += 1) {
    const line = lines[j];
    if (!isInvoiceLine(line)) checkInvoiceLine(`invoices[${i}].lines[${j}]`, line, report);
  }
}

function isInvoiceLine(line: InvoiceLine): boolean {
  return (
    isPricedLine(line) &&
    isOptionalText(line.poNumber) &&
    isOptionalText(line.poLineNumber) &&
    (line.taxRatePercent === undefined || line.taxRatePercent === null || isPercent(line.taxRatePercent))
  );
}

function checkInvoiceLine(path: string, line: InvoiceLine, report: Report): void {
  checkPricedLine(path, line, report);
  if (typeof line !== 'object' || line === null) return;
  checkOptionalText(`${path}.poNumber`, line.poNumber, report);
  checkOptionalText(`${path}.poLineNumber`, line.poLineNumber, report);
  const rate: unknown = line.taxRatePercent;
  if (rate === undefined || rate === null) return;
  if (!(rate instanceof Decimal)) report(`${path}.taxRatePercent`, 'must be a decimal number or absent');
  else if (!isPercent(rate)) report(`${path}.taxRatePercent`, 'must be between 0 and 100');
}

function isPercent(rate: unknown): boolean {
  return rate instanceof Decimal && rate.sign() >= 0 && rate.compare(HUNDRED) <= 0;
}

function isReceipt(receipt: GoodsReceipt): boolean {
  if (typeof receipt !== 'object' || receipt === null || typeof receipt.receiptNumber !== 'string')
    return false;
  const { poNumber, receiptDate, lines } = receipt;
  if (typeof poNumber !== 'string' || !startsWithLetterOrDigit(poNumber)) return false;
  if (typeof receiptDate !== 'string' || !CalendarDate.isValid(receiptDate)) return false;
  if (!Array.isArray(lines) || lines.length === 0) return false;
  for (let j = 0; j < lines.length; j += 1) {
    const line = lines[j];
    if (typeof line !== 'object' || line === null || !(line.quantityReceived instanceof Decimal))
      return false;
    if (typeof line.lineNumber !== 'string' || isBlank(line.lineNumber) || !isOptionalText(line.sku))
      return false;
  }
  return true;
}

function checkReceipt(receipt: GoodsReceipt, path: string, report: Report): void {
  if (typeof receipt !== 'object' || receipt === null) return report(path, 'must be a goods receipt');
  checkText(`${path}.receiptNumber`, receipt.receiptNumber, report, 'blank allowed');
  checkNumber('purchaseOrders', `${path}.poNumber`, receipt.poNumber, report);
  checkDate(`${path}.receiptDate`, receipt.receiptDate, report);
  if (!checkLines(`${path}.lines`, receipt.lines, report, 'a goods receipt needs at least one line')) return;
  // Indexed: a gap in the list is a missing line, not one to skip.
  for (let j = 0; j < receipt.lines.length; j += 1) {
    const line = receipt.lines[j];
    if (typeof line !== 'object' || line === null) {
      report(`${path}.lines[${j}]`, 'must be a line');
      continue;
    }
    checkLineKeys(`${path}.lines[${j}]`, line, report);
    checkDecimal(`${path}.lines[${j}].quantityReceived`, line.quantityReceived, report);
  }
}

function checkPriorInvoice(prior: PriorInvoice, path: string, report: Report): void {
  if (typeof prior !== 'object' || prior === null) return report(path, 'must be an invoice');
  checkVendor(`${path}.vendor`, prior.vendor, report);
  checkNumber('invoices', `${path}.invoiceNumber`, prior.invoiceNumber, report);
  checkCurrency(`${path}.currency`, prior.currency, report);
  checkDate(`${path}.invoiceDate`, prior.invoiceDate, report);
  checkAmount(`${path}.totalAmount`, prior.totalAmount, report);
  checkKind(`${path}.kind`, prior.kind, report);
  if (prior.lines === undefined) return;
  if (!checkLines(`${path}.lines`, prior.lines, report, 'lines, when given, are at least one')) return;
  for (let j = 0; j < prior.lines.length; j += 1)
    checkInvoiceLine(`${path}.lines[${j}]`, prior.lines[j], report);
}

function checkConsumption(entry: PoLineConsumption, path: string, report: Report): void {
  if (typeof entry !== 'object' || entry === null) return report(path, 'must be a consumption entry');
  checkVendor(`${path}.vendor`, entry.vendor, report);
  checkNumber('purchaseOrders', `${path}.poNumber`, entry.poNumber, report);
  checkDate(`${path}.orderDate`, entry.orderDate, report);
  checkText(`${path}.lineNumber`, entry.lineNumber, report, 'not blank');
  if (
    checkDecimal(`${path}.invoicedQuantity`, entry.invoicedQuantity, report) &&
    entry.invoicedQuantity.sign() < 0
  )
    report(`${path}.invoicedQuantity`, 'must not be negative: credits are netted into it');
  if (entry.invoicedValue !== undefined) checkDecimal(`${path}.invoicedValue`, entry.invoicedValue, report);
}

/**
 * Each vendor override names its vendor by a key the engine compares: an override for a tax id of
 * `---` would apply to nobody, one for a name of `...` to every vendor known by tax id only.
 */
function checkVendorOverrides(policy: TenantTolerancePolicy, report: Report): void {
  policy.vendorOverrides.forEach(({ vendorTaxId, vendorName }, i) => {
    const path = `policy.vendorOverrides[${i}]`;
    if (vendorTaxId) {
      if (normalizeTaxId(vendorTaxId) === '') report(`${path}.vendorTaxId`, 'has no letter or digit');
    } else if (!vendorName || normalizeVendorName(vendorName) === '') {
      report(path, 'needs a vendor tax id or a vendor name with a letter or digit');
    }
  });
}

function checkVendorProfile(profile: VendorProfile, path: string, report: Report): void {
  checkVendor(path, profile, report);
  if (typeof profile === 'object' && profile !== null)
    checkOptionalText(`${path}.confirmedBankAccount`, profile.confirmedBankAccount, report);
}
