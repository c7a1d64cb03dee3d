// Direct facts about the latent coordinate laws and their exponential tilts
// (src/model/latent/tilt.ts): each law's support, mean and variance (seeded samples, with their
// false-alarm probabilities stated), the a priori bounds the Monte Carlo routes charge for
// (latentBound, linkBound: at least max |f| on [−T, T], and equal to it where it is attained at
// an end point), and the tilt by e^{az} of one coordinate — mean Λ'(a), KL = aΛ'(a) − Λ(a),
// inverse CDF — against independent routes: the Rademacher law written out (P[z = 1] = e^a/(e^a +
// e^{−a})), and for the uniform law on ±√3 Gauss–Legendre integration of the tilted density on
// [0, √3] with integrands that do not cancel (cosh − 1, z·sinh), so that the comparison holds to
// 1e-12 relative on both sides of each series/closed-form switch (|√3a| = 1e-2 for the mean,
// 1 for the KL, |a| = 1e-3 for the Rademacher KL) and at |a| up to 1e17, where the direct forms
// lose everything to cancellation or overflow.
import { describe, expect, it } from 'vitest';
import { link, LINK_KINDS, type LinkSpec } from '../../src/model/link.ts';
import { latentBound, linkBound, sampleCoordinate, tiltedKL, tiltedMean, tiltedQuantile } from '../../src/model/latent/tilt.ts';
import { makeRng } from '../../src/numeric/rng.ts';
import { SUITE_SEED } from '../support/suite.ts';
import { uniformTilt } from '../support/uniform-tilt.ts';

const B = Math.sqrt(3);
const rel = (got: number, want: number, tol: number, what = '') =>
  expect(Math.abs(got - want), `${what} ${got} vs ${want}`).toBeLessThanOrEqual(tol * Math.max(Math.abs(want), 1e-300));
const near = (got: number, want: number, tol: number, what = '') => expect(Math.abs(got - want), `${what} ${got} vs ${want}`).toBeLessThanOrEqual(tol);

/** The Rademacher law tilted by e^{az}: P[z = −1] = 1/(1 + e^{2a}); KL as p log 2p + q log 2q. */
function rademacherTilt(a: number): { mean: number; kl: number; pMinus: number } {
  const q = 1 / (1 + Math.exp(2 * a));
  const p = 1 / (1 + Math.exp(-2 * a));
  const ent = (t: number) => (t === 0 ? 0 : t * Math.log(2 * t));
  // p − q = (1 − e^{−2a})/(1 + e^{−2a}), written with expm1 so that it does not cancel near a = 0.
  return { mean: -Math.expm1(-2 * a) / (1 + Math.exp(-2 * a)), kl: ent(p) + ent(q), pMinus: q };
}

describe('the coordinate laws: mean 0, variance 1, their supports', () => {
  // N = 20 000 draws per law. Bounded laws: Hoeffding at α = 1e-7 per mean (range 2√3 for z,
  // 3 for z² on the uniform law; 2 for the Rademacher z). Gaussian: the sample mean is exactly
  // N(0, 1/N), so |mean| > 5.5/√N has probability 3.8e-8; the mean of z² is 1 ± sqrt(2/N)
  // (χ²_N/N, normal to within 1e-3 at this N), 6 of its standard deviations: about 2e-9.
  const N = 20_000;
  const hw = (range: number) => range * Math.sqrt(Math.log(2 / 1e-7) / (2 * N));
  const draw = (kind: 'gaussian' | 'rademacher' | 'uniform', seed: number) => {
    const rng = makeRng(SUITE_SEED + seed);
    return Array.from({ length: N }, () => sampleCoordinate(kind, rng));
  };
  const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;

  it('Rademacher: ±1 only, each about half the time; latentBound = 1', () => {
    const z = draw('rademacher', 1);
    expect(z.every((x) => x === 1 || x === -1)).toBe(true);
    expect(Math.abs(mean(z))).toBeLessThanOrEqual(hw(2));
    expect(latentBound('rademacher')).toBe(1);
  });

  it('uniform on [−√3, √3]: inside it, reaching both ends, mean 0, E z² = 1; latentBound = √3', () => {
    const z = draw('uniform', 2);
    expect(z.every((x) => Math.abs(x) <= B)).toBe(true);
    // P[no draw beyond ±1.7] = (1 − 0.032/(2√3))^N < e^-180.
    expect(Math.min(...z)).toBeLessThan(-1.7);
    expect(Math.max(...z)).toBeGreaterThan(1.7);
    expect(Math.abs(mean(z))).toBeLessThanOrEqual(hw(2 * B));
    expect(Math.abs(mean(z.map((x) => x * x)) - 1)).toBeLessThanOrEqual(hw(3));
    expect(latentBound('uniform')).toBe(B);
  });

  it('Gaussian: mean 0, E z² = 1, unbounded (draws beyond ±√3)', () => {
    const z = draw('gaussian', 3);
    expect(Math.abs(mean(z))).toBeLessThanOrEqual(5.5 / Math.sqrt(N));
    expect(Math.abs(mean(z.map((x) => x * x)) - 1)).toBeLessThanOrEqual(6 * Math.sqrt(2 / N));
    expect(z.some((x) => Math.abs(x) > 2)).toBe(true);
  });
});

describe('linkBound: max |f| over |t| <= T', () => {
  const grid = (T: number) => Array.from({ length: 2001 }, (_, k) => -T + (2 * T * k) / 2000);
  const specs: LinkSpec[] = LINK_KINDS.map((kind) =>
    kind === 'tanh' || kind === 'logistic' ? ({ kind, a: 1.5, b: 0.4 } as LinkSpec) : ({ kind } as LinkSpec),
  );
  it('bounds |f| on the interval for every kind and T, blends included', () => {
    for (const spec of [...specs, ...specs.map((s) => ({ ...s, weight: 0.3 })), ...specs.map((s) => ({ ...s, weight: 0 }))])
      for (const T of [0.5, 2, 3]) {
        const f = link(spec);
        const max = Math.max(...grid(T).map((t) => Math.abs(f(t))));
        expect(linkBound(f, T), `${JSON.stringify(spec)} at T = ${T}`).toBeGreaterThanOrEqual(max * (1 - 1e-12));
      }
  });

  it('is the max itself where the max is attained at an end point (every kind but sin)', () => {
    for (const spec of specs)
      for (const T of [0.5, 2, 3]) {
        if (spec.kind === 'sin') continue; // its max 1 sits at π/2, off the grid: a worked value below
        const f = link(spec);
        const max = Math.max(...grid(T).map((t) => Math.abs(f(t))));
        rel(linkBound(f, T), max, 1e-12, `${spec.kind} at T = ${T}`);
      }
    // sin below π/2: at most the trivial |sin t| <= |t|.
    expect(linkBound(link({ kind: 'sin' }), 0.5)).toBeLessThanOrEqual(0.5);
    expect(linkBound(link({ kind: 'sin' }), 0.5)).toBeGreaterThanOrEqual(Math.sin(0.5));
  });

  it('worked values: square and negsquare T², abs T, sin 1 at T = 3, exp e^T; a blend (x + x²)/2 at T = 2: 3', () => {
    expect(linkBound(link({ kind: 'square' }), 3)).toBe(9);
    expect(linkBound(link({ kind: 'negsquare' }), 3)).toBe(9);
    expect(linkBound(link({ kind: 'abs' }), 3)).toBe(3);
    expect(linkBound(link({ kind: 'sin' }), 3)).toBe(1);
    expect(linkBound(link({ kind: 'exp' }), 2)).toBe(Math.exp(2));
    expect(linkBound(link({ kind: 'identity' }), 2)).toBe(2);
    // cubic x³ + x at T = 2: 10.
    expect(linkBound(link({ kind: 'cubic' }), 2)).toBe(10);
    // (1 − w)x + w·x² with w = 1/2: |f| is largest at t = 2, f(2) = 1 + 2 = 3 (f(−2) = 1).
    expect(linkBound(link({ kind: 'square', weight: 0.5 }), 2)).toBe(3);
    // A blend of a decreasing-at-the-left g: (1 − w)x − w·x² at w = 1/4, T = 2: f(−2) = −1.5 − 1 = −2.5.
    expect(linkBound(link({ kind: 'negsquare', weight: 0.25 }), 2)).toBe(2.5);
  });
});

describe('the tilt of one coordinate: mean Λ\'(a) and KL = aΛ\'(a) − Λ(a)', () => {
  it('Gaussian: the tilt shifts the mean by a; KL = a²/2', () => {
    for (const a of [0, 0.3, -2, 7]) {
      expect(tiltedMean('gaussian', a)).toBe(a);
      rel(tiltedKL('gaussian', a), (a * a) / 2, 1e-15, `a = ${a}`);
    }
  });

  // Below each switch the series are accurate to their truncation (Rademacher: the next term
  // a⁶/9 is 2e-13 relative at 1e-3; uniform: below 1e-15), which sees their last kept terms (5e-7
  // relative for the Rademacher a⁴/4; 2e-11 for the uniform x⁶/2835); just above it the closed
  // forms subtract terms of ~0.7 (or ~100) to leave 1e-7 to 1e-5, good to an absolute ~1e-16 only.
  const klTol = (x: number, want: number, switchAt: number, series: number) => (x < switchAt ? series * Math.abs(want) : 1e-12 * Math.abs(want) + 1e-15);
  it('Rademacher: mean tanh a and KL p log 2p + (1 − p) log 2(1 − p), both sides of |a| = 1e-3', () => {
    for (const a of [1e-6, 3e-4, 9.9e-4, 1.01e-3, 0.02, 0.4, 1, 3, 12, 25]) {
      for (const s of [a, -a]) {
        const t = rademacherTilt(s);
        rel(tiltedMean('rademacher', s), t.mean, 1e-13, `mean at ${s}`);
        // Near 0 the entropy form cancels (p ≈ 1/2): a tanh a − log cosh a with log cosh a = log1p(2 sinh²(a/2)).
        const kl = Math.abs(s) < 0.05 ? s * Math.tanh(s) - Math.log1p(2 * Math.sinh(s / 2) ** 2) : t.kl;
        near(tiltedKL('rademacher', s), kl, klTol(a, kl, 1e-3, 1e-12), `KL at ${s}`);
      }
    }
  });

  it('Rademacher KL tends to log 2 (the whole entropy) at large |a|, either sign, without cancelling to 0', () => {
    for (const a of [40, 1e3, 1e17, -40, -1e3, -1e17]) near(tiltedKL('rademacher', a), Math.LN2, 1e-15, `a = ${a}`);
    expect(tiltedMean('rademacher', -1e3)).toBe(-1);
  });

  it('uniform on ±√3: mean (1e-11 relative) and KL against integration of the tilted density, across both switches', () => {
    // √3a = x: the mean switches form at |x| = 1e-2, the KL at |x| = 1. Just above 1e-2 the closed
    // form coth x − 1/x cancels two terms of ~100 to ~3e-3 (rounding ~4e-12 relative): the
    // series' last term (2x⁵/945) is 6e-11 relative just below, so 1e-11 still sees it.
    for (const x of [1e-5, 4e-3, 9.9e-3, 1.01e-2, 0.3, 0.99, 1.01, 2.5, 9]) {
      for (const s of [x / B, -x / B]) {
        const t = uniformTilt(s);
        rel(tiltedMean('uniform', s), t.mean, 1e-11, `mean at a = ${s}`);
        near(tiltedKL('uniform', s), t.kl, klTol(x, t.kl, 1e-2, 1e-13), `KL at a = ${s}`);
      }
    }
  });

  it('uniform at large |a|: mean → ±√3 with 1/a from the wall, KL ≈ log(√3|a|) − 1 + log 2, finite at |a| = 1e17', () => {
    // For x = √3|a| large: L(x) = coth x − 1/x → 1 − 1/x, KL = x·L(x) − log(sinh x/x) → log x − 1 + log 2.
    for (const a of [200, -200, 1e8, -1e17]) {
      const x = B * Math.abs(a);
      rel(tiltedMean('uniform', a), Math.sign(a) * B * (1 - 1 / x), 1e-14, `mean at ${a}`);
      rel(tiltedKL('uniform', a), Math.log(x) - 1 + Math.LN2, 1e-14, `KL at ${a}`);
    }
  });

  it('KL is even in a and increasing in |a| (each law)', () => {
    for (const kind of ['gaussian', 'rademacher', 'uniform'] as const) {
      let prev = -1;
      for (const a of [0, 1e-4, 5e-3, 0.1, 0.5, 1, 2, 5]) {
        const k = tiltedKL(kind, a);
        expect(k, `${kind} at ${a}`).toBeGreaterThan(prev);
        expect(tiltedKL(kind, -a)).toBe(k);
        prev = k;
      }
    }
  });
});

describe('tiltedQuantile: the inverse CDF of the tilted law', () => {
  it('Rademacher: −1 exactly when U < P[z = −1] = 1/(1 + e^{2a})', () => {
    for (const a of [0, 0.5, -1, 3]) {
      const p = rademacherTilt(a).pMinus;
      expect(tiltedQuantile('rademacher', a, p * (1 - 1e-9)), `a = ${a}`).toBe(-1);
      expect(tiltedQuantile('rademacher', a, p * (1 + 1e-9) + 1e-12), `a = ${a}`).toBe(1);
    }
    expect(tiltedQuantile('rademacher', 0, 0.49)).toBe(-1);
    expect(tiltedQuantile('rademacher', 0, 0.51)).toBe(1);
  });

  // F_a(z) = (e^{az} − e^{−a√3})/(e^{a√3} − e^{−a√3}) on [−√3, √3]; at a = 0, (z + √3)/(2√3).
  // Written as expm1(a(z + √3))/expm1(2a√3) for a < 0, and for a > 0 divided through by e^{2a√3}
  // (e^{a(z − √3)}·(1 − e^{−a(z + √3)})/(1 − e^{−2a√3})), so that neither overflows.
  const cdf = (a: number, z: number) =>
    a === 0 ? (z + B) / (2 * B) : a < 0 ? Math.expm1(a * (z + B)) / Math.expm1(2 * a * B) : (Math.exp(a * (z - B)) * Math.expm1(-a * (z + B))) / Math.expm1(-2 * a * B);
  const Us = [1e-3, 0.1, 0.37, 0.5, 0.8, 0.999];

  it('uniform: F_a(Q(a, U)) = U, for either sign of a, small and large', () => {
    // |a| = 300: e^{2a√3} overflows, so each sign needs its own form of F⁻¹.
    for (const a of [0, 0.7, -0.7, 2, -2, 15, -15, 300, -300]) for (const U of Us) near(cdf(a, tiltedQuantile('uniform', a, U)), U, 1e-12, `a = ${a}, U = ${U}`);
  });

  it('uniform at |a√3| around 1e-9: the untilted quantile √3(2U − 1) to rounding', () => {
    for (const a of [0, 1e-12, -1e-12, 4e-10, -4e-10, 1e-8, -1e-8]) for (const U of Us) near(tiltedQuantile('uniform', a, U), B * (2 * U - 1), 1e-7, `a = ${a}, U = ${U}`);
  });

  it('uniform: inside [−√3, √3], Q(−a, 1 − U) = −Q(a, U), and non-decreasing in U and in a (a monotone coupling)', () => {
    const as = [-5, -1, -0.2, 0, 0.2, 1, 5];
    for (const U of Us)
      for (let k = 0; k < as.length; k++) {
        const q = tiltedQuantile('uniform', as[k], U);
        expect(Math.abs(q)).toBeLessThanOrEqual(B);
        near(tiltedQuantile('uniform', -as[k], 1 - U), -q, 1e-12);
        if (k > 0) expect(q).toBeGreaterThanOrEqual(tiltedQuantile('uniform', as[k - 1], U));
      }
    for (const a of as) for (let k = 1; k < Us.length; k++) expect(tiltedQuantile('uniform', a, Us[k])).toBeGreaterThan(tiltedQuantile('uniform', a, Us[k - 1]));
  });
});
