/**
 * Hunting a counterexample: search the widened generator (the dropped tags removed, the others
 * in force) under several seeds; for each hit, let fast-check shrink it, then the minimiser;
 * re-confirm independently; keep the simplest. Times are kept apart (time to the first hit,
 * time spent shrinking) because they answer different questions in the benchmarks.
 */
import { VERSION } from '../version.ts';
import type { Instance } from '../instance/reader.ts';
import { tagsInForce } from '../theorems/registry.ts';
import type { TheoremPart } from '../theorems/types.ts';
import type { Verdict } from '../theorems/evaluate.ts';
import { checkPart, DEFAULT_SEED } from './check.ts';
import { dimension, simpler, simplicity } from './layout.ts';
import { confirm, minimize, type Confirmation } from './minimize.ts';
import type { Counterexample } from './store.ts';

export interface HuntOptions {
  readonly runs?: number;
  readonly seeds?: number;
  readonly seed?: number;
  readonly timeLimitSec?: number;
  /** Shard i/n of the seeds: this run takes seeds base + s for s ≡ i − 1 (mod n). */
  readonly seedShard?: { index: number; count: number };
  readonly onProgress?: (done: number, total: number, found: boolean) => void;
}

export interface Found {
  readonly instance: Instance;
  readonly verdict: Verdict;
  readonly seed: number;
  readonly path: string;
  readonly confirmation: Confirmation;
}

export interface HuntResult {
  readonly id: string;
  readonly dropped: readonly string[];
  readonly found?: Found;
  /** Draws evaluated across all seeds (the budget spent). */
  readonly runsSpent: number;
  readonly seedsTried: number;
  readonly runsPerSeed: number;
  readonly elapsedMs: number;
  /** Wall time from the start to the first violating draw (before shrinking). */
  readonly firstHitMs?: number;
  /** Wall time spent shrinking and minimising. */
  readonly shrinkMs: number;
  readonly harnessErrors: readonly string[];
}

export const DEFAULT_HUNT_RUNS = 200;
export const DEFAULT_HUNT_SEEDS = 3;

export function hunt(part: TheoremPart, dropped: readonly string[], opts: HuntOptions = {}): HuntResult {
  const inForce = tagsInForce(part, dropped);
  const runs = opts.runs ?? Math.min(DEFAULT_HUNT_RUNS, part.numRuns ?? DEFAULT_HUNT_RUNS);
  const seeds = opts.seeds ?? DEFAULT_HUNT_SEEDS;
  const base = opts.seed ?? DEFAULT_SEED;
  const t0 = Date.now();
  const deadline = opts.timeLimitSec === undefined ? Infinity : t0 + opts.timeLimitSec * 1000;
  let best: Found | undefined;
  let runsSpent = 0;
  let seedsTried = 0;
  let firstHitMs: number | undefined;
  let shrinkMs = 0;
  const harnessErrors: string[] = [];
  for (let s = 0; s < seeds && Date.now() < deadline; s++) {
    if (opts.seedShard && s % opts.seedShard.count !== opts.seedShard.index - 1) continue;
    const seed = base + s;
    seedsTried++;
    const remaining = () => Math.max(1, deadline - Date.now());
    const search = checkPart(part, { numRuns: runs, seed, dropped, maxShrinks: 0, interruptAfterTimeLimit: Number.isFinite(deadline) ? remaining() : undefined });
    runsSpent += search.runs + (search.outcome === 'holds' ? 0 : 1);
    if (search.outcome === 'harness-error') harnessErrors.push(`seed ${seed}: ${search.error}`);
    if (search.outcome === 'violated') {
      firstHitMs ??= Date.now() - t0;
      const ts = Date.now();
      const shrunk = checkPart(part, { numRuns: runs, seed, dropped, path: search.path });
      const start = shrunk.outcome === 'violated' ? shrunk : search;
      const m = minimize(part, start.counterexample!, inForce, { timeLimitMs: Number.isFinite(deadline) ? remaining() : undefined });
      const confirmation = confirm(part, m.instance, inForce);
      shrinkMs += Date.now() - ts;
      if (confirmation.reproduces) {
        const cand: Found = { instance: m.instance, verdict: m.verdict, seed, path: start.path!, confirmation };
        if (!best || simpler(simplicity(cand.instance as Record<string, unknown>), simplicity(best.instance as Record<string, unknown>))) best = cand;
      }
    }
    opts.onProgress?.(s + 1, seeds, best !== undefined);
  }
  return { id: part.id, dropped, found: best, runsSpent, seedsTried, runsPerSeed: runs, elapsedMs: Date.now() - t0, firstHitMs, shrinkMs, harnessErrors };
}

/** The store record of a hunt's witness. */
export function toCounterexample(r: HuntResult, numRuns: number): Counterexample {
  const f = r.found!;
  return {
    theorem: r.id,
    dropped: [...r.dropped].sort(),
    instance: f.instance as Record<string, unknown>,
    margin: f.verdict.margin,
    tol: f.verdict.tol,
    quantities: { ...f.verdict.quantities },
    dimension: dimension(f.instance as Record<string, unknown>),
    seed: f.seed,
    path: f.path,
    numRuns,
    foundAt: new Date().toISOString(),
    version: VERSION,
    confirmation: f.confirmation,
  };
}
