// A hash of every decision of a run, serialized in full (all fields, matched lines and the whole
// explanation) plus the carried consumption: the guard that a speed change altered no decision.
//   npx tsx test/support/matching/decision-fingerprint.ts   (10k seed 7 and 20k seed 3)
import { createHash } from 'node:crypto';
import { MatchingEngine } from '../../../src/modules/reconciliation/domain/matching-engine';
import type { ReconciliationResult } from '../../../src/modules/reconciliation/domain/reconciliation-result';
import { generateApDataset } from './ap-data-generator';

const bigintsAsText = (_key: string, value: unknown): unknown =>
  typeof value === 'bigint' ? `${value.toString()}n` : value;

/** SHA-256 of the result, decision by decision, so a huge run never becomes one string. */
export function fingerprintResult(result: ReconciliationResult): string {
  const hash = createHash('sha256');
  for (const decision of result.decisions) hash.update(JSON.stringify(decision, bigintsAsText)).update('\n');
  hash.update(JSON.stringify(result.consumption, bigintsAsText));
  return hash.digest('hex');
}

export function fingerprintGenerated(invoices: number, seed: number): string {
  const { input } = generateApDataset({ invoices, seed });
  return fingerprintResult(new MatchingEngine().run(input));
}

if (require.main === module) {
  for (const [invoices, seed] of [
    [10_000, 7],
    [20_000, 3],
  ] as const) {
    console.log(`${invoices} invoices, seed ${seed}: ${fingerprintGenerated(invoices, seed)}`);
  }
}
