import type { Vec } from '../linalg/vec.ts';
import { dot } from '../linalg/vec.ts';
import type { Rng } from '../numeric/rng.ts';
import { alignment, type ValueModel } from './value.ts';

/** Sheppard's formula: the agreement of a direction whose alignment is A. */
export const sheppard = (A: number): number => 1 - Math.acos(Math.max(-1, Math.min(1, A))) / Math.PI;

/** Agr(x) in closed form (valid under `linear-value` or `monotone-value`); Agr(0) = 1/2. */
export const agreement = (M: ValueModel, x: Vec): number => sheppard(alignment(M, x));

/**
 * Hoeffding half-width: an average of n independent draws in an interval of length `range`
 * lies within this distance of its mean except with probability `alpha`.
 */
export const hoeffding = (n: number, alpha: number, range = 1): number => range * Math.sqrt(Math.log(2 / alpha) / (2 * n));

/** Default Monte Carlo budget and per-check false-alarm probability used across the suite. */
export const MC_SAMPLES = 40_000;
export const MC_ALPHA = 1e-7;

export interface AgreementEstimate {
  /** Estimated Agr for each direction, in the order given. */
  readonly estimates: number[];
  /** Half-width valid for each estimate and for each pairwise difference, jointly at level `alpha`. */
  readonly halfWidth: number;
  readonly n: number;
  readonly alpha: number;
}

/**
 * Seeded Monte Carlo estimate of Agr for several directions on common random pairs (h, h'),
 * h, h' ~ N(μ, Σ) independent. Common random numbers make the differences of estimates far
 * more precise than the estimates; we still only claim the Hoeffding width with range 2 for
 * differences (covers single estimates too), union-bounded over the `dirs.length²` comparisons.
 * A tie in either sign counts one half.
 */
export function agreementMonteCarlo(M: ValueModel, dirs: Vec[], rng: Rng, n = MC_SAMPLES, alpha = MC_ALPHA): AgreementEstimate {
  const d = M.vStar.length;
  const r = M.Sigma.factorDim;
  const z = new Float64Array(r);
  const hits = new Float64Array(dirs.length);
  const draw = (): Vec => {
    for (let i = 0; i < r; i++) z[i] = rng.normal();
    const h = M.Sigma.factor(z);
    for (let i = 0; i < d; i++) h[i] += M.mu[i];
    return h;
  };
  for (let t = 0; t < n; t++) {
    const h = draw();
    const h2 = draw();
    const dv = Math.sign(M.f(dot(M.vStar, h)) - M.f(dot(M.vStar, h2)));
    for (let j = 0; j < dirs.length; j++) {
      const dx = Math.sign(dot(dirs[j], h) - dot(dirs[j], h2));
      hits[j] += dx === dv ? 1 : dx === 0 || dv === 0 ? 0.5 : 0;
    }
  }
  const comparisons = Math.max(1, dirs.length * dirs.length);
  return {
    estimates: Array.from(hits, (x) => x / n),
    halfWidth: hoeffding(n, alpha / comparisons, 2),
    n,
    alpha,
  };
}
