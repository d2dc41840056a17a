import { Decimal } from './decimal';
import type { DecisionFindings, FindingSeverity } from './decision-findings';
import type { IncomingInvoice } from './incoming-invoice';
import type { LineAllocation } from './line-pairing';
import type { PoLineLedger } from './po-line-ledger';
import type { ReasonCode } from './reason-code';

/**
 * The decision's view of the PO ledger: what had been invoiced against a PO line before this invoice,
 * and how severe a breach of what is left (open quantity, receipts, creditable quantity) is. It is
 * blocking, unless the invoice is a likely duplicate: then the duplicate is the root cause, and the
 * breach is held for review with it.
 */
export interface LedgerView {
  invoicedBefore(poLine: PoLineLedger): Decimal;
  readonly breachSeverity: FindingSeverity;
}

/** The quantity billed (or credited) on each PO line, in order of first allocation. */
export function quantitiesPerPoLine(allocations: readonly LineAllocation[]): {
  poLines: PoLineLedger[];
  quantities: Decimal[];
} {
  // An invoice has few lines: parallel arrays, not maps keyed by objects.
  const poLines: PoLineLedger[] = [];
  const quantities: Decimal[] = [];
  for (const allocation of allocations) {
    const at = poLines.indexOf(allocation.poLine);
    if (at >= 0) quantities[at] = quantities[at].add(allocation.quantity);
    else {
      poLines.push(allocation.poLine);
      quantities.push(Decimal.ZERO.add(allocation.quantity));
    }
  }
  return { poLines, quantities };
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

function checkQuantity(
  invoice: IncomingInvoice,
  poLine: PoLineLedger,
  billed: Decimal,
  invoiced: Decimal,
): QuantityCheck {
  if (invoice.sign < 0)
    return { aloneTooMuch: false, beyondOpen: billed.compare(invoiced) > 0, beyondReceived: false };
  const policy = invoice.policy;
  const ordered = poLine.ordered;
  const allowance = policy.quantityOverPercent.percentOf(ordered);
  const threeWay = policy.matchingMode === 'three_way';
  return {
    aloneTooMuch: billed.compare(ordered.add(allowance)) > 0,
    beyondOpen: billed.compare(ordered.sub(invoiced).add(allowance)) > 0,
    beyondReceived:
      threeWay &&
      billed.compare(
        poLine.received.sub(invoiced).add(policy.quantityOverPercent.percentOf(poLine.received)),
      ) > 0,
  };
}

/**
 * Whether accepting the invoice would take a PO line past what is left of it: its open quantity, its
 * receipts (3-way) or, for a credit note, what was invoiced. An invoice resent with identical content
 * is a likely duplicate only then; while the PO has room, it may be the next partial invoice.
 */
export function exceedsRoom(
  invoice: IncomingInvoice,
  allocations: readonly LineAllocation[],
  invoicedBefore: (poLine: PoLineLedger) => Decimal,
): boolean {
  const { poLines, quantities } = quantitiesPerPoLine(allocations);
  for (let i = 0; i < poLines.length; i += 1) {
    const check = checkQuantity(invoice, poLines[i], quantities[i].abs(), invoicedBefore(poLines[i]));
    if (check.beyondOpen || check.beyondReceived) return true;
  }
  return false;
}

const quantityRules = new WeakMap<Decimal, string>();

function quantityRule(percent: Decimal): string {
  let rule = quantityRules.get(percent);
  if (rule === undefined) {
    rule = `over: ${percent.normalized().toString()}% of ordered`;
    quantityRules.set(percent, rule);
  }
  return rule;
}

function poLineField(poLine: PoLineLedger, field: string): string {
  return `po_lines[${poLine.purchaseOrder.poNumber}/${poLine.source.lineNumber}].${field}`;
}

/** Checks one PO line's billed quantity against the order, earlier invoices and (3-way) receipts. */
export function reviewQuantity(
  invoice: IncomingInvoice,
  poLine: PoLineLedger,
  quantity: Decimal,
  ledger: LedgerView,
  findings: DecisionFindings,
): void {
  const billed = quantity.abs();
  const invoiced = ledger.invoicedBefore(poLine);
  const check = checkQuantity(invoice, poLine, billed, invoiced);
  if (invoice.sign < 0) {
    if (findings.explains)
      findings.explain({
        field: poLineField(poLine, 'credited_quantity'),
        expected: invoiced,
        actual: billed,
        difference: billed.sub(invoiced),
        tolerance: null,
        outcome: check.beyondOpen ? 'breach' : 'ok',
        reason: check.beyondOpen ? 'QTY_VARIANCE' : null,
        note: 'a credit note may not credit more than was invoiced',
      });
    if (check.beyondOpen) findings.raise('QTY_VARIANCE', ledger.breachSeverity);
    return;
  }
  reviewOrdered(invoice, poLine, billed, invoiced, check, findings);
  if (check.aloneTooMuch) findings.raise('QTY_VARIANCE', 'blocking');
  else if (check.beyondOpen) findings.raise('OVER_INVOICED', ledger.breachSeverity);
  if (invoice.policy.matchingMode !== 'three_way') return;
  reviewReceived(invoice, poLine, billed, invoiced, check, findings);
  if (check.beyondReceived) findings.raise('NOT_RECEIVED', ledger.breachSeverity);
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
  const open = ordered.sub(invoiced);
  const reason: ReasonCode | null = check.aloneTooMuch
    ? 'QTY_VARIANCE'
    : check.beyondOpen
      ? 'OVER_INVOICED'
      : null;
  const expected = check.aloneTooMuch ? ordered : open;
  const percent = invoice.policy.quantityOverPercent;
  findings.explain({
    field: poLineField(poLine, 'quantity'),
    expected,
    actual: billed,
    difference: billed.sub(expected),
    tolerance: { rule: quantityRule(percent), allowed: percent.percentOf(ordered) },
    outcome: reason ? 'breach' : 'ok',
    reason,
    ...(reason || !invoiced.isZero()
      ? { note: `ordered ${ordered.toString()}, invoiced before ${invoiced.toString()}` }
      : {}),
  });
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
  const receivable = poLine.received.sub(invoiced);
  const percent = invoice.policy.quantityOverPercent;
  findings.explain({
    field: poLineField(poLine, 'received_quantity'),
    expected: receivable,
    actual: billed,
    difference: billed.sub(receivable),
    tolerance: { rule: quantityRule(percent), allowed: percent.percentOf(poLine.ordered) },
    outcome: check.beyondReceived ? 'breach' : 'ok',
    reason: check.beyondReceived ? 'NOT_RECEIVED' : null,
    ...(!poLine.purchaseOrder.hasReceipts
      ? { note: 'no goods receipt recorded for this purchase order' }
      : check.beyondReceived || !invoiced.isZero()
        ? { note: `received ${poLine.received.toString()}, invoiced before ${invoiced.toString()}` }
        : {}),
  });
}
