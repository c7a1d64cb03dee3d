/**
 * The refusal-direction and low-rank-subspace account (THEORY §2 T7, paper claim R4):
 * ablating a direction r from the representation, and sequences of RLAIF steps.
 */
import { Matrix, SingularValueDecomposition } from 'ml-matrix';
import type { Subspace } from '../linalg/subspace.ts';
import { axpy, dot, norm, sub, type Vec } from '../linalg/vec.ts';
import { roundingZero } from '../linalg/subspace.ts';
import { hoeffding, MC_ALPHA, MC_SAMPLES } from '../numeric/bounds.ts';
import { HarnessError, InputError } from '../numeric/errors.ts';
import type { Rng } from '../numeric/rng.ts';
import type { ValueModel } from './value.ts';

/** (I − r̂r̂ᵀ)h: h with its component along r removed (Euclidean, as THEORY states it). */
export function ablate(r: Vec, h: Vec): Vec {
  const rr = dot(r, r);
  if (!(rr > 0)) throw new InputError('r: the ablated direction must be non-zero');
  return axpy(-dot(r, h) / rr, r, h);
}

/**
 * The direction an ablated judge scores with: <u, (I − r̂r̂ᵀ)h> = <(I − r̂r̂ᵀ)u, h>, since the
 * ablation is symmetric. Its Σ-correlation with v* is the ablated judge's alignment.
 */
export const ablatedDirection = (r: Vec, u: Vec): Vec => roundingZero(ablate(r, u), u);

export interface AblatedAgreement {
  readonly estimate: number;
  /** The estimate is within halfWidth (+ tieBias) of the true Agr except with probability alpha. */
  readonly halfWidth: number;
  /** Rounding ties (values equal in floating point though their scores differ), each off by at most 1/2: ties/(2n). */
  readonly tieBias: number;
  readonly n: number;
  readonly alpha: number;
}

/**
 * Agr of the ablated judge by seeded Monte Carlo: pairs h = μ + e, h' = μ + e' with e, e' ~ N(0, Σ);
 * the judge scores the ablated responses, so it prefers h iff <u, (I − r̂r̂ᵀ)(e − e')> > 0 (μ
 * cancels exactly, rather than in floating point); the value compares f(<v*,μ> + <v*,e>) with
 * f(<v*,μ> + <v*,e'>). A tie on either side counts one half (a constant judge agrees half the
 * time), as in `agreementMonteCarlo`.
 */
export function ablatedAgreementMonteCarlo(M: ValueModel, r: Vec, u: Vec, rng: Rng, n = MC_SAMPLES, alpha = MC_ALPHA): AblatedAgreement {
  // Only two scores of e ~ N(0, Σ) are read, <v*, e> and <a, e> with a = (I − r̂r̂ᵀ)u the
  // ablated judge's direction: they are drawn as a 2-D Gaussian with the Σ-Gram matrix of
  // (v*, a) (a 2×2 Cholesky factor), so a draw costs O(1) whatever d is. A judge ablated to
  // a = 0 gets the factor row 0, a score of exactly 0 and so a tie on every pair.
  const a = ablate(r, u);
  const Sv = M.Sigma.apply(M.vStar);
  const g11 = dot(M.vStar, Sv);
  const g12 = dot(a, Sv);
  const g22 = dot(a, M.Sigma.apply(a));
  const l11 = Math.sqrt(g11);
  const l21 = l11 > 0 ? g12 / l11 : 0;
  const l22 = Math.sqrt(Math.max(0, g22 - l21 * l21));
  const base = dot(M.vStar, M.mu);
  let hits = 0;
  let ties = 0;
  for (let t = 0; t < n; t++) {
    const z1 = rng.normal();
    const z2 = rng.normal();
    const y1 = rng.normal();
    const y2 = rng.normal();
    const e = l11 * z1;
    const e2 = l11 * y1;
    const va = base + e;
    const va2 = base + e2;
    const dv = Math.sign(M.f(va) - M.f(va2));
    if (Number.isNaN(dv)) throw new HarnessError('ablated agreement: the value f(<v*,h>) is not finite on a sampled response');
    if (dv === 0 && va !== va2) ties++;
    // <a, e − e'>, with μ cancelled exactly.
    const dx = Math.sign(l21 * (z1 - y1) + l22 * (z2 - y2));
    hits += dx === 0 || dv === 0 ? 0.5 : dx === dv ? 1 : 0;
  }
  return { estimate: hits / n, halfWidth: hoeffding(n, alpha, 1), tieBias: ties / (2 * n), n, alpha };
}

/** One RLAIF step of a sequence: constitution S_t and KL coefficient β_t. */
export interface Step {
  readonly S: Subspace;
  readonly beta: number;
}

export interface Trajectory {
  /** θ_0 = g, θ_1, …, θ_T. */
  readonly thetas: Vec[];
  /** The updates θ_t − θ_{t−1}. */
  readonly updates: Vec[];
}

/**
 * Iterate RLAIF steps: the step-t policy is the KL-regularised optimum against the previous
 * one with reward <P_t w, h>, so θ_t = θ_{t−1} + P_t w / β_t (THEORY §1's θ_β = g + u/β with
 * the previous policy's direction in place of g).
 */
export function rlaifTrajectory(g: Vec, w: Vec, steps: readonly Step[]): Trajectory {
  const thetas: Vec[] = [Float64Array.from(g)];
  const updates: Vec[] = [];
  for (const { S, beta } of steps) {
    const prev = thetas[thetas.length - 1];
    const next = axpy(1 / beta, S.project(w), prev);
    thetas.push(next);
    updates.push(sub(next, prev));
  }
  return { thetas, updates };
}

/**
 * Numerical rank of a list of vectors (the rows of a matrix) by SVD, independently of the
 * Gram–Schmidt used for subspaces: singular values above relTol·σ_max·max(rows, cols) count.
 */
export function numericalRank(vectors: readonly Vec[], relTol = 1e-10): number {
  if (vectors.length === 0) return 0;
  const A = new Matrix(vectors.map((v) => Array.from(v)));
  const sv = new SingularValueDecomposition(A, { computeLeftSingularVectors: false, computeRightSingularVectors: false, autoTranspose: true }).diagonal;
  const top = Math.max(0, ...sv);
  if (top === 0) return 0;
  const cut = relTol * top * Math.max(A.rows, A.columns);
  return sv.filter((s) => s > cut).length;
}

/** ‖x − P x‖ relative to `scaleBy` (0 when x = 0): how far x sticks out of the subspace. */
export function relativeResidual(S: Subspace, x: Vec, scaleBy: number): number {
  const r = norm(S.reject(x));
  return scaleBy > 0 ? r / scaleBy : r;
}
