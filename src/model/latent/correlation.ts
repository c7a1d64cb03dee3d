/**
 * The correlation of a judge with V* in the latent model, by the first route that applies:
 *  1. linear judge, linear value: exactly, from second moments (any latent law);
 *  2. Gaussian latents: (h, T = <w*,z>) is jointly Gaussian, so conditioning on T reduces every
 *     judge to a 1-D expectation (closed forms for f = id: Stein's lemma, Gaussian moments);
 *  3. Rademacher latents with small m: exact enumeration of the 2^m values of z, with the
 *     Gaussian noise integrated out conditionally on z;
 *  4. otherwise seeded Monte Carlo over z with a finite-sample (empirical Bernstein) bound per
 *     moment, propagated to the correlation by interval arithmetic.
 * No route is computed from the ceiling q it is checked against (T3.b).
 */
import { dot, norm, type Vec } from '../../linalg/vec.ts';
import {
  correlationInterval, covarianceInterval, MC_ALPHA, MC_SAMPLES, pointInterval, RunningMoment, varianceInterval,
} from '../../numeric/bounds.ts';
import { HarnessError, InputError } from '../../numeric/errors.ts';
import { normalCdf, normalExpect } from '../../numeric/quadrature.ts';
import type { Rng } from '../../numeric/rng.ts';
import { MAX_ENUMERATED, matVec, phiTimes, representationCovariance, scoreSignal, type JudgeSpec, type LatentModel } from './model.ts';
import { latentBound, linkBound, sampleCoordinate } from './tilt.ts';

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

type Rows = readonly ArrayLike<number>[];

/** AB for square matrices given as rows (the quadratic judge's d×d Q, at the small d it has). */
function matMul(A: Rows, B: Rows): Float64Array[] {
  const n = A.length;
  return Array.from({ length: n }, (_, i) => {
    const out = new Float64Array(n);
    for (let k = 0; k < n; k++) {
      const aik = A[i][k];
      if (aik !== 0) for (let j = 0; j < n; j++) out[j] += aik * B[k][j];
    }
    return out;
  });
}

const trace = (A: Rows): number => {
  let t = 0;
  for (let i = 0; i < A.length; i++) t += A[i][i];
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
      // sign X is ±1 unless X ≡ 0; E sign X = 0 by symmetry. (Tested as vx === 0, not vx > 0:
      // a NaN variance must reach clampCorrelation as a NaN, not pass for a constant judge.)
      variance = vx === 0 ? 0 : 1;
      // Stein / Gaussian moments: E[sign(X)·Z] = r·sqrt(2/π)/sqrt(Var X).
      if (identityValue) return exact(vx === 0 ? 0 : (r * Math.sqrt(2 / Math.PI)) / Math.sqrt(vx), 'closed-form');
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
      const Q = judge.Q;
      const QS = matMul(Q, representationCovariance(L.Phi, L.sigma));
      const k0 = phiTimes(L.Phi, L.wStar);
      const A = dot(k0, matVec(Q, k0)) / (s * s);
      const trQS = trace(QS);
      // hᵀQh has variance 2 tr((QΣ)²) and is uncorrelated with every linear score (odd moments vanish).
      mean = trQS;
      variance = 2 * trace(matMul(QS, QS)) + vx;
      if (identityValue) return exact(ratio(r, variance, 1), 'closed-form');
      // E[hᵀQh | Z] = (Φw*)ᵀQ(Φw*)·Z²/s² + tr(Q(Σ − Φw*w*ᵀΦᵀ/s²)).
      psi = (z) => trQS + A * (z * z - 1) + r * z;
      break;
    }
  }
  const f = L.f;
  if (f.spec.kind === 'exp' && (f.spec.weight ?? 1) === 1 && s > 4) {
    // f = exp: shift the measure instead of integrating e^{sZ} (Cameron–Martin):
    // E[(ψ(Z) − m)e^{sZ}] = e^{s²/2}·(E[ψ(Z + s)] − m) and Var e^{sZ} = e^{s²}(e^{s²} − 1), so
    // corr = (E[ψ(Z + s)] − m) / sqrt(Var judge · (e^{s²} − 1)). Exact, and finite at every s:
    // integrating e^{2sZ} itself overflows once s passes ~10 (a NaN the reach and the guided
    // search both hit), while this tends to 0, the true limit, as e^{s²} leaves the doubles.
    // Only for s > 4: at small s, E[ψ(Z + s)] − m cancels to rounding (~1e-16) beside a
    // covariance of order s, while the direct quadrature below is exact there.
    const shifted = normalExpect((z) => psi(z + s), [-s]);
    return exact(ratio(shifted - mean, variance, Math.expm1(s * s)), 'quadrature');
  }
  // f may grow like e^{sZ} (exp link): its square peaks at Z = 2s, so widen the range to match.
  // Only then: the other links grow at most polynomially, and at the widest reach (s ~ 1e4) a
  // range of 12 + 2s cost ~1e6 integrand calls per integral. (An oscillating link, sin(sZ), is
  // not resolved by unit panels once s passes ~10 with either range: a known limit.)
  const R = f.spec.kind === 'exp' ? 12 + 2 * s : 12;
  const Ef = normalExpect((z) => f(s * z), [], R);
  const varF = normalExpect((z) => (f(s * z) - Ef) ** 2, [], R);
  const cov = normalExpect((z) => (psi(z) - mean) * (f(s * z) - Ef), [], R);
  return exact(ratio(cov, variance, varF), 'quadrature');
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
