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

export function draw(arb: fc.Arbitrary<Instance>, n: number, seed: number): { instances: Instance[]; ms: number } {
  const t = now();
  const instances = fc.sample(arb, { numRuns: n, seed });
  return { instances, ms: now() - t };
}

/**
 * Measure for about `budgetMs` (at least `minRuns`, at most `maxRuns` runs) after a warm-up.
 *
 * Each run draws one instance and evaluates it before the next is drawn, as the runner does
 * (fast-check's assert holds one draw at a time). Drawing all runs first and then evaluating them
 * kept every instance alive at once (at d = 4096, k = 16 about 0.6 MB of JS arrays each), so
 * each young-generation collection copied and promoted them all: a cost of the harness, not of a
 * run, which made the rank-16 cells read up to about twice slower than a property run.
 *
 * The warm-up runs for about `warmMs` (at least 2 runs, at most 200), not a fixed 2 runs: the
 * JIT optimises the kernels only after some tens of calls (later still when its background
 * threads share a busy machine), and with 2 runs the cost estimate (hence the number of measured
 * runs) and the first measured runs were those of unoptimised code: at d = 4096 a cell run first
 * in its process read 3× to 15× slower than the same cell run after others, which is why
 * `--only` and the full bench disagreed. The cost of a run is the median of the last 5 warm-up
 * runs (one slow run, a collection say, does not shrink the measured count to `minRuns`).
 */
export function throughput(part: TheoremPart, d: number, k: number, budgetMs = 1000, minRuns = 3, maxRuns = 2000, extra: Extra = {}, warmMs = 1000): Throughput {
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
  const arb = part.arbitrary(inForce, { minDim: d, maxDim: d, rank: k, ...extra });
  // Warm-up (JIT), on seeds apart from the measured ones.
  const warmTimes: number[] = [];
  const warmStart = now();
  for (let i = 0; i < 200 && (i < 2 || now() - warmStart < warmMs); i++) {
    const t = now();
    run(draw(arb, 1, 1_000_000 + i).instances[0]);
    warmTimes.push(now() - t);
  }
  const last = warmTimes.slice(-5).sort((a, b) => a - b);
  const perRun = last[Math.floor(last.length / 2)];
  const runs = Math.max(minRuns, Math.min(maxRuns, Math.floor(budgetMs / Math.max(perRun, 1e-3))));
  // One seed per run (2, 3, …): the same instances whatever the budget allows.
  harnessErrors = 0;
  let generateMs = 0;
  let evaluateMs = 0;
  let usesRank = false;
  for (let i = 0; i < runs; i++) {
    const { instances: [x], ms } = draw(arb, 1, 2 + i);
    generateMs += ms;
    const t = now();
    run(x);
    evaluateMs += now() - t;
    usesRank ||= Array.isArray(x.basis) && (x.basis as unknown[]).length === k;
  }
  return { id: part.id, d, k, ...extra, runs, runsPerSecond: (1000 * runs) / (generateMs + evaluateMs), generateMs, evaluateMs, usesRank, harnessErrors };
}
