/**
 * Hunting a counterexample: search the widened generator (the dropped tags removed, the others
 * in force) under several seeds. For each seed it is one fast-check run: the search, then the
 * one shrink loop (the generator's own steps, then removing axis indices, fields and number
 * complexity, see src/arbitraries/shrinkable.ts), kept to robust violations; so the witness
 * has a seed and a path that replay it. Then an independent re-confirmation; the simplest
 * witness over the seeds is kept. Times are kept apart (time to the first hit, time spent
 * shrinking) because they answer different questions in the benchmarks.
 */
import fc from 'fast-check';
import { shrinkable } from '../arbitraries/shrinkable.ts';
import { dimension, simpler, simplicity } from '../instance/layout.ts';
import type { Instance } from '../instance/reader.ts';
import type { Verdict } from '../theorems/evaluate.ts';
import { vocabularyOf } from '../theorems/family.ts';
import { tagsInForce } from '../theorems/tags.ts';
import type { Tag, TheoremPart } from '../theorems/types.ts';
import { VERSION } from '../version.ts';
import { DEFAULT_HUNT_RUNS, DEFAULT_HUNT_SEEDS, DEFAULT_SEED } from './defaults.ts';
import { confirm, robustViolation, type Confirmation } from './confirm.ts';
import type { Counterexample } from './store.ts';
import { outsideDomain, trialsFor, type Trial, type Trials } from './trial.ts';

export interface HuntOptions {
  readonly runs?: number;
  readonly seeds?: number;
  readonly seed?: number;
  readonly timeLimitSec?: number;
  /** Shard i/n of the seeds: this run takes seeds base + s for s ≡ i − 1 (mod n). */
  readonly seedShard?: { index: number; count: number };
  /** Replay one seed's hunt along a path printed with its witness (needs exactly one seed). */
  readonly path?: string;
  readonly onProgress?: (done: number, total: number, found: boolean) => void;
  /**
   * Instances not to accept as witnesses (degenerate ones, when a non-degenerate witness is
   * wanted): neither the search nor the shrinker stops on one.
   */
  readonly reject?: (inst: Instance, verdict: Verdict) => boolean;
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
  /**
   * The draw with the smallest margin the search evaluated (before any shrinking), over all
   * seeds: the closest approach when nothing is found, and a start for a guided search.
   */
  readonly closest?: { readonly instance: Instance; readonly verdict: Verdict };
}

export { DEFAULT_HUNT_RUNS, DEFAULT_HUNT_SEEDS };

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
  let closest: HuntResult['closest'];
  for (let s = 0; s < seeds && Date.now() < deadline; s++) {
    if (opts.seedShard && s % opts.seedShard.count !== opts.seedShard.index - 1) continue;
    const seed = base + s;
    seedsTried++;
    const r = huntSeed(part, inForce, seed, runs, { path: opts.path, reject: opts.reject, timeLimitMs: Number.isFinite(deadline) ? Math.max(1, deadline - Date.now()) : undefined });
    runsSpent += r.draws;
    if (r.closest && (!closest || r.closest.verdict.margin < closest.verdict.margin)) closest = r.closest;
    harnessErrors.push(...r.harnessErrors.map((e) => `seed ${seed}: ${e}`));
    if (r.found) {
      firstHitMs ??= Date.now() - t0 - r.shrinkMs;
      shrinkMs += r.shrinkMs;
      const confirmation = confirm(part, r.found.instance, inForce);
      harnessErrors.push(...(confirmation.harnessErrors ?? []).map((e) => `seed ${seed}: ${e}`));
      if (confirmation.reproduces) {
        // The copy's verdict is kept: it is what the stored JSON replays to.
        const cand: Found = { ...r.found, verdict: confirmation.verdict!, seed, confirmation };
        if (!best || simpler(simplicity(cand.instance as Record<string, unknown>), simplicity(best.instance as Record<string, unknown>))) best = cand;
      }
    }
    opts.onProgress?.(s + 1, seeds, best !== undefined);
  }
  return { id: part.id, dropped, found: best, runsSpent, seedsTried, runsPerSeed: runs, elapsedMs: Date.now() - t0, firstHitMs, shrinkMs, harnessErrors, closest };
}

interface SeedHunt {
  readonly found?: { readonly instance: Instance; readonly verdict: Verdict; readonly path: string };
  /** Draws evaluated by the search, up to and including the first hit. */
  readonly draws: number;
  readonly shrinkMs: number;
  readonly harnessErrors: readonly string[];
  /** The search's draw with the smallest margin (shrink steps are not counted). */
  readonly closest?: { readonly instance: Instance; readonly verdict: Verdict };
}

/**
 * One seed: one fc.check whose property fails exactly on robust violations. The first failing
 * draw fixes the reference margin m0; afterwards a shrink step is taken only if it violates by
 * at least a quarter of m0 (robustViolation). The property depends on nothing but the instances
 * it has seen in this run, so replaying the seed along the printed path retraces it.
 * A harness error is never a witness and never ends the search: it is counted and reported.
 */
function huntSeed(
  part: TheoremPart,
  inForce: ReadonlySet<Tag>,
  seed: number,
  runs: number,
  opts: { path?: string; timeLimitMs?: number; examples?: readonly Instance[]; reject?: HuntOptions['reject'] },
): SeedHunt {
  const harnessErrors: string[] = [];
  let closest: SeedHunt['closest'];
  let m0: number | undefined;
  // Shrinking from the first robust violation on (or from the examples given, which are shrunk).
  const trials = byContent(trialsFor(part, inForce), () => m0 !== undefined || (opts.examples?.length ?? 0) > 0);
  let draws = 0;
  let hitAt = 0;
  const arbitrary = shrinkable(part.arbitrary(inForce), { vocabulary: vocabularyOf(part), valid: trials.valid });
  const property = fc.property(arbitrary, (inst) => {
    const t = trials.get(inst);
    if (m0 === undefined) draws++;
    if (t.kind !== 'verdict') {
      harnessErrors.push((t.kind === 'harness' ? t.error : outsideDomain(part, inst, t.reason)).message);
      return true;
    }
    // A rejected instance (a degenerate one, when a non-degenerate witness is wanted) is
    // neither a witness nor a shrink step, nor a closest approach.
    if (opts.reject?.(inst, t.verdict)) return true;
    if (m0 === undefined) {
      if (!closest || t.verdict.margin < closest.verdict.margin) closest = { instance: inst, verdict: t.verdict };
      if (!robustViolation(t.verdict)) return true;
      m0 = t.verdict.margin;
      hitAt = Date.now();
      return false;
    }
    return !robustViolation(t.verdict, m0);
  });
  const details = fc.check(property, {
    seed,
    // Examples count among the runs (and come first): with runs = 0 only they are tried.
    numRuns: runs + (opts.examples?.length ?? 0),
    path: opts.path,
    interruptAfterTimeLimit: opts.timeLimitMs,
    markInterruptAsFailure: false,
    examples: opts.examples?.map((x) => [x] as [Instance]),
  });
  const shrinkMs = m0 === undefined ? 0 : Date.now() - hitAt;
  if (!details.failed || details.counterexample === null) return { draws, shrinkMs, harnessErrors, closest };
  const [instance] = details.counterexample as [Instance];
  const t = trials.get(instance);
  if (t.kind !== 'verdict') return { draws, shrinkMs, harnessErrors, closest };
  return { found: { instance, verdict: t.verdict, path: details.counterexamplePath ?? '' }, draws, shrinkMs, harnessErrors, closest };
}

/**
 * The same trials, also cached by the instance's content while `shrinking()`: the shrinker
 * builds a new object for every step, and about half of a hunt's steps (T2.c −converged: 840
 * evaluations, 381 distinct instances) are instances it has already tried, reached by another
 * path. An evaluation depends only on the instance's numbers and fields, so the verdict of equal
 * JSON text is the same; the witness, its path and every count are unchanged. Instances whose
 * JSON text does not say everything (−0, a non-finite number, an undefined field, a typed array,
 * another class or a null prototype) are not cached by content. The search's random draws are
 * almost never repeated, so they are not keyed at all (a key of a large instance costs time);
 * and the keys kept are bounded in size, so a long shrink of large instances cannot fill memory.
 */
function byContent(trials: Trials, shrinking: () => boolean): Trials {
  const seen = new Map<string, Trial>();
  let kept = 0; // characters of the keys in `seen`
  // The same object is asked twice (is the step valid? does it violate?): no key the second time.
  const byObject = new WeakMap<object, Trial>();
  const get = (inst: Instance): Trial => {
    if (!shrinking()) return trials.get(inst);
    let t = byObject.get(inst);
    if (t) return t;
    const key = contentKey(inst);
    t = key === undefined ? undefined : seen.get(key);
    if (!t) {
      t = trials.get(inst);
      if (key !== undefined && key.length <= MAX_KEY && kept + key.length <= MAX_KEPT) {
        seen.set(key, t);
        kept += key.length;
      }
    }
    byObject.set(inst, t);
    return t;
  };
  return { get, valid: (inst) => get(inst).kind !== 'outside' };
}

/** Content keys longer than this are not kept, nor more than MAX_KEPT characters of them in all (about 32 MB). */
const MAX_KEY = 1 << 16;
const MAX_KEPT = 1 << 24;

/** The instance's JSON text when it says everything about it (see byContent), else undefined. Exported for its property. */
export function contentKey(inst: Instance): string | undefined {
  let exact = true;
  const key = JSON.stringify(inst, (_k, v: unknown) => {
    if (typeof v === 'number') {
      if (!Number.isFinite(v) || Object.is(v, -0)) exact = false;
    } else if (typeof v === 'object' ? v !== null && !Array.isArray(v) && Object.getPrototypeOf(v) !== Object.prototype : typeof v !== 'string' && typeof v !== 'boolean') exact = false;
    return v;
  });
  return exact ? key : undefined;
}

/**
 * Shrink a given witness (a stored one, or one padded or written by hand) with the same loop:
 * it is tried first, as an example, and simplified by the instance-level steps. Returns the
 * simplest robust violation reached, or undefined when `instance` is not one.
 */
export function shrinkFrom(part: TheoremPart, dropped: readonly string[], instance: Instance): { instance: Instance; verdict: Verdict } | undefined {
  const r = shrinkWitness(part, dropped, instance);
  return r.found;
}

/**
 * The same, with the harness errors met while shrinking (never dropped: the caller reports
 * them), and instances the shrinker must not step to (`reject`: a shrink step may not make a
 * non-degenerate witness degenerate).
 */
export function shrinkWitness(
  part: TheoremPart,
  dropped: readonly string[],
  instance: Instance,
  reject?: HuntOptions['reject'],
): { found?: { instance: Instance; verdict: Verdict }; harnessErrors: readonly string[] } {
  const r = huntSeed(part, tagsInForce(part, dropped), DEFAULT_SEED, 0, { examples: [instance], reject });
  return { found: r.found && { instance: r.found.instance, verdict: r.found.verdict }, harnessErrors: r.harnessErrors };
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
    // The record keeps the two figures; harness errors are reported by the hunt, not stored.
    confirmation: { reproduces: f.confirmation.reproduces, perturbationSurvival: f.confirmation.perturbationSurvival },
  };
}
