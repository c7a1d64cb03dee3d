// Direct facts about src/model/agreement.ts: Sheppard's formula at its worked points and its
// clamp, Agr(0) = 1/2, and the Monte Carlo estimator's stated error terms (the joint half-widths
// for estimates and differences, the rounding-tie bias) and its answers on directions whose
// agreement is known exactly (v* itself, −v*, 0, several at once in their order).
import { describe, expect, it } from 'vitest';
import { diagLowRank, identity } from '../../src/linalg/covariance.ts';
import { vec } from '../../src/linalg/vec.ts';
import { agreement, agreementMonteCarlo, sheppard } from '../../src/model/agreement.ts';
import { link } from '../../src/model/link.ts';
import { alignment, valueModel } from '../../src/model/value.ts';
import { hoeffding } from '../../src/numeric/bounds.ts';
import { HarnessError } from '../../src/numeric/errors.ts';
import { makeRng } from '../../src/numeric/rng.ts';
import { SUITE_SEED } from '../support/suite.ts';

describe("Sheppard's formula", () => {
  it('worked values, clamped outside [−1, 1]', () => {
    expect(sheppard(1)).toBe(1);
    expect(sheppard(-1)).toBe(0);
    expect(sheppard(0)).toBe(0.5);
    expect(sheppard(0.5)).toBeCloseTo(2 / 3, 15);
    expect(sheppard(1 + 1e-15)).toBe(1);
    expect(sheppard(-1 - 1e-15)).toBe(0);
  });

  it('Agr in closed form: 1/2 for the zero direction, 1 along v*, 0 against it (any Σ)', () => {
    const M = valueModel(vec([1, 2]), { Sigma: diagLowRank(vec([1, 2]), [vec([1, -1])]) });
    expect(agreement(M, vec([0, 0]))).toBe(0.5);
    expect(agreement(M, vec([2, 4]))).toBeCloseTo(1, 7);
    expect(agreement(M, vec([-1, -2]))).toBeCloseTo(0, 7);
  });
});

describe('agreementMonteCarlo', () => {
  it('states n, α, the estimates\' half-width (range 1, α/k) and the differences\' (range 2, α/k²)', () => {
    const M = valueModel(vec([1, 0]));
    const est = agreementMonteCarlo(M, [vec([1, 1]), vec([0, 1]), vec([1, -1])], makeRng(1), 300, 1e-3);
    expect(est.n).toBe(300);
    expect(est.alpha).toBe(1e-3);
    expect(est.estimates).toHaveLength(3);
    expect(est.estimateHalfWidth).toBe(hoeffding(300, 1e-3 / 3, 1));
    expect(est.halfWidth).toBe(hoeffding(300, 1e-3 / 9, 2));
    expect(est.tieBias).toBe(0);
    const one = agreementMonteCarlo(M, [vec([1, 1])], makeRng(1), 300, 1e-3);
    expect(one.estimateHalfWidth).toBe(hoeffding(300, 1e-3, 1));
    expect(one.halfWidth).toBe(hoeffding(300, 1e-3, 2));
  });

  it('v* agrees on every pair, −v* on none, the zero direction half the time', () => {
    const M = valueModel(vec([1, -2, 0.5]), { Sigma: diagLowRank(vec([1, 0.5, 2]), [vec([0.3, 1, 0])]), mu: vec([1, 2, 3]) });
    const est = agreementMonteCarlo(M, [vec([2, -4, 1]), vec([0, 0, 0]), vec([-1, 2, -0.5])], makeRng(SUITE_SEED), 2000);
    expect(est.estimates[0]).toBe(1);
    expect(est.estimates[2]).toBe(0);
    // The zero direction's scores come out of the Gram matrix's eigen-factor at rounding level
    // (not exactly 0), so its pairs are fair coins rather than exact ties: within the half-width.
    expect(Math.abs(est.estimates[1] - 0.5)).toBeLessThanOrEqual(est.estimateHalfWidth);
  });

  it('a lone zero direction ties on every pair: exactly 1/2', () => {
    // Its Gram row is exactly 0 here (a diagonal Gram matrix), so every score difference is 0.
    const M = valueModel(vec([1, 2]), { mu: vec([1, 1]) });
    expect(agreementMonteCarlo(M, [vec([0, 0])], makeRng(7), 1000).estimates).toEqual([0.5]);
  });

  it('several directions at once, each within its half-width of Sheppard, in the order given (μ ≠ 0, correlated Σ)', () => {
    const M = valueModel(vec([1, 0.5, 0]), { Sigma: diagLowRank(vec([1, 1, 1]), [vec([0.5, -1, 1])]), mu: vec([5, -3, 1]) });
    const dirs = [vec([1, 0, 0]), vec([0, 1, 1]), vec([-1, 0.2, 0.4])];
    const n = 20_000;
    const est = agreementMonteCarlo(M, dirs, makeRng(SUITE_SEED + 1), n);
    dirs.forEach((u, j) => expect(Math.abs(est.estimates[j] - sheppard(alignment(M, u))), `direction ${j}`).toBeLessThanOrEqual(est.estimateHalfWidth));
  });

  it('value ties in floating point (a saturating tanh) count one half each and are reported as tieBias', () => {
    const M = valueModel(vec([1, 0]), { Sigma: identity(2), f: link({ kind: 'tanh', a: 50, b: 0 }) });
    const n = 4000;
    const est = agreementMonteCarlo(M, [vec([1, 0])], makeRng(3), n);
    expect(est.tieBias).toBeGreaterThan(0.1);
    expect(est.estimates[0]).toBeCloseTo(1 - est.tieBias, 12);
  });

  it('a value that overflows on a sampled response is a harness error, not a tie', () => {
    const M = valueModel(vec([1]), { mu: vec([800]), f: link({ kind: 'exp' }) });
    expect(() => agreementMonteCarlo(M, [vec([1])], makeRng(4), 10)).toThrow(HarnessError);
    expect(() => agreementMonteCarlo(M, [vec([1])], makeRng(4), 10)).toThrow(/not finite/);
  });
});
