/**
 * The latent coordinate laws of the latent model (Gaussian, Rademacher ±1, uniform on ±sqrt 3):
 * draws, the a priori bounds that the Monte Carlo routes charge for, and the exponential tilts
 * e^{a z} of one coordinate behind the gain of T3.c.
 */
import type { Rng } from '../../numeric/rng.ts';
import { link, type Link } from '../link.ts';
import type { LatentKind } from './model.ts';

const SQRT3 = Math.sqrt(3);

export function sampleCoordinate(kind: LatentKind, rng: Rng): number {
  switch (kind) {
    case 'gaussian':
      return rng.normal();
    case 'rademacher':
      return rng.uniform() < 0.5 ? -1 : 1;
    case 'uniform':
      return SQRT3 * (2 * rng.uniform() - 1);
  }
}

/** Largest |z_i| under a bounded latent law. */
export const latentBound = (kind: LatentKind): number => (kind === 'rademacher' ? 1 : SQRT3);

/** max |f(t)| over |t| <= T, per link kind (monotone links: at an end point). */
export function linkBound(f: Link, T: number): number {
  const w = f.spec.weight ?? 1;
  // A blend (1 − w)x + w·g(x) is bounded by the same blend of the bounds.
  if (w !== 1) return (1 - w) * T + w * linkBound(link({ ...f.spec, weight: 1 }), T);
  switch (f.spec.kind) {
    case 'square':
    case 'negsquare':
      return T * T;
    case 'abs':
      return T;
    case 'sin':
      return Math.min(1, T);
    default:
      return Math.max(Math.abs(f(-T)), Math.abs(f(T)));
  }
}

/** Langevin function coth x − 1/x (series near 0, where the difference cancels). */
function langevin(x: number): number {
  if (Math.abs(x) < 1e-2) return x / 3 - x ** 3 / 45 + (2 * x ** 5) / 945;
  return 1 / Math.tanh(x) - 1 / x;
}

/** log(sinh x / x), stable at both ends. */
function logSinhc(x: number): number {
  const ax = Math.abs(x);
  if (ax < 1e-2) return ax ** 2 / 6 - ax ** 4 / 180 + ax ** 6 / 2835;
  return ax + Math.log1p(-Math.exp(-2 * ax)) - Math.LN2 - Math.log(ax);
}

/** Mean of one coordinate after tilting its law by e^{a z}: Λ'(a). */
export function tiltedMean(kind: LatentKind, a: number): number {
  switch (kind) {
    case 'gaussian':
      return a;
    case 'rademacher':
      return Math.tanh(a);
    case 'uniform':
      return SQRT3 * langevin(SQRT3 * a);
  }
}

/** KL(tilted ‖ base) of one coordinate tilted by e^{a z}: aΛ'(a) − Λ(a). */
export function tiltedKL(kind: LatentKind, a: number): number {
  switch (kind) {
    case 'gaussian':
      return (a * a) / 2;
    case 'rademacher': {
      // a·tanh a − log cosh a, written without the cancellation of two ~|a| terms (at |a| ~ 1e17
      // the direct form returns 0 instead of ln 2): with e = exp(−2|a|), tanh|a| − 1 = −2e/(1+e).
      const x = Math.abs(a);
      if (x < 1e-3) return (x * x) / 2 - x ** 4 / 4;
      // e before x in the product: at |a| >= 2^1023, −2x overflows and (−∞)·0 would be NaN.
      const e = Math.exp(-2 * x);
      return (-2 * e * x) / (1 + e) - Math.log1p(e) + Math.LN2;
    }
    case 'uniform': {
      // x·L(x) − log(sinh x / x) with L the Langevin function, x = √3·a; for large |x| the same
      // cancellation is removed with coth x − 1 = 2e/(1 − e), e = exp(−2|x|).
      const x = Math.abs(SQRT3 * a);
      if (x < 1) return x * langevin(x) - logSinhc(x);
      const e = Math.exp(-2 * x);
      // Past |a| ≈ 1.04e308 the product √3|a| overflows though the KL (≈ log(√3|a|) + log 2 − 1)
      // does not: the logarithm is then taken of the factors, and e·x (0·∞) is the 0 it tends to.
      const logX = Number.isFinite(x) ? Math.log(x) : Math.log(SQRT3) + Math.log(Math.abs(a));
      return (e === 0 ? 0 : (2 * e * x) / (1 - e)) - 1 - Math.log1p(-e) + Math.LN2 + logX;
    }
  }
}

/**
 * A draw from one coordinate's law tilted by e^{a z}, by the inverse CDF at U ∈ (0,1): the same
 * U at two tilts gives a monotone coupling (common random numbers for a gain estimate).
 */
export function tiltedQuantile(kind: 'rademacher' | 'uniform', a: number, U: number): number {
  if (kind === 'rademacher') return U < (1 - Math.tanh(a)) / 2 ? -1 : 1;
  const b = SQRT3;
  if (Math.abs(a * b) < 1e-9) return b * (2 * U - 1);
  // Written so that e^{|a|b} never overflows: F⁻¹(U) = b + log(U + (1−U)e^{−2ab})/a for a > 0.
  if (a > 0) return b + Math.log(U + (1 - U) * Math.exp(-2 * a * b)) / a;
  const al = -a;
  return -b - Math.log(1 - U + U * Math.exp(-2 * al * b)) / al;
}
