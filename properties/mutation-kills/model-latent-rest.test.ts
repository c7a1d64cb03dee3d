// Direct facts about the latent model (src/model/latent/*.ts) that the other model-latent kill
// files leave out, each aimed at a survivor of the Stryker run that they did not kill:
//  - q reads the spectrum of ΦᵀΦ through two documented cut-offs, both relative to the top of
//    the spectrum (so a scaled Φ keeps and drops the same directions): an eigenvalue of ΦᵀΦ at
//    most GRAM_ROUNDING·m·λ_max is a zero of exact arithmetic (model.ts: GRAM_ROUNDING), and a
//    singular value of Σ_h at most PINV_RCOND·d·s₁ is dropped (PINV_RCOND, as ml-matrix's
//    pseudoInverse at that cut-off drops it). Each instance sits a factor 2 or more from the
//    cut-off, and every kept direction enters q² = Σ λ_i/(λ_i + σ²)·<v_i, w*>²/‖w*‖² (THEORY §1);
//  - the Monte Carlo gain of T3.c reports the interval of the n = MC_SAMPLES draws it states:
//    with a value no tilt can move (V* = z₁² ≡ 1 on Rademacher latents) every draw of the
//    difference is 0, G = 0 exactly, and the empirical Bernstein half-width of n zero-variance
//    draws in a range of length 4·max|f| is 7·R·ln(4/α)/(3(n − 1)), worked out here by hand;
//  - a budget no tilt can spend (ε = ∞) is the limit β → 0 for uniform latents as for Rademacher
//    ones: each read coordinate pinned at sign((Φᵀu)_i)·√3, where the exact identity route
//    (tiltedMean → ±√3) and the Monte Carlo route (f(±√3) − E f(z)) agree;
//  - the gain's KL with noise, recomputed from the reported tilt by the entropy form of the
//    Rademacher KL plus t²σ²‖u‖²/2 (the line of latentGain's KL changed by a fix after the run);
//  - the Gaussian sign judge's closed form (Sheppard: corr = ρ·sqrt(2/π)) reports its route, and
//    a score of variance 0 has correlation 0 there (its line changed by a fix after the run).
//  - latentGain's check that a finite tilt spends the budget (added with the overflow fix): it
//    passes small budgets (ε <= 1e-8, where the absolute slack is what covers rounding; G by the
//    series of the Rademacher KL's entropy form, and the KL spent to the bisection's accuracy) and large ones (ε = 1e12 with noise, where the KL
//    spent is ε to ~1e-16 relative but many units in absolute terms); beyond the floating-point
//    range the limit is read, or, when a read coordinate is not at it, an error names the budget.
import { Matrix, pseudoInverse } from 'ml-matrix';
import { describe, expect, it } from 'vitest';
import { norm, vec } from '../../src/linalg/vec.ts';
import {
  ceiling, GRAM_ROUNDING, judgeCorrelation, latentGain, latentModel, MAX_ENUMERATED, optimalProbe, phiTimes, PINV_RCOND, representationCovariance, tiltedKL,
  type LatentKind,
} from '../../src/model/latent.ts';
import { link, type Link } from '../../src/model/link.ts';
import { MC_ALPHA, MC_SAMPLES } from '../../src/numeric/bounds.ts';
import { HarnessError } from '../../src/numeric/errors.ts';
import { makeRng } from '../../src/numeric/rng.ts';

const near = (got: number, want: number, tol: number, what = '') => expect(Math.abs(got - want), `${what} ${got} vs ${want}`).toBeLessThanOrEqual(tol);
const model = (P: number[][], w: number[], sigma: number, latents: LatentKind = 'gaussian', f?: Link) =>
  latentModel(P.map((r) => vec(r)), vec(w), sigma, { latents, f });

describe('q: both cut-offs are relative to the top of the spectrum', () => {
  // Φ = diag(2, δ), σ² = 1e-10, w* = (1, 1): ΦᵀΦ = diag(4, δ²), so λ_max = 4, m = 2 and the
  // rounding level is GRAM_ROUNDING·2·4 = 8e-13. Σ_h's second value δ² + σ² is about 1e-10,
  // far above PINV_RCOND·d·(4 + σ²) = 8e-12, so only the rounding rule decides.
  const sigma = 1e-5;
  const s2 = sigma * sigma;
  const level = GRAM_ROUNDING * 2 * 4;
  const q = (lambda2: number) => ceiling(model([[2, 0], [0, Math.sqrt(lambda2)]], [1, 1], sigma));
  // THEORY's q² with the direction e₂ of eigenvalue λ₂ kept (weight λ₂/(λ₂ + σ²)) or read as 0.
  const qKept = (lambda2: number) => Math.sqrt((4 / (4 + s2) + lambda2 / (lambda2 + s2)) / 2);
  const qDropped = Math.sqrt(4 / (4 + s2) / 2);

  it('an eigenvalue of ΦᵀΦ at half of GRAM_ROUNDING·m·λ_max is a zero of exact arithmetic: its direction is not kept', () => {
    // Kept, it would add λ₂/(λ₂ + σ²)/2 ≈ 2e-3 to q² (q moves by 1.4e-3).
    near(q(level / 2), qDropped, 1e-12);
    expect(qKept(level / 2) - qDropped).toBeGreaterThan(1e-3);
  });

  it('one at twice that level is genuine: q is THEORY\'s, with weight λ₂/(λ₂ + σ²) on e₂', () => {
    const d = Math.sqrt(2 * level);
    near(q(2 * level), qKept(d * d), 1e-12);
  });

  it('the same on a spectrum ten times larger and smaller (Φ scaled: the levels scale with λ_max)', () => {
    // Φ = diag(2c, cδ) at σ = 0 gives the same q for every c > 0 (Σ_h⁺ scales by 1/c²); with a
    // noise level scaled along (σ = c·1e-5) the instance is the one above in other units.
    for (const c of [10, 0.1]) {
      const P = (lambda2: number) => [[2 * c, 0], [0, c * Math.sqrt(lambda2)]];
      near(ceiling(model(P(level / 2), [1, 1], c * sigma)), qDropped, 1e-12, `c = ${c}, dropped`);
      const d = Math.sqrt(2 * level);
      near(ceiling(model(P(2 * level), [1, 1], c * sigma)), qKept(d * d), 1e-12, `c = ${c}, kept`);
    }
  });

  // The d×d route: Σ_h⁺ by ml-matrix's pseudoInverse at the same relative cut-off.
  const viaPinv = (P: number[][], w: number[]) => {
    const L = model(P, w, 0);
    const S = new Matrix(representationCovariance(L.Phi, 0).map((r) => Array.from(r)));
    const b = Matrix.columnVector(Array.from(phiTimes(L.Phi, L.wStar)));
    return Math.sqrt(Math.max(0, b.transpose().mmul(pseudoInverse(S, PINV_RCOND)).mmul(b).get(0, 0))) / norm(L.wStar);
  };

  it('the pseudo-inverse cut-off PINV_RCOND·d·s₁ scales with s₁: Φ = c·diag(1, 1e-6) drops e₂ and c·diag(1, 3e-6) keeps it, c = 10 and 1/10', () => {
    // σ = 0, w* = e₂: Σ_h = c²·diag(1, κ²) with κ² = 1e-12 (at most PINV_RCOND·2: dropped, q = 0)
    // or 9e-12 (above it: kept, q = 1, and u* = Σ_h⁺Φw* = (0, 1/(cκ))). Both are far above the
    // rounding level GRAM_ROUNDING·2 relative to λ_max = c².
    for (const c of [10, 0.1])
      for (const [k, want] of [[1e-6, 0], [3e-6, 1]] as const) {
        const P = [[c, 0], [0, c * k]];
        near(ceiling(model(P, [0, 1], 0)), want, 1e-12, `c = ${c}, κ = ${k}`);
        near(viaPinv(P, [0, 1]), want, 1e-12, `c = ${c}, κ = ${k} (ml-matrix)`);
        const u = optimalProbe(model(P, [0, 1], 0));
        near(u[0], 0, 1e-12);
        near(u[1] * c * k, want, 1e-9, `u* at c = ${c}, κ = ${k}`);
      }
  });
});

describe('latentGain beyond enumeration: the interval of the n draws it reports', () => {
  it('a value no tilt moves (V* = z₁² ≡ 1, Rademacher, m = 15): G = 0 and the half-width of n zero-variance draws', () => {
    // Φ = I₁₅, w* = e₁, u = e₁, σ = 0, f = square, ε = KL₁(1) = tanh 1 − log cosh 1 (< log 2): the
    // tilt is t = 1 (KL of one coordinate tilted by 1), and every draw of f(<w*, z_θ>) − f(<w*, z₀>)
    // is 1 − 1 = 0. The declared range of a draw is ±2·max|f| on |t| <= ‖w*‖₁ = 1, length R = 4;
    // with sample variance 0 the empirical Bernstein half-width at δ = α is 7R·ln(4/α)/(3(n − 1)).
    const m = MAX_ENUMERATED + 1;
    const I = Array.from({ length: m }, (_, i) => Array.from({ length: m }, (_, j) => (i === j ? 1 : 0)));
    const e1 = I[0];
    const KL1 = Math.tanh(1) - Math.log(Math.cosh(1));
    const g = latentGain(model(I, e1, 0, 'rademacher', link({ kind: 'square' })), vec(e1), KL1, makeRng(7));
    expect([g.n, g.alpha]).toEqual([MC_SAMPLES, MC_ALPHA]);
    near(g.tilt, 1, 1e-12);
    near(g.kl, KL1, 1e-14);
    expect(g.estimate).toBe(0);
    const n = MC_SAMPLES;
    near(g.halfWidth, (7 * 4 * Math.log(4 / MC_ALPHA)) / (3 * (n - 1)), 1e-15);
  });
});

describe('latentGain: a budget no tilt can spend is the limit β → 0 on every route', () => {
  it('uniform latents, ε = ∞: each read coordinate pinned at sign((Φᵀu)_i)·√3, by the exact route and by Monte Carlo alike', () => {
    // Φ = (1), w* = (1), σ = 0, u = (1) or (−1): the tilted law of z tends to the point mass at ±√3
    // as the tilt grows (its mean √3·L(√3t) → ±√3). Identity link, exactly: G = ±√3.
    for (const sgn of [1, -1]) {
      const g = latentGain(model([[1]], [1], 0, 'uniform'), vec([sgn]), Infinity, makeRng(3));
      expect([g.tilt, g.kl]).toEqual([Infinity, Infinity]);
      near(g.estimate, sgn * Math.sqrt(3), 1e-15, `identity, u = ${sgn}`);
    }
    // f(x) = x³ + x, by Monte Carlo: G = f(±√3) − E f(z) = ±(3√3 + √3) − 0 = ±4√3, within the
    // interval the estimate reports (false-alarm probability α = 1e-7 each).
    for (const sgn of [1, -1]) {
      const g = latentGain(model([[1]], [1], 0, 'uniform', link({ kind: 'cubic' })), vec([sgn]), Infinity, makeRng(4));
      expect([g.tilt, g.n]).toEqual([Infinity, MC_SAMPLES]);
      near(g.estimate, sgn * 4 * Math.sqrt(3), g.halfWidth, `cubic, u = ${sgn}`);
    }
  });
});

describe('latentGain with noise: the KL spent is KL₁ per read coordinate plus t²σ²‖u‖²/2', () => {
  it('Rademacher, Φ = I₂, σ = 1/2, u = (1, 1): KL(t) = 2·KL₁(t) + t²/4, spent at t = 1 for ε = KL(1); G = (w*₁ + w*₂)·tanh 1', () => {
    // KL₁ by the entropy form: the tilt by e^{z} puts p = e/(e + e⁻¹) on z = 1, KL₁ = p log 2p + q log 2q.
    const p = Math.E / (Math.E + 1 / Math.E);
    const KL1 = p * Math.log(2 * p) + (1 - p) * Math.log(2 * (1 - p));
    // σ²‖u‖² = (1/4)·2 = 1/2, so the noise term is t²·(1/2)/2 = t²/4.
    const eps = 2 * KL1 + 1 / 4;
    const g = latentGain(model([[1, 0], [0, 1]], [1, -2], 0.5, 'rademacher'), vec([1, 1]), eps, makeRng(1));
    near(g.tilt, 1, 1e-12);
    near(g.kl, eps, 1e-14);
    // G = Σ w*_i E_θ z_i = (1 − 2)·tanh(t·1).
    near(g.estimate, -Math.tanh(1), 1e-12);
    // Half the budget: the tilt s solving 2KL₁(s) + s²/4 = ε/2 is below 1; recomputed from the reported s.
    const h = latentGain(model([[1, 0], [0, 1]], [1, -2], 0.5, 'rademacher'), vec([1, 1]), eps / 2, makeRng(1));
    const s = h.tilt;
    expect(s).toBeLessThan(1);
    const ps = 1 / (1 + Math.exp(-2 * s));
    near(2 * (ps * Math.log(2 * ps) + (1 - ps) * Math.log(2 * (1 - ps))) + (s * s) / 4, eps / 2, 1e-13);
    near(h.estimate, -Math.tanh(s), 1e-12);
  });
});

describe('Gaussian sign judge, identity link: the closed form', () => {
  const rng = () => makeRng(1);
  it('corr(sign X, Z) = ρ·sqrt(2/π), by the closed-form route: Φ = [[2, −1]], w* = (1, 0), σ = 0, u = (1)', () => {
    // X = 2z₁ − z₂, V* = z₁: Cov = 2, Var X = 5, ρ = 2/√5.
    const c = judgeCorrelation(model([[2, -1]], [1, 0], 0), { kind: 'sign' }, vec([1]), rng());
    expect(c.method).toBe('closed-form');
    near(c.value, (2 / Math.sqrt(5)) * Math.sqrt(2 / Math.PI), 1e-15);
    expect([c.lo, c.hi]).toEqual([c.value, c.value]);
  });

  it('a score of variance 0 (u = 0, or Φᵀu = 0 at σ = 0) is a constant judge: correlation 0, not a harness error', () => {
    const L = model([[2, -1], [4, -2]], [1, 0], 0);
    for (const u of [[0, 0], [2, -1]]) {
      const c = judgeCorrelation(L, { kind: 'sign' }, vec(u), rng());
      expect(c.method, `u = ${u}`).toBe('closed-form');
      expect(c.value, `u = ${u}`).toBe(0);
    }
  });
});

describe('tiltedKL and latentGain at the top of the floating-point range', () => {
  // KL of a tilt by e^{a z}: Rademacher's tends to log 2 (a point mass on one of two values);
  // uniform's on [−√3, √3] grows like log(√3|a|) − 1 + log 2 (the tilted law piles up at the
  // endpoint within about 1/(√3|a|) of it). Neither is NaN for a finite tilt.
  it('Rademacher at |a| >= 2^1023 is log 2, not (−∞)·0 = NaN', () => {
    for (const a of [9e307, -1.7e308]) expect(tiltedKL('rademacher', a)).toBe(Math.LN2);
  });
  it('uniform past |a| ≈ 1.04e308 (where √3|a| overflows) is log(√3|a|) − 1 + log 2', () => {
    for (const a of [6e307, 1.1e308, -1.7e308]) near(tiltedKL('uniform', a), Math.log(Math.sqrt(3)) + Math.log(Math.abs(a)) - 1 + Math.LN2, 1e-12, `a = ${a}`);
    expect(tiltedKL('uniform', Infinity)).toBe(Infinity);
  });
  it('latentGain: a budget whose tilt overflows the KL is read at the limit, not at a KL short of it', () => {
    // Uniform latents, Φ = (1e10), σ = 0: ε = 705 is spent at a tilt ~1e296; ε = 720 needs one past
    // 1.8e308, where the law of z is its point mass at √3 to within 1e-290: f = square gives G = 3 − E z² = 2.
    const L = latentModel([vec([1e10])], vec([1]), 0, { latents: 'uniform', f: link({ kind: 'square' }) });
    near(latentGain(L, vec([1]), 705, makeRng(1)).kl, 705, 1e-9);
    const g = latentGain(L, vec([1]), 720, makeRng(1));
    expect([g.tilt, g.kl]).toEqual([Infinity, 720]);
    near(g.estimate, 2, 4 * g.halfWidth);
  });
  it('latentGain: beyond the floating-point range, a coordinate the reward does not read stays untilted', () => {
    // Φ = (1e10, 0), w* = (1, 1), u = (1): b = Φᵀu = (1e10, 0). Only z₁ is read: at the limit it sits
    // at √3 while z₂ keeps its law, so with the identity link G = √3·1 + 0·1 = √3; the zero
    // coordinate has no tilt to be at a limit of, and does not stop the limit being read.
    const L = latentModel([vec([1e10, 0])], vec([1, 1]), 0, { latents: 'uniform', f: link({ kind: 'identity' }) });
    const g = latentGain(L, vec([1]), 720, makeRng(1));
    expect([g.tilt, g.kl]).toEqual([Infinity, 720]);
    near(g.estimate, Math.sqrt(3), 1e-15);
  });
  it('latentGain: beyond the floating-point range with a read coordinate not at its limit is a harness error', () => {
    // b = Φᵀu = (1, 1e-290): at the largest tilt tried (~1e300) the second coordinate is tilted by
    // only ~1e10, 1e-10 from its limit; 2000 nats are out of reach (~714 there): no gain is read.
    const L = latentModel([vec([1, 0]), vec([0, 1e-290])], vec([1, 1]), 0, { latents: 'uniform', f: link({ kind: 'identity' }) });
    expect(() => latentGain(L, vec([1, 1]), 2000, makeRng(1))).toThrow(HarnessError);
    expect(() => latentGain(L, vec([1, 1]), 2000, makeRng(1))).toThrow(/not the budget 2000, and its read coordinates are not at their limit/);
  });
});

describe('latentGain: the budget check accepts every budget a finite tilt spends, and names the one it cannot', () => {
  // The bisection solves KL(t) = ε to ~1e-15 in t, so the KL spent is ε to ~1e-15 relative (plus
  // rounding of a sum near 0): small budgets, where the absolute slack is what covers rounding, and
  // large ones (with noise the KL t²σ²‖u‖²/2 has no ceiling) are both spent, and read.
  const L = (sigma: number) => model([[1]], [1], sigma, 'rademacher');
  it('Rademacher, Φ = (1), σ = 0, ε = 1e-8, 1e-10, 1e-12: the tilted law has mean G = sqrt(2ε)(1 − ε/6 + O(ε²)), and the KL spent is ε', () => {
    // The tilted law puts p = (1 + G)/2 on z = 1, so KL = ((1 + G) log(1 + G) + (1 − G) log(1 − G))/2
    // = G²/2 + G⁴/12 + G⁶/30 + …; solving for G: G² = 2ε − 2ε²/3 + O(ε³), i.e.
    // G = sqrt(2ε)(1 − ε/6 − 13ε²/360 + …), whose ε² term is below 1e-15 relative here. These
    // budgets keep the tilt under 1e-3, where the KL of one coordinate is its series (exact to
    // rounding): the bisection then solves KL(t) = ε to ~1e-15 in t. (Just above 1e-3 the direct
    // form cancels: at ε = 1e-6 the KL spent is off by ~3e-11 relative, inside the check's 1e-9.)
    for (const eps of [1e-8, 1e-10, 1e-12]) {
      const g = latentGain(L(0), vec([1]), eps, makeRng(1));
      const G = Math.sqrt(2 * eps) * (1 - eps / 6);
      near(g.estimate, G, 1e-12 * G, `G at ε = ${eps}`);
      near(g.kl, eps, 1e-12 * eps, `kl at ε = ${eps}`);
      expect(g.tilt).toBeLessThan(1e-3);
    }
  });
  it('Rademacher, Φ = (1), σ = 1, ε = 1e4, 1e8, 1e12: the tilt is sqrt(2(ε − log 2)) (KL₁ is log 2 to e^{−2t}), G = tanh t = 1', () => {
    for (const eps of [1e4, 1e8, 1e12]) {
      const g = latentGain(L(1), vec([1]), eps, makeRng(1));
      near(g.tilt, Math.sqrt(2 * (eps - Math.LN2)), 1e-14 * g.tilt, `tilt at ε = ${eps}`);
      near(g.kl, eps, 1e-9 * eps, `kl at ε = ${eps}`);
      expect(g.estimate).toBe(1);
    }
  });
});
