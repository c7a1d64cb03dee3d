/**
 * The latent model of THEORY §1 behind the representation ceiling (T3, T3s), and the judges
 * that score its representations.
 *
 * Semantic features z ∈ R^m with independent, mean-0, variance-1 coordinates (Gaussian,
 * Rademacher ±1, or uniform on ±sqrt 3); true value V* = f(<w*, z>); representation
 * h = Φz + ξ with ξ ~ N(0, σ²I_d) independent of z. Then Σ_h = ΦΦᵀ + σ²I and the
 * representation quality is q = sqrt(w*ᵀΦᵀΣ_h⁺Φw*)/‖w*‖.
 *
 * q and the optimal probe u* = Σ_h⁺Φw* go through the push-through identity in m×m matrices,
 * never the d×d Σ_h: with ΦᵀΦ = Σ_i λ_i v_iv_iᵀ (m×m), Φ = Σ_i sqrt(λ_i) u_iv_iᵀ and
 * Σ_h = Σ_i (λ_i + σ²) u_iu_iᵀ + σ²(I − Σ_i u_iu_iᵀ), so
 *   ΦᵀΣ_h⁺Φ = Σ_i λ_i/(λ_i + σ²) v_iv_iᵀ   and   Σ_h⁺Φ = Φ Σ_i v_iv_iᵀ/(λ_i + σ²),
 * the sums over the eigenvalues that the pseudo-inverse keeps. At d = 4096 that is O(dm²) work
 * instead of an O(d³) SVD of a 128 MB matrix; properties/model/latent.test.ts checks it against
 * the d×d route at small d.
 *
 * Judges score h: `linear` <u,h>, `sign` sign<u,h>, `tanh` tanh(a<u,h>), `quadratic`
 * hᵀQh + <u,h>.
 */
import { symmetricEigen, type SymmetricEigen } from '../../linalg/symmetric-eigen.ts';
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
  /** The m×m Gram matrix ΦᵀΦ's eigen-decomposition: the whole spectrum of Σ_h that q sees. */
  readonly gram: SymmetricEigen;
}

/**
 * Relative cut-off of the pseudo-inverse (of Σ_h, as ml-matrix's pseudoInverse applies it:
 * singular values at most PINV_RCOND·max(d, d)·s₁ are dropped). ml-matrix's default (machine ε·max(d,m)·s₁) sits at
 * the level where a singular value that is zero in exact arithmetic comes out of the SVD as
 * ~1e-16·s₁, so a singular Σ_h (σ = 0, rank-deficient Φ) could be "inverted" through rounding
 * noise and q would blow up. 1e-12 is far above rounding and far below any genuine singular
 * value of the small-integer instances we draw.
 */
export const PINV_RCOND = 1e-12;

/**
 * Eigenvalues of ΦᵀΦ at most GRAM_ROUNDING·m·λ_max are zeros of exact arithmetic (rounding is
 * ~1e-16·m·λ_max; 1e-13 leaves a factor 1000): genuine ones of the drawn instances sit at
 * 1e-9·λ_max or above (entries scaled by at most 2^±7 per row).
 */
export const GRAM_ROUNDING = 1e-13;

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
  return { d, m, Phi, wStar, sigma, latents: opts.latents ?? 'gaussian', f: opts.f ?? IDENTITY, gram: symmetricEigen(gramMatrix(Phi, m)) };
}

/**
 * ΦᵀΦ (m×m): entry (i, j) is Σ_rows r_i·r_j, summed over the rows in order (rows with r_i = 0
 * skipped). O(dm²).
 *
 * Four entries (i, j..j+3) at a time, each in a register across one pass over the rows: the
 * row-by-row loop this replaces loaded and stored every entry of G once per row (at d = 4096,
 * m = 16, a quarter of a T3s run). Each entry is still the same sum in the same order, so G is
 * bit for bit the same.
 */
export function gramMatrix(Phi: readonly Vec[], m: number): Float64Array[] {
  const G = Array.from({ length: m }, () => new Float64Array(m));
  const n = Phi.length;
  for (let i = 0; i < m; i++) {
    const Gi = G[i];
    let j = i;
    for (; j + 8 <= m; j += 8) {
      let a0 = 0, a1 = 0, a2 = 0, a3 = 0, a4 = 0, a5 = 0, a6 = 0, a7 = 0;
      for (let t = 0; t < n; t++) {
        const r = Phi[t];
        const ri = r[i];
        if (ri === 0) continue;
        a0 += ri * r[j];
        a1 += ri * r[j + 1];
        a2 += ri * r[j + 2];
        a3 += ri * r[j + 3];
        a4 += ri * r[j + 4];
        a5 += ri * r[j + 5];
        a6 += ri * r[j + 6];
        a7 += ri * r[j + 7];
      }
      Gi[j] = a0;
      Gi[j + 1] = a1;
      Gi[j + 2] = a2;
      Gi[j + 3] = a3;
      Gi[j + 4] = a4;
      Gi[j + 5] = a5;
      Gi[j + 6] = a6;
      Gi[j + 7] = a7;
    }
    for (; j + 4 <= m; j += 4) {
      let a0 = 0, a1 = 0, a2 = 0, a3 = 0;
      for (let t = 0; t < n; t++) {
        const r = Phi[t];
        const ri = r[i];
        if (ri === 0) continue;
        a0 += ri * r[j];
        a1 += ri * r[j + 1];
        a2 += ri * r[j + 2];
        a3 += ri * r[j + 3];
      }
      Gi[j] = a0;
      Gi[j + 1] = a1;
      Gi[j + 2] = a2;
      Gi[j + 3] = a3;
    }
    for (; j < m; j++) {
      let a = 0;
      for (let t = 0; t < n; t++) {
        const ri = Phi[t][i];
        if (ri !== 0) a += ri * Phi[t][j];
      }
      Gi[j] = a;
    }
  }
  for (let i = 0; i < m; i++) for (let j = 0; j < i; j++) G[i][j] = G[j][i];
  return G;
}

/** Σ_h = ΦΦᵀ + σ²I as d rows: only for the quadratic judge, whose d×d Q is given anyway. */
export function representationCovariance(Phi: readonly Vec[], sigma: number): Float64Array[] {
  const d = Phi.length;
  return Array.from({ length: d }, (_, i) => Float64Array.from({ length: d }, (_, j) => dot(Phi[i], Phi[j]) + (i === j ? sigma * sigma : 0)));
}

/**
 * The eigenpairs (λ_i, v_i) of ΦᵀΦ whose eigenvalue λ_i + σ² of Σ_h the pseudo-inverse keeps,
 * with the cut-off of the d×d route (PINV_RCOND·d·(λ_max + σ²)), so both routes drop the same
 * directions; an eigenvalue of ΦᵀΦ at rounding level is clamped to 0 (it is one, exactly).
 */
function keptSpectrum(L: LatentModel): { lambda: number; v: Vec }[] {
  const s2 = L.sigma * L.sigma;
  // Rounding level of the eigen-solver: an eigenvalue that is 0 in exact arithmetic comes out
  // as ±(a few ε)·m·λ_max. Clamping only the negative ones kept the positive ones, and with a
  // small noise level (σ² = 2^-26, drawn at the widest reach) λ/(λ + σ²) gave such a phantom
  // direction a weight of 1e-6, enough to move q past q² = <Φw*, u*>/‖w*‖² by 1e-7.
  const rounding = GRAM_ROUNDING * L.m * Math.max(0, ...L.gram.values);
  const values = Array.from(L.gram.values, (x) => (x <= rounding ? 0 : x));
  const top = Math.max(0, ...values) + s2;
  const cutoff = PINV_RCOND * L.d * top;
  return values.flatMap((lambda, i) => (lambda + s2 > cutoff && lambda > 0 ? [{ lambda, v: L.gram.vectors[i] }] : []));
}

/**
 * The rounding q, u* and every correlation read through Σ_h⁺ carry: the eigen-solver's error is
 * ~ε·λ_max on each eigenvalue, hence ~ε·κ on the directions of the smallest kept one, with κ
 * the condition number of the kept spectrum of Σ_h (λ_i + σ²). O(ε) for the small integer
 * instances; up to ~1e-6 at the widest reach (κ ~ 1e9), where REL_TOL alone cannot cover it.
 */
export function spectralRounding(L: LatentModel): number {
  const s2 = L.sigma * L.sigma;
  const kept = keptSpectrum(L).map((k) => k.lambda + s2);
  if (kept.length === 0) return 0;
  return 16 * Number.EPSILON * (Math.max(...kept) / Math.min(...kept));
}

/** Φz. */
export const phiTimes = (Phi: readonly Vec[], z: Vec): Vec => vec(Phi.map((r) => dot(r, z)));

/** Φᵀu. */
export function phiTransposeTimes(Phi: readonly Vec[], u: Vec): Vec {
  // Plain loops (not nested forEach closures: d·m calls at d = 4096), the same sums in the same order.
  const m = Phi[0].length;
  const out = zeros(m);
  for (let i = 0; i < Phi.length; i++) {
    const r = Phi[i];
    const ui = u[i];
    for (let j = 0; j < m; j++) out[j] += r[j] * ui;
  }
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
  for (let i = 0; i < L.Phi.length; i++) scale += Math.abs(u[i]) * norm(L.Phi[i]);
  return norm(b) <= 1e-12 * scale ? zeros(b.length) : b;
}

/** Ax for a dense matrix given as rows and a vector. */
export const matVec = (A: readonly ArrayLike<number>[], x: Vec): Vec => vec(A.map((r) => dot(r as Vec, x)));

/** Representation quality q = sqrt(w*ᵀΦᵀΣ_h⁺Φw*)/‖w*‖ = sqrt(Σ_i λ_i/(λ_i + σ²)·<v_i, w*>²)/‖w*‖. */
export function ceiling(L: LatentModel): number {
  const s2 = L.sigma * L.sigma;
  let q2 = 0;
  for (const { lambda, v } of keptSpectrum(L)) q2 += (lambda / (lambda + s2)) * dot(v, L.wStar) ** 2;
  return Math.sqrt(q2) / norm(L.wStar);
}

/** The optimal probe u* = Σ_h⁺Φw* = Φ·Σ_i v_i<v_i, w*>/(λ_i + σ²). */
export function optimalProbe(L: LatentModel): Vec {
  const s2 = L.sigma * L.sigma;
  const c = zeros(L.m);
  for (const { lambda, v } of keptSpectrum(L)) {
    const a = dot(v, L.wStar) / (lambda + s2);
    for (let j = 0; j < L.m; j++) c[j] += a * v[j];
  }
  return phiTimes(L.Phi, c);
}

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
