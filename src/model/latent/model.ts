/**
 * The latent model of THEORY §1 behind the representation ceiling (T3, T3s), and the judges
 * that score its representations.
 *
 * Semantic features z ∈ R^m with independent, mean-0, variance-1 coordinates (Gaussian,
 * Rademacher ±1, or uniform on ±sqrt 3); true value V* = f(<w*, z>); representation
 * h = Φz + ξ with ξ ~ N(0, σ²I_d) independent of z. Then Σ_h = ΦΦᵀ + σ²I and the
 * representation quality is q = sqrt(w*ᵀΦᵀΣ_h⁺Φw*)/‖w*‖.
 *
 * Judges score h: `linear` <u,h>, `sign` sign<u,h>, `tanh` tanh(a<u,h>), `quadratic`
 * hᵀQh + <u,h>.
 */
import { Matrix, pseudoInverse } from 'ml-matrix';
import { dot, norm, vec, zeros, type Vec } from '../../linalg/vec.ts';
import { InputError } from '../../numeric/errors.ts';
import { IDENTITY, type Link } from '../link.ts';

export const LATENT_KINDS = ['gaussian', 'rademacher', 'uniform'] as const;
export type LatentKind = (typeof LATENT_KINDS)[number];

export const JUDGE_KINDS = ['linear', 'sign', 'tanh', 'quadratic'] as const;
export type JudgeSpec =
  | { readonly kind: 'linear' }
  | { readonly kind: 'sign' }
  | { readonly kind: 'tanh'; readonly a: number }
  | { readonly kind: 'quadratic'; readonly Q: readonly (readonly number[])[] };

export interface LatentModel {
  readonly d: number;
  readonly m: number;
  /** Φ as d rows of length m. */
  readonly Phi: readonly Vec[];
  readonly wStar: Vec;
  readonly sigma: number;
  readonly latents: LatentKind;
  readonly f: Link;
  /** Σ_h = ΦΦᵀ + σ²I and its Moore–Penrose pseudo-inverse. */
  readonly SigmaH: Matrix;
  readonly SigmaHPinv: Matrix;
}

/**
 * Relative cut-off of the pseudo-inverse. ml-matrix's default (machine ε·max(d,m)·s₁) sits at
 * the level where a singular value that is zero in exact arithmetic comes out of the SVD as
 * ~1e-16·s₁, so a singular Σ_h (σ = 0, rank-deficient Φ) could be "inverted" through rounding
 * noise and q would blow up. 1e-12 is far above rounding and far below any genuine singular
 * value of the small-integer instances we draw.
 */
export const PINV_RCOND = 1e-12;

/**
 * Rademacher latents are enumerated exactly up to this many coordinates (2^m points), both for
 * a judge's correlation and for the gain; beyond it they are sampled.
 */
export const MAX_ENUMERATED = 14;

export function latentModel(Phi: readonly Vec[], wStar: Vec, sigma: number, opts: { latents?: LatentKind; f?: Link } = {}): LatentModel {
  const d = Phi.length;
  const m = wStar.length;
  if (d === 0) throw new InputError('Phi: needs at least one row');
  if (Phi.some((r) => r.length !== m)) throw new InputError(`Phi: every row must have length m = ${m} (the length of wStar)`);
  if (norm(wStar) === 0) throw new InputError('wStar: must be a non-zero vector');
  if (!(sigma >= 0)) throw new InputError(`sigma: must be non-negative (got ${sigma})`);
  const SigmaH = representationCovariance(Phi, sigma);
  return { d, m, Phi, wStar, sigma, latents: opts.latents ?? 'gaussian', f: opts.f ?? IDENTITY, SigmaH, SigmaHPinv: pseudoInverse(SigmaH, PINV_RCOND) };
}

/** Σ_h = ΦΦᵀ + σ²I. */
export function representationCovariance(Phi: readonly Vec[], sigma: number): Matrix {
  const d = Phi.length;
  const S = Matrix.zeros(d, d);
  for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) S.set(i, j, dot(Phi[i], Phi[j]) + (i === j ? sigma * sigma : 0));
  return S;
}

/** Φz. */
export const phiTimes = (Phi: readonly Vec[], z: Vec): Vec => vec(Phi.map((r) => dot(r, z)));

/** Φᵀu. */
export function phiTransposeTimes(Phi: readonly Vec[], u: Vec): Vec {
  const out = zeros(Phi[0].length);
  Phi.forEach((r, i) => r.forEach((x, j) => (out[j] += x * u[i])));
  return out;
}

/**
 * The signal Φᵀu of the score <u,h> = <Φᵀu, z> + <u,ξ>, with a rounding-level result snapped to
 * exactly 0: when ‖Φᵀu‖ <= 1e-12·Σ_i|u_i|‖Φ_i‖ the sum cancelled, and its floating-point residue
 * points in an arbitrary direction (with σ = 0 it would give a constant judge a correlation of ±1).
 */
export function scoreSignal(L: LatentModel, u: Vec): Vec {
  const b = phiTransposeTimes(L.Phi, u);
  let scale = 0;
  L.Phi.forEach((r, i) => (scale += Math.abs(u[i]) * norm(r)));
  return norm(b) <= 1e-12 * scale ? zeros(b.length) : b;
}

/** Ax for a dense matrix and a vector. */
export const matVec = (A: Matrix, x: Vec): Vec => vec(A.mmul(Matrix.columnVector(Array.from(x))).to1DArray());

/** Representation quality q = sqrt(w*ᵀΦᵀΣ_h⁺Φw*)/‖w*‖. */
export function ceiling(L: LatentModel): number {
  const b = phiTimes(L.Phi, L.wStar);
  return Math.sqrt(Math.max(0, dot(b, matVec(L.SigmaHPinv, b)))) / norm(L.wStar);
}

/** The optimal probe u* = Σ_h⁺Φw*. */
export const optimalProbe = (L: LatentModel): Vec => matVec(L.SigmaHPinv, phiTimes(L.Phi, L.wStar));

/** The judge's score of a representation h, with direction u. */
export function judgeScore(judge: JudgeSpec, u: Vec, h: Vec, x = dot(u, h)): number {
  switch (judge.kind) {
    case 'linear':
      return x;
    case 'sign':
      return Math.sign(x);
    case 'tanh':
      return Math.tanh(judge.a * x);
    case 'quadratic': {
      let s = x;
      for (let i = 0; i < h.length; i++) for (let j = 0; j < h.length; j++) s += h[i] * judge.Q[i][j] * h[j];
      return s;
    }
  }
}
