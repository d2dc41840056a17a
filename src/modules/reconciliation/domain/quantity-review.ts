import { Decimal } from './decimal';
import type { DecisionFindings, FindingSeverity } from './decision-findings';
import type { IncomingInvoice } from './incoming-invoice';
import type { LineAllocation } from './line-pairing';
import type { PoLineLedger } from './po-line-ledger';
import type { ReasonCode } from './reason-code';

/**
 * Whether allocation `at` is the first on its PO line. An invoice has few lines, so the callers walk
 * the allocations in place rather than building arrays or maps per PO line.
 */
function firstOnPoLine(allocations: readonly LineAllocation[], at: number): boolean {
  const poLine = allocations[at].poLine;
  for (let i = 0; i < at; i += 1) if (allocations[i].poLine === poLine) return false;
  return true;
}

/** The quantity billed on the PO line of allocation `first`, the first on that line. */
function quantityOnPoLine(allocations: readonly LineAllocation[], first: number): Decimal {
  const poLine = allocations[first].poLine;
  let quantity = allocations[first].quantity;
  for (let i = first + 1; i < allocations.length; i += 1)
    if (allocations[i].poLine === poLine) quantity = quantity.add(allocations[i].quantity);
  return quantity;
}

/** How one PO line can take what an invoice bills on it, given what was invoiced before. */
interface QuantityCheck {
  /** This invoice alone bills more than ordered (an invoice), plus the quantity tolerance. */
  readonly aloneTooMuch: boolean;
  /** Beyond what is left: ordered minus invoiced (an invoice), or invoiced (a credit note). */
  readonly beyondOpen: boolean;
  /** 3-way only: beyond received minus invoiced, plus the quantity tolerance. */
  readonly beyondReceived: boolean;
}

/** Every possible check, built once: indexed by aloneTooMuch + 2 × beyondOpen + 4 × beyondReceived. */
const CHECKS: readonly QuantityCheck[] = Array.from({ length: 8 }, (_, bits) => ({
  aloneTooMuch: (bits & 1) !== 0,
  beyondOpen: (bits & 2) !== 0,
  beyondReceived: (bits & 4) !== 0,
}));

function quantityCheck(aloneTooMuch: boolean, beyondOpen: boolean, beyondReceived: boolean): QuantityCheck {
  return CHECKS[(aloneTooMuch ? 1 : 0) + (beyondOpen ? 2 : 0) + (beyondReceived ? 4 : 0)];
}

/**
 * `billed` is the magnitude of what the invoice puts on the PO line; `credits` says it gives
 * quantity back (a credit note, or a return line on an invoice), which may not exceed what was
 * invoiced.
 */
function checkQuantity(
  invoice: IncomingInvoice,
  poLine: PoLineLedger,
  billed: Decimal,
  credits: boolean,
  invoiced: Decimal,
): QuantityCheck {
  // Nothing billed takes nothing, even from a line that earlier invoices took past its order.
  if (billed.isZero()) return CHECKS[0];
  if (credits) return quantityCheck(false, billed.compare(invoiced) > 0, false);
  const percent = invoice.policy.quantityOverPercent;
  const ordered = poLine.ordered;
  const allowance = percent.isZero() ? Decimal.ZERO : percent.percentOf(ordered);
  const threeWay = invoice.policy.matchingMode === 'three_way';
  return quantityCheck(
    exceeds(billed, Decimal.ZERO, ordered, allowance),
    exceeds(billed, invoiced, ordered, allowance),
    threeWay &&
      exceeds(
        billed,
        invoiced,
        poLine.received,
        percent.isZero() ? Decimal.ZERO : percent.percentOf(poLine.received),
      ),
  );
}

/**
 * Whether `billed` goes beyond `limit - invoiced + allowance`, exactly: on safe integers at the
 * largest scale (units at a scale no smaller than a value's own are exact), else on decimals.
 */
function exceeds(billed: Decimal, invoiced: Decimal, limit: Decimal, allowance: Decimal): boolean {
  if (invoiced.isZero() && allowance.isZero()) return billed.compare(limit) > 0;
  const scale = Math.max(billed.scale, invoiced.scale, limit.scale, allowance.scale);
  const taken = unitsAt(billed, scale) + unitsAt(invoiced, scale);
  const room = unitsAt(limit, scale) + unitsAt(allowance, scale);
  if (Number.isSafeInteger(taken) && Number.isSafeInteger(room)) return taken > room;
  return billed.compare(limit.sub(invoiced).add(allowance)) > 0;
}

function unitsAt(value: Decimal, scale: number): number {
  return value.toSafeMinorUnits(scale, 'half-up');
}

/**
 * Whether accepting the invoice would take a PO line past what is left of it: its open quantity, its
 * receipts (3-way) or, for a credit note, what was invoiced. An invoice resent with identical content
 * is a likely duplicate only then; while the PO has room, it may be the next partial invoice.
 */
export function exceedsRoom(
  invoice: IncomingInvoice,
  allocations: readonly LineAllocation[],
  invoicedBefore: readonly Decimal[],
): boolean {
  return somePoLineCheck(
    invoice,
    allocations,
    (i) => invoicedBefore[i],
    (check) => check.beyondOpen || check.beyondReceived,
  );
}

/**
 * 3-way only: whether the pairing bills some PO line beyond what was received on it and not yet
 * invoiced (with the quantity tolerance), as the quantity review would find: `NOT_RECEIVED`.
 */
export function billsBeyondReceipts(
  invoice: IncomingInvoice,
  allocations: readonly LineAllocation[],
): boolean {
  if (invoice.policy.matchingMode !== 'three_way') return false;
  return somePoLineCheck(
    invoice,
    allocations,
    (i) => allocations[i].poLine.invoiced,
    (check) => check.beyondReceived,
  );
}

/** Whether the check of the quantity billed on some PO line, against `invoicedAt` its first allocation, `fails`. */
function somePoLineCheck(
  invoice: IncomingInvoice,
  allocations: readonly LineAllocation[],
  invoicedAt: (first: number) => Decimal,
  fails: (check: QuantityCheck) => boolean,
): boolean {
  for (let i = 0; i < allocations.length; i += 1) {
    if (!firstOnPoLine(allocations, i)) continue;
    const quantity = quantityOnPoLine(allocations, i);
    const check = checkQuantity(
      invoice,
      allocations[i].poLine,
      quantity.abs(),
      quantity.sign() < 0,
      invoicedAt(i),
    );
    if (fails(check)) return true;
  }
  return false;
}

/**
 * Reviews the quantity billed on each PO line, in order of first allocation, against what had been
 * invoiced on it before this invoice (`invoicedBefore`, parallel to the allocations). A breach of what
 * is left (open quantity, receipts, creditable quantity) has `breachSeverity`: blocking, unless the
 * invoice is a likely duplicate; then the duplicate is the root cause, and the breach is held for
 * review with it.
 */
export function reviewQuantities(
  invoice: IncomingInvoice,
  allocations: readonly LineAllocation[],
  invoicedBefore: readonly Decimal[],
  breachSeverity: FindingSeverity,
  findings: DecisionFindings,
): void {
  for (let i = 0; i < allocations.length; i += 1) {
    if (!firstOnPoLine(allocations, i)) continue;
    const quantity = quantityOnPoLine(allocations, i);
    reviewQuantity(invoice, allocations[i].poLine, quantity, invoicedBefore[i], breachSeverity, findings);
  }
}

const quantityRules = { ordered: new WeakMap<Decimal, string>(), received: new WeakMap<Decimal, string>() };

function quantityRule(percent: Decimal, base: 'ordered' | 'received'): string {
  let rule = quantityRules[base].get(percent);
  if (rule === undefined) {
    rule = `over: ${percent.normalized().toString()}% of ${base}`;
    quantityRules[base].set(percent, rule);
  }
  return rule;
}

function poLineField(poLine: PoLineLedger, field: string): string {
  return `po_lines[${poLine.purchaseOrder.poNumber}/${poLine.source.lineNumber}].${field}`;
}

/** Checks one PO line's billed quantity against the order, earlier invoices and (3-way) receipts. */
function reviewQuantity(
  invoice: IncomingInvoice,
  poLine: PoLineLedger,
  quantity: Decimal,
  invoiced: Decimal,
  breachSeverity: FindingSeverity,
  findings: DecisionFindings,
): void {
  const billed = quantity.abs();
  const credits = quantity.sign() < 0;
  const check = checkQuantity(invoice, poLine, billed, credits, invoiced);
  if (credits) {
    if (findings.explains)
      findings.explain({
        field: poLineField(poLine, 'credited_quantity'),
        expected: invoiced,
        actual: billed,
        difference: billed.sub(invoiced),
        tolerance: null,
        outcome: check.beyondOpen ? 'breach' : 'ok',
        reason: check.beyondOpen ? 'QTY_VARIANCE' : null,
        note: 'a credit may not exceed what was invoiced on the PO line',
      });
    if (check.beyondOpen) findings.raise('QTY_VARIANCE', breachSeverity);
    return;
  }
  reviewOrdered(invoice, poLine, billed, invoiced, check, findings);
  if (check.aloneTooMuch) findings.raise('QTY_VARIANCE', 'blocking');
  else if (check.beyondOpen) findings.raise('OVER_INVOICED', breachSeverity);
  if (invoice.policy.matchingMode !== 'three_way') return;
  reviewReceived(invoice, poLine, billed, invoiced, check, findings);
  if (check.beyondReceived) findings.raise('NOT_RECEIVED', breachSeverity);
}

function reviewOrdered(
  invoice: IncomingInvoice,
  poLine: PoLineLedger,
  billed: Decimal,
  invoiced: Decimal,
  check: QuantityCheck,
  findings: DecisionFindings,
): void {
  if (!findings.explains) return;
  const ordered = poLine.ordered;
  const reason: ReasonCode | null = check.aloneTooMuch
    ? 'QTY_VARIANCE'
    : check.beyondOpen
      ? 'OVER_INVOICED'
      : null;
  const note =
    reason || !invoiced.isZero()
      ? `ordered ${ordered.toString()}, invoiced before ${invoiced.toString()}`
      : null;
  const expected = check.aloneTooMuch ? ordered : ordered.sub(invoiced);
  explainQuantity(invoice, poLine, 'quantity', expected, billed, reason, note, findings, 'ordered');
}

function reviewReceived(
  invoice: IncomingInvoice,
  poLine: PoLineLedger,
  billed: Decimal,
  invoiced: Decimal,
  check: QuantityCheck,
  findings: DecisionFindings,
): void {
  if (!findings.explains) return;
  const order = poLine.purchaseOrder;
  const note = !order.hasReceipts
    ? order.receiptUndecided
      ? 'a goods receipt names this PO number, which another purchase order has too; it counts for neither'
      : 'no goods receipt recorded for this purchase order'
    : check.beyondReceived || !invoiced.isZero()
      ? `received ${poLine.received.toString()}, invoiced before ${invoiced.toString()}`
      : null;
  const reason = check.beyondReceived ? 'NOT_RECEIVED' : null;
  const receivable = poLine.received.sub(invoiced);
  explainQuantity(
    invoice,
    poLine,
    'received_quantity',
    receivable,
    billed,
    reason,
    note,
    findings,
    'received',
  );
}

/**
 * One quantity of a PO line against what the invoice bills, with the quantity tolerance the check
 * applied: a percentage of the ordered quantity, or (3-way) of the received quantity.
 */
function explainQuantity(
  invoice: IncomingInvoice,
  poLine: PoLineLedger,
  field: string,
  expected: Decimal,
  billed: Decimal,
  reason: ReasonCode | null,
  note: string | null,
  findings: DecisionFindings,
  base: 'ordered' | 'received',
): void {
  const percent = invoice.policy.quantityOverPercent;
  findings.explain({
    field: poLineField(poLine, field),
    expected,
    actual: billed,
    difference: billed.sub(expected),
    tolerance: {
      rule: quantityRule(percent, base),
      allowed: percent.percentOf(base === 'ordered' ? poLine.ordered : poLine.received),
    },
    outcome: reason ? 'breach' : 'ok',
    reason,
    ...(note === null ? {} : { note }),
  });
}
