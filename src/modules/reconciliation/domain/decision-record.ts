import type { AssignmentOutline, DecisionGrounds } from './decision-grounds';
import type { Decimal } from './decimal';
import type { DuplicateFinding } from './duplicate-register';
import { IncomingInvoice, type IncomingInvoiceLine } from './incoming-invoice';
import type { Invoice } from './invoice';
import type { LineAllocation, LinkedBy } from './line-pairing';
import type { PoLineLedger } from './po-line-ledger';
import type { TolerancePolicy } from './tolerance-policy';
import type { ResolvedVendor } from './vendor-directory';

/** An allocation as kept: the invoice line by its position, and what its PO line had invoiced before. */
interface KeptAllocation {
  readonly linePosition: number;
  readonly poLine: PoLineLedger;
  readonly quantity: Decimal;
  readonly amountMinor: bigint;
  readonly linkedBy: LinkedBy;
  readonly similarity: number;
  readonly invoicedBefore: Decimal;
}

const NO_POSITIONS: readonly number[] = Object.freeze([]);

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
    private readonly assignments: readonly AssignmentOutline[],
    private readonly allocations: readonly KeptAllocation[],
    private readonly unmatched: readonly number[],
  ) {}

  static of(grounds: DecisionGrounds): DecisionRecord {
    const { invoice } = grounds;
    const allocations = grounds.allocations.map((allocation, i): KeptAllocation => ({
      linePosition: allocation.invoiceLine.position,
      poLine: allocation.poLine,
      quantity: allocation.quantity,
      amountMinor: allocation.amountMinor,
      linkedBy: allocation.linkedBy,
      similarity: allocation.similarity,
      invoicedBefore: grounds.invoicedBefore[i],
    }));
    const unmatched =
      grounds.unmatched.length === 0 ? NO_POSITIONS : grounds.unmatched.map((line) => line.position);
    return new DecisionRecord(
      invoice.index,
      invoice.source,
      invoice.vendor,
      invoice.policy,
      grounds.duplicate,
      grounds.confirmedBankAccount,
      grounds.assignments,
      allocations,
      unmatched,
    );
  }

  /** The grounds as they stood when the invoice was decided, with the invoice prepared again. */
  grounds(): DecisionGrounds {
    const invoice = new IncomingInvoice(this.index, this.source, this.vendor, this.policy);
    const line = (position: number): IncomingInvoiceLine => invoice.lines[position];
    return {
      invoice,
      duplicate: this.duplicate,
      confirmedBankAccount: this.confirmedBankAccount,
      assignments: this.assignments,
      allocations: this.allocations.map((kept): LineAllocation => ({
        invoiceLine: line(kept.linePosition),
        poLine: kept.poLine,
        quantity: kept.quantity,
        amountMinor: kept.amountMinor,
        linkedBy: kept.linkedBy,
        similarity: kept.similarity,
      })),
      unmatched: this.unmatched.map(line),
      invoicedBefore: this.allocations.map((kept) => kept.invoicedBefore),
    };
  }
}
