/**
 * Running a theorem part's property outside vitest (the CLI `check`, `hunt`) and inside it
 * (properties/): one implementation, so both report the same runs, hit rates and failures.
 */
import fc from 'fast-check';
import { shrinkable } from '../arbitraries/shrinkable.ts';
import type { Instance } from '../instance/reader.ts';
import { HarnessError } from '../numeric/errors.ts';
import type { Verdict } from '../theorems/evaluate.ts';
import { vocabularyOf } from '../theorems/family.ts';
import { tagsInForce } from '../theorems/tags.ts';
import type { GenOptions, TheoremPart } from '../theorems/types.ts';
import { outsideDomain, trialsFor } from './trial.ts';

import { DEFAULT_SEED } from './defaults.ts';
import { profileRuns } from '../numeric/profile.ts';

export { DEFAULT_SEED };
export const DEFAULT_RUNS = 200;

export interface CheckOptions {
  readonly numRuns?: number;
  readonly seed?: number;
  /** Tags to drop (the widened generator); the others stay in force. */
  readonly dropped?: readonly string[];
  /** Replay a path printed by an earlier failure. */
  readonly path?: string;
  readonly gen?: GenOptions;
  /** Report the first failure as drawn, without shrinking it. */
  readonly noShrink?: boolean;
  readonly interruptAfterTimeLimit?: number;
}

export interface CheckReport {
  readonly id: string;
  readonly dropped: readonly string[];
  readonly seed: number;
  /** Draws evaluated before the first failure (all of them when none failed). */
  readonly runs: number;
  /** Of those, how many met the claim's precondition. */
  readonly preconditionMet: number;
  readonly outcome: 'holds' | 'violated' | 'harness-error';
  /** fast-check's replay path of the (shrunk) failure. */
  readonly path?: string;
  readonly counterexample?: Instance;
  readonly verdict?: Verdict;
  readonly error?: string;
  readonly shrinks?: number;
  readonly interrupted?: boolean;
}

export const hitRate = (r: CheckReport): number => (r.runs === 0 ? 0 : r.preconditionMet / r.runs);

export function checkPart(part: TheoremPart, opts: CheckOptions = {}): CheckReport {
  const dropped = opts.dropped ?? [];
  const inForce = tagsInForce(part, dropped);
  const seed = opts.seed ?? DEFAULT_SEED;
  let runs = 0;
  let met = 0;
  let failing = false;
  const trials = trialsFor(part, inForce);
  const arbitrary = shrinkable(part.arbitrary(inForce, opts.gen), { vocabulary: vocabularyOf(part), valid: trials.valid });
  const property = fc.property(arbitrary, (inst) => {
    const t = trials.get(inst);
    if (t.kind !== 'verdict') {
      failing = true;
      // Shrink steps are filtered to valid instances, so only a draw can be outside its tags.
      throw t.kind === 'harness' ? t.error : outsideDomain(part, inst, t.reason);
    }
    const v = t.verdict;
    if (!failing) {
      runs++;
      if (v.pre) met++;
    }
    if (!v.holds) failing = true;
    return v.holds;
  });
  const details = fc.check(property, {
    seed,
    numRuns: opts.numRuns ?? profileRuns(part.numRuns ?? DEFAULT_RUNS),
    path: opts.path,
    endOnFailure: opts.noShrink,
    interruptAfterTimeLimit: opts.interruptAfterTimeLimit,
    markInterruptAsFailure: false,
  });
  const base = { id: part.id, dropped, seed, runs, preconditionMet: met, interrupted: details.interrupted };
  if (!details.failed) return { ...base, outcome: 'holds' };
  const [inst] = details.counterexample as [Instance];
  const error = details.errorInstance;
  if (error instanceof Error && !(error.name === 'Error' && error.message.startsWith('Property failed by returning false'))) {
    const harness = error instanceof HarnessError || error.name === 'HarnessError';
    return {
      ...base,
      outcome: 'harness-error',
      path: details.counterexamplePath ?? undefined,
      counterexample: inst,
      error: `${harness ? 'harness error' : 'error'}: ${error.message}`,
      shrinks: details.numShrinks,
    };
  }
  return {
    ...base,
    outcome: 'violated',
    path: details.counterexamplePath ?? undefined,
    counterexample: inst,
    verdict: verdictOf(trials.get(inst)),
    shrinks: details.numShrinks,
  };
}

/** One human-readable paragraph: what ran, and how to replay a failure. */
export function describeReport(r: CheckReport): string {
  const head = `${r.id}${r.dropped.length ? ` (dropped: ${r.dropped.join(', ')})` : ''}`;
  const rate = `${r.preconditionMet}/${r.runs} draws met the precondition (${(100 * hitRate(r)).toFixed(0)}%)`;
  if (r.outcome === 'holds') return `${head}: holds on ${r.runs} runs; ${rate}; seed ${r.seed}`;
  // `npx`, and the path last on its line: the command can be pasted as it is.
  const replay = `replay: npx rlaif-props check ${r.id}${r.dropped.length ? ` --drop ${r.dropped.join(',')}` : ''} --seed ${r.seed} --path ${r.path}`;
  const what = r.outcome === 'violated' ? `VIOLATED (margin ${r.verdict!.margin.toPrecision(4)}, tol ${r.verdict!.tol.toPrecision(2)})` : `HARNESS ERROR (${r.error})`;
  return [
    `${head}: ${what} after ${r.runs + 1} runs; seed ${r.seed}, path ${r.path}`,
    `  instance: ${JSON.stringify(r.counterexample)}`,
    r.verdict ? `  quantities: ${JSON.stringify(r.verdict.quantities)}` : '',
    `  ${replay}`,
  ].filter(Boolean).join('\n');
}

const verdictOf = (t: ReturnType<ReturnType<typeof trialsFor>['get']>): Verdict | undefined => (t.kind === 'verdict' ? t.verdict : undefined);
