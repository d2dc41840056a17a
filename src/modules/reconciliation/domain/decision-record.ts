import type { AssignmentOutline, DecisionGrounds } from './decision-grounds';
import type { Decimal } from './decimal';
import type { DuplicateFinding } from './duplicate-register';
import { IncomingInvoice } from './incoming-invoice';
import type { Invoice } from './invoice';
import type { LineAllocation, LinkedBy } from './line-pairing';
import type { PoLineLedger } from './po-line-ledger';
import type { TolerancePolicy } from './tolerance-policy';
import type { ResolvedVendor } from './vendor-directory';

/**
 * The allocations as kept: per allocation, its fields one after another in one flat list, in this
 * order (KEPT_FIELDS of them): the invoice line's position, the PO line, quantity, amount, what linked
 * them, their similarity, the price the share is judged at, and what the PO line had invoiced before. An object per allocation, and the
 * boxed number V8 gives every object of that shape for its similarity (fractional for some), were
 * about half of the objects a run keeps per decision; a flat list holds the whole numbers inline.
 */
type KeptField = number | PoLineLedger | Decimal | bigint | LinkedBy;
const KEPT_FIELDS = 8;

const NO_POSITIONS: readonly number[] = Object.freeze([]);
const NO_ALLOCATIONS: readonly KeptField[] = Object.freeze([]);

/**
 * The grounds of a decision as a run keeps them until someone reads the explanation: the invoice as
 * received (not its prepared form, which is rebuilt from it) and the allocations by line position.
 * Every decision of a run is kept, and each prepared invoice line, key and cache they would otherwise
 * hold is memory the garbage collector copies while the run goes on.
 */
export class DecisionRecord {
  private constructor(
    private readonly index: number,
    private readonly source: Invoice,
    private readonly vendor: ResolvedVendor,
    private readonly policy: TolerancePolicy,
    private readonly duplicate: DuplicateFinding | null,
    private readonly confirmedBankAccount: string | null,
    private readonly earlierPayeeAccount: string | null,
    /** The one assignment itself when there is one (nearly always), not an array of one. */
    private readonly assignments: AssignmentOutline | readonly AssignmentOutline[],
    private readonly allocations: readonly KeptField[],
    private readonly unmatched: readonly number[],
  ) {}

  static of(grounds: DecisionGrounds): DecisionRecord {
    const { invoice, assignments } = grounds;
    const unmatched =
      grounds.unmatched.length === 0 ? NO_POSITIONS : grounds.unmatched.map((line) => line.position);
    return new DecisionRecord(
      invoice.index,
      invoice.source,
      invoice.vendor,
      invoice.policy,
      grounds.duplicate,
      grounds.confirmedBankAccount,
      grounds.earlierPayeeAccount,
      assignments.length === 1 ? assignments[0] : assignments,
      keptAllocations(grounds),
      unmatched,
    );
  }

  /** The grounds as they stood when the invoice was decided, with the invoice prepared again. */
  grounds(): DecisionGrounds {
    const invoice = new IncomingInvoice(this.index, this.source, this.vendor, this.policy);
    const kept = this.allocations;
    const allocations: LineAllocation[] = [];
    const invoicedBefore: Decimal[] = [];
    for (let at = 0; at < kept.length; at += KEPT_FIELDS) {
      allocations.push({
        invoiceLine: invoice.lines[kept[at] as number],
        poLine: kept[at + 1] as PoLineLedger,
        quantity: kept[at + 2] as Decimal,
        amountMinor: kept[at + 3] as bigint,
        linkedBy: kept[at + 4] as LinkedBy,
        similarity: kept[at + 5] as number,
        expectedPrice: kept[at + 6] as Decimal,
      });
      invoicedBefore.push(kept[at + 7] as Decimal);
    }
    return {
      invoice,
      duplicate: this.duplicate,
      confirmedBankAccount: this.confirmedBankAccount,
      earlierPayeeAccount: this.earlierPayeeAccount,
      assignments: isOutlineList(this.assignments) ? this.assignments : [this.assignments],
      allocations,
      unmatched: this.unmatched.map((position) => invoice.lines[position]),
      invoicedBefore,
    };
  }
}

function keptAllocations(grounds: DecisionGrounds): readonly KeptField[] {
  const { allocations, invoicedBefore } = grounds;
  if (allocations.length === 0) return NO_ALLOCATIONS;
  // Sized once: an empty array's first push reserves room for 17 entries.
  const kept = new Array<KeptField>(allocations.length * KEPT_FIELDS);
  for (let i = 0; i < allocations.length; i += 1) {
    const allocation = allocations[i];
    const at = i * KEPT_FIELDS;
    kept[at] = allocation.invoiceLine.position;
    kept[at + 1] = allocation.poLine;
    kept[at + 2] = allocation.quantity;
    kept[at + 3] = allocation.amountMinor;
    kept[at + 4] = allocation.linkedBy;
    kept[at + 5] = allocation.similarity;
    kept[at + 6] = allocation.expectedPrice;
    kept[at + 7] = invoicedBefore[i];
  }
  return kept;
}

function isOutlineList(
  assignments: AssignmentOutline | readonly AssignmentOutline[],
): assignments is readonly AssignmentOutline[] {
  return Array.isArray(assignments);
}
