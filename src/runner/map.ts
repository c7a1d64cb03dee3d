/**
 * Boundary maps along relaxation paths (issue 11, points 2 and 4): how far a tag can be
 * relaxed before a claim fails, and how badly it fails beyond. Along a tag's path
 * (src/relaxation/) the search at each grid λ reports the worst normalised margin it found;
 * the break point λ* is the smallest λ with a robust witness (confirm.ts's `robustViolation`,
 * re-confirmed from JSON), bracketed below by a λ where the same budget and seed found none and
 * refined by bisection. A pair of tags gets a grid over (λ1, λ2) instead (a phase diagram).
 *
 * The search is an interface: `randomSearch` draws the budget from the λ-generator and keeps
 * the minimum; `guidedMapSearch` (map-guided.ts) runs the guided search (guided.ts) on the path.
 */
import fc from 'fast-check';
import { dimension } from '../instance/layout.ts';
import type { Instance } from '../instance/reader.ts';
import { InputError } from '../numeric/errors.ts';
import { inForceAlong, pathOf, relaxedArbitrary, type Relaxed } from '../relaxation/index.ts';
import type { Verdict } from '../theorems/evaluate.ts';
import { tagsInForce } from '../theorems/tags.ts';
import type { TheoremPart } from '../theorems/types.ts';
import { VERSION } from '../version.ts';
import { confirm, robustViolation } from './confirm.ts';
import type { Counterexample, CounterexampleStore } from './store.ts';
import { trialsFor } from './trial.ts';

/**
 * Quantities that count things (Monte Carlo sample sizes, R1n's n): not magnitudes of the
 * claim, so they do not set its scale.
 */
const COUNTS = new Set(['samples', 'n']);

/**
 * A margin on a common scale across parts: the margin beyond the tolerance (a violation within
 * its tolerance reads 0: it is no evidence, and a Monte Carlo part's tolerance can be wide),
 * over the largest magnitude among the claim's own quantities (at least 1; counts left out),
 * so that −1 means "off by as much as the quantities themselves" whatever their units. The
 * break point itself is decided on the raw margin and tolerance (robustViolation).
 */
export function normalisedMargin(v: Verdict): number {
  const scale = Math.max(1, ...Object.entries(v.quantities).filter(([k]) => !COUNTS.has(k)).map(([, q]) => Math.abs(q)));
  const beyond = v.margin >= 0 ? v.margin : Math.min(0, v.margin + v.tol);
  return beyond / scale;
}

/**
 * Equality claims (the T1 family's gain law G = c·A) are mapped by their relative error
 * |G − c·A| / max(|G|, |c·A|) as well: an equality has no slack, so its margin is never
 * positive and "how wrong" reads better as a proportion.
 */
const EQUALITY_SIDES: Readonly<Record<string, readonly [string, string]>> = { T1: ['gain', 'predictedGain'] };

export function relativeError(part: TheoremPart, v: Verdict): number | undefined {
  const sides = EQUALITY_SIDES[part.id];
  if (!sides) return undefined;
  const [a, b] = sides.map((k) => v.quantities[k]);
  const scale = Math.max(Math.abs(a), Math.abs(b));
  return scale === 0 ? 0 : Math.abs(a - b) / scale;
}

export interface Scored {
  readonly instance: Instance;
  readonly verdict: Verdict;
  readonly normalised: number;
}

export interface SearchResult {
  /** The lowest normalised margin met (absent when no draw could be evaluated). */
  readonly best?: Scored;
  /** The first robust violation met (the one the break point rests on). */
  readonly found?: Scored;
  /** The largest relative error met, for equality claims. */
  readonly worstRelativeError?: number;
  readonly evaluations: number;
  /** Draws the part's evaluation refused (outside its domain): counted, never scored. */
  readonly outside: number;
  readonly harnessErrors: readonly string[];
}

export interface SearchOptions {
  readonly seed: number;
  readonly budget: number;
}

/**
 * A search for the worst instance of `part` along the relaxed tags. Any implementation must be
 * deterministic in (part, relaxed, seed, budget): the bracket's lower end is "none found under
 * this seed and budget", and map's determinism rests on it.
 */
export type Search = (part: TheoremPart, relaxed: readonly Relaxed[], opts: SearchOptions) => SearchResult;

/** Draw `budget` instances from the λ-generator and keep the minimum (and the first robust violation). */
export const randomSearch: Search = (part, relaxed, { seed, budget }) => {
  const inForce = inForceAlong(part, relaxed);
  const trials = trialsFor(part, inForce);
  const draws = fc.sample(relaxedArbitrary(part, relaxed), { seed, numRuns: budget });
  let best: Scored | undefined;
  let found: Scored | undefined;
  let worstRelativeError: number | undefined;
  let outside = 0;
  const harnessErrors: string[] = [];
  for (const instance of draws) {
    const t = trials.get(instance);
    if (t.kind === 'outside') {
      outside++;
      continue;
    }
    if (t.kind === 'harness') {
      harnessErrors.push(t.error.message);
      continue;
    }
    const s: Scored = { instance, verdict: t.verdict, normalised: normalisedMargin(t.verdict) };
    if (!best || s.normalised < best.normalised) best = s;
    if (!found && robustViolation(t.verdict)) found = s;
    const rel = relativeError(part, t.verdict);
    if (rel !== undefined && !(rel <= (worstRelativeError ?? -1))) worstRelativeError = rel;
  }
  return { best, found, worstRelativeError, evaluations: draws.length - outside, outside, harnessErrors };
};

export interface MapOptions {
  readonly grid?: number;
  readonly budget?: number;
  readonly seed?: number;
  /** Bisection steps between the bracket's ends (each halves it). */
  readonly bisections?: number;
  readonly search?: Search;
  readonly searchName?: string;
  /** Where witnesses go (just above λ*); none stored without one. */
  readonly store?: CounterexampleStore;
}

export const MAP_DEFAULTS = { grid: 11, budget: 60, seed: 42, bisections: 5 } as const;

export interface MapPoint {
  readonly lambda: number;
  /** Worst normalised margin found at this λ (null: nothing could be evaluated). */
  readonly worstMargin: number | null;
  /** The raw margin and tolerance of that draw. */
  readonly worstRawMargin: number | null;
  readonly tol: number | null;
  /** A robust witness was found at this λ (re-confirmed from its JSON). */
  readonly robust: boolean;
  readonly worstRelativeError?: number;
  readonly evaluations: number;
  readonly outside: number;
  readonly harnessErrors: number;
}

export interface BoundaryMap {
  readonly part: string;
  readonly tag: string;
  readonly title: string;
  readonly parameter: string;
  readonly search: string;
  readonly seed: number;
  readonly budget: number;
  readonly points: readonly MapPoint[];
  /** λ*: the smallest λ with a robust witness after bisection (null: none on the path). */
  readonly breakPoint: number | null;
  /** [a λ where the budget found none, λ*] (null without a break point; [0, 0] when it fails at λ = 0). */
  readonly bracket: readonly [number, number] | null;
  /** The bisection's probes, in order. */
  readonly bisection: readonly { lambda: number; robust: boolean }[];
  /** Worst normalised margin at λ = 1 (the widened generator). */
  readonly worstMarginAt1: number | null;
  /** The stored witness at λ*, relative to the store (null: none stored). */
  readonly witness: string | null;
  readonly version: string;
}

/** A robust violation that also reproduces from its JSON text with the tags in force. */
function confirmed(part: TheoremPart, relaxed: readonly Relaxed[], s: Scored | undefined): boolean {
  return !!s && confirm(part, s.instance, inForceAlong(part, relaxed), 4).reproduces;
}

function checkCommon(part: TheoremPart, tags: readonly string[], o: Required<Pick<MapOptions, 'grid' | 'budget' | 'seed' | 'bisections'>>): void {
  tagsInForce(part, tags); // unknown tag, or one the part does not have: a clear InputError
  for (const t of tags) pathOf(t);
  if (new Set(tags).size !== tags.length) throw new InputError(`map: the tags must differ (got ${tags.join(', ')})`);
  if (!Number.isInteger(o.grid) || o.grid < 2) throw new InputError(`--grid: expected a whole number >= 2, got ${o.grid}`);
  if (!Number.isInteger(o.budget) || o.budget < 1) throw new InputError(`--budget: expected a whole number >= 1, got ${o.budget}`);
  if (!Number.isInteger(o.seed)) throw new InputError(`--seed: expected a whole number, got ${o.seed}`);
  if (!Number.isInteger(o.bisections) || o.bisections < 0) throw new InputError(`bisections: expected a whole number >= 0, got ${o.bisections}`);
}

const gridOf = (n: number): number[] => Array.from({ length: n }, (_, i) => i / (n - 1));

function witnessRecord(part: TheoremPart, relaxed: readonly Relaxed[], s: Scored, seed: number, budget: number): Counterexample {
  const c = confirm(part, s.instance, inForceAlong(part, relaxed));
  // The record keeps what its JSON replays to: the round-trip copy's verdict.
  const v = c.verdict ?? s.verdict;
  return {
    theorem: part.id,
    dropped: relaxed.filter((r) => r.lambda > 0).map((r) => r.tag).sort(),
    instance: s.instance as Record<string, unknown>,
    margin: v.margin,
    tol: v.tol,
    quantities: { ...v.quantities },
    dimension: dimension(s.instance as Record<string, unknown>),
    seed,
    path: `map ${relaxed.map((r) => `${r.tag}=${r.lambda}`).join(' ')}`,
    numRuns: budget,
    foundAt: new Date().toISOString(),
    version: VERSION,
    confirmation: { reproduces: c.reproduces, perturbationSurvival: c.perturbationSurvival },
  };
}

/** The boundary map of one tag of one part (see the module comment). */
export function boundaryMap(part: TheoremPart, tag: string, opts: MapOptions = {}): BoundaryMap {
  const o = { ...MAP_DEFAULTS, ...Object.fromEntries(Object.entries(opts).filter(([, v]) => v !== undefined)) } as typeof MAP_DEFAULTS & MapOptions;
  checkCommon(part, [tag], o);
  const search = o.search ?? randomSearch;
  const run = (lambda: number) => {
    const relaxed = [{ tag, lambda }];
    const r = search(part, relaxed, { seed: o.seed, budget: o.budget });
    return { r, robust: !!r.found && confirmed(part, relaxed, r.found) };
  };
  const points: MapPoint[] = [];
  let firstHit: { index: number; r: SearchResult } | undefined;
  for (const [index, lambda] of gridOf(o.grid).entries()) {
    const { r, robust } = run(lambda);
    if (robust && !firstHit) firstHit = { index, r };
    const b = r.best;
    points.push({
      lambda,
      worstMargin: b ? b.normalised : null,
      worstRawMargin: b ? b.verdict.margin : null,
      tol: b ? b.verdict.tol : null,
      robust,
      ...(r.worstRelativeError !== undefined ? { worstRelativeError: r.worstRelativeError } : {}),
      evaluations: r.evaluations,
      outside: r.outside,
      harnessErrors: r.harnessErrors.length,
    });
  }
  const bisection: { lambda: number; robust: boolean }[] = [];
  let bracket: [number, number] | null = null;
  let witnessAt: { lambda: number; found: Scored } | undefined;
  if (firstHit) {
    let hi = points[firstHit.index].lambda;
    witnessAt = { lambda: hi, found: firstHit.r.found! };
    if (firstHit.index === 0) bracket = [0, 0];
    else {
      let lo = points[firstHit.index - 1].lambda;
      for (let k = 0; k < o.bisections; k++) {
        const mid = (lo + hi) / 2;
        const { r, robust } = run(mid);
        bisection.push({ lambda: mid, robust });
        if (robust) {
          hi = mid;
          witnessAt = { lambda: mid, found: r.found! };
        } else lo = mid;
      }
      bracket = [lo, hi];
    }
  }
  let witness: string | null = null;
  if (witnessAt && o.store) {
    const saved = o.store.save(witnessRecord(part, [{ tag, lambda: witnessAt.lambda }], witnessAt.found, o.seed, o.budget));
    witness = saved.file;
  }
  const path = pathOf(tag);
  return {
    part: part.id,
    tag,
    title: `${part.id}: worst margin along the ${tag} path`,
    parameter: path.parameter,
    search: o.searchName ?? (o.search ? 'custom' : 'random'),
    seed: o.seed,
    budget: o.budget,
    points,
    breakPoint: bracket ? bracket[1] : null,
    bracket,
    bisection,
    worstMarginAt1: points.at(-1)!.worstMargin,
    witness,
    version: VERSION,
  };
}

export interface PhaseCell {
  readonly x: number;
  readonly y: number;
  /** Worst normalised margin found in the cell (null: nothing evaluated). */
  readonly margin: number | null;
  readonly robust: boolean;
  readonly evaluations: number;
}

export interface PhaseDiagram {
  readonly part: string;
  readonly tags: readonly [string, string];
  readonly title: string;
  readonly parameters: readonly [string, string];
  readonly search: string;
  readonly seed: number;
  readonly budget: number;
  readonly grid: readonly PhaseCell[];
  /** The stored witness of the robust cell nearest the origin (smallest λ1 + λ2, then λ1). */
  readonly witness: string | null;
  readonly witnessAt: { readonly x: number; readonly y: number } | null;
  readonly version: string;
}

/** The phase diagram of a pair of tags: worst normalised margin over the (λ1, λ2) grid. */
export function phaseDiagram(part: TheoremPart, tags: readonly [string, string], opts: MapOptions = {}): PhaseDiagram {
  const o = { ...MAP_DEFAULTS, ...Object.fromEntries(Object.entries(opts).filter(([, v]) => v !== undefined)) } as typeof MAP_DEFAULTS & MapOptions;
  checkCommon(part, tags, o);
  const search = o.search ?? randomSearch;
  const grid: PhaseCell[] = [];
  let nearest: { x: number; y: number; found: Scored } | undefined;
  for (const x of gridOf(o.grid))
    for (const y of gridOf(o.grid)) {
      const relaxed = [{ tag: tags[0], lambda: x }, { tag: tags[1], lambda: y }];
      const r = search(part, relaxed, { seed: o.seed, budget: o.budget });
      const robust = !!r.found && confirmed(part, relaxed, r.found);
      grid.push({ x, y, margin: r.best ? r.best.normalised : null, robust, evaluations: r.evaluations });
      if (robust && (!nearest || x + y < nearest.x + nearest.y || (x + y === nearest.x + nearest.y && x < nearest.x))) nearest = { x, y, found: r.found! };
    }
  let witness: string | null = null;
  if (nearest && o.store) {
    const relaxed = [{ tag: tags[0], lambda: nearest.x }, { tag: tags[1], lambda: nearest.y }];
    witness = o.store.save(witnessRecord(part, relaxed, nearest.found, o.seed, o.budget)).file;
  }
  return {
    part: part.id,
    tags,
    title: `${part.id}: phase diagram over ${tags[0]} × ${tags[1]}`,
    parameters: [pathOf(tags[0]).parameter, pathOf(tags[1]).parameter],
    search: o.searchName ?? (o.search ? 'custom' : 'random'),
    seed: o.seed,
    budget: o.budget,
    grid,
    witness,
    witnessAt: nearest ? { x: nearest.x, y: nearest.y } : null,
    version: VERSION,
  };
}
