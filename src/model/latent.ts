/**
 * The latent model of THEORY §1 behind the representation ceiling (T3, T3s).
 *
 * Semantic features z ∈ R^m with independent, mean-0, variance-1 coordinates (Gaussian,
 * Rademacher ±1, or uniform on ±sqrt 3); true value V* = f(<w*, z>); representation
 * h = Φz + ξ with ξ ~ N(0, σ²I_d) independent of z. Then Σ_h = ΦΦᵀ + σ²I and the
 * representation quality is q = sqrt(w*ᵀΦᵀΣ_h⁺Φw*)/‖w*‖.
 *
 * Judges score h: `linear` <u,h>, `sign` sign<u,h>, `tanh` tanh(a<u,h>), `quadratic`
 * hᵀQh + <u,h>. Their correlation with V* is computed, in order of preference:
 *  1. linear judge, linear value: exactly, from second moments (any latent law);
 *  2. Gaussian latents: (h, T = <w*,z>) is jointly Gaussian, so conditioning on T reduces every
 *     judge to a 1-D expectation (closed forms for f = id: Stein's lemma, Gaussian moments);
 *  3. Rademacher latents with small m: exact enumeration of the 2^m values of z, with the
 *     Gaussian noise integrated out conditionally on z;
 *  4. otherwise seeded Monte Carlo over z with a finite-sample (empirical Bernstein) bound per
 *     moment, propagated to the correlation by interval arithmetic.
 */
import { Matrix, pseudoInverse } from 'ml-matrix';
import { dot, norm, vec, zeros, type Vec } from '../linalg/vec.ts';
import {
  correlationInterval, covarianceInterval, hoeffding, MC_ALPHA, MC_SAMPLES, pointInterval, RunningMoment, varianceInterval,
} from '../numeric/bounds.ts';
import { HarnessError, InputError } from '../numeric/errors.ts';
import { normalCdf, normalExpect } from '../numeric/quadrature.ts';
import type { Rng } from '../numeric/rng.ts';
import { expectUnderNormal, IDENTITY, type Link } from './link.ts';

// Moved to src/numeric/; re-exported for the importers that read them from here.
export { empiricalBernstein } from '../numeric/bounds.ts';
export { gaussLegendre, normalExpect } from '../numeric/quadrature.ts';

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

const matVec = (A: Matrix, x: Vec): Vec => vec(A.mmul(Matrix.columnVector(Array.from(x))).to1DArray());

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

// ---------------------------------------------------------------------------------------------
// Latent coordinate laws and their exponential tilts (for the gain of T3.c).

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
      const e = Math.exp(-2 * x);
      return (-2 * x * e) / (1 + e) - Math.log1p(e) + Math.LN2;
    }
    case 'uniform': {
      // x·L(x) − log(sinh x / x) with L the Langevin function, x = √3·a; for large |x| the same
      // cancellation is removed with coth x − 1 = 2e/(1 − e), e = exp(−2|x|).
      const x = Math.abs(SQRT3 * a);
      if (x < 1) return x * langevin(x) - logSinhc(x);
      const e = Math.exp(-2 * x);
      return (2 * x * e) / (1 - e) - 1 - Math.log1p(-e) + Math.LN2 + Math.log(x);
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

/** E[tanh(a(c + τW))] and E[tanh²(…)], W ~ N(0,1). */
function tanhMoments(a: number, c: number, tau: number): { m1: number; m2: number } {
  if (tau === 0) {
    const t = Math.tanh(a * c);
    return { m1: t, m2: t * t };
  }
  const br = [-c / tau];
  return {
    m1: normalExpect((w) => Math.tanh(a * (c + tau * w)), br),
    m2: normalExpect((w) => Math.tanh(a * (c + tau * w)) ** 2, br),
  };
}

// ---------------------------------------------------------------------------------------------
// Correlation of a judge with V*.

export type CorrelationMethod = 'closed-form' | 'quadrature' | 'enumeration' | 'monte-carlo';

export interface CorrelationResult {
  /** The correlation (exact) or its plug-in estimate (Monte Carlo). */
  readonly value: number;
  /** An interval that holds the true correlation (except with probability alpha for Monte Carlo). */
  readonly lo: number;
  readonly hi: number;
  readonly method: CorrelationMethod;
  readonly n?: number;
  readonly alpha?: number;
}

/** Rademacher latents are enumerated exactly up to this many coordinates (2^m points). */
export const MAX_ENUMERATED = 14;

const exact = (value: number, method: CorrelationMethod): CorrelationResult => {
  const v = clampCorrelation(value);
  return { value: v, lo: v, hi: v, method };
};

/** A correlation may exceed 1 in magnitude only by rounding; anything more is our bug. */
function clampCorrelation(x: number): number {
  if (!Number.isFinite(x)) throw new HarnessError(`correlation is not finite (${x})`);
  if (Math.abs(x) > 1 + 1e-9) throw new HarnessError(`correlation ${x} outside [−1, 1]`);
  return Math.max(-1, Math.min(1, x));
}

const ratio = (cov: number, varA: number, varB: number): number => (varA <= 0 || varB <= 0 ? 0 : cov / Math.sqrt(varA * varB));

const trace = (A: Matrix): number => {
  let t = 0;
  for (let i = 0; i < A.rows; i++) t += A.get(i, i);
  return t;
};

/**
 * corr(judge(h), V*) for the judge direction u. `rng` is used only when the Monte Carlo route is
 * taken (non-Gaussian latents that cannot be enumerated). `route: 'quadrature'` forces the
 * general 1-D quadrature for Gaussian latents (used to cross-check the closed forms).
 */
export function judgeCorrelation(L: LatentModel, judge: JudgeSpec, u: Vec, rng: Rng, opts: { route?: 'quadrature' } = {}): CorrelationResult {
  if (judge.kind === 'quadratic') checkQ(judge.Q, L.d);
  const b = scoreSignal(L, u);
  const linearValue = L.f.spec.kind === 'identity';
  // 1. Second moments decide everything: Cov(<u,h>, <w*,z>) = <Φᵀu, w*>, Var<u,h> = ‖Φᵀu‖² + σ²‖u‖².
  if (judge.kind === 'linear' && linearValue && opts.route === undefined) {
    const vx = dot(b, b) + L.sigma ** 2 * dot(u, u);
    return exact(ratio(dot(b, L.wStar), vx, dot(L.wStar, L.wStar)), 'closed-form');
  }
  if (L.latents === 'gaussian') return gaussianCorrelation(L, judge, u, b, opts.route === 'quadrature');
  if (L.latents === 'rademacher' && L.m <= MAX_ENUMERATED) return enumeratedCorrelation(L, judge, u, b);
  return monteCarloCorrelation(L, judge, u, rng);
}

function checkQ(Q: readonly (readonly number[])[], d: number): void {
  if (Q.length !== d || Q.some((r) => r.length !== d)) throw new InputError(`judge.Q: expected a ${d}×${d} matrix`);
}

/**
 * Gaussian latents: X = <u,h> and T = <w*,z> = sZ (s = ‖w*‖) are jointly Gaussian with
 * Cov(X, Z) = r = <Φᵀu, w*>/s, so X | Z ~ N(rZ, τ²), τ² = Var X − r². Every judge's conditional
 * mean ψ(Z) = E[judge | Z] is explicit or a 1-D integral, and
 * corr = E[(ψ(Z) − E judge)(f(sZ) − E f)] / sqrt(Var judge · Var f).
 */
function gaussianCorrelation(L: LatentModel, judge: JudgeSpec, u: Vec, b: Vec, forceQuadrature: boolean): CorrelationResult {
  const s = norm(L.wStar);
  const r = dot(b, L.wStar) / s;
  const vx = dot(b, b) + L.sigma ** 2 * dot(u, u);
  const tau = Math.sqrt(Math.max(0, vx - r * r));
  const identityValue = L.f.spec.kind === 'identity' && !forceQuadrature;
  let mean = 0;
  let variance: number;
  let psi: (z: number) => number;
  switch (judge.kind) {
    case 'linear':
      variance = vx;
      psi = (z) => r * z;
      if (identityValue) return exact(ratio(r, vx, 1), 'closed-form');
      break;
    case 'sign':
      // sign X is ±1 unless X ≡ 0; E sign X = 0 by symmetry.
      variance = vx > 0 ? 1 : 0;
      // Stein / Gaussian moments: E[sign(X)·Z] = r·sqrt(2/π)/sqrt(Var X).
      if (identityValue) return exact(vx > 0 ? (r * Math.sqrt(2 / Math.PI)) / Math.sqrt(vx) : 0, 'closed-form');
      psi = (z) => (tau > 0 ? 2 * normalCdf((r * z) / tau) - 1 : Math.sign(r * z));
      break;
    case 'tanh': {
      const a = judge.a;
      const sx = Math.sqrt(vx);
      variance = normalExpect((w) => Math.tanh(a * sx * w) ** 2);
      if (identityValue) {
        // Stein's lemma: Cov(tanh(aX), Z) = (r/Var X)·E[X tanh(aX)].
        const cov = vx > 0 ? (r / vx) * normalExpect((w) => sx * w * Math.tanh(a * sx * w)) : 0;
        return exact(ratio(cov, variance, 1), 'quadrature');
      }
      psi = (z) => tanhMoments(a, r * z, tau).m1;
      break;
    }
    case 'quadratic': {
      const Q = new Matrix(judge.Q.map((row) => [...row]));
      const QS = Q.mmul(L.SigmaH);
      const k0 = phiTimes(L.Phi, L.wStar);
      const A = dot(k0, matVec(Q, k0)) / (s * s);
      const trQS = trace(QS);
      // hᵀQh has variance 2 tr((QΣ)²) and is uncorrelated with every linear score (odd moments vanish).
      mean = trQS;
      variance = 2 * trace(QS.mmul(QS)) + vx;
      if (identityValue) return exact(ratio(r, variance, 1), 'closed-form');
      // E[hᵀQh | Z] = (Φw*)ᵀQ(Φw*)·Z²/s² + tr(Q(Σ − Φw*w*ᵀΦᵀ/s²)).
      psi = (z) => trQS + A * (z * z - 1) + r * z;
      break;
    }
  }
  const f = L.f;
  // f may grow like e^{sZ} (exp link): its square peaks at Z = 2s, so widen the range to match.
  const R = 12 + 2 * s;
  const Ef = normalExpect((z) => f(s * z), [], R);
  const varF = normalExpect((z) => (f(s * z) - Ef) ** 2, [], R);
  const cov = normalExpect((z) => (psi(z) - mean) * (f(s * z) - Ef), [], R);
  return exact(ratio(cov, variance, varF), 'quadrature');
}

/** E[judge | z] and E[judge² | z], integrating out ξ ~ N(0, σ²I): c = <u,Φz>, τ = σ‖u‖. */
function conditionalMoments(L: LatentModel, judge: JudgeSpec, u: Vec, b: Vec, z: Vec, uNorm: number, rngW?: Rng): { m1: number; m2: number } {
  const c = dot(b, z);
  const tau = L.sigma * uNorm;
  switch (judge.kind) {
    case 'linear':
      return { m1: c, m2: c * c + tau * tau };
    case 'sign':
      if (tau === 0) return { m1: Math.sign(c), m2: c === 0 ? 0 : 1 };
      return { m1: 2 * normalCdf(c / tau) - 1, m2: 1 };
    case 'tanh':
      if (rngW && tau > 0) {
        // Monte Carlo route: draw the noise score instead of integrating (bounded in [−1, 1]).
        const t = Math.tanh(judge.a * (c + tau * rngW.normal()));
        return { m1: t, m2: t * t };
      }
      return tanhMoments(judge.a, c, tau);
    case 'quadratic': {
      const mz = phiTimes(L.Phi, z);
      const Q = judge.Q;
      const d = L.d;
      let quad = 0;
      let trQ = 0;
      let trQ2 = 0;
      const g = new Float64Array(d); // 2Qm + u
      for (let i = 0; i < d; i++) {
        trQ += Q[i][i];
        let qi = 0;
        for (let j = 0; j < d; j++) {
          qi += Q[i][j] * mz[j];
          trQ2 += Q[i][j] * Q[j][i];
        }
        quad += mz[i] * qi;
        g[i] = 2 * qi + u[i];
      }
      const s2 = L.sigma ** 2;
      const m1 = quad + s2 * trQ + c;
      // Var(ξᵀQξ + (2Qm + u)ᵀξ) = 2σ⁴tr(Q²) + σ²‖2Qm + u‖² (the cross term has odd moments only).
      return { m1, m2: m1 * m1 + 2 * s2 * s2 * trQ2 + s2 * dot(g, g) };
    }
  }
}

/** Rademacher latents: the 2^m equally likely z, each with the noise integrated out exactly. */
export function enumeratedCorrelation(L: LatentModel, judge: JudgeSpec, u: Vec, b: Vec): CorrelationResult {
  const m = L.m;
  const N = 2 ** m;
  const uNorm = norm(u);
  const z = new Float64Array(m);
  const rows: { m1: number; m2: number; v: number }[] = [];
  for (let k = 0; k < N; k++) {
    for (let i = 0; i < m; i++) z[i] = (k >> i) & 1 ? 1 : -1;
    rows.push({ ...conditionalMoments(L, judge, u, b, z, uNorm), v: L.f(dot(L.wStar, z)) });
  }
  const E1 = rows.reduce((a, r) => a + r.m1, 0) / N;
  const EV = rows.reduce((a, r) => a + r.v, 0) / N;
  // Centred sums (no E[x²] − E[x]² cancellation); Var judge = Var ψ₁ + E[ψ₂ − ψ₁²].
  let cov = 0;
  let varV = 0;
  let varJ = 0;
  for (const { m1, m2, v } of rows) {
    cov += ((m1 - E1) * (v - EV)) / N;
    varV += ((v - EV) * (v - EV)) / N;
    varJ += ((m1 - E1) * (m1 - E1) + Math.max(0, m2 - m1 * m1)) / N;
  }
  return exact(ratio(cov, varJ, varV), 'enumeration');
}

/** max |f(t)| over |t| <= T, per link kind (monotone links: at an end point). */
export function linkBound(f: Link, T: number): number {
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

/** Largest |z_i| under a bounded latent law. */
const latentBound = (kind: LatentKind): number => (kind === 'rademacher' ? 1 : SQRT3);

/**
 * Monte Carlo over z (bounded latents): five means E[ψ₁V], E ψ₁, E ψ₂, E V, E V² (ψ₁, ψ₂ the
 * judge's conditional moments given z), each within its empirical Bernstein half-width at
 * δ = α/5, so all five hold jointly except with probability α = 1e-7 (union bound). Means known
 * exactly are not estimated: E V = 0 and E V² = ‖w*‖² under a linear value, E judge = 0 for odd
 * judges (the joint law of (z, ξ) is symmetric). A priori bounds of every draw follow from
 * |z_i| <= sqrt 3 and are enforced (a draw outside its bound is a harness error).
 */
export function monteCarloCorrelation(L: LatentModel, judge: JudgeSpec, u: Vec, rng: Rng, n = MC_SAMPLES, alpha = MC_ALPHA): CorrelationResult {
  if (L.latents === 'gaussian') throw new HarnessError('Monte Carlo correlation is for bounded latents');
  const b = scoreSignal(L, u);
  const uNorm = norm(u);
  const zb = latentBound(L.latents);
  const T = zb * L.wStar.reduce((a, x) => a + Math.abs(x), 0);
  const F = linkBound(L.f, T);
  const tau = L.sigma * uNorm;
  // Bounds of the judge's conditional moments.
  let B1: number;
  let B2: number;
  const phiF = Math.sqrt(L.Phi.reduce((a, r) => a + dot(r, r), 0));
  const M = phiF * zb * Math.sqrt(L.m); // ‖Φz‖ <= ‖Φ‖_F‖z‖
  switch (judge.kind) {
    case 'linear':
      B1 = zb * b.reduce((a, x) => a + Math.abs(x), 0);
      B2 = B1 * B1 + tau * tau;
      break;
    case 'sign':
    case 'tanh':
      B1 = 1;
      B2 = 1;
      break;
    case 'quadratic': {
      const QF = Math.sqrt(judge.Q.reduce((a, r) => a + r.reduce((c, x) => c + x * x, 0), 0));
      let trQ = 0;
      for (let i = 0; i < L.d; i++) trQ += judge.Q[i][i];
      const s2 = L.sigma ** 2;
      B1 = QF * M * M + s2 * Math.abs(trQ) + uNorm * M;
      B2 = B1 * B1 + 2 * s2 * s2 * QF * QF + s2 * (2 * QF * M + uNorm) ** 2;
      break;
    }
  }
  const JV = new RunningMoment(-B1 * F, B1 * F, 'judge·V');
  const J1 = new RunningMoment(-B1, B1, 'E[judge | z]');
  const J2 = new RunningMoment(0, B2, 'E[judge² | z]');
  const V1 = new RunningMoment(-F, F, 'V*');
  const V2 = new RunningMoment(0, F * F, 'V*²');
  const z = new Float64Array(L.m);
  for (let t = 0; t < n; t++) {
    for (let i = 0; i < L.m; i++) z[i] = sampleCoordinate(L.latents, rng);
    const { m1, m2 } = conditionalMoments(L, judge, u, b, z, uNorm, rng);
    const v = L.f(dot(L.wStar, z));
    JV.add(m1 * v);
    J1.add(m1);
    J2.add(m2);
    V1.add(v);
    V2.add(v * v);
  }
  const delta = alpha / 5;
  const linearValue = L.f.spec.kind === 'identity';
  const oddJudge = judge.kind !== 'quadratic';
  const eJV = JV.interval(delta);
  const eJ = oddJudge ? pointInterval(0) : J1.interval(delta);
  const eJ2 = J2.interval(delta);
  const eV = linearValue ? pointInterval(0) : V1.interval(delta);
  const eV2 = linearValue ? pointInterval(dot(L.wStar, L.wStar)) : V2.interval(delta);
  const [lo, hi] = correlationInterval(covarianceInterval(eJV, eJ, eV), varianceInterval(eJ2, eJ), varianceInterval(eV2, eV));
  const mJ = oddJudge ? 0 : J1.mean;
  const mV = linearValue ? 0 : V1.mean;
  const value = ratio(JV.mean - mJ * mV, J2.mean - mJ * mJ, (linearValue ? dot(L.wStar, L.wStar) : V2.mean) - mV * mV);
  const v = Math.max(-1, Math.min(1, value));
  return { value: v, lo: Math.min(lo, v), hi: Math.max(hi, v), method: 'monte-carlo', n, alpha };
}

// ---------------------------------------------------------------------------------------------
// Agreement and gain.

export interface Estimate {
  readonly estimate: number;
  readonly halfWidth: number;
  readonly n: number;
  readonly alpha: number;
}

/** A draw of (z, h) from the latent model. */
export function sampleLatentModel(L: LatentModel, rng: Rng): { z: Vec; xi: Vec; h: Vec } {
  const z = new Float64Array(L.m);
  for (let i = 0; i < L.m; i++) z[i] = sampleCoordinate(L.latents, rng);
  const h = phiTimes(L.Phi, z);
  const xi = new Float64Array(L.d);
  for (let i = 0; i < L.d; i++) {
    xi[i] = L.sigma * rng.normal();
    h[i] += xi[i];
  }
  return { z, xi, h };
}

/**
 * Agr of a judge, P[sign(judge(h) − judge(h')) = sign(V* − V*')], on n independent pairs of
 * draws from the latent model. Ties have positive probability here (Rademacher latents, sign
 * judges): a tie on either side, or on both, is broken by a fair coin and so counts one half —
 * the reading under which a constant judge has Agr = 1/2 (THEORY's Agr(0) = 1/2) whatever the
 * latent law; the literal sign(0) = sign(0) would count a double tie as an agreement. The
 * average of n values in [0, 1] is within the Hoeffding half-width sqrt(ln(2/α)/(2n)) of Agr
 * except with probability α.
 */
export function latentAgreement(L: LatentModel, judge: JudgeSpec, u: Vec, rng: Rng, n = MC_SAMPLES, alpha = MC_ALPHA): Estimate {
  let hits = 0;
  const signal = scoreSignal(L, u);
  // The linear score <u,h> is formed as <Φᵀu, z> + <u, ξ> with the snapped signal (see scoreSignal).
  const score = (s: { z: Vec; xi: Vec; h: Vec }) => judgeScore(judge, u, s.h, dot(signal, s.z) + dot(u, s.xi));
  for (let t = 0; t < n; t++) {
    const a = sampleLatentModel(L, rng);
    const b = sampleLatentModel(L, rng);
    const dv = Math.sign(L.f(dot(L.wStar, a.z)) - L.f(dot(L.wStar, b.z)));
    const dj = Math.sign(score(a) - score(b));
    hits += dj === 0 || dv === 0 ? 0.5 : dj === dv ? 1 : 0;
  }
  return { estimate: hits / n, halfWidth: hoeffding(n, alpha), n, alpha };
}

export interface GainResult extends Estimate {
  /** The multiplier t = 1/β of the tilted policy θ = u/β (Infinity: the budget cannot be spent). */
  readonly tilt: number;
  /** KL(π_θ ‖ π_0) actually spent. */
  readonly kl: number;
}

/**
 * G_ε for the reward <u,h>: the policy tilts the joint law of (z, ξ) by exp<θ,h>, θ = u/β, with
 * β chosen so that KL(π_θ ‖ π_0) = ε; G = J(θ) − J(0), J(θ) = E_θ[f(<w*, z>)]. Under the tilt
 * z_i is tilted by e^{a_i z_i}, a = Φᵀθ, and ξ ~ N(σ²θ, σ²I), so
 * KL = Σ_i (a_iΛ'(a_i) − Λ(a_i)) + σ²‖θ‖²/2. With Gaussian latents that is θᵀΣ_hθ/2 and
 * J(θ) = E f(θᵀΦw* + ‖w*‖Z). Rademacher latents have KL bounded by log 2 per coordinate when
 * σ = 0: a budget that cannot be spent is read as the limit β → 0 (every z_i with a_i ≠ 0 fixed
 * at sign a_i).
 */
export function latentGain(L: LatentModel, u: Vec, epsilon: number, rng: Rng): GainResult {
  const b = scoreSignal(L, u);
  const tau2 = L.sigma ** 2 * dot(u, u);
  const s = norm(L.wStar);
  const none: GainResult = { estimate: 0, halfWidth: 0, n: 0, alpha: 0, tilt: 0, kl: 0 };
  if (dot(b, b) === 0 && tau2 === 0) return none; // <u,h> is constant: the tilt moves nothing
  if (L.latents === 'gaussian') {
    const vx = dot(b, b) + tau2; // θᵀΣ_hθ at θ = u
    const beta = Math.sqrt(vx) / Math.sqrt(2 * epsilon);
    const shift = dot(b, L.wStar) / beta; // θᵀΦw*
    const G = expectUnderNormal(L.f, shift, s) - expectUnderNormal(L.f, 0, s);
    return { ...none, estimate: G, tilt: 1 / beta, kl: vx / (2 * beta * beta) };
  }
  const kind = L.latents;
  const kl = (t: number) => b.reduce((acc, bi) => acc + tiltedKL(kind, t * bi), 0) + (t * t * tau2) / 2;
  const supKL = kind === 'rademacher' && tau2 === 0 ? b.reduce((acc, bi) => acc + (bi !== 0 ? Math.LN2 : 0), 0) : Infinity;
  let t: number;
  let a: number[];
  if (epsilon >= supKL) {
    t = Infinity;
    a = Array.from(b, (bi) => (bi === 0 ? 0 : bi > 0 ? Infinity : -Infinity));
  } else {
    let hi = 1;
    while (kl(hi) < epsilon) {
      hi *= 2;
      if (hi > 1e300) throw new HarnessError('latent gain: could not bracket the KL budget');
    }
    let lo = 0;
    for (let k = 0; k < 200 && hi - lo > 1e-15 * hi; k++) {
      const mid = (lo + hi) / 2;
      if (kl(mid) < epsilon) lo = mid;
      else hi = mid;
    }
    t = (lo + hi) / 2;
    a = Array.from(b, (bi) => t * bi);
  }
  const spent = t === Infinity ? supKL : kl(t);
  if (L.f.spec.kind === 'identity') {
    // J(θ) = Σ w*_i E_θ z_i, exactly; J(0) = 0.
    const G = a.reduce((acc, ai, i) => acc + L.wStar[i] * tiltedMean(kind, ai), 0);
    return { ...none, estimate: G, tilt: t, kl: spent };
  }
  if (kind === 'rademacher' && L.m <= MAX_ENUMERATED) {
    let J = 0;
    let J0 = 0;
    const p = a.map((ai) => (1 + Math.tanh(ai)) / 2);
    const z = new Float64Array(L.m);
    for (let k = 0; k < 2 ** L.m; k++) {
      let w = 1;
      for (let i = 0; i < L.m; i++) {
        const plus = (k >> i) & 1;
        z[i] = plus ? 1 : -1;
        w *= plus ? p[i] : 1 - p[i];
      }
      const v = L.f(dot(L.wStar, z));
      J += w * v;
      J0 += v / 2 ** L.m;
    }
    return { ...none, estimate: J - J0, tilt: t, kl: spent };
  }
  // Bounded latents, nonlinear f: common random numbers through the inverse CDF, so G is the mean
  // of one bounded difference f(<w*, z_θ>) − f(<w*, z_0>), |·| <= 2 max|f| on the latent box.
  const n = MC_SAMPLES;
  const alpha = MC_ALPHA;
  const T = latentBound(kind) * L.wStar.reduce((acc, x) => acc + Math.abs(x), 0);
  const F = linkBound(L.f, T);
  const diff = new RunningMoment(-2 * F, 2 * F, 'gain difference');
  const z1 = new Float64Array(L.m);
  const z0 = new Float64Array(L.m);
  for (let k = 0; k < n; k++) {
    for (let i = 0; i < L.m; i++) {
      const U = rng.uniform();
      z1[i] = Number.isFinite(a[i]) ? tiltedQuantile(kind, a[i], U) : Math.sign(a[i]) * latentBound(kind);
      z0[i] = tiltedQuantile(kind, 0, U);
    }
    diff.add(L.f(dot(L.wStar, z1)) - L.f(dot(L.wStar, z0)));
  }
  const [lo, hi] = diff.interval(alpha);
  return { estimate: diff.mean, halfWidth: (hi - lo) / 2, n, alpha, tilt: t, kl: spent };
}
