/**
 * The multi-objective Pareto cone of THEORY §2 T5. Objectives v_1..v_m; a judge u raises
 * objective i at every KL budget iff <u, v_i>_Σ = <u, Σv_i> > 0 (T1), so the Pareto-improving
 * set is C = {u : <u, a_i> > 0 for all i} with a_i = Σv_i.
 *
 * Gordan's alternative (C ≠ ∅ iff no λ >= 0, λ ≠ 0 has Σλ_i a_i = 0) is decided here by two
 * independent linear programs solved with HiGHS, each answer coming with a witness that the
 * caller re-checks in plain arithmetic:
 *  - `maxMinMargin`: maximise t subject to <u, â_i> >= t, u in the box [−1, 1]^d (â_i = a_i/‖a_i‖).
 *    t* > 0 iff C ≠ ∅, and the optimal u is then a witness in C.
 *  - `gordanMultipliers`: find λ >= 0 with Σλ_i = 1 and Σλ_i â_i = 0 (a pure feasibility LP).
 * Scaling a_i by a positive number changes neither C nor the existence of λ, so both LPs work
 * on unit rows: t* is then scale-free (it is the box-constrained max-min cosine-like margin)
 * and one tolerance serves every instance.
 */
import highsModule from 'highs';
import type { Covariance } from '../linalg/covariance.ts';
import { dot, maxAbs, norm, type Vec } from '../linalg/vec.ts';
import { HarnessError } from '../numeric/errors.ts';
import { symmetricEigen } from '../linalg/symmetric-eigen.ts';
import type { Rng } from '../numeric/rng.ts';

// `highs` ships an ES module whose default export is the loader, but declares its types as
// CommonJS, so under NodeNext TypeScript sees the default import as the module object. Take
// the loader from whichever shape arrives.
type HighsLoader = typeof highsModule.default;
const loaderExport: unknown = highsModule;
const loadHighs = (typeof loaderExport === 'function' ? loaderExport : (loaderExport as { default: unknown }).default) as HighsLoader;

// The WebAssembly solver loads asynchronously, once, when this module is first imported;
// every solve afterwards is synchronous, so `evaluate` stays synchronous.
const highs = await loadHighs();
const { modelStatus, objectiveSense } = highs.constants;

/**
 * Accuracy we grant an LP answer, in the unit-row scale: HiGHS's default primal and dual
 * feasibility tolerances are 1e-7, so an optimal value or a constraint may be off by that much.
 */
export const LP_TOL = 1e-7;

/** a_i = Σv_i: the linear functionals whose positivity defines C. */
export const paretoTargets = (S: Covariance, values: readonly Vec[]): Vec[] => values.map((v) => S.apply(v));

/** a/‖a‖, and the zero vector unchanged (a zero objective can never be raised: <u, 0> = 0). */
function unitRow(a: Vec): Vec {
  const n = norm(a);
  return n === 0 ? Float64Array.from(a) : a.map((x) => x / n);
}

/** Whether u lies in C = {u : <u, a_i> > 0 ∀i} (strict inequalities, plain arithmetic). */
export const inCone = (targets: readonly Vec[], u: Vec): boolean => targets.every((a) => dot(u, a) > 0);

/**
 * How far u lies inside C: min_i <u, a_i> / (‖u‖ ‖a_i‖), the smallest cosine between u and
 * the a_i (0 for a zero a_i). Positive iff u ∈ C; it certifies a witness in plain arithmetic.
 */
export function coneMargin(targets: readonly Vec[], u: Vec): number {
  const nu = norm(u);
  if (nu === 0) return 0;
  let m = Infinity;
  for (const a of targets) {
    const na = norm(a);
    m = Math.min(m, na === 0 ? 0 : dot(u, a) / (nu * na));
  }
  return m;
}

export interface MaxMinMargin {
  /** The LP's optimal value t* = max_{u ∈ [−1,1]^d} min_i <u, â_i>. */
  readonly t: number;
  /** The LP's optimal u (a witness in C when t* > 0). */
  readonly u: Vec;
}

/** LP 1: maximise t subject to <u, â_i> − t >= 0 for every i, −1 <= u_j <= 1. */
export function maxMinMargin(targets: readonly Vec[]): MaxMinMargin {
  const m = targets.length;
  if (m === 0) throw new HarnessError('maxMinMargin: no objectives');
  const d = targets[0].length;
  const rows = targets.map(unitRow);
  // Columns u_1..u_d, t. Row i: Σ_j â_ij u_j − t >= 0 (CSR: every row lists all d + 1 columns).
  const starts = Array.from({ length: m + 1 }, (_, i) => i * (d + 1));
  const indices = rows.flatMap(() => Array.from({ length: d + 1 }, (_, j) => j));
  const values = rows.flatMap((r) => [...r, -1]);
  const res = highs.raw.lpCall({
    numCols: d + 1,
    numRows: m,
    sense: objectiveSense.maximize,
    colCost: [...new Array<number>(d).fill(0), 1],
    colLower: [...new Array<number>(d).fill(-1), -highs.infinity],
    colUpper: [...new Array<number>(d).fill(1), highs.infinity],
    rowLower: new Array<number>(m).fill(0),
    rowUpper: new Array<number>(m).fill(highs.infinity),
    matrix: { format: 'csr', numRows: m, numCols: d + 1, starts, indices, values },
  });
  // u = 0, t = 0 is feasible and t <= min_i ‖â_i‖_1 bounds the objective: anything but
  // "optimal" is the solver failing, not an answer about C.
  if (res.status === -1 || res.value.modelStatus !== modelStatus.optimal)
    throw new HarnessError(`maxMinMargin: HiGHS did not reach an optimum (status ${res.status}, model status ${res.value?.modelStatus})`);
  const x = res.value.solution.colValue;
  return { t: x[d], u: Float64Array.from(x.subarray(0, d)) };
}

/**
 * LP 2: λ >= 0 with Σλ_i = 1 and Σλ_i â_i = 0, or null when HiGHS proves there is none.
 * The multipliers are returned for the original a_i (λ_i/‖a_i‖, renormalised to sum 1), so
 * the caller can check them against Σv_i directly.
 */
export function gordanMultipliers(targets: readonly Vec[]): Vec | null {
  const m = targets.length;
  if (m === 0) throw new HarnessError('gordanMultipliers: no objectives');
  const d = targets[0].length;
  const rows = targets.map(unitRow);
  // Columns λ_1..λ_m. Rows 0..d−1: Σ_i â_ij λ_i = 0; row d: Σ_i λ_i = 1. λ <= 1 is implied by
  // the last row; stating it keeps the LP bounded, so "infeasible" is the only negative answer.
  const starts = Array.from({ length: d + 2 }, (_, j) => j * m);
  const indices = Array.from({ length: (d + 1) * m }, (_, k) => k % m);
  const values = [...Array.from({ length: d }, (_, j) => rows.map((r) => r[j])).flat(), ...new Array<number>(m).fill(1)];
  const res = highs.raw.lpCall({
    numCols: m,
    numRows: d + 1,
    colCost: new Array<number>(m).fill(0),
    colLower: new Array<number>(m).fill(0),
    colUpper: new Array<number>(m).fill(1),
    rowLower: [...new Array<number>(d).fill(0), 1],
    rowUpper: [...new Array<number>(d).fill(0), 1],
    matrix: { format: 'csr', numRows: d + 1, numCols: m, starts, indices, values },
  });
  if (res.status === -1) throw new HarnessError('gordanMultipliers: HiGHS reported an error');
  const st = res.value.modelStatus;
  // With every column bounded the LP cannot be unbounded, so presolve's "unbounded or
  // infeasible" can only mean infeasible.
  if (st === modelStatus.infeasible || st === modelStatus.unboundedOrInfeasible) return null;
  if (st !== modelStatus.optimal) throw new HarnessError(`gordanMultipliers: unexpected HiGHS model status ${st}`);
  const lam = res.value.solution.colValue.map((l: number, i: number) => {
    const n = norm(targets[i]);
    return n === 0 ? l : l / n;
  });
  const s = lam.reduce((a: number, b: number) => a + b, 0);
  if (!(s > 0)) throw new HarnessError('gordanMultipliers: the multipliers sum to zero');
  return lam.map((l: number) => l / s);
}

/**
 * How well λ certifies C = ∅, in plain arithmetic: max of the relative residual
 * ‖Σλ_i a_i‖_∞ / Σλ_i‖a_i‖_∞ and of −min_i λ_i / Σ|λ_i| (negativity); 0 for a perfect witness.
 */
export function gordanResidual(targets: readonly Vec[], lambda: Vec): number {
  const d = targets[0].length;
  const comb = new Float64Array(d);
  let scale = 0;
  let mass = 0;
  targets.forEach((a, i) => {
    for (let j = 0; j < d; j++) comb[j] += lambda[i] * a[j];
    scale += Math.abs(lambda[i]) * maxAbs(a);
    mass += Math.abs(lambda[i]);
  });
  if (mass === 0) return 1;
  const residual = scale === 0 ? 0 : maxAbs(comb) / scale;
  return Math.max(residual, -Math.min(...lambda) / mass);
}

/**
 * How much worse λ balances the objectives than a witness u allows, with both read on LP 1's
 * scale: unit rows â_i, u scaled into the box (u/‖u‖∞), and λ̂_i ∝ λ_i‖a_i‖ on the simplex
 * (the weights LP 2 solved for; a zero a_i keeps its λ_i, as `gordanMultipliers` maps it).
 * Weak duality: min_i <u, â_i> <= <u, Σλ̂_i â_i> <= ‖Σλ̂_i â_i‖₁ for every such u and λ̂, so a
 * cone of depth t forces every λ's imbalance up to t, and an LP 2 that declares λ feasible
 * within its tolerance cannot do better. Returns ‖Σλ̂_i â_i‖₁ − max(0, depth of u), or the
 * negativity −min_i λ_i / Σ|λ_i| when that is larger: 0 when λ balances the â_i exactly.
 */
export function imbalanceBeyondDepth(targets: readonly Vec[], u: Vec, lambda: Vec): number {
  const d = targets[0].length;
  const rows = targets.map(unitRow);
  const weights = targets.map((a, i) => Math.abs(lambda[i]) * (norm(a) || 1));
  const mass = weights.reduce((x, y) => x + y, 0);
  if (mass === 0) return 1;
  const comb = new Float64Array(d);
  rows.forEach((r, i) => {
    const w = (Math.sign(lambda[i]) * weights[i]) / mass;
    for (let j = 0; j < d; j++) comb[j] += w * r[j];
  });
  const imbalance = comb.reduce((x, c) => x + Math.abs(c), 0);
  const box = maxAbs(u);
  const depth = box === 0 ? 0 : Math.min(...rows.map((r) => dot(u, r) / box));
  const lambdaMass = lambda.reduce((x, l) => x + Math.abs(l), 0);
  return Math.max(imbalance - Math.max(0, depth), -Math.min(...lambda) / lambdaMass);
}

/** A direction uniform on the unit sphere of R^d, as a normalised standard Gaussian vector. */
export function sphereSample(rng: Rng, d: number): Vec {
  const z = new Float64Array(d);
  let n = 0;
  while (n === 0) {
    for (let i = 0; i < d; i++) z[i] = rng.normal();
    n = norm(z);
  }
  for (let i = 0; i < d; i++) z[i] /= n;
  return z;
}

/** Euclidean angle ∠(x, y) in [0, π]; both non-zero. */
export function angle(x: Vec, y: Vec): number {
  const c = dot(x, y) / (norm(x) * norm(y));
  return Math.acos(Math.max(-1, Math.min(1, c)));
}

/** T5.b's closed form: the share of uniform directions in C for two objectives, (π − φ)/(2π). */
export const twoObjectiveFraction = (phi: number): number => (Math.PI - phi) / (2 * Math.PI);

/**
 * Seeded Monte Carlo share of n uniform directions that lie in C. A uniform direction is a
 * normalised standard Gaussian z, and membership reads only the signs of the m scores <z, a_i>:
 * those are drawn directly as N(0, G), G_ij = <a_i, a_j>, through G's eigen-decomposition
 * (an eigenvalue at rounding level, 1e-12 of the largest, is an exact 0: at φ = π the two scores
 * are exactly opposite), so a draw costs O(m²) whatever d is.
 */
export function coneFractionMonteCarlo(targets: readonly Vec[], rng: Rng, n: number): number {
  const m = targets.length;
  // Membership reads only signs, so each target is taken at unit length first: at mixed scales
  // (‖a_1‖ ~ 1e4 beside ‖a_2‖ ~ 1e-4, drawn by the reach) the small target's eigenvalue fell
  // under the rounding cut of the raw Gram matrix and its score became exactly 0 (share 0, not
  // 0.22). A zero target stays zero: its score is 0, never > 0, as before.
  const unit = targets.map((a) => {
    const r = Math.sqrt(dot(a, a));
    return r > 0 ? a.map((x) => x / r) : a;
  });
  const { values, vectors } = symmetricEigen(unit.map((a) => unit.map((b) => dot(a, b))));
  const top = Math.max(0, ...values);
  const factor = targets.map((_, i) => Array.from(values, (lam, c) => (lam > 1e-12 * top ? vectors[c][i] * Math.sqrt(lam) : 0)));
  const y = new Float64Array(m);
  let hits = 0;
  for (let k = 0; k < n; k++) {
    for (let c = 0; c < m; c++) y[c] = rng.normal();
    if (factor.every((row) => row.reduce((acc, l, c) => acc + l * y[c], 0) > 0)) hits++;
  }
  return hits / n;
}
