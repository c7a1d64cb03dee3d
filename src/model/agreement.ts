import { mlMatrix } from '../numeric/ml-matrix.ts';
import { dot, type Vec } from '../linalg/vec.ts';
import { hoeffding, MC_ALPHA, MC_SAMPLES } from '../numeric/bounds.ts';
import { HarnessError } from '../numeric/errors.ts';
import type { Rng } from '../numeric/rng.ts';
import { alignment, type ValueModel } from './value.ts';

/** Sheppard's formula: the agreement of a direction whose alignment is A. */
export const sheppard = (A: number): number => 1 - Math.acos(Math.max(-1, Math.min(1, A))) / Math.PI;

/** Agr(x) in closed form (valid under `linear-value` or `monotone-value`); Agr(0) = 1/2. */
export const agreement = (M: ValueModel, x: Vec): number => sheppard(alignment(M, x));

// Defined in src/numeric/bounds.ts; re-exported because theorem checks and tests read them from here.
export { hoeffding, MC_ALPHA, MC_SAMPLES };

export interface AgreementEstimate {
  /** Estimated Agr for each direction, in the order given. */
  readonly estimates: number[];
  /** Half-width valid for each estimate and for each pairwise difference, jointly at level `alpha`. */
  readonly halfWidth: number;
  /**
   * Half-width for the estimates alone (each a mean in [0, 1], range 1), jointly at level
   * `alpha` over the dirs estimates: what a check of one estimate needs, about half of
   * `halfWidth`, which must also cover differences (range 2) and dirs² comparisons.
   */
  readonly estimateHalfWidth: number;
  /**
   * Extra uncertainty from rounding ties: pairs whose value scores differ but whose values
   * f(·) are equal in floating point (tanh saturating to ±1, exp underflowing). Each is counted
   * one half, which can be off by one half from the exact-arithmetic answer: ties/(2n).
   */
  readonly tieBias: number;
  readonly n: number;
  readonly alpha: number;
}

/**
 * Seeded Monte Carlo estimate of Agr for several directions on common random pairs (h, h'),
 * h, h' ~ N(μ, Σ) independent.
 *
 * Agreement only depends on h through the scores <v*,h> and <x_j,h>, which are jointly normal
 * with means <·,μ> and covariance the Σ-Gram matrix of (v*, x_1, …). So we sample the scores
 * directly from a factor of that small Gram matrix: the cost is O(n·m²), independent of d,
 * after O(d·r) per direction to form the Gram matrix. (Eigen-factored, so a singular Gram matrix,
 * e.g. x ∥ v* or x = 0, is fine.)
 *
 * The factor is taken of the correlation matrix, and each score is scaled by its own standard
 * deviation afterwards. Factoring the Gram matrix itself mixes scales: with ‖x‖_Σ ~ 1e-3 beside
 * a score of variance ~1e9, the eigen-factor's rounding (~sqrt(ε·λ_max)) is as large as the small
 * score, and a perfectly aligned direction was estimated at 0.93 instead of 1. A judge's mean
 * <x_j,μ> cancels in s1 − s2, so it is left out (it could only cost precision); v*'s is kept
 * because f reads the value itself.
 *
 * Error: each estimate is a mean of n independent terms in [0, 1]; each difference of two, in
 * [−1, 1]. Hoeffding with range 2 covers both; the level is union-bounded over the dirs²
 * comparisons. A tie in either sign counts one half (a fair coin: a constant judge agrees half
 * the time).
 */
export function agreementMonteCarlo(M: ValueModel, dirs: Vec[], rng: Rng, n = MC_SAMPLES, alpha = MC_ALPHA): AgreementEstimate {
  const X = [M.vStar, ...dirs];
  const k = X.length;
  const SX = X.map((x) => M.Sigma.apply(x));
  const { Matrix, EigenvalueDecomposition } = mlMatrix();
  const sd = X.map((x, a) => Math.sqrt(Math.max(dot(x, SX[a]), 0)));
  const corr = new Matrix(k, k);
  for (let a = 0; a < k; a++) {
    for (let b = 0; b <= a; b++) {
      // A zero direction has a zero row: its score is constant, every pair a tie.
      const c = sd[a] > 0 && sd[b] > 0 ? dot(X[a], SX[b]) / (sd[a] * sd[b]) : 0;
      corr.set(a, b, c).set(b, a, c);
    }
  }
  const evd = new EigenvalueDecomposition(corr, { assumeSymmetric: true });
  const V = evd.eigenvectorMatrix;
  const L = Array.from({ length: k }, (_, a) => evd.realEigenvalues.map((lam, c) => sd[a] * V.get(a, c) * Math.sqrt(Math.max(lam, 0))));
  const mean = X.map((x, a) => (a === 0 ? dot(x, M.mu) : 0));
  const z = new Float64Array(k);
  const s1 = new Float64Array(k);
  const s2 = new Float64Array(k);
  const draw = (out: Float64Array) => {
    for (let c = 0; c < k; c++) z[c] = rng.normal();
    for (let a = 0; a < k; a++) {
      let s = mean[a];
      const row = L[a];
      for (let c = 0; c < k; c++) s += row[c] * z[c];
      out[a] = s;
    }
  };
  const hits = new Float64Array(dirs.length);
  let ties = 0;
  for (let t = 0; t < n; t++) {
    draw(s1);
    draw(s2);
    const dv = Math.sign(M.f(s1[0]) - M.f(s2[0]));
    // f overflowing (exp of a large score) gives ∞ − ∞: that is the harness's limit, not a tie.
    if (Number.isNaN(dv)) throw new HarnessError('agreement: the value f(<v*,h>) is not finite on a sampled response');
    if (dv === 0 && s1[0] !== s2[0]) ties++;
    for (let j = 0; j < dirs.length; j++) {
      const dx = Math.sign(s1[j + 1] - s2[j + 1]);
      hits[j] += dx === 0 || dv === 0 ? 0.5 : dx === dv ? 1 : 0;
    }
  }
  const comparisons = Math.max(1, dirs.length * dirs.length);
  return {
    estimates: Array.from(hits, (x) => x / n),
    halfWidth: hoeffding(n, alpha / comparisons, 2),
    estimateHalfWidth: hoeffding(n, alpha / Math.max(1, dirs.length), 1),
    tieBias: ties / (2 * n),
    n,
    alpha,
  };
}
