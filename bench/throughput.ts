/**
 * Property throughput: runs per second of a part's property (draw an instance, evaluate it) at a
 * given dimension d and constitution rank k, with generation and evaluation timed separately.
 */
import fc from 'fast-check';
import type { Instance } from '../src/instance/reader.ts';
import { HarnessError } from '../src/numeric/errors.ts';
import { evaluatePart } from '../src/theorems/evaluate.ts';
import { tagsInForce } from '../src/theorems/tags.ts';
import type { GenOptions } from '../src/arbitraries/options.ts';
import type { TheoremPart } from '../src/theorems/types.ts';

export interface Throughput {
  readonly id: string;
  readonly d: number;
  readonly k: number;
  /** The latent dimension m, for the latent-model parts measured at a given m. */
  readonly latentDim?: number;
  readonly runs: number;
  readonly runsPerSecond: number;
  readonly generateMs: number;
  readonly evaluateMs: number;
  /** Whether the drawn instances carry a constitution of rank k (else k does not apply). */
  readonly usesRank: boolean;
  /** Draws whose evaluation was a harness error (non-finite numbers, e.g. exp overflowing at large d). */
  readonly harnessErrors: number;
}

const now = () => performance.now();

/** Extra sizes of a cell beyond d and k (the latent dimension m of T3, T3s). */
export type Extra = Pick<GenOptions, 'latentDim'>;

export function draw(part: TheoremPart, d: number, k: number, n: number, seed: number, extra: Extra = {}): { instances: Instance[]; ms: number } {
  const arb = part.arbitrary(tagsInForce(part), { minDim: d, maxDim: d, rank: k, ...extra });
  const t = now();
  const instances = fc.sample(arb, { numRuns: n, seed });
  return { instances, ms: now() - t };
}

/** Measure for about `budgetMs` (at least `minRuns`, at most `maxRuns` runs) after a warm-up. */
export function throughput(part: TheoremPart, d: number, k: number, budgetMs = 1000, minRuns = 3, maxRuns = 2000, extra: Extra = {}): Throughput {
  const inForce = tagsInForce(part);
  let harnessErrors = 0;
  const run = (x: Instance) => {
    try {
      evaluatePart(part, x, inForce);
    } catch (e) {
      if (!(e instanceof HarnessError)) throw e;
      harnessErrors++;
    }
  };
  // Warm-up (JIT) and a first estimate of the cost of one run.
  const warm = draw(part, d, k, 2, 1, extra);
  const tw = now();
  for (const x of warm.instances) run(x);
  const perRun = (warm.ms + now() - tw) / 2;
  const runs = Math.max(minRuns, Math.min(maxRuns, Math.floor(budgetMs / Math.max(perRun, 1e-3))));
  const { instances, ms: generateMs } = draw(part, d, k, runs, 2, extra);
  harnessErrors = 0;
  const t = now();
  for (const x of instances) run(x);
  const evaluateMs = now() - t;
  const usesRank = instances.some((x) => Array.isArray(x.basis) && (x.basis as unknown[]).length === k);
  return { id: part.id, d, k, ...extra, runs, runsPerSecond: (1000 * runs) / (generateMs + evaluateMs), generateMs, evaluateMs, usesRank, harnessErrors };
}
