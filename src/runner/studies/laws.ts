/**
 * The latent laws of the ceiling study (docs/CEILING.md): one coordinate z_i of the latent model,
 * mean 0, variance 1, indexed by its kurtosis κ = E z⁴ from bounded through Gaussian to heavy
 * tails. THEORY §1 names Rademacher, uniform and Gaussian; Laplace and Student-t(5) extend the
 * family past the Gaussian so that "dropping gaussian-latents" can be read in both directions.
 *
 * For T3.c's gain the policy tilts each coordinate by e^{a z}: what matters is the tilted mean
 * Λ'(a) and the KL of the tilt aΛ'(a) − Λ(a), Λ the cumulant generating function. Rademacher,
 * uniform and Gaussian reuse the model's own tilt functions (src/model/latent/tilt.ts), so the
 * study computes the very gain T3.c checks; Laplace has Λ(a) = −log(1 − a²/2) on |a| < √2;
 * Student-t has no exponential moment, so no tilt exists and the KL-budgeted gain of a linear
 * reward is unbounded (the Donsker–Varadhan dual inf_λ (Λ(λ) + ε)/λ is +∞).
 */
import { tiltedKL, tiltedMean } from '../../model/latent.ts';
import type { Rng } from '../../numeric/rng.ts';

export const LAW_NAMES = ['rademacher', 'uniform', 'gaussian', 'laplace', 'student5'] as const;
export type LawName = (typeof LAW_NAMES)[number];

export interface Law {
  readonly name: LawName;
  /** E z⁴ at unit variance. */
  readonly kurtosis: number;
  /** A draw of one coordinate (mean 0, variance 1). */
  sample(rng: Rng): number;
  /** Largest |a| for which e^{a z} is integrable (Infinity: every a; 0: none). */
  readonly tiltLimit: number;
  /** Λ'(a): the coordinate's mean after tilting by e^{a z}, for |a| < tiltLimit. */
  tiltedMean(a: number): number;
  /** aΛ'(a) − Λ(a): the KL of that tilt, for |a| < tiltLimit. */
  tiltedKL(a: number): number;
  /** Whether the model's own routines (src/model/latent) know this law, under this name. */
  readonly modelKind?: 'rademacher' | 'uniform' | 'gaussian';
}

const SQRT3 = Math.sqrt(3);
const SQRT2 = Math.SQRT2;

const fromModel = (kind: 'rademacher' | 'uniform' | 'gaussian', kurtosis: number, sample: (rng: Rng) => number): Law => ({
  name: kind,
  kurtosis,
  sample,
  tiltLimit: Infinity,
  tiltedMean: (a) => tiltedMean(kind, a),
  tiltedKL: (a) => tiltedKL(kind, a),
  modelKind: kind,
});

/** Laplace at unit variance: scale 1/√2, mgf 1/(1 − a²/2). */
const laplace: Law = {
  name: 'laplace',
  kurtosis: 6,
  sample: (rng) => (rng.uniform() < 0.5 ? -1 : 1) * -Math.log(1 - rng.uniform()) / SQRT2,
  tiltLimit: SQRT2,
  tiltedMean: (a) => a / (1 - (a * a) / 2),
  // a²/(1 − a²/2) + log(1 − a²/2); log1p keeps the small-a end accurate.
  tiltedKL: (a) => (a * a) / (1 - (a * a) / 2) + Math.log1p(-(a * a) / 2),
};

/** Student-t with 5 degrees of freedom at unit variance (t·sqrt(3/5)); kurtosis 3 + 6/(5 − 4) = 9. */
const student5: Law = {
  name: 'student5',
  kurtosis: 9,
  sample(rng) {
    let chi2 = 0;
    for (let k = 0; k < 5; k++) chi2 += rng.normal() ** 2;
    return (rng.normal() / Math.sqrt(chi2 / 5)) * Math.sqrt(3 / 5);
  },
  tiltLimit: 0,
  tiltedMean: () => NaN,
  tiltedKL: () => NaN,
};

export const LAWS: Readonly<Record<LawName, Law>> = {
  rademacher: fromModel('rademacher', 1, (rng) => (rng.uniform() < 0.5 ? -1 : 1)),
  uniform: fromModel('uniform', 1.8, (rng) => SQRT3 * (2 * rng.uniform() - 1)),
  gaussian: fromModel('gaussian', 3, (rng) => rng.normal()),
  laplace,
  student5,
};
