/**
 * Guided search, in the spirit of Hypothesis's `target()`: where random draws of the widened
 * generator find no violation, push an instance's numbers towards one. It starts from random
 * draws (the same generator the hunt draws from: the dropped tags removed, the others in
 * force), then moves the numbers of the most promising draws to lower the part's margin, by a
 * derivative-free pattern search (the margin is piecewise smooth at best, often a min or max of
 * several claims, and some parts estimate it by Monte Carlo, so no gradient is trusted):
 * - one number at a time, up and down by its own step, which doubles on success and halves on
 *   failure (coordinate search with step adaptation);
 * - a whole field at once, scaled up or down by a factor (reaches the extreme scales a
 *   coordinate step would take many moves to reach);
 * - all numbers at once, along a seeded random direction (escapes ridges that no single
 *   coordinate descends, such as the cone of covariance matrices).
 * A symmetric matrix's entry moves with its mirror (layout.ts `withLeaf`); counts move by whole
 * numbers; an instance's Monte Carlo seed never moves (moving it would search the noise, not
 * the claim). Every moved instance is validated and checked against the tags still in force
 * (trial.ts): a move out of the domain is skipped, never evaluated as a verdict; a harness error
 * (NaN, ∞, a crash) is counted and reported, never taken for a witness nor passed over.
 *
 * The objective is the margin as the part scales it (every part's margin is already relative
 * where its quantities have a scale); `normalised` reports it against the robustness threshold
 * 2·tol, so that −1 is where a violation becomes robust. Once the search reaches a robust
 * violation (confirm.ts), the witness goes through the hunt's shrinker (`shrinkFrom`), so that
 * what is stored is as simple as a random hunt's witness, and is re-confirmed independently.
 * Seeded (the same seed, budget and part give the same moves and the same result) and bounded:
 * `budget` counts the evaluations of the search, random starts and moves; the shrinker that
 * follows a hit is bounded by its own loop, as in the hunt.
 */
import fc from 'fast-check';
import { leaves, withLeaf, type Leaf } from '../instance/layout.ts';
import type { Instance } from '../instance/reader.ts';
import { makeRng, type Rng } from '../numeric/rng.ts';
import type { Verdict } from '../theorems/evaluate.ts';
import { vocabularyOf } from '../theorems/family.ts';
import { tagsInForce } from '../theorems/tags.ts';
import type { Tag, TheoremPart } from '../theorems/types.ts';
import { confirm, ROBUST_FLOOR, robustViolation } from './confirm.ts';
import { DEFAULT_GUIDED_BUDGET, DEFAULT_SEED } from './defaults.ts';
import { shrinkWitness, type Found } from './hunt.ts';
import { outsideDomain, trialsFor } from './trial.ts';

export { DEFAULT_GUIDED_BUDGET };

export interface GuidedOptions {
  /** Seeds the random starts and the random moves (default: the suite's seed). */
  readonly seed?: number;
  /** Evaluations to spend, random starts included (default DEFAULT_GUIDED_BUDGET). */
  readonly budget?: number;
  /** Random draws to start from (default: a fifth of the budget, at most 40). */
  readonly starts?: number;
  /** An instance to start from as well (a random hunt's closest approach, say); tried first. */
  readonly start?: Instance;
  /** The generator of the starts (default: the part's own, widened by the dropped tags). */
  readonly generator?: fc.Arbitrary<Instance>;
  /**
   * Instances the search must not settle on (a degenerate witness when a non-degenerate one is
   * wanted): skipped like instances outside the domain, and never the shrinker's result.
   */
  readonly reject?: (inst: Instance, verdict: Verdict) => boolean;
}

/** The instance with the smallest margin the search evaluated. */
export interface Approach {
  readonly instance: Instance;
  readonly margin: number;
  readonly tol: number;
  /** margin / (2·tol + 1e-9): at or below −1 the violation is robust (confirm.ts). */
  readonly normalised: number;
}

export interface GuidedResult {
  readonly id: string;
  readonly dropped: readonly string[];
  /** The closest approach (absent only when no evaluation gave a verdict). */
  readonly best?: Approach;
  /** A robust violation, shrunk and re-confirmed (its `seed` is the search's, its path empty). */
  readonly found?: Found;
  /** Evaluations spent (at most the budget). */
  readonly evaluations: number;
  readonly harnessErrors: readonly string[];
  readonly elapsedMs: number;
}

/**
 * What the search stops on: a robust violation (confirm.ts) that is also beyond ROBUST_FLOOR.
 * A random draw that lands just past 2·tol is rare, but an optimiser walks to the edge of the
 * tolerance on purpose: left at 2·tol it finds rounding (an equality off by 2e-8 with tol 1e-8
 * where a noise level is near zero, say), not the claim failing. 1/64 is far beyond every
 * tolerance the parts use, and within every witness the random hunt has stored.
 */
export const guidedHit = (v: Pick<Verdict, 'margin' | 'tol' | 'holds'>): boolean => robustViolation(v as Verdict) && v.margin <= -ROBUST_FLOOR;

export const normalisedMargin = (margin: number, tol: number): number => margin / (2 * tol + 1e-9);

export const approachOf = (instance: Instance, v: Pick<Verdict, 'margin' | 'tol'>): Approach => ({
  instance,
  margin: v.margin,
  tol: v.tol,
  normalised: normalisedMargin(v.margin, v.tol),
});

/** A number of the instance the search may move, with its current step. */
interface Coordinate {
  readonly path: readonly (string | number)[];
  readonly integer: boolean;
  step: number;
}

/** The fields' names, for whole-field scaling moves (a `kind` object's members separately). */
const fieldOf = (path: readonly (string | number)[]): string => (typeof path[1] === 'string' ? `${path[0]}.${path[1]}` : String(path[0]));

/** The instance's movable numbers: not the Monte Carlo seed, one of each symmetric pair. */
function coordinates(part: TheoremPart, inst: Instance): Coordinate[] {
  const vocab = vocabularyOf(part);
  const scale = new Map<string, number>();
  const ls = leaves(inst).filter((l) => l.path[0] !== 'seed');
  for (const l of ls) scale.set(fieldOf(l.path), Math.max(scale.get(fieldOf(l.path)) ?? 0, Math.abs(l.value)));
  return ls
    .filter((l) => {
      const spec = vocab.get(fieldOf(l.path));
      if (!spec?.symmetric) return true;
      const [i, j] = l.path.slice(-2) as number[];
      return i <= j;
    })
    .map((l: Leaf) => {
      const integer = vocab.get(fieldOf(l.path))?.discrete === true;
      const s = 0.25 * Math.max(Math.abs(l.value), 0.1 * (scale.get(fieldOf(l.path)) ?? 0), 1e-3);
      return { path: l.path, integer, step: integer ? Math.max(1, Math.round(s)) : s };
    });
}

const valueAt = (inst: Instance, path: readonly (string | number)[]): number =>
  path.reduce<unknown>((x, k) => (x as Record<string | number, unknown>)[k], inst) as number;

/** Scale every number of one field by `factor` (a kind's name and the seed untouched). */
function scaleField(part: TheoremPart, inst: Instance, field: string, factor: number): Instance {
  let out = inst as Record<string, unknown>;
  for (const l of leaves(inst).filter((x) => fieldOf(x.path) === field)) out = setNumber(part, out, l.path, l.value * factor, false);
  return out as Instance;
}

function setNumber(part: TheoremPart, inst: Record<string, unknown>, path: readonly (string | number)[], value: number, integer: boolean): Record<string, unknown> {
  return withLeaf(inst, path, integer ? Math.round(value) : value, vocabularyOf(part));
}

/**
 * One evaluation, counted against the budget: a verdict, or undefined when the instance is
 * outside the domain, rejected, or broke the harness (counted in `errors`).
 */
type Evaluate = (inst: Instance) => Verdict | undefined;

export function guidedSearch(part: TheoremPart, dropped: readonly string[], opts: GuidedOptions = {}): GuidedResult {
  const t0 = Date.now();
  const inForce = tagsInForce(part, dropped);
  const seed = opts.seed ?? DEFAULT_SEED;
  const budget = Math.max(0, Math.floor(opts.budget ?? DEFAULT_GUIDED_BUDGET));
  const trials = trialsFor(part, inForce);
  const harnessErrors: string[] = [];
  let evaluations = 0;
  let best: Approach | undefined;
  const evaluate: Evaluate = (inst) => {
    evaluations++;
    const t = trials.get(inst);
    if (t.kind === 'harness') {
      harnessErrors.push(`guided seed ${seed}, evaluation ${evaluations}: ${t.error.message}`);
      return undefined;
    }
    if (t.kind === 'outside') return undefined;
    if (opts.reject?.(inst, t.verdict)) return undefined;
    if (!best || t.verdict.margin < best.margin) best = approachOf(inst, t.verdict);
    return t.verdict;
  };
  const result = (found?: Found): GuidedResult => ({ id: part.id, dropped, best, found, evaluations, harnessErrors, elapsedMs: Date.now() - t0 });

  // Random starts: the given one first, then draws of the generator (an out-of-domain draw is
  // the generator's fault, and is said, as in the hunt).
  const starts: { inst: Instance; v: Verdict }[] = [];
  const startBudget = Math.min(budget, opts.starts ?? Math.max(1, Math.min(40, Math.floor(budget / 5))));
  const draws: Instance[] = [
    ...(opts.start ? [opts.start] : []),
    ...(startBudget > 0 ? fc.sample(opts.generator ?? part.arbitrary(inForce), { seed, numRuns: startBudget }) : []),
  ];
  for (const inst of draws) {
    if (evaluations >= budget) break;
    const t = trials.get(inst);
    if (t.kind === 'outside' && inst !== opts.start) harnessErrors.push(outsideDomain(part, inst, t.reason).message);
    const v = evaluate(inst);
    if (v) starts.push({ inst, v });
    if (v && guidedHit(v)) return result(settle(part, dropped, inForce, inst, seed, opts, harnessErrors));
  }
  // Most promising first; ties keep the draw order (a stable sort), so the order is seeded.
  starts.sort((a, b) => a.v.margin - b.v.margin);
  const rng = makeRng(`guided:${part.id}:${[...dropped].sort().join('+')}:${seed}`);
  for (const s of starts) {
    if (evaluations >= budget) break;
    const end = descend(part, s.inst, s.v, evaluate, rng, () => budget - evaluations);
    if (guidedHit(end.v)) return result(settle(part, dropped, inForce, end.inst, seed, opts, harnessErrors));
  }
  return result();
}

/**
 * Pattern search from one start until it stalls (every step below its floor, or three sweeps
 * without progress), the budget runs out, or a robust violation is reached.
 */
function descend(part: TheoremPart, start: Instance, v0: Verdict, evaluate: Evaluate, rng: Rng, left: () => number): { inst: Instance; v: Verdict } {
  let x = start;
  let fx = v0;
  const coords = coordinates(part, x);
  const fields = [...new Set(coords.map((c) => fieldOf(c.path)))];
  const fieldStep = new Map(fields.map((f) => [f, 1])); // log-scale step of whole-field moves
  const floor = (c: Coordinate) => (c.integer ? 1 : 1e-9 * Math.max(1, Math.abs(valueAt(x, c.path))));
  const accept = (y: Instance, v: Verdict | undefined): boolean => {
    if (!v || !(v.margin < fx.margin)) return false;
    x = y;
    fx = v;
    return true;
  };
  let idle = 0;
  while (left() > 0 && idle < 3 && !guidedHit(fx)) {
    const before = fx.margin;
    // Coordinates in a seeded random order, each tried up and down (in a random order too).
    const order = coords.map((c, i) => [rng.uniform(), i] as const).sort((a, b) => a[0] - b[0]).map(([, i]) => coords[i]);
    for (const c of order) {
      if (left() <= 0 || guidedHit(fx)) break;
      if (c.step < floor(c)) continue;
      const sign = rng.uniform() < 0.5 ? 1 : -1;
      let moved = false;
      for (const dir of [sign, -sign]) {
        if (left() <= 0) break;
        const y = setNumber(part, x as Record<string, unknown>, c.path, valueAt(x, c.path) + dir * c.step, c.integer) as Instance;
        if (accept(y, evaluate(y))) {
          moved = true;
          break;
        }
      }
      c.step = c.integer ? (moved ? c.step * 2 : Math.floor(c.step / 2)) : moved ? c.step * 2 : c.step / 2;
    }
    // Whole fields, scaled up or down.
    for (const f of fields) {
      if (left() <= 0 || guidedHit(fx)) break;
      const s = fieldStep.get(f)!;
      if (s < 1e-3) continue;
      const sign = rng.uniform() < 0.5 ? 1 : -1;
      let moved = false;
      for (const dir of [sign, -sign]) {
        if (left() <= 0) break;
        const y = scaleField(part, x, f, Math.exp(dir * s));
        if (accept(y, evaluate(y))) {
          moved = true;
          break;
        }
      }
      fieldStep.set(f, moved ? Math.min(2 * s, 8) : s / 2);
    }
    // Every number at once, along a random direction scaled by the coordinates' steps.
    if (left() > 0 && !guidedHit(fx)) {
      let y = x as Record<string, unknown>;
      for (const c of coords) if (!c.integer) y = setNumber(part, y, c.path, valueAt(x, c.path) + 0.5 * c.step * rng.normal(), false);
      accept(y as Instance, evaluate(y as Instance));
    }
    idle = fx.margin < before - 1e-12 * Math.max(1, Math.abs(before)) ? 0 : idle + 1;
    if (coords.every((c) => c.step < floor(c)) && [...fieldStep.values()].every((s) => s < 1e-3)) break;
  }
  return { inst: x, v: fx };
}

/**
 * A robust violation reached: shrink it with the hunt's shrinker (rejected instances are not
 * steps it may take) and re-confirm it independently, as a hunt's witness is.
 */
function settle(
  part: TheoremPart,
  dropped: readonly string[],
  inForce: ReadonlySet<Tag>,
  inst: Instance,
  seed: number,
  opts: GuidedOptions,
  harnessErrors: string[],
): Found | undefined {
  // The shrinker keeps the witness beyond the floor too (its own bar is relative to the start).
  const shrunk = shrinkWitness(part, dropped, inst, (i, v) => !guidedHit(v) || (opts.reject?.(i, v) ?? false));
  harnessErrors.push(...shrunk.harnessErrors.map((e) => `guided seed ${seed}, shrinking: ${e}`));
  if (!shrunk.found) return undefined;
  const confirmation = confirm(part, shrunk.found.instance, inForce);
  harnessErrors.push(...(confirmation.harnessErrors ?? []).map((e) => `guided seed ${seed}: ${e}`));
  if (!confirmation.reproduces) return undefined;
  return { instance: shrunk.found.instance, verdict: confirmation.verdict!, seed, path: '', confirmation };
}
