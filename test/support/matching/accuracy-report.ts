import type { MatchTier } from '../../../src/modules/reconciliation/domain/match-decision';
import type { ReasonCode } from '../../../src/modules/reconciliation/domain/reason-code';
import type { MatchLabel } from './labelled-dataset';

/** The part of a decision the accuracy measures look at (the engine's and the baseline's alike). */
export interface ScoredDecision {
  readonly tier: MatchTier;
  readonly reason: ReasonCode | null;
  readonly poNumbers: readonly string[];
  readonly candidates?: ReadonlyArray<{ readonly poNumber: string }>;
}

export interface AccuracyFigures {
  readonly invoices: number;
  readonly autoMatched: number;
  /** Automatic matches that a careful person would also have matched automatically, to the same POs. */
  readonly autoPrecision: number;
  /** Of invoices that belong to a PO and need no exception: matched or suggested to the right PO(s). */
  readonly rightPoRecall: number;
  /** Of invoices that should be exceptions: raised as an exception with the right primary reason. */
  readonly exceptionReasonAccuracy: number;
  readonly twinsAutoMatched: number;
  readonly wrongAutoMatches: number;
}

const TIERS: readonly MatchTier[] = ['auto_matched', 'suggested', 'exception'];

function samePos(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((po) => b.includes(po));
}

/**
 * The decision names the labelled PO(s) as its own: matched, or suggested to them. Only for twin POs,
 * which nobody could tell apart, is an AMBIGUOUS_MATCH suggestion listing one of them among its
 * candidates right; an automatic match of twins never is.
 */
function rightPo(label: MatchLabel, decision: ScoredDecision): boolean {
  if (!label.twins) return samePos(label.poNumbers, decision.poNumbers);
  if (decision.tier !== 'suggested' || decision.reason !== 'AMBIGUOUS_MATCH') return false;
  const named = [
    ...decision.poNumbers,
    ...(decision.candidates ?? []).map((candidate) => candidate.poNumber),
  ];
  return label.twins.some((po) => named.includes(po));
}

export function measureAccuracy(
  labels: readonly MatchLabel[],
  decisions: readonly ScoredDecision[],
): AccuracyFigures {
  let autoMatched = 0;
  let correctAuto = 0;
  let matchable = 0;
  let recalled = 0;
  let exceptions = 0;
  let rightReason = 0;
  let twinsAutoMatched = 0;
  labels.forEach((label, i) => {
    const decision = decisions[i];
    if (decision.tier === 'auto_matched') {
      autoMatched += 1;
      if (label.tier === 'auto_matched' && samePos(label.poNumbers, decision.poNumbers)) correctAuto += 1;
      if (label.twins) twinsAutoMatched += 1;
    }
    if (label.tier !== 'exception' && label.poNumbers.length > 0) {
      matchable += 1;
      if (decision.tier !== 'exception' && rightPo(label, decision)) recalled += 1;
    }
    if (label.tier === 'exception') {
      exceptions += 1;
      if (decision.tier === 'exception' && decision.reason === label.reason) rightReason += 1;
    }
  });
  return {
    invoices: labels.length,
    autoMatched,
    autoPrecision: autoMatched === 0 ? 1 : correctAuto / autoMatched,
    rightPoRecall: matchable === 0 ? 1 : recalled / matchable,
    exceptionReasonAccuracy: exceptions === 0 ? 1 : rightReason / exceptions,
    twinsAutoMatched,
    wrongAutoMatches: autoMatched - correctAuto,
  };
}

function pad(text: string | number, width: number): string {
  return String(text).padStart(width);
}

export interface ScenarioAgreement {
  readonly total: number;
  /** Decided with the labelled tier and, for automatic matches, the labelled POs, else the labelled reason. */
  readonly asLabelled: number;
  /** The other decisions, as `tier/reason`, with how often each was made. */
  readonly misses: ReadonlyMap<string, number>;
}

/** Per scenario of the generator, how many of its invoices were decided as labelled, largest scenario first. */
export function scenarioAgreement(
  labels: readonly MatchLabel[],
  decisions: readonly ScoredDecision[],
): Map<string, ScenarioAgreement> {
  const scenarios = new Map<string, { total: number; asLabelled: number; misses: Map<string, number> }>();
  labels.forEach((label, i) => {
    const decision = decisions[i];
    const entry = scenarios.get(label.scenario) ?? {
      total: 0,
      asLabelled: 0,
      misses: new Map<string, number>(),
    };
    entry.total += 1;
    const agrees =
      decision.tier === label.tier &&
      (label.tier === 'auto_matched'
        ? samePos(label.poNumbers, decision.poNumbers)
        : decision.reason === label.reason);
    if (agrees) entry.asLabelled += 1;
    else {
      const miss = `${decision.tier}/${decision.reason ?? '-'}`;
      entry.misses.set(miss, (entry.misses.get(miss) ?? 0) + 1);
    }
    scenarios.set(label.scenario, entry);
  });
  return new Map([...scenarios].sort((a, b) => b[1].total - a[1].total));
}

/** Labelled tier (rows) against decided tier (columns), then every scenario with its share decided as labelled. */
export function confusionTable(labels: readonly MatchLabel[], decisions: readonly ScoredDecision[]): string {
  const counts = new Map<string, number>();
  labels.forEach((label, i) => {
    const key = `${label.tier}>${decisions[i].tier}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  });
  const lines = [`${'label \\ decided'.padEnd(16)}${TIERS.map((tier) => pad(tier, 14)).join('')}`];
  for (const row of TIERS)
    lines.push(
      `${row.padEnd(16)}${TIERS.map((column) => pad(counts.get(`${row}>${column}`) ?? 0, 14)).join('')}`,
    );
  lines.push(
    '',
    `${'scenario'.padEnd(30)}${pad('invoices', 9)}${pad('as labelled', 13)}  most frequent other decisions`,
  );
  for (const [scenario, entry] of scenarioAgreement(labels, decisions)) {
    const misses = [...entry.misses]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 3)
      .map(([miss, n]) => `${miss} x${n}`)
      .join(', ');
    lines.push(
      `${scenario.padEnd(30)}${pad(entry.total, 9)}${pad(`${((100 * entry.asLabelled) / entry.total).toFixed(1)}%`, 13)}  ${misses}`,
    );
  }
  return lines.join('\n');
}

export function formatFigures(name: string, figures: AccuracyFigures): string {
  const percent = (value: number): string => `${(100 * value).toFixed(2)}%`;
  return `${name.padEnd(10)} auto precision ${percent(figures.autoPrecision)} (${figures.wrongAutoMatches} wrong of ${figures.autoMatched}), right-PO recall ${percent(figures.rightPoRecall)}, exception reasons ${percent(figures.exceptionReasonAccuracy)}, twins auto-matched ${figures.twinsAutoMatched}`;
}
