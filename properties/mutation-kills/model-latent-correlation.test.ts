// Direct facts about src/model/latent/correlation.ts: corr(judge(h), V*) in the latent model of
// THEORY §1 on worked instances whose every expected number is computed here by hand or by an
// independent route (Gaussian moments, Stein-free 2-D integration, binomial sums, Rademacher
// enumeration by hand), one instance per route and per branch:
//  - which route answers (closed form for a linear judge and value under any latent law, the
//    Gaussian quadrature, Rademacher enumeration up to MAX_ENUMERATED = 14 coordinates, Monte
//    Carlo beyond) and that exact routes report lo = hi = value;
//  - the Gaussian closed forms (sign: ρ·sqrt(2/π); tanh; quadratic: Var hᵀQh = 2 tr((QΣ)²))
//    and the general quadrature against lognormal, cubic and square links, on both sides of the
//    measure shift used for the exp link (s > 4);
//  - the enumeration's conditional moments of each judge, with and without noise;
//  - the Monte Carlo interval: it holds the exact value, it is the five-moment empirical
//    Bernstein construction its doc comment states (δ = α/5, a priori ranges from |z_i| <= √3),
//    means known exactly are used exactly;
//  - a correlation is in [−1, 1] (rounding clamped), 0 for a constant judge or value, and a
//    NaN is a harness error; a badly shaped Q is an InputError naming judge.Q.
import { describe, expect, it } from 'vitest';
import { vec, type Vec } from '../../src/linalg/vec.ts';
import {
  enumeratedCorrelation, judgeCorrelation, latentModel, MAX_ENUMERATED, monteCarloCorrelation, sampleCoordinate, scoreSignal, type JudgeSpec,
  type LatentModel,
} from '../../src/model/latent.ts';
import { link } from '../../src/model/link.ts';
import { correlationInterval, covarianceInterval, MC_ALPHA, MC_SAMPLES, pointInterval, RunningMoment, varianceInterval } from '../../src/numeric/bounds.ts';
import { HarnessError, InputError } from '../../src/numeric/errors.ts';
import { normalCdf } from '../../src/numeric/quadrature.ts';
import { makeRng } from '../../src/numeric/rng.ts';

const close = (a: number, b: number, tol: number, what = '') => expect(Math.abs(a - b), `${what} ${a} vs ${b}`).toBeLessThanOrEqual(tol);
const rel = (a: number, b: number, tol: number, what = '') => close(a, b, tol * Math.abs(b), what);

const LINEAR: JudgeSpec = { kind: 'linear' };
const SIGN: JudgeSpec = { kind: 'sign' };
const rows = (...r: number[][]): Vec[] => r.map((x) => vec(x));
const rng = () => makeRng(1);

// Independent integration (not the project's normalExpect): the trapezoid rule on a uniform grid
// over [−10, 10], which for smooth integrands against the normal density converges geometrically
// (h = 0.02: far below 1e-12 for every analytic integrand here).
const H = 0.02;
const grid = (h: number) => Array.from({ length: Math.round(20 / h) + 1 }, (_, i) => -10 + i * h);
const GRID = grid(H);
const PHI = GRID.map((x) => (H * Math.exp(-(x * x) / 2)) / Math.sqrt(2 * Math.PI));
const E1 = (g: (z: number) => number): number => GRID.reduce((a, z, i) => a + PHI[i] * g(z), 0);
// A fine grid for steep integrands (tanh(a·) with a·σ = 25: analytic in a strip of half-width
// π/50 ≈ 0.06, so h = 0.002 leaves an error of order e^{−2π·0.06/0.002}).
const E1fine = (g: (z: number) => number): number => {
  const h = 0.002;
  return grid(h).reduce((a, z) => a + (h * Math.exp(-(z * z) / 2) * g(z)) / Math.sqrt(2 * Math.PI), 0);
};
const E2 = (g: (z: number, w: number) => number): number => GRID.reduce((a, z, i) => a + PHI[i] * GRID.reduce((b, w, j) => b + PHI[j] * g(z, w), 0), 0);

describe('routes: which one answers, and exact routes report a point', () => {
  // Φ = [[1, 2], [0, 1]] (rows), w* = (1, −1), σ = 1/2, u = (1, 1): Φᵀu = (1, 3), <Φᵀu, w*> = −2,
  // Var<u,h> = ‖Φᵀu‖² + σ²‖u‖² = 10 + 1/2, ‖w*‖² = 2: corr = −2/sqrt(21), by second moments alone.
  const Phi = rows([1, 2], [0, 1]);
  const want = -2 / Math.sqrt(21);

  it('linear judge and linear value: the second-moment closed form under every latent law', () => {
    for (const latents of ['gaussian', 'rademacher', 'uniform'] as const) {
      const c = judgeCorrelation(latentModel(Phi, vec([1, -1]), 0.5, { latents }), LINEAR, vec([1, 1]), rng());
      expect(c.method, latents).toBe('closed-form');
      close(c.value, want, 1e-15, latents);
      expect([c.lo, c.hi]).toEqual([c.value, c.value]);
      expect(c.n).toBeUndefined();
    }
  });

  it("route: 'quadrature' forces the 1-D quadrature, which agrees with the closed form", () => {
    const c = judgeCorrelation(latentModel(Phi, vec([1, -1]), 0.5), LINEAR, vec([1, 1]), rng(), { route: 'quadrature' });
    expect(c.method).toBe('quadrature');
    close(c.value, want, 1e-12);
    expect([c.lo, c.hi]).toEqual([c.value, c.value]);
  });

  it('a linear judge against a non-linear value on Gaussian latents is not the second-moment form', () => {
    // f(x) = x³ + x, s = ‖w*‖ = 1: Cov(X, Z³ + Z) = r(E Z⁴ + E Z²) = 4r, Var f = 15 + 6 + 1 = 22, so
    // corr = 4r/sqrt(22·Var X) with r = <Φᵀu, w*>/s. Φ = [[1], [2]], σ = 1, u = (1, 0): r = 1, Var X = 2.
    const L = latentModel(rows([1], [2]), vec([1]), 1, { f: link({ kind: 'cubic' }) });
    const c = judgeCorrelation(L, LINEAR, vec([1, 0]), rng());
    expect(c.method).toBe('quadrature');
    close(c.value, 4 / Math.sqrt(44), 1e-12);
  });

  // sign(S), S = z_1 + … + z_m on Rademacher latents (Φ = one row of ones, w* = ones, σ = 0):
  // corr(sign S, S) = E|S| / sqrt(P(S ≠ 0)·m), by the binomial law of S.
  function signOfSum(m: number) {
    const L = latentModel([vec(Array(m).fill(1))], vec(Array(m).fill(1)), 0, { latents: 'rademacher' });
    let absS = 0;
    let nonzero = 0;
    let binom = 1; // C(m, k)
    for (let k = 0; k <= m; k++) {
      absS += (binom * Math.abs(2 * k - m)) / 2 ** m;
      if (2 * k !== m) nonzero += binom / 2 ** m;
      binom = (binom * (m - k)) / (k + 1);
    }
    return { L, truth: absS / Math.sqrt(nonzero * m) };
  }

  it(`Rademacher latents are enumerated exactly up to m = MAX_ENUMERATED = ${MAX_ENUMERATED} (ties S = 0 included)`, () => {
    expect(MAX_ENUMERATED).toBe(14);
    const { L, truth } = signOfSum(14);
    const c = judgeCorrelation(L, SIGN, vec([1]), rng());
    expect(c.method).toBe('enumeration');
    close(c.value, truth, 1e-12);
    expect([c.lo, c.hi]).toEqual([c.value, c.value]);
  });

  it('beyond it (m = 15) and for uniform latents: seeded Monte Carlo, whose interval holds the truth', () => {
    const { L, truth } = signOfSum(15);
    const c = judgeCorrelation(L, SIGN, vec([1]), makeRng(2));
    expect(c.method).toBe('monte-carlo');
    expect(c.n).toBe(MC_SAMPLES);
    expect(c.alpha).toBe(MC_ALPHA);
    expect(c.lo).toBeLessThanOrEqual(truth);
    expect(c.hi).toBeGreaterThanOrEqual(truth);
    expect(c.hi - c.lo).toBeLessThan(0.5);
    const U = judgeCorrelation(latentModel(rows([1, 0]), vec([1, 0]), 0, { latents: 'uniform' }), SIGN, vec([1]), makeRng(3));
    expect(U.method).toBe('monte-carlo');
    // sign(z_1) against z_1 uniform on ±√3: E|z_1| = √3/2, so corr = √3/2.
    expect(U.lo).toBeLessThanOrEqual(Math.sqrt(3) / 2);
    expect(U.hi).toBeGreaterThanOrEqual(Math.sqrt(3) / 2);
  });
});

describe('a correlation lies in [−1, 1]; a constant judge or value has correlation 0; NaN is a harness error', () => {
  it('an exactly aligned probe reads 1 (−1 when reversed), rounding clamped', () => {
    // Φ = (1.3), w* = (±3), σ = 0, u = (1): 3.9/sqrt(1.69·9) is 1 + 2⁻⁵² in floating point.
    for (const sgn of [1, -1]) {
      const c = judgeCorrelation(latentModel(rows([1.3]), vec([3 * sgn]), 0), LINEAR, vec([1]), rng());
      expect(c.value).toBe(sgn);
      expect([c.lo, c.hi]).toEqual([sgn, sgn]);
    }
  });

  it('the zero judge direction (Var judge = 0) has correlation 0 by definition, on every route', () => {
    const L = latentModel(rows([1, 2], [0, 1]), vec([1, -1]), 0.5);
    const zero = vec([0, 0]);
    expect(judgeCorrelation(L, LINEAR, zero, rng()).value).toBe(0);
    expect(judgeCorrelation(L, SIGN, zero, rng()).value).toBe(0);
    expect(judgeCorrelation(L, { kind: 'tanh', a: 2 }, zero, rng()).value).toBe(0);
    expect(judgeCorrelation(L, LINEAR, zero, rng(), { route: 'quadrature' }).value).toBe(0);
    const R: LatentModel = { ...L, latents: 'rademacher' };
    expect(judgeCorrelation(R, SIGN, zero, rng()).value).toBe(0);
    expect(enumeratedCorrelation(R, LINEAR, zero, scoreSignal(R, zero)).value).toBe(0);
    // u in the null space of Φᵀ with σ = 0 is a zero score as well (Var<u,h> = 0).
    const N = latentModel(rows([1], [1]), vec([1]), 0);
    expect(judgeCorrelation(N, SIGN, vec([1, -1]), rng()).value).toBe(0);
  });

  it('a value that is constant under the latent law (f = x², one Rademacher coordinate) has correlation 0', () => {
    const L = latentModel(rows([1]), vec([2]), 0.5, { latents: 'rademacher', f: link({ kind: 'square' }) });
    for (const judge of [LINEAR, SIGN, { kind: 'tanh', a: 1 } as const, { kind: 'quadratic', Q: [[1]] } as const]) {
      const c = judgeCorrelation(L, judge, vec([1]), rng());
      expect(c.method).toBe('enumeration');
      expect(c.value, judge.kind).toBe(0);
    }
  });

  it('a NaN in the judge direction is a harness error, never a correlation', () => {
    const L = latentModel(rows([1, 2], [0, 1]), vec([1, -1]), 0.5);
    expect(() => judgeCorrelation(L, LINEAR, vec([Number.NaN, 0]), rng())).toThrow(HarnessError);
    expect(() => judgeCorrelation(L, LINEAR, vec([Number.NaN, 0]), rng())).toThrow(/not finite/);
    // The sign judge too: its closed form and its quadrature once read a NaN variance as 0 (a
    // constant judge) and answered 0.
    expect(() => judgeCorrelation(L, SIGN, vec([Number.NaN, 0]), rng())).toThrow(/not finite/);
    expect(() => judgeCorrelation({ ...L, f: link({ kind: 'cubic' }) }, SIGN, vec([Number.NaN, 0]), rng())).toThrow(/not finite/);
    expect(() => judgeCorrelation(L, { kind: 'tanh', a: 1 }, vec([Number.NaN, 0]), rng())).toThrow(/not finite/);
  });

  it('a quadratic judge whose Q is not d×d is an InputError naming judge.Q', () => {
    const L = latentModel(rows([1], [2]), vec([1]), 1);
    expect(() => judgeCorrelation(L, { kind: 'quadratic', Q: [[1, 0]] }, vec([1, 0]), rng())).toThrow(InputError);
    expect(() => judgeCorrelation(L, { kind: 'quadratic', Q: [[1, 0]] }, vec([1, 0]), rng())).toThrow(/judge\.Q: expected a 2×2 matrix/);
    // Two rows, only the second too short: every row is checked, not just the first.
    expect(() => judgeCorrelation(L, { kind: 'quadratic', Q: [[1, 0], [0]] }, vec([1, 0]), rng())).toThrow(/judge\.Q: expected a 2×2 matrix/);
    expect(() => judgeCorrelation(L, { kind: 'quadratic', Q: [[1, 0, 0], [0, 1, 0]] }, vec([1, 0]), rng())).toThrow(/judge\.Q/);
    expect(() => judgeCorrelation({ ...L, latents: 'rademacher' }, { kind: 'quadratic', Q: [[1, 0], [0]] }, vec([1, 0]), rng())).toThrow(InputError);
  });
});

// The Gaussian instance of the next blocks: Φ = [[1], [2]] (d = 2, m = 1), w* = (s), σ = 1,
// u = (1, 0). Then Φᵀu = 1, r = <Φᵀu, w*>/s = 1, Var X = Var<u,h> = 1 + σ² = 2, ρ = corr(X, Z) =
// 1/√2, Σ_h = ΦΦᵀ + I = [[2, 2], [2, 5]]. With σ = 0 instead: Var X = 1, ρ = 1 (no noise).
const gaussian = (s: number, f = link({ kind: 'identity' }), sigma = 1) => latentModel(rows([1], [2]), vec([s]), sigma, { f });
const U0 = vec([1, 0]);
// Q = [[1, 1], [1, −1]]: QΣ_h = [[4, 7], [0, −3]], tr((QΣ_h)²) = 16 + 9 = 25, so
// Var(hᵀQh + <u,h>) = 2·25 + 2 = 52 (the two parts are uncorrelated: odd moments vanish).
// (Φw*)ᵀQ(Φw*)/s² = (1, 2)Q(1, 2) = 1 + 4 − 4 = 1 =: A, and E[hᵀQh | Z] = A·Z² + const.
const QUAD: JudgeSpec = { kind: 'quadratic', Q: [[1, 1], [1, -1]] };

describe('Gaussian latents: closed forms', () => {
  it('sign judge: corr(sign X, Z) = ρ·sqrt(2/π) (Sheppard), exactly', () => {
    const c = judgeCorrelation(gaussian(1), SIGN, U0, rng());
    expect(c.method).toBe('closed-form');
    close(c.value, Math.sqrt(2 / Math.PI) / Math.SQRT2, 1e-15);
    close(judgeCorrelation(gaussian(1, undefined, 0), SIGN, U0, rng()).value, Math.sqrt(2 / Math.PI), 1e-15);
    // Scale-free in w*: s = 3 reads the same.
    close(judgeCorrelation(gaussian(3), SIGN, U0, rng()).value, 1 / Math.sqrt(Math.PI), 1e-15);
    // …and odd in u.
    close(judgeCorrelation(gaussian(1), SIGN, vec([-1, 0]), rng()).value, -1 / Math.sqrt(Math.PI), 1e-15);
  });

  it('tanh judge: E[tanh(aX)·Z]/sqrt(E tanh²(aX)) by a 2-D integral over (Z, noise)', () => {
    for (const [sigma, a] of [[1, 0.7], [0, 1.5], [2, 3]] as const) {
      const vx = 1 + sigma * sigma;
      const cov = E2((z, w) => Math.tanh(a * (z + sigma * w)) * z);
      const varJ = E1((x) => Math.tanh(a * Math.sqrt(vx) * x) ** 2);
      const c = judgeCorrelation(gaussian(2, undefined, sigma), { kind: 'tanh', a }, U0, rng());
      expect(c.method).toBe('quadrature');
      close(c.value, cov / Math.sqrt(varJ), 1e-10, `σ = ${sigma}, a = ${a}`);
    }
  });

  it('quadratic judge: Var hᵀQh = 2 tr((QΣ_h)²), uncorrelated with V*: corr = r/sqrt(52)', () => {
    const c = judgeCorrelation(gaussian(1), QUAD, U0, rng());
    expect(c.method).toBe('closed-form');
    close(c.value, 1 / Math.sqrt(52), 1e-15);
    // A diagonal Q: h₁² − h₂² has variance 2·2² + 2·5² − 2·2·2² = 42, plus Var X = 2.
    close(judgeCorrelation(gaussian(1), { kind: 'quadratic', Q: [[1, 0], [0, -1]] }, U0, rng()).value, 1 / Math.sqrt(44), 1e-15);
    // Q alone (u = 0) is uncorrelated with a linear value.
    expect(judgeCorrelation(gaussian(1), QUAD, vec([0, 0]), rng()).value).toBe(0);
  });
});

describe('Gaussian latents: the 1-D quadrature against non-linear links', () => {
  // exp link, V* = e^{sZ}: E[(ψ(Z) − Eψ)e^{sZ}] = e^{s²/2}(E ψ(Z + s) − Eψ) and
  // Var e^{sZ} = e^{s²}(e^{s²} − 1). s = 2 and s = 4 go through the direct quadrature (widened to
  // 12 + 2s for e^{2sZ}), s = 5 and 9 through the measure shift: each must give the lognormal value.
  const expS = [2, 4, 5, 9];

  it('quadratic judge: corr = (A s² + r s)/sqrt(52·(e^{s²} − 1))', () => {
    for (const s of expS) {
      const c = judgeCorrelation(gaussian(s, link({ kind: 'exp' })), QUAD, U0, rng());
      expect(c.method).toBe('quadrature');
      rel(c.value, (s * s + s) / Math.sqrt(52 * Math.expm1(s * s)), 1e-9, `s = ${s}`);
    }
  });

  it('sign judge: corr = (2Φ(r s/sqrt(Var X)) − 1)/sqrt(e^{s²} − 1)', () => {
    for (const s of expS) {
      const c = judgeCorrelation(gaussian(s, link({ kind: 'exp' })), SIGN, U0, rng());
      rel(c.value, (2 * normalCdf(s / Math.SQRT2) - 1) / Math.sqrt(Math.expm1(s * s)), 1e-9, `s = ${s}`);
    }
    // No noise (τ = 0): ψ(Z) = sign Z, E[sign(Z)e^{sZ}] = e^{s²/2}(2Φ(s) − 1). (The shifted
    // ψ(Z + s) steps at Z = −s: s = 4.3 puts the step inside a unit panel of the quadrature.)
    for (const s of [2, 4.3, 5]) {
      const c = judgeCorrelation(gaussian(s, link({ kind: 'exp' }), 0), SIGN, U0, rng());
      rel(c.value, (2 * normalCdf(s) - 1) / Math.sqrt(Math.expm1(s * s)), 1e-9, `s = ${s}, σ = 0`);
    }
  });

  it('an exp blend (weight 1/2) is not a pure exponential: no measure shift, the direct integral', () => {
    // f = (x + e^x)/2, s = 5, linear judge (r = 1, Var X = 2): Cov(Z, e^{sZ}) = s·e^{s²/2}, so
    // Cov(X, f(sZ)) = (s + s·e^{s²/2})/2 and Var f(sZ) = Var(sZ + e^{sZ})/4 with
    // Var(sZ + e^{sZ}) = s² + 2s²e^{s²/2} + e^{s²}(e^{s²} − 1).
    const s = 5;
    const L = gaussian(s, link({ kind: 'exp', weight: 0.5 }));
    const e = Math.exp((s * s) / 2);
    const cov = (s + s * e) / 2;
    const varF = (s * s + 2 * s * s * e + e * e * Math.expm1(s * s)) / 4;
    rel(judgeCorrelation(L, LINEAR, U0, rng()).value, cov / Math.sqrt(2 * varF), 1e-6);
  });

  it('quadratic judge, f = x² and f = x³ + x: the even part A(Z² − 1) and the odd part rZ separately', () => {
    // f = x²: Cov(ψ, s²Z²) = 2A s², Var f = 2s⁴: corr = sqrt(2)·A/sqrt(52) = 1/sqrt(26) for every s.
    for (const s of [1, 2, 5]) close(judgeCorrelation(gaussian(s, link({ kind: 'square' })), QUAD, U0, rng()).value, 1 / Math.sqrt(26), 1e-12, `s = ${s}`);
    // f = −x²: the opposite sign.
    close(judgeCorrelation(gaussian(1, link({ kind: 'negsquare' })), QUAD, U0, rng()).value, -1 / Math.sqrt(26), 1e-12);
    // f = x³ + x at s = 2: f(2Z) = 8Z³ + 2Z, Cov(rZ, ·) = 24 + 2 = 26, Var = 64·15 + 32·3 + 4 = 1060.
    close(judgeCorrelation(gaussian(2, link({ kind: 'cubic' })), QUAD, U0, rng()).value, 26 / Math.sqrt(52 * 1060), 1e-12);
  });

  it('sign judge, f = x³ + x: E[sign(X)Z³] = sqrt(2/π)·ρ(3 − ρ²), with and without noise', () => {
    // σ = 1: ρ = 1/√2, E[sign(X)(Z³ + Z)] = sqrt(2/π)(ρ(3 − ρ²) + ρ) = 3.5/sqrt(π); Var f = 22.
    close(judgeCorrelation(gaussian(1, link({ kind: 'cubic' })), SIGN, U0, rng()).value, 3.5 / Math.sqrt(22 * Math.PI), 1e-12);
    // σ = 0 (τ = 0, ψ = sign Z): E|Z|³ + E|Z| = 3·sqrt(2/π).
    close(judgeCorrelation(gaussian(1, link({ kind: 'cubic' }), 0), SIGN, U0, rng()).value, (3 * Math.sqrt(2 / Math.PI)) / Math.sqrt(22), 1e-12);
    // A sign judge against an even value: 0.
    close(judgeCorrelation(gaussian(1, link({ kind: 'square' })), SIGN, U0, rng()).value, 0, 1e-14);
  });

  it('tanh judge, f = x³ + x: by a 2-D integral over (Z, noise)', () => {
    for (const [sigma, a] of [[1, 0.7], [0, 1.5]] as const) {
      const cov = E2((z, w) => Math.tanh(a * (z + sigma * w)) * (z ** 3 + z));
      const varJ = E1((x) => Math.tanh(a * Math.sqrt(1 + sigma * sigma) * x) ** 2);
      const c = judgeCorrelation(gaussian(1, link({ kind: 'cubic' }), sigma), { kind: 'tanh', a }, U0, rng());
      close(c.value, cov / Math.sqrt(varJ * 22), 1e-9, `σ = ${sigma}`);
    }
  });
});

describe('Rademacher latents: exact enumeration, judge by judge', () => {
  const rad = (Phi: Vec[], wStar: number[], sigma: number, f = link({ kind: 'identity' })) => latentModel(Phi, vec(wStar), sigma, { latents: 'rademacher', f });

  it('linear judge (f = x³ + x, so V* = 2z₁): conditional variance σ²‖u‖² counted', () => {
    // Φ = [[1, 2]], u = (1), σ = 1: X = z₁ + 2z₂ + ξ, Cov(X, 2z₁) = 2, Var X = 5 + 1, Var V* = 4.
    const L = rad(rows([1, 2]), [1, 0], 1, link({ kind: 'cubic' }));
    const c = judgeCorrelation(L, LINEAR, vec([1]), rng());
    expect(c.method).toBe('enumeration');
    close(c.value, 2 / Math.sqrt(24), 1e-15);
    close(enumeratedCorrelation(L, LINEAR, vec([1]), scoreSignal(L, vec([1]))).value, 2 / Math.sqrt(24), 1e-15);
  });

  it('sign judge with noise: E[z·sign(z + ξ)] = 1 − 2Φ(−1/σ)', () => {
    for (const sigma of [0.5, 1, 3]) close(judgeCorrelation(rad(rows([1]), [1], sigma), SIGN, vec([1]), rng()).value, 1 - 2 * normalCdf(-1 / sigma), 1e-14);
  });

  it('a value of tiny spread around a large mean stays exact: V* = logistic(z + 25), two values 3e-11 apart near 1', () => {
    // V* is a strictly increasing function of the two-valued z, so corr(judge, V*) = corr(judge, z)
    // = 1 − 2Φ(−1/σ) for the sign judge, whatever the link's offset (centred sums: no
    // E[V²] − (E V)² cancellation).
    for (const b of [0, 25]) {
      const L = rad(rows([1]), [1], 0.5, link({ kind: 'logistic', a: 1, b }));
      close(judgeCorrelation(L, SIGN, vec([1]), rng()).value, 1 - 2 * normalCdf(-2), 1e-12, `b = ${b}`);
    }
  });

  it('sign judge without noise, ties at a zero score: Φ = [[1, 1]], V* = z₁: corr = (1/2)/sqrt(1/2)', () => {
    // sign(z₁ + z₂) ∈ {−1, 0, 0, 1}: E[sign·z₁] = 1/2, Var sign = 1/2 (the two ties score 0, exactly).
    close(judgeCorrelation(rad(rows([1, 1]), [1, 0], 0), SIGN, vec([1]), rng()).value, Math.SQRT1_2, 1e-15);
  });

  it('tanh judge without noise: Φ = [[1, 2]], V* = z₁, scores ±1, ±3', () => {
    for (const a of [1, 0.3]) {
      const t1 = Math.tanh(a);
      const t3 = Math.tanh(3 * a);
      // E[tanh(a(z₁ + 2z₂))·z₁] = (t3 − t1)/2, E tanh² = (t1² + t3²)/2, E tanh = 0.
      close(judgeCorrelation(rad(rows([1, 2]), [1, 0], 0), { kind: 'tanh', a }, vec([1]), rng()).value, (t3 - t1) / 2 / Math.sqrt((t1 * t1 + t3 * t3) / 2), 1e-15);
    }
  });

  it('tanh judge with noise: corr = μ₁/sqrt(μ₂), μ_k = E tanh^k(z + σW) at z = 1', () => {
    for (const [sigma, a] of [[1, 1], [0.5, 2]] as const) {
      const mu1 = E1((w) => Math.tanh(a * (1 + sigma * w)));
      const mu2 = E1((w) => Math.tanh(a * (1 + sigma * w)) ** 2);
      close(judgeCorrelation(rad(rows([1]), [1], sigma), { kind: 'tanh', a }, vec([1]), rng()).value, mu1 / Math.sqrt(mu2), 1e-12, `σ = ${sigma}`);
    }
  });

  it('a steep tanh judge with noise (a = 50, σ = 1/2): the transition at z + σW = 0 is resolved', () => {
    const [a, sigma] = [50, 0.5];
    const mu1 = E1fine((w) => Math.tanh(a * (1 + sigma * w)));
    const mu2 = E1fine((w) => Math.tanh(a * (1 + sigma * w)) ** 2);
    close(judgeCorrelation(rad(rows([1]), [1], sigma), { kind: 'tanh', a }, vec([1]), rng()).value, mu1 / Math.sqrt(mu2), 1e-10);
  });

  it('quadratic judge with noise: h = (z + ξ₁, z + ξ₂), judge 2h₁h₂ + h₁: corr = 1/sqrt(14)', () => {
    // 2h₁h₂ + h₁ − 2 = 2z(ξ₁ + ξ₂) + 2ξ₁ξ₂ + z + ξ₁ (z² = 1): uncorrelated terms of variance
    // 8, 4, 1, 1; Cov with V* = z is 1.
    const L = rad(rows([1], [1]), [1], 1);
    const Q = { kind: 'quadratic', Q: [[0, 1], [1, 0]] } as const;
    close(judgeCorrelation(L, Q, vec([1, 0]), rng()).value, 1 / Math.sqrt(14), 1e-15);
    // The same with a diagonal Q (d = 1): judge qh² + h, h = z + σξ, Var = 4q²σ² + 2q²σ⁴ + 1 + σ².
    for (const [q, sigma] of [[1, 1], [2, 0.5], [-1, 2]] as const)
      close(judgeCorrelation(rad(rows([1]), [1], sigma), { kind: 'quadratic', Q: [[q]] }, vec([1]), rng()).value,
        1 / Math.sqrt(4 * q * q * sigma ** 2 + 2 * q * q * sigma ** 4 + 1 + sigma ** 2), 1e-14, `q = ${q}, σ = ${sigma}`);
  });

  it('quadratic judge against an even value: Φ = I, V* = (z₁ + z₂)² = 2 + 2z₁z₂, judge 2z₁z₂ + z₁: corr = 2/√5', () => {
    const L = rad(rows([1, 0], [0, 1]), [1, 1], 0, link({ kind: 'square' }));
    close(judgeCorrelation(L, { kind: 'quadratic', Q: [[0, 1], [1, 0]] }, vec([1, 0]), rng()).value, 2 / Math.sqrt(5), 1e-15);
    // A linear judge is blind to it.
    close(judgeCorrelation(L, LINEAR, vec([1, 0]), rng()).value, 0, 1e-15);
  });
});

describe('Monte Carlo over bounded latents', () => {
  // Most checks below fix n (both profiles alike); each interval fails with probability <= α = 1e-7.
  // Their widths are a sanity check (the interval decides something), not a claim.
  const N = 40_000;
  it('refuses Gaussian latents (a harness error: they are unbounded)', () => {
    expect(() => monteCarloCorrelation(latentModel(rows([1]), vec([1]), 0), LINEAR, vec([1]), rng())).toThrow(HarnessError);
    expect(() => monteCarloCorrelation(latentModel(rows([1]), vec([1]), 0), LINEAR, vec([1]), rng())).toThrow(/bounded latents/);
  });

  it('the plug-in value is a correlation: in [−1, 1] even when the sample overshoots (z against itself)', () => {
    // Uniform z, judge z, V* = z: the plug-in mean(z²)/sqrt(mean(z²)·E z²) exceeds 1 whenever the
    // sample's mean of z² does (seed 31 draws one such sample); the truth is 1.
    const c = monteCarloCorrelation(latentModel(rows([1]), vec([1]), 0, { latents: 'uniform' }), LINEAR, vec([1]), makeRng(31), 10_000);
    expect(c.value).toBe(1);
    expect(c.hi).toBe(1);
    expect(c.lo).toBeLessThan(1);
  });

  it('with nothing known exactly (quadratic judge, f = x²) the value is the plain plug-in of the five sample means', () => {
    // Judge z² + z, V* = z², z uniform on ±√3 (σ = 0, so the draws are the z alone):
    // corr = (mean(ψV) − mean ψ·mean V)/sqrt((mean ψ² − (mean ψ)²)(mean V² − (mean V)²)). The truth:
    // Cov = Var z² + E z³ = 4/5, Var judge = 4/5 + 1, Var V* = 4/5: corr = (4/5)/sqrt(9/5·4/5) = 2/3.
    const n = 5000;
    const c = monteCarloCorrelation(latentModel(rows([1]), vec([1]), 0, { latents: 'uniform', f: link({ kind: 'square' }) }), { kind: 'quadratic', Q: [[1]] }, vec([1]), makeRng(21), n);
    const r = makeRng(21);
    let sJV = 0, sJ = 0, sJ2 = 0, sV = 0, sV2 = 0;
    for (let t = 0; t < n; t++) {
      const z = sampleCoordinate('uniform', r);
      const psi = z * z + z;
      const v = z * z;
      sJV += psi * v; sJ += psi; sJ2 += psi * psi; sV += v; sV2 += v * v;
    }
    const mJ = sJ / n;
    const mV = sV / n;
    close(c.value, (sJV / n - mJ * mV) / Math.sqrt((sJ2 / n - mJ * mJ) * (sV2 / n - mV * mV)), 1e-10);
    expect(c.lo).toBeLessThanOrEqual(2 / 3);
    expect(c.hi).toBeGreaterThanOrEqual(2 / 3);
  });

  it('non-monotone links on uniform latents: z against sin z and |z|', () => {
    // E[z sin z] = (sin √3 − √3 cos √3)/√3, Var sin z = 1/2 − sin(2√3)/(4√3) (E sin z = 0).
    const r3 = Math.sqrt(3);
    const truth = (Math.sin(r3) - r3 * Math.cos(r3)) / r3 / Math.sqrt(0.5 - Math.sin(2 * r3) / (4 * r3));
    const c = monteCarloCorrelation(latentModel(rows([1]), vec([1]), 0, { latents: 'uniform', f: link({ kind: 'sin' }) }), LINEAR, vec([1]), makeRng(23), N);
    expect(c.lo).toBeLessThanOrEqual(truth);
    expect(c.hi).toBeGreaterThanOrEqual(truth);
    expect(c.hi - c.lo).toBeLessThan(0.1);
    // |z| is even: correlation 0.
    const a = monteCarloCorrelation(latentModel(rows([1]), vec([1]), 0, { latents: 'uniform', f: link({ kind: 'abs' }) }), LINEAR, vec([1]), makeRng(24), N);
    expect(a.lo).toBeLessThanOrEqual(0);
    expect(a.hi).toBeGreaterThanOrEqual(0);
  });

  it('a quadratic judge of a rank-1 Φ with m = 2 reaches the a priori bounds of its draws: h = z₁ + z₂ + 2ξ, judge h² + h', () => {
    // ‖Φz‖ = |z₁ + z₂| reaches ‖Φ‖_F·√3·√m = 2√3 at a corner, where ψ₁ and ψ₂ reach the ranges
    // charged for them (σ = 2 makes the noise terms of ψ₂ a sizeable part of its range).
    // V* = z₁: Cov(h² + h, z₁) = 1. With S = z₁ + z₂: E S² = 2, E S⁴ = 2·9/5 + 6 = 9.6,
    // E h⁴ = E S⁴ + 6·E S²·σ² + 3σ⁴ = 9.6 + 48 + 48, Var h² = 105.6 − 36 = 69.6, Var h = 6,
    // Cov(h², h) = 0: corr = 1/sqrt(75.6).
    const truth = 1 / Math.sqrt(75.6);
    const c = monteCarloCorrelation(latentModel(rows([1, 1]), vec([1, 0]), 2, { latents: 'uniform' }), { kind: 'quadratic', Q: [[1]] }, vec([1]), makeRng(22), N);
    expect(c.lo).toBeLessThanOrEqual(truth);
    expect(c.hi).toBeGreaterThanOrEqual(truth);
    expect(c.hi - c.lo).toBeLessThan(0.2);
    // Rademacher, exactly: E S⁴ = 2 + 6 = 8, E h⁴ = 8 + 48 + 48, Var h² = 68: corr = 1/sqrt(74).
    close(judgeCorrelation(latentModel(rows([1, 1]), vec([1, 0]), 2, { latents: 'rademacher' }), { kind: 'quadratic', Q: [[1]] }, vec([1]), rng()).value, 1 / Math.sqrt(74), 1e-14);
  });

  it('is the five-moment empirical Bernstein interval its contract states (δ = α/5, ranges from |z_i| <= √3, known means exact)', () => {
    // Linear judge and value on uniform latents: ψ₁ = <Φᵀu, z>, ψ₂ = ψ₁² + σ²‖u‖², V = <w*, z>,
    // whose exact ranges are |ψ₁| <= √3·Σ|(Φᵀu)_i| and |V| <= √3·Σ|w*_i|; E ψ₁ = E V = 0, E V² = ‖w*‖².
    const L = latentModel(rows([1, 2], [0, 1]), vec([1, -1]), 0.5, { latents: 'uniform' });
    const u = vec([1, 1]);
    const n = 3000;
    const alpha = 1e-3;
    const c = monteCarloCorrelation(L, LINEAR, u, makeRng(11), n, alpha);
    expect([c.method, c.n, c.alpha]).toEqual(['monte-carlo', n, alpha]);
    const B1 = Math.sqrt(3) * (1 + 3);
    const F = Math.sqrt(3) * 2;
    const tau2 = 0.25 * 2;
    const JV = new RunningMoment(-B1 * F, B1 * F, 'JV');
    const J2 = new RunningMoment(0, B1 * B1 + tau2, 'J2');
    const r = makeRng(11);
    for (let t = 0; t < n; t++) {
      const z1 = sampleCoordinate('uniform', r);
      const z2 = sampleCoordinate('uniform', r);
      const psi = z1 + 3 * z2;
      JV.add(psi * (z1 - z2));
      J2.add(psi * psi + tau2);
    }
    const delta = alpha / 5;
    const zero = pointInterval(0);
    const [lo, hi] = correlationInterval(covarianceInterval(JV.interval(delta), zero, zero), varianceInterval(J2.interval(delta), zero), pointInterval(2));
    const value = JV.mean / Math.sqrt(J2.mean * 2);
    close(c.value, value, 1e-12, 'plug-in value');
    close(c.lo, Math.min(lo, value), 1e-12, 'lo');
    close(c.hi, Math.max(hi, value), 1e-12, 'hi');
    // …and it holds the exact value −2/sqrt(21) (probability 1 − α).
    expect(c.lo).toBeLessThanOrEqual(-2 / Math.sqrt(21));
    expect(c.hi).toBeGreaterThanOrEqual(-2 / Math.sqrt(21));
    expect(c.lo).toBeLessThan(c.value);
    expect(c.hi).toBeGreaterThan(c.value);
  });

  // Moments of z uniform on ±√3: E z² = 1, E z⁴ = 9/5, E z⁶ = 27/7 (E z^{2k} = 3^k/(2k + 1)).
  const uniform1 = (f = link({ kind: 'identity' }), sigma = 0) => latentModel(rows([1]), vec([1]), sigma, { latents: 'uniform', f });

  it('a quadratic judge has a non-zero mean: z² + z against z uniform, corr = 1/sqrt(9/5)', () => {
    // Cov(z² + z, z) = E z³ + E z² = 1, Var(z² + z) = (9/5 − 1) + 1.
    const truth = 1 / Math.sqrt(1.8);
    const quad = { kind: 'quadratic', Q: [[1]] } as const;
    expect(judgeCorrelation(uniform1(), quad, vec([1]), makeRng(12)).method).toBe('monte-carlo');
    const c = monteCarloCorrelation(uniform1(), quad, vec([1]), makeRng(12), N);
    expect(c.lo).toBeLessThanOrEqual(truth);
    expect(c.hi).toBeGreaterThanOrEqual(truth);
    expect(Math.abs(c.value - truth)).toBeLessThanOrEqual(c.hi - c.lo);
    expect(c.hi - c.lo).toBeLessThan(0.35);
    // Rademacher: z² = 1, so the judge is 1 + z and the correlation is exactly 1.
    expect(judgeCorrelation({ ...uniform1(), latents: 'rademacher' }, { kind: 'quadratic', Q: [[1]] }, vec([1]), rng()).value).toBe(1);
  });

  it('a quadratic judge with noise in d = 2: 2h₁h₂ + h₁ against z uniform, corr = 1/sqrt(17.2)', () => {
    // As in the Rademacher case but Var(2z²) = 4·(9/5 − 1) = 3.2 joins 8 + 4 + 1 + 1.
    const L = latentModel(rows([1], [1]), vec([1]), 1, { latents: 'uniform' });
    const truth = 1 / Math.sqrt(17.2);
    const c = monteCarloCorrelation(L, { kind: 'quadratic', Q: [[0, 1], [1, 0]] }, vec([1, 0]), makeRng(13), N);
    expect(c.lo).toBeLessThanOrEqual(truth);
    expect(c.hi).toBeGreaterThanOrEqual(truth);
    expect(Math.abs(c.value - truth)).toBeLessThanOrEqual(c.hi - c.lo);
    expect(c.hi - c.lo).toBeLessThan(0.15);
  });

  it('a non-linear value is estimated, not assumed: z against z³ + z, corr = 2.8/sqrt(27/7 + 18/5 + 1)', () => {
    const truth = 2.8 / Math.sqrt(27 / 7 + 3.6 + 1);
    expect(judgeCorrelation(uniform1(link({ kind: 'cubic' })), LINEAR, vec([1]), makeRng(14)).method).toBe('monte-carlo');
    const c = monteCarloCorrelation(uniform1(link({ kind: 'cubic' })), LINEAR, vec([1]), makeRng(14), N);
    expect(c.lo).toBeLessThanOrEqual(truth);
    expect(c.hi).toBeGreaterThanOrEqual(truth);
    expect(Math.abs(c.value - truth)).toBeLessThanOrEqual(c.hi - c.lo);
    expect(c.hi - c.lo).toBeLessThan(0.2);
    // f = x²: V = z² is even, the linear judge odd: 0 is in the interval and the value is near it.
    const e = judgeCorrelation(uniform1(link({ kind: 'square' })), LINEAR, vec([1]), makeRng(15));
    expect(e.lo).toBeLessThanOrEqual(0);
    expect(e.hi).toBeGreaterThanOrEqual(0);
  });

  it('a noisy tanh judge on Rademacher latents: the interval holds μ₁/sqrt(μ₂)', () => {
    const L = latentModel(rows([1]), vec([1]), 1, { latents: 'rademacher' });
    const truth = E1((w) => Math.tanh(1 + w)) / Math.sqrt(E1((w) => Math.tanh(1 + w) ** 2));
    const c = monteCarloCorrelation(L, { kind: 'tanh', a: 1 }, vec([1]), makeRng(16), N);
    expect(c.lo).toBeLessThanOrEqual(truth);
    expect(c.hi).toBeGreaterThanOrEqual(truth);
    expect(Math.abs(c.value - truth)).toBeLessThanOrEqual(c.hi - c.lo);
    expect(c.hi - c.lo).toBeLessThan(0.1);
    // A sign judge there: 1 − 2Φ(−1).
    const s = monteCarloCorrelation(L, SIGN, vec([1]), makeRng(17));
    expect(s.lo).toBeLessThanOrEqual(1 - 2 * normalCdf(-1));
    expect(s.hi).toBeGreaterThanOrEqual(1 - 2 * normalCdf(-1));
  });
});
