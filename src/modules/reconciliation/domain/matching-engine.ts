import { CalendarDate } from './calendar-date';
import { roundScore } from './candidate-score';
import { DecisionFindings } from './decision-findings';
import { DecisionRecord } from './decision-record';
import { examine, type AssignmentOutline, type DecisionGrounds } from './decision-grounds';
import { DuplicateRegister } from './duplicate-register';
import { explainedLazily } from './explained-decision';
import { IncomingInvoice, type IncomingInvoiceLine } from './incoming-invoice';
import type { Invoice } from './invoice';
import { pairLines, type LineAllocation } from './line-pairing';
import type { CandidatePurchaseOrder, MatchDecision } from './match-decision';
import { PurchaseOrderAssignment, type GroupAssignment } from './purchase-order-assignment';
import { PurchaseOrderBook } from './purchase-order-book';
import type { PurchaseOrderLedger } from './purchase-order-ledger';
import type { ReconciliationInput } from './reconciliation-input';
import { ReferenceNormalizer } from './reference-normalizer';
import { InputCheck } from './reconciliation-input-validator';
import type { ReconciliationResult } from './reconciliation-result';
import { SenderRecognition } from './sender-recognition';
import { VendorDirectory } from './vendor-directory';
import { VendorPolicies } from './vendor-policies';
import { namesBankAccount } from './bank-account';
import { PayeeAccountsInRun } from './payee-accounts-in-run';

const MAX_ALTERNATIVES = 5;
const NO_ALTERNATIVES: readonly CandidatePurchaseOrder[] = Object.freeze([]);
const NOTHING_SETTLED = { allocations: [], unmatched: [] } as const;
const HELD_BY_ASSIGNMENT = new Set(['VENDOR_MISMATCH', 'CURRENCY_MISMATCH', 'PO_NOT_FOUND']);

/**
 * Matches every invoice of a run to purchase order lines, in order of arrival, and explains each
 * decision. Pure and deterministic: the same input gives the same decisions in the same order.
 */
export class MatchingEngine {
  run(input: ReconciliationInput): ReconciliationResult {
    const check = new InputCheck(input);
    const vendors = new VendorDirectory();
    if (check.settingsAdmitted()) for (const profile of input.vendors ?? []) vendors.registerProfile(profile);
    const book = new PurchaseOrderBook(
      input.purchaseOrders,
      input.goodsReceipts,
      input.consumed ?? [],
      vendors,
      check,
    );
    const senders = new SenderRecognition(vendors, book);
    const duplicates = new DuplicateRegister();
    for (const prior of input.priorInvoices ?? []) {
      const sender = senders.recognise(prior);
      duplicates.register({
        vendorKey: sender.key,
        writtenKey: sender.writtenKey ?? (sender.resolution === 'unknown' ? sender.key : undefined),
        kind: prior.kind ?? (prior.totalAmount < 0n ? 'credit_note' : 'invoice'),
        invoiceNumber: prior.invoiceNumber,
        numberKey: ReferenceNormalizer.invoiceNumber(prior.invoiceNumber),
        currency: prior.currency,
        day: CalendarDate.toDayNumber(prior.invoiceDate),
        totalMinor: prior.totalAmount,
        ...(prior.lines ? { source: { lines: prior.lines } } : {}),
      });
    }
    const run = new MatchingRun(input, vendors, senders, book, duplicates);
    // Indexed, not `map`: a gap in the list is checked (and refused), not skipped.
    const decisions: MatchDecision[] = [];
    for (let index = 0; index < input.invoices.length; index += 1) {
      check.assertInvoice(index);
      decisions.push(run.decide(input.invoices[index], index));
    }
    return { decisions, consumption: book.consumption() };
  }
}

class MatchingRun {
  private readonly assignment: PurchaseOrderAssignment;
  private readonly policies: VendorPolicies;
  private readonly payees = new PayeeAccountsInRun();

  constructor(
    private readonly input: ReconciliationInput,
    private readonly vendors: VendorDirectory,
    private readonly senders: SenderRecognition,
    private readonly book: PurchaseOrderBook,
    private readonly duplicates: DuplicateRegister,
  ) {
    this.assignment = new PurchaseOrderAssignment(book);
    this.policies = new VendorPolicies(input.policy, vendors);
  }

  decide(invoice: Invoice, index: number): MatchDecision {
    const vendor = this.senders.recognise(invoice);
    const incoming = new IncomingInvoice(index, invoice, vendor, this.policies.forVendor(vendor));
    const duplicate = this.duplicates.check(incoming);
    this.duplicates.registerIncoming(incoming);
    const assignments = this.assign(incoming);
    const { allocations, unmatched } = this.settleLines(incoming, assignments);
    const payee = invoice.payeeBankAccount;
    const confirmedBankAccount = payee ? this.vendors.confirmedBankAccount(vendor.key) : null;
    const grounds: DecisionGrounds = {
      invoice: incoming,
      duplicate,
      confirmedBankAccount,
      // Only without a confirmed account (rare once a vendor master is kept): the check reads the
      // account text, which an invoice naming the confirmed one never needs. A credit note asks for
      // no payment: it neither sets the account the vendor's invoices are compared with nor is held.
      earlierPayeeAccount:
        confirmedBankAccount === null && incoming.kind === 'invoice' && namesBankAccount(payee)
          ? this.payees.earlierOther(vendor.key, payee)
          : null,
      assignments: assignments.map(outline),
      allocations,
      unmatched,
      invoicedBefore: allocations.map((allocation) => allocation.poLine.invoiced),
    };
    const findings = new DecisionFindings(false);
    examine(grounds, findings);
    const verdict = findings.verdict();
    if (verdict.tier === 'auto_matched') {
      for (const share of allocations)
        share.poLine.recordMatched(share.quantity, share.invoiceLine.unitPrice);
      for (const share of allocations) share.poLine.settleBilledPrices();
      for (const order of billedOrders(allocations)) this.book.noteBilled(order);
    }
    const orders = uniqueOrders(assignments);
    let score = Number.POSITIVE_INFINITY;
    for (const assignment of assignments) score = Math.min(score, assignment.chosen?.score ?? 0);
    return explainedLazily(
      {
        invoiceIndex: index,
        invoiceNumber: invoice.invoiceNumber,
        vendorName: invoice.vendor.name,
        vendorTaxId: invoice.vendor.taxId ?? null,
        kind: incoming.kind,
        currency: incoming.currency.code,
        tier: verdict.tier,
        reason: verdict.reason,
        reasons: verdict.reasons,
        score: roundScore(score),
        poNumbers: orders.map((order) => order.poNumber),
        candidates: alternatives(assignments, orders),
        // A resend noted only as a warning (the PO had room for it) is not named a duplicate.
        duplicateOf: duplicate && findings.has('DUPLICATE_INVOICE') ? duplicate.original : null,
      },
      DecisionRecord.of(grounds),
    );
  }

  /** One assignment per cited reference; lines citing none join the others' POs, or are searched for together. */
  private assign(invoice: IncomingInvoice): GroupAssignment[] {
    const lines = invoice.lines;
    const first = lines[0].referenceKey;
    // The usual case: every line cites the same PO, or none does.
    if (lines.every((line) => line.referenceKey === first))
      return [
        this.assignment.assign(invoice, first === '' ? null : (lines[0].source.poNumber ?? null), lines),
      ];
    // Invoices have few lines: groups in order of first citation, found by scanning, not hashing.
    const groups: IncomingInvoiceLine[][] = [];
    for (const line of lines) {
      if (line.referenceKey === '') continue;
      const group = groups.find((candidate) => candidate[0].referenceKey === line.referenceKey);
      if (group) group.push(line);
      else groups.push([line]);
    }
    return groups.map((group) => this.assignment.assign(invoice, group[0].source.poNumber ?? null, group));
  }

  /** The final line allocation over the chosen POs (each PO paired once, with all the lines assigned to it). */
  private settleLines(
    invoice: IncomingInvoice,
    assignments: readonly GroupAssignment[],
  ): { allocations: readonly LineAllocation[]; unmatched: readonly IncomingInvoiceLine[] } {
    const only = assignments.length === 1 ? assignments[0] : null;
    if (only && (!only.chosen || (only.problem && HELD_BY_ASSIGNMENT.has(only.problem.code))))
      return NOTHING_SETTLED;
    // The usual case: one PO took every line, and its pairing is the settlement.
    if (only?.chosen && only.lines.length === invoice.lines.length) return only.chosen.pairing;
    // An invoice cites one or a few POs: parallel arrays in order of first appearance, not maps.
    const orders: PurchaseOrderLedger[] = [];
    const perOrder: GroupAssignment[][] = [];
    for (const assignment of assignments) {
      if (!assignment.chosen || (assignment.problem && HELD_BY_ASSIGNMENT.has(assignment.problem.code)))
        continue;
      const at = orders.indexOf(assignment.chosen.order);
      if (at >= 0) perOrder[at].push(assignment);
      else {
        orders.push(assignment.chosen.order);
        perOrder.push([assignment]);
      }
    }
    const allocations: LineAllocation[] = [];
    const unmatched: IncomingInvoiceLine[] = [];
    const assigned: IncomingInvoiceLine[] = [];
    for (let i = 0; i < orders.length; i += 1) {
      const list = perOrder[i];
      const single = list.length === 1 ? list[0].chosen : null;
      const lines = single ? list[0].lines : list.flatMap((assignment) => assignment.lines);
      const pairing = single ? single.pairing : pairLines(lines, orders[i].lines);
      for (const allocation of pairing.allocations) allocations.push(allocation);
      for (const line of pairing.unmatched) unmatched.push(line);
      for (const line of lines) assigned.push(line);
    }
    if (orders.length === 0 || assigned.length === invoice.lines.length) return { allocations, unmatched };
    const leftovers = invoice.lines.filter((line) => !assigned.includes(line) && line.referenceKey === '');
    if (leftovers.length > 0 && !assignments.some((assignment) => assignment.citedReference === null)) {
      // After what the citing lines took: a line citing nothing must not bill their quantity again.
      // The POs in input order, not in the order the invoice cites them: line order never counts.
      const poLines = [...orders].sort((a, b) => a.index - b.index).flatMap((order) => order.lines);
      const pairing = pairLines(leftovers, poLines, allocations);
      allocations.push(...pairing.allocations);
      unmatched.push(...pairing.unmatched);
    }
    return { allocations, unmatched };
  }
}

function outline(assignment: GroupAssignment): AssignmentOutline {
  return {
    citedReference: assignment.citedReference,
    order: assignment.chosen?.order ?? null,
    route: assignment.route,
    problem: assignment.problem,
    passedOver: assignment.passedOver ?? null,
    citedOfAnotherVendor: assignment.citedOfAnotherVendor ?? null,
  };
}

function uniqueOrders(assignments: readonly GroupAssignment[]): PurchaseOrderLedger[] {
  const orders: PurchaseOrderLedger[] = [];
  for (const assignment of assignments) {
    const order = assignment.chosen?.order;
    if (order && !orders.includes(order)) orders.push(order);
  }
  return orders;
}

/** The POs a match's allocations bill, each once, in allocation order. */
function billedOrders(allocations: readonly LineAllocation[]): PurchaseOrderLedger[] {
  const orders: PurchaseOrderLedger[] = [];
  for (const allocation of allocations) {
    const order = allocation.poLine.purchaseOrder;
    if (!orders.includes(order)) orders.push(order);
  }
  return orders;
}

function alternatives(
  assignments: readonly GroupAssignment[],
  chosen: readonly PurchaseOrderLedger[],
): readonly CandidatePurchaseOrder[] {
  if (assignments.length === 1 && assignments[0].alternatives.length === 0) return NO_ALTERNATIVES;
  const result: CandidatePurchaseOrder[] = [];
  const seen: PurchaseOrderLedger[] = [];
  for (const assignment of assignments) {
    for (const candidate of assignment.alternatives) {
      if (chosen.includes(candidate.order) || seen.includes(candidate.order)) continue;
      seen.push(candidate.order);
      result.push({ poNumber: candidate.order.poNumber, score: roundScore(candidate.score) });
      if (result.length === MAX_ALTERNATIVES) return exactCopy(result);
    }
  }
  return result.length === 0 ? NO_ALTERNATIVES : exactCopy(result);
}

/** A list a decision keeps, at its exact size: one grown by `push` holds room for 17 entries. */
function exactCopy<T>(list: readonly T[]): readonly T[] {
  return list.slice();
}
