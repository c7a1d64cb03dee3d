// Direct facts about the Bradley–Terry learner (src/model/bradley-terry.ts), which the R1
// variant otherwise reaches only through its end-to-end claim. Its preference sample follows
// THEORY's law (pairs from the base law, P[h preferred] = σ(<u, h − h'>)), and its fit is the
// ridge-penalised maximum-likelihood point: the penalised score vanishes there, and with many
// pairs the fitted direction is the true judge (the model is well specified).
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { dense, identity } from '../../src/linalg/covariance.ts';
import { dot, norm, sub, unit, vec } from '../../src/linalg/vec.ts';
import { fitBradleyTerry, samplePreferences } from '../../src/model/bradley-terry.ts';
import { hoeffding } from '../../src/numeric/bounds.ts';
import { makeRng } from '../../src/numeric/rng.ts';
import { SUITE_SEED } from '../support/suite.ts';

const sigma = (t: number) => 1 / (1 + Math.exp(-t));
const ALPHA = 1e-7;

const judge = fc.integer({ min: 1, max: 3 }).chain((d) => fc.array(fc.double({ min: -2, max: 2, noNaN: true }), { minLength: d, maxLength: d }).filter((u) => Math.hypot(...u) > 0.3));

describe('samplePreferences follows the preference law', () => {
  it('differences h − h′ have covariance 2Σ, and labels are σ(<u, h − h′>)-Bernoulli', () => {
    // Σ = diag-dominant 2×2 with a correlation, u chosen so that σ(<u,x>) is far from 1/2.
    const S = dense([
      [2, 0.6],
      [0.6, 0.5],
    ]);
    const entry = (i: number, j: number) => S.apply(unit(2, j))[i];
    const u = vec([1.5, -1]);
    const n = 5000;
    const { x, y } = samplePreferences(S, u, n, makeRng(SUITE_SEED));
    expect(x.length).toBe(n);
    expect(y.length).toBe(n);
    // Second moments of x: each entry x_i x_j has mean 2Σ_ij and variance at most 3·(2Σ_ii)(2Σ_jj)
    // (Gaussian fourth moments), so Chebyshev at 20 standard deviations: false alarm <= 1/400.
    for (const [i, j] of [
      [0, 0],
      [0, 1],
      [1, 1],
    ]) {
      const m = x.reduce((acc, xt) => acc + xt[i] * xt[j], 0) / n;
      const target = 2 * entry(i, j);
      const sd = Math.sqrt((3 * (2 * entry(i, i)) * (2 * entry(j, j))) / n);
      expect(Math.abs(m - target), `E[x_${i} x_${j}]`).toBeLessThanOrEqual(20 * sd);
    }
    // Labels: (y − σ(s))·sign(s) and y − σ(s), s = <u, x>, have mean 0 under the law; each term
    // lies in an interval of length 2, so Hoeffding at α = 1e-7 each. A label drawn with σ(−s)
    // (a judge of the wrong sign) or a constant label is far outside.
    let signed = 0;
    let plain = 0;
    for (let t = 0; t < n; t++) {
      const s = dot(u, x[t]);
      signed += (y[t] - sigma(s)) * Math.sign(s);
      plain += y[t] - sigma(s);
      expect(y[t] === 0 || y[t] === 1).toBe(true);
    }
    const hw = hoeffding(n, ALPHA, 2);
    expect(Math.abs(signed / n)).toBeLessThanOrEqual(hw);
    expect(Math.abs(plain / n)).toBeLessThanOrEqual(hw);
  });

  it('a zero judge labels by a fair coin', () => {
    const n = 4000;
    const { y } = samplePreferences(identity(2), vec([0, 0]), n, makeRng(SUITE_SEED + 1));
    const mean = y.reduce((a, b) => a + b, 0) / n;
    expect(Math.abs(mean - 0.5)).toBeLessThanOrEqual(hoeffding(n, ALPHA, 1));
  });
});

describe('fitBradleyTerry is the ridge-penalised maximum-likelihood point', () => {
  test.prop([judge, fc.integer({ min: 2, max: 60 }), fc.integer()], { seed: SUITE_SEED, numRuns: 25 })(
    'the penalised score Σ(σ(<θ,x>) − y)x + ridge·n·θ vanishes at the fit (small samples, separable ones included)',
    (u, n, seed) => {
      const d = u.length;
      const sample = samplePreferences(identity(d), vec(u), n, makeRng(seed));
      const ridge = 1e-3;
      const theta = fitBradleyTerry(sample, ridge);
      expect(theta.every(Number.isFinite)).toBe(true);
      const g = new Float64Array(d);
      let scale = ridge * n * Math.max(1, norm(theta));
      for (let t = 0; t < n; t++) {
        const r = sigma(dot(theta, sample.x[t])) - sample.y[t];
        for (let i = 0; i < d; i++) g[i] += r * sample.x[t][i];
        scale += norm(sample.x[t]);
      }
      for (let i = 0; i < d; i++) g[i] += ridge * n * theta[i];
      // Newton stops when its step is below 1e-10 relative: the score is then zero to rounding.
      expect(norm(g)).toBeLessThanOrEqual(1e-7 * scale);
    },
  );

  it('with many pairs it recovers the true judge, scale included (the model is well specified)', () => {
    for (const [k, u] of [
      [1.2, -0.7],
      [0.4, 0.9, -1.5],
      [2],
    ].entries()) {
      const d = u.length;
      const truth = vec(u);
      const theta = fitBradleyTerry(samplePreferences(identity(d), truth, 3000, makeRng(SUITE_SEED + 10 + k)));
      // The MLE's relative standard error is about sqrt(d/(n·E[σ'(s)]·2))/‖u‖ <= 0.07 here; 0.25 is over three and a half times that.
      expect(norm(sub(theta, truth)) / norm(truth), `u = [${u}]`).toBeLessThanOrEqual(0.25);
    }
  });
});

describe('the sampler and the fit at the edges', () => {
  it('pairs are independent: successive differences are uncorrelated (each pair draws both its responses afresh)', () => {
    // Cov(x_t, x_{t+1}) = 0 under the law; a sampler that reused a draw across pairs (h_t = h'_{t−1})
    // would give correlation −1/2. With n = 4000 the sample lag-1 correlation has standard error
    // ≈ 1/sqrt(n) = 0.016: |r| < 0.1 fails under the law with probability < 1e-9 (6 standard errors).
    const n = 4000;
    const { x } = samplePreferences(identity(1), vec([1]), n, makeRng(SUITE_SEED + 1));
    let sxy = 0;
    let sxx = 0;
    for (let t = 0; t < n; t++) {
      sxx += x[t][0] * x[t][0];
      if (t + 1 < n) sxy += x[t][0] * x[t + 1][0];
    }
    expect(Math.abs(sxy / sxx)).toBeLessThan(0.1);
  });

  it('a judge whose scores overflow exp (|<u, h − h′>| ≫ 709) labels every pair by the sign of its score', () => {
    // σ(t) = 1 for t ≥ 710 and 0 for t ≤ −710 in floating point: the labels are deterministic. A
    // sigmoid written as e^t/(1 + e^t) on the positive side gives ∞/∞ = NaN there instead.
    const { x, y } = samplePreferences(identity(2), vec([1e6, -1e6]), 400, makeRng(SUITE_SEED + 2));
    let decided = 0;
    for (let t = 0; t < x.length; t++) {
      const s = 1e6 * (x[t][0] - x[t][1]);
      if (Math.abs(s) < 710) continue;
      decided++;
      expect(y[t]).toBe(s > 0 ? 1 : 0);
    }
    expect(decided).toBeGreaterThan(390);
  });
});
