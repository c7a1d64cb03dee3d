/**
 * Seeded estimates in the latent model, each with a finite-sample error bound: a judge's
 * agreement Agr with V* (T3.c's first bound) and the gain G_ε of the linear reward <u,h>
 * (T3.c's second), computed from the tilted latent law at the β that spends the budget ε.
 */
import { dot, norm, type Vec } from '../../linalg/vec.ts';
import { hoeffding, MC_ALPHA, MC_SAMPLES, RunningMoment } from '../../numeric/bounds.ts';
import { HarnessError } from '../../numeric/errors.ts';
import type { Rng } from '../../numeric/rng.ts';
import { expectUnderNormal } from '../link.ts';
import { judgeScore, MAX_ENUMERATED, phiTimes, scoreSignal, type JudgeSpec, type LatentModel } from './model.ts';
import { latentBound, linkBound, sampleCoordinate, tiltedKL, tiltedMean, tiltedQuantile } from './tilt.ts';

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
  if (judge.kind !== 'quadratic' && L.latents === 'gaussian') return { estimate: gaussianPairs(L, judge, u, signal, rng, n) / n, halfWidth: hoeffding(n, alpha), n, alpha };
  const draw = judge.kind === 'quadratic' ? representationDraw(L, judge, u, signal) : scoreDraw(L, judge, u, signal);
  for (let t = 0; t < n; t++) {
    const a = draw(rng);
    const b = draw(rng);
    const dv = Math.sign(a.value - b.value);
    const dj = Math.sign(a.score - b.score);
    hits += dj === 0 || dv === 0 ? 0.5 : dj === dv ? 1 : 0;
  }
  return { estimate: hits / n, halfWidth: hoeffding(n, alpha), n, alpha };
}

/** Linear, sign and tanh judges read only their score x = <u,h>, never h itself. */
const NO_REPRESENTATION: Vec = new Float64Array(0);

/** One draw of the latent model as the agreement sees it: V* and the judge's score. */
type ScoredDraw = (rng: Rng) => { value: number; score: number };

/**
 * Judges of the linear score <u,h> = <Φᵀu, z> + <u, ξ> (linear, sign, tanh), with the snapped
 * signal Φᵀu (see scoreSignal): <u, ξ> ~ N(0, σ²‖u‖²) is one normal draw, so a draw costs O(m)
 * whatever d is (at d = 4096 the d noise coordinates were 99% of T3.c's time).
 */
function scoreDraw(L: LatentModel, judge: JudgeSpec, u: Vec, signal: Vec): ScoredDraw {
  const tau = L.sigma * norm(u);
  const z = new Float64Array(L.m);
  return (rng) => {
    for (let i = 0; i < L.m; i++) z[i] = sampleCoordinate(L.latents, rng);
    const x = dot(signal, z) + (tau > 0 ? tau * rng.normal() : 0);
    return { value: L.f(dot(L.wStar, z)), score: judgeScore(judge, u, NO_REPRESENTATION, x) };
  };
}

/**
 * With Gaussian latents the draw needs only the pair (<w*, z>, <Φᵀu, z> + <u, ξ>), which is
 * bivariate normal: v = s·n₁ with s = ‖w*‖, and x = (<b, w*>/s)·n₁ + sqrt(‖b_⊥‖² + τ²)·n₂,
 * b = Φᵀu and b_⊥ its component orthogonal to w*. The same law as drawing all m coordinates of
 * z (so the same n, the same Hoeffding half-width and false-alarm probability α), from two
 * standard normals instead of m + 1: at m = 16 the Monte Carlo of T3.c is about 8× cheaper.
 * b_⊥ is formed as a vector (not as ‖b‖² − <b, w*>²/s², which cancels) so that a signal along
 * w* keeps no spurious noise.
 *
 * Written out in the loop (no closure call nor result object per draw: this is the T3.c cell's
 * inner loop), drawing n₁, n₂ of the first draw of a pair, then of the second. Returns the count
 * of agreements (ties count one half).
 */
function gaussianPairs(L: LatentModel, judge: JudgeSpec, u: Vec, signal: Vec, rng: Rng, n: number): number {
  const w = L.wStar;
  const ww = dot(w, w);
  const s = Math.sqrt(ww);
  const bw = dot(signal, w);
  const perp = new Float64Array(L.m);
  for (let i = 0; i < L.m; i++) perp[i] = signal[i] - (bw / ww) * w[i];
  const along = bw / s;
  const across = Math.hypot(norm(perp), L.sigma * norm(u));
  const f = L.f;
  let hits = 0;
  if (judge.kind === 'linear' && f.spec.kind === 'identity') {
    // T3.c's own cell (all tags in force): the identity link returns its argument and the linear
    // judge its score, so a pair agrees when s·(a₁ − b₁) and along·(a₁ − b₁) + across·(a₂ − b₂)
    // have the same sign: a function of the difference of the two draws alone, and
    // (a − b)/√2 ~ N(0, I₂), whose scale the signs do not see. So each pair is one draw
    // (d₁, d₂) ~ N(0, I₂): two normals instead of four, the same Bernoulli trial in law (the
    // same n, half-width and false-alarm probability), half the cost of the cell's hottest loop.
    // A sign of 0 has probability 0, as in the general loop.
    for (let t = 0; t < n; t++) {
      const d1 = rng.normal();
      const d2 = rng.normal();
      const dv = Math.sign(s * d1);
      const dj = Math.sign(along * d1 + across * d2);
      hits += dj === 0 || dv === 0 ? 0.5 : dj === dv ? 1 : 0;
    }
    return hits;
  }
  for (let t = 0; t < n; t++) {
    const a1 = rng.normal();
    const a2 = rng.normal();
    const va = f(s * a1);
    const sa = judgeScore(judge, u, NO_REPRESENTATION, along * a1 + across * a2);
    const b1 = rng.normal();
    const b2 = rng.normal();
    const dv = Math.sign(va - f(s * b1));
    const dj = Math.sign(sa - judgeScore(judge, u, NO_REPRESENTATION, along * b1 + across * b2));
    hits += dj === 0 || dv === 0 ? 0.5 : dj === dv ? 1 : 0;
  }
  return hits;
}

/** The quadratic judge reads all of h: a draw of (z, ξ) in full, O(d²) for hᵀQh anyway. */
function representationDraw(L: LatentModel, judge: JudgeSpec, u: Vec, signal: Vec): ScoredDraw {
  return (rng) => {
    const s = sampleLatentModel(L, rng);
    return { value: L.f(dot(L.wStar, s.z)), score: judgeScore(judge, u, s.h, dot(signal, s.z) + dot(u, s.xi)) };
  };
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
  // The noise term only when there is noise: at t past 1e154, t² overflows and ∞·0 = NaN would
  // end the bracketing below as if the budget were reached (a uniform budget above ~355 per read
  // coordinate came back with KL 355 spent and no error).
  const kl = (t: number) => b.reduce((acc, bi) => acc + tiltedKL(kind, t * bi), 0) + (tau2 === 0 ? 0 : (t * t * tau2) / 2);
  const supKL = kind === 'rademacher' && tau2 === 0 ? b.reduce((acc, bi) => acc + (bi !== 0 ? Math.LN2 : 0), 0) : Infinity;
  // The t → ∞ limit: each read coordinate pinned at its extreme (±1, ±√3), or the mean shift ±∞.
  const limit = () => Array.from(b, (bi) => (bi === 0 ? 0 : bi > 0 ? Infinity : -Infinity));
  let t: number;
  let a: number[];
  let spent: number;
  if (epsilon >= supKL) {
    t = Infinity;
    a = limit();
    spent = supKL;
  } else {
    let hi = 1;
    while (kl(hi) < epsilon && hi <= 1e300) hi *= 2;
    let lo = 0;
    if (kl(hi) >= epsilon) {
      for (let k = 0; k < 200 && hi - lo > 1e-15 * hi; k++) {
        const mid = (lo + hi) / 2;
        if (kl(mid) < epsilon) lo = mid;
        else hi = mid;
      }
    } else lo = hi;
    t = (lo + hi) / 2;
    a = Array.from(b, (bi) => t * bi);
    spent = kl(t);
    // The bisection solves KL(t) = ε to ~1e-15 in t. If it could not, no double tilt spends the
    // budget: uniform latents without noise gain only ~log t nats per read coordinate, so a budget
    // beyond ~700 nats per coordinate needs a tilt past 1.8e308, where the KL overflows first.
    // There every read coordinate's law is its t → ∞ limit to within 1/|t·b_i| (the uniform
    // tilted mean is √3·(coth x − 1/x), x = √3·t·b_i): the limit is the answer when that is below
    // 1e-12 at the largest tilt tried; otherwise (or for NaN) no gain is read.
    if (!(Math.abs(spent - epsilon) <= 1e-9 * epsilon + 1e-12)) {
      const nearest = Math.min(...b.filter((bi) => bi !== 0).map((bi) => Math.abs(lo * bi)));
      if (!(kl(lo) < epsilon && nearest >= 1e12))
        throw new HarnessError(`latent gain: the tilt ${t} spends KL ${spent}, not the budget ${epsilon}, and its read coordinates are not at their limit (beyond the floating-point range)`);
      t = Infinity;
      a = limit();
      spent = epsilon;
    }
  }
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
