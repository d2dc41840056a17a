import type { VendorResolution } from './vendor-directory';
import type { Decimal } from './decimal';
import { DecisionFindings } from './decision-findings';
import type { DuplicateFinding, DuplicateKind } from './duplicate-register';
import { describeBankAccount, namesBankAccount, sameBankAccount } from './bank-account';
import { ROUTE_NOTES } from './explanation-notes';
import type { IncomingInvoice, IncomingInvoiceLine } from './incoming-invoice';
import type { LineAllocation } from './line-pairing';
import type { FieldExplanation } from './match-decision';
import type { AssignmentProblem, AssignmentRoute } from './purchase-order-assignment';
import type { PurchaseOrderLedger } from './purchase-order-ledger';
import { exceedsRoom } from './quantity-review';
import { reviewTax } from './tax-review';
import { reviewVariances } from './variance-review';

/** How the lines citing one reference (or an invoice citing none) were assigned to a purchase order. */
export interface AssignmentOutline {
  readonly citedReference: string | null;
  readonly order: PurchaseOrderLedger | null;
  readonly route: AssignmentRoute | null;
  readonly problem: AssignmentProblem | null;
  /** The cited PO, when it exists but was passed over for a PO whose lines fit. */
  readonly passedOver: PurchaseOrderLedger | null;
  /** Another vendor's PO with the cited number, when this vendor's own PO was found instead. */
  readonly citedOfAnotherVendor: PurchaseOrderLedger | null;
}

/**
 * Everything a decision rests on, as it stood when the invoice was decided. The engine judges from it
 * once to decide, and again, when someone reads the explanation, to write the explanation: both runs
 * see the same facts, so the explanation always tells why the decision came out as it did.
 */
export interface DecisionGrounds {
  readonly invoice: IncomingInvoice;
  readonly duplicate: DuplicateFinding | null;
  /** The vendor's confirmed account, looked up only when the invoice names a payee account. */
  readonly confirmedBankAccount: string | null;
  /** With none confirmed: another account an earlier invoice of the vendor in this run named. */
  readonly earlierPayeeAccount: string | null;
  readonly assignments: readonly AssignmentOutline[];
  readonly allocations: readonly LineAllocation[];
  readonly unmatched: readonly IncomingInvoiceLine[];
  /** Quantity invoiced on each allocation's PO line before this invoice, parallel to `allocations`. */
  readonly invoicedBefore: readonly Decimal[];
}

/** Runs every check of a decision in explanation order, raising reasons (and explaining, if `findings` do). */
export function examine(grounds: DecisionGrounds, findings: DecisionFindings): void {
  const standing = grounds.duplicate ? duplicateStanding(grounds, grounds.duplicate) : null;
  if (grounds.duplicate && standing) flagDuplicate(grounds.invoice, grounds.duplicate, standing, findings);
  checkBankAccount(grounds, findings);
  explainAssignments(grounds.invoice, grounds.assignments, findings);
  if (grounds.allocations.length > 0 || grounds.unmatched.length > 0) {
    reviewVariances(
      grounds.invoice,
      grounds.allocations,
      grounds.unmatched,
      grounds.invoicedBefore,
      standing === 'likely' ? 'review' : 'blocking',
      findings,
    );
  } else if (grounds.assignments.every((assignment) => assignment.order === null)) {
    // With no PO at all, the invoice still has to add up: lines plus tax. (A PO held for a person,
    // a weak candidate say, is checked in full once that person confirms it.)
    reviewTax(grounds.invoice, findings);
  }
}

/**
 * How sure the engine is that a repeat is a duplicate. Identical content under another date and number
 * is a likely duplicate only when accepting it would take a PO line past what is left of it (open
 * quantity, receipts): while the PO has room it may be the next partial invoice, decided as usual
 * with a note naming the earlier invoice.
 */
function duplicateStanding(grounds: DecisionGrounds, duplicate: DuplicateFinding): DuplicateStanding {
  const kind = duplicate.kind;
  if (kind === 'same_number' || kind === 'identical_content') return 'certain';
  if (kind === 'same_amount_and_date') return 'likely';
  return exceedsRoom(grounds.invoice, grounds.allocations, grounds.invoicedBefore) ? 'likely' : 'noted';
}

/** The per-field explanation of a decision, written from its grounds. */
export function explainDecision(grounds: DecisionGrounds): FieldExplanation[] {
  const findings = new DecisionFindings(true);
  examine(grounds, findings);
  return findings.explanation;
}

function explainAssignments(
  invoice: IncomingInvoice,
  assignments: readonly AssignmentOutline[],
  findings: DecisionFindings,
): void {
  for (const assignment of assignments) {
    const problem = assignment.problem;
    if (findings.explains)
      findings.explain({
        field: 'po_number',
        expected: assignment.order?.poNumber ?? null,
        actual: assignment.citedReference,
        difference: null,
        tolerance: null,
        outcome: problem ? (problem.severity === 'blocking' ? 'breach' : 'warning') : 'ok',
        reason: problem?.code ?? null,
        note: problem?.note ?? routeNote(assignment),
      });
    if (findings.explains && assignment.order) explainDatedBeforeOrder(invoice, assignment.order, findings);
    if (problem) findings.raise(problem.code, problem.severity);
  }
  if (!findings.explains) return;
  const first = assignments.find((assignment) => assignment.order)?.order;
  if (first) {
    findings.explain({
      field: 'vendor',
      expected: first.source.vendor.name,
      actual: invoice.source.vendor.name,
      difference: null,
      tolerance: null,
      outcome: findings.has('VENDOR_MISMATCH') ? 'breach' : 'ok',
      reason: findings.has('VENDOR_MISMATCH') ? 'VENDOR_MISMATCH' : null,
      note: RECOGNITION_NOTES[invoice.vendor.resolution],
    });
  }
}

/**
 * A warning, without a reason code, when the invoice is dated before the PO it is matched to: a
 * purchase order raised after the invoice is the classic sign of buying first and ordering later.
 */
function explainDatedBeforeOrder(
  invoice: IncomingInvoice,
  order: PurchaseOrderLedger,
  findings: DecisionFindings,
): void {
  if (invoice.day >= order.orderDay) return;
  findings.explain({
    field: 'invoice_date',
    expected: `on or after ${order.source.orderDate}`,
    actual: invoice.source.invoiceDate,
    difference: null,
    tolerance: null,
    outcome: 'warning',
    reason: null,
    note: `dated before PO ${order.poNumber} was ordered: check that the order was not raised after the invoice`,
  });
}

/** How the sender was told, in the vendor finding. */
const RECOGNITION_NOTES: Record<VendorResolution, string> = {
  tax_id: 'recognised by tax id',
  name: 'recognised by name',
  similar_name: 'recognised by a similar name',
  purchase_order: 'recognised by the purchase order it cites',
  unknown: 'not recognised: neither its tax id nor its name is a known vendor',
};

/** `certain`: an exception; `likely`: for a person to confirm; `noted`: a warning in the explanation only. */
type DuplicateStanding = 'certain' | 'likely' | 'noted';

const DUPLICATE_NOTES: Record<DuplicateKind, string> = {
  same_number: 'same vendor and same invoice number after normalization',
  identical_content: 'same vendor, date, total and lines under another number',
  same_amount_and_date: 'same vendor, date and total under another number: likely duplicate',
  identical_content_other_date:
    'same vendor, total and lines as an earlier invoice with another date and number, and the PO has ' +
    'no open quantity left for it: likely duplicate',
};
const NOTED_RESEND =
  'same vendor, total and lines as an earlier invoice with another date and number; the PO has room ' +
  'for both, so it is decided as a further partial invoice: check that it is not a resend';

function flagDuplicate(
  invoice: IncomingInvoice,
  duplicate: DuplicateFinding,
  standing: DuplicateStanding,
  findings: DecisionFindings,
): void {
  if (findings.explains)
    findings.explain({
      field: 'invoice_number',
      expected: `not already received (earlier: ${duplicate.original})`,
      actual: invoice.invoiceNumber,
      difference: null,
      tolerance: null,
      outcome: standing === 'certain' ? 'breach' : 'warning',
      reason: standing === 'noted' ? null : 'DUPLICATE_INVOICE',
      note: standing === 'noted' ? NOTED_RESEND : DUPLICATE_NOTES[duplicate.kind],
    });
  if (standing !== 'noted')
    findings.raise('DUPLICATE_INVOICE', standing === 'likely' ? 'review' : 'blocking');
}

function checkBankAccount(grounds: DecisionGrounds, findings: DecisionFindings): void {
  const payee = grounds.invoice.source.payeeBankAccount;
  if (!namesBankAccount(payee)) return;
  const confirmed = grounds.confirmedBankAccount;
  if (confirmed === null) {
    // A credit note asks for no payment: there is nothing to confirm before paying.
    if (grounds.invoice.kind === 'invoice')
      checkUnconfirmedAccount(payee, grounds.earlierPayeeAccount, findings);
    return;
  }
  const changed = confirmed !== payee && !sameBankAccount(confirmed, payee);
  if (findings.explains)
    findings.explain({
      field: 'payee_bank_account',
      expected: describeBankAccount(confirmed),
      actual: describeBankAccount(payee),
      difference: null,
      tolerance: null,
      outcome: changed ? 'breach' : 'ok',
      reason: changed ? 'BANK_DETAILS_CHANGED' : null,
      note: changed
        ? 'differs from the account last confirmed with the vendor'
        : 'matches the confirmed account',
    });
  if (changed) findings.raise('BANK_DETAILS_CHANGED', 'blocking');
}

/** No account confirmed: noted, and held for a person when an earlier invoice of the run asked for another. */
function checkUnconfirmedAccount(payee: string, earlier: string | null, findings: DecisionFindings): void {
  if (findings.explains)
    findings.explain({
      field: 'payee_bank_account',
      expected: earlier === null ? null : describeBankAccount(earlier),
      actual: describeBankAccount(payee),
      difference: null,
      tolerance: null,
      outcome: 'warning',
      reason: earlier === null ? null : 'BANK_DETAILS_CHANGED',
      note:
        earlier === null
          ? 'no confirmed account on file for this vendor'
          : 'no confirmed account on file for this vendor, and an earlier invoice of this vendor in this run asks to be paid into another account: confirm the right one with the vendor before paying',
    });
  if (earlier !== null) findings.raise('BANK_DETAILS_CHANGED', 'review');
}

function routeNote(assignment: AssignmentOutline): string {
  if (!assignment.route) return '';
  const found =
    assignment.route === 'similar_reference'
      ? 'whose number is one or two characters away'
      : 'found by vendor, currency, amount and lines';
  const matched = `PO ${assignment.order?.poNumber ?? ''}, ${found}, whose lines fit`;
  if (assignment.passedOver)
    return `the cited PO ${assignment.passedOver.poNumber} fits these lines poorly; matched ${matched}`;
  if (assignment.citedOfAnotherVendor)
    return `the cited PO ${assignment.citedOfAnotherVendor.poNumber} is another vendor's; matched this vendor's ${matched}`;
  if (assignment.route === 'reference' && assignment.citedReference === assignment.order?.poNumber)
    return ROUTE_NOTES.exact;
  return ROUTE_NOTES[assignment.route];
}
