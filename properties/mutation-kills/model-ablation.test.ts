// Direct facts about src/model/ablation.ts beyond what T7's checks reach: the ablation of the
// refusal direction r (THEORY §2 T7: (I − r̂r̂ᵀ)h), the Monte Carlo agreement of the ablated
// judge with its stated error terms, and the two measurements T7.b makes of an update sequence
// (the SVD rank and the residual out of a subspace).
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { diagLowRank, identity } from '../../src/linalg/covariance.ts';
import { Subspace } from '../../src/linalg/subspace.ts';
import { norm, scale, sub, vec } from '../../src/linalg/vec.ts';
import { ablate, ablatedAgreementMonteCarlo, ablatedDirection, numericalRank, relativeResidual, rlaifTrajectory } from '../../src/model/ablation.ts';
import { sheppard } from '../../src/model/agreement.ts';
import { link } from '../../src/model/link.ts';
import { alignment, valueModel } from '../../src/model/value.ts';
import { hoeffding, MC_ALPHA } from '../../src/numeric/bounds.ts';
import { HarnessError, InputError } from '../../src/numeric/errors.ts';
import { makeRng } from '../../src/numeric/rng.ts';
import { SUITE_SEED } from '../support/suite.ts';

const small = fc.double({ min: -3, max: 3, noNaN: true });
const vecArb = (d: number) => fc.array(small, { minLength: d, maxLength: d }).map(vec);

describe('ablate', () => {
  test.prop([fc.integer({ min: 1, max: 5 }).chain((d) => fc.tuple(vecArb(d), vecArb(d)))], { seed: SUITE_SEED, numRuns: 100 })(
    'removes exactly the component along r: h − ablate(r, h) = (<r,h>/<r,r>) r',
    ([r, h]) => {
      fc.pre(norm(r) > 0.1);
      const removed = sub(h, ablate(r, h));
      const c = r.reduce((a, ri, i) => a + ri * h[i], 0) / r.reduce((a, ri) => a + ri * ri, 0);
      removed.forEach((x, i) => expect(Math.abs(x - c * r[i])).toBeLessThanOrEqual(1e-12 * (1 + norm(h))));
    },
  );

  it('refuses r = 0, naming r', () => {
    expect(() => ablate(vec([0, 0]), vec([1, 2]))).toThrow(InputError);
    expect(() => ablate(vec([0, 0]), vec([1, 2]))).toThrow(/^r: the ablated direction must be non-zero/);
  });

  it('a judge along r is ablated to exactly 0, and a judge orthogonal to r is left alone', () => {
    expect(Array.from(ablatedDirection(vec([1, 2, 3]), vec([-0.1, -0.2, -0.3])))).toEqual([0, 0, 0]);
    expect(Array.from(ablatedDirection(vec([1, 0]), vec([0, 2])))).toEqual([0, 2]);
  });
});

describe('ablatedAgreementMonteCarlo', () => {
  it('reports its n, α and the range-1 Hoeffding half-width at that n and α', () => {
    const M = valueModel(vec([1, 0]));
    const est = ablatedAgreementMonteCarlo(M, vec([0, 1]), vec([1, 1]), makeRng(1), 500, 1e-3);
    expect(est.n).toBe(500);
    expect(est.alpha).toBe(1e-3);
    expect(est.halfWidth).toBe(hoeffding(500, 1e-3, 1));
    expect(est.tieBias).toBe(0);
  });

  it('a judge ablated to 0 ties on every pair: Agr is exactly 1/2', () => {
    const M = valueModel(vec([1, 1]));
    expect(ablatedAgreementMonteCarlo(M, vec([1, -1]), vec([2, -2]), makeRng(2), 2000).estimate).toBe(0.5);
  });

  it('ablating a direction orthogonal to the judge and v* leaves Agr at Sheppard of the judge (a correlated Σ, μ ≠ 0)', () => {
    // Σ = I + bbᵀ with b in the (e1, e2) plane; r = e3 is Σ-orthogonal to both, so the ablated
    // judge is the judge and its agreement is Sheppard(A(u)).
    const Sigma = diagLowRank(vec([1, 1, 1]), [vec([1, 0.5, 0])]);
    const M = valueModel(vec([1, 0.2, 0]), { Sigma, mu: vec([3, -1, 2]) });
    const u = vec([0.3, 1, 0]);
    const n = 20_000;
    const est = ablatedAgreementMonteCarlo(M, vec([0, 0, 1]), u, makeRng(SUITE_SEED), n);
    // One estimate, range 1: Hoeffding at MC_ALPHA.
    expect(Math.abs(est.estimate - sheppard(alignment(M, u)))).toBeLessThanOrEqual(hoeffding(n, MC_ALPHA, 1));
  });

  it('a value that overflows on a sampled response is a harness error, not a tie', () => {
    const M = valueModel(vec([1, 0]), { mu: vec([800, 0]), f: link({ kind: 'exp' }) });
    expect(() => ablatedAgreementMonteCarlo(M, vec([0, 1]), vec([1, 0]), makeRng(5), 10)).toThrow(HarnessError);
    expect(() => ablatedAgreementMonteCarlo(M, vec([0, 1]), vec([1, 0]), makeRng(5), 10)).toThrow(/not finite/);
  });

  it('ties of a saturating value are counted one half each and reported as tieBias = ties/(2n)', () => {
    // tanh(50 x + 0) saturates to ±1 in floating point once |x| > ~19/50: most pairs tie in value
    // though their scores differ. A strictly increasing f of the same direction would agree
    // with a judge along v* on every pair; the ties pull the estimate to 1 − ties/(2n).
    // Judge u = v* = e1, ablated direction r = e2: the ablated judge is the judge.
    const M = valueModel(vec([1, 0]), { Sigma: identity(2), f: link({ kind: 'tanh', a: 50, b: 0 }) });
    const n = 4000;
    const est = ablatedAgreementMonteCarlo(M, vec([0, 1]), vec([1, 0]), makeRng(3), n);
    expect(est.tieBias).toBeGreaterThan(0.1);
    expect(est.estimate).toBeCloseTo(1 - est.tieBias, 12);
  });
});

describe('an update sequence: rlaifTrajectory, numericalRank, relativeResidual', () => {
  it('θ_t = θ_{t−1} + P_t w/β_t, and θ_0 is a copy of g', () => {
    const g = vec([1, 1, 1]);
    const w = vec([2, 4, 6]);
    const steps = [
      { S: Subspace.span([vec([1, 0, 0])], 3), beta: 2 },
      { S: Subspace.span([vec([0, 1, 0]), vec([0, 0, 1])], 3), beta: 4 },
    ];
    const { thetas, updates } = rlaifTrajectory(g, w, steps);
    expect(thetas.map((t) => Array.from(t))).toEqual([
      [1, 1, 1],
      [2, 1, 1],
      [2, 2, 2.5],
    ]);
    expect(updates.map((u) => Array.from(u))).toEqual([
      [1, 0, 0],
      [0, 1, 1.5],
    ]);
    expect(thetas[0]).not.toBe(g);
  });

  it('numericalRank counts the singular values above relTol·σ_max·max(rows, cols)', () => {
    expect(numericalRank([])).toBe(0);
    expect(numericalRank([vec([0, 0]), vec([0, 0])])).toBe(0);
    expect(numericalRank([vec([1, 0]), vec([2, 0])])).toBe(1);
    expect(numericalRank([vec([1, 0, 0]), vec([0, 1, 0]), vec([1, 1, 0])])).toBe(2);
    // σ = (1, 1e-12): below the default cut 1e-10·1·2, above a cut of 1e-14·2.
    expect(numericalRank([vec([1, 0]), vec([0, 1e-12])])).toBe(1);
    expect(numericalRank([vec([1, 0]), vec([0, 1e-12])], 1e-14)).toBe(2);
    // σ = (1, 3e-10) against 1e-10·σ_max·2 = 2e-10: counted; the max(rows, cols) factor is 3
    // for three rows in R^2, so the cut is 3e-10·(1 + rounding) and 4e-10 is counted, 2.5e-10 not.
    expect(numericalRank([vec([1, 0]), vec([0, 3e-10])])).toBe(2);
    expect(numericalRank([vec([1, 0]), vec([0, 2.5e-10]), vec([0, 0])])).toBe(1);
    expect(numericalRank([vec([1, 0]), vec([0, 4e-10]), vec([0, 0])])).toBe(2);
  });

  it('numericalRank does not depend on the vectors\' common scale (the cut is relative to σ_max)', () => {
    const V = [vec([1, 0]), vec([0, 1e-11])];
    for (const c of [1e-6, 1, 100, 1e6]) expect(numericalRank(V.map((v) => scale(c, v))), `scale ${c}`).toBe(1);
    const W = [vec([1, 0]), vec([0, 1e-9])];
    for (const c of [1e-6, 1, 100, 1e6]) expect(numericalRank(W.map((v) => scale(c, v))), `scale ${c}`).toBe(2);
  });

  it('relativeResidual is ‖x − Px‖ over the scale, or the bare norm when the scale is 0', () => {
    const S = Subspace.span([vec([1, 0, 0])], 3);
    expect(relativeResidual(S, vec([5, 0, 0]), 2)).toBe(0);
    expect(relativeResidual(S, vec([5, 3, 4]), 2)).toBe(2.5);
    expect(relativeResidual(S, vec([5, 3, 4]), 0)).toBe(5);
    expect(relativeResidual(S, scale(-1, vec([0, 3, 4])), 10)).toBe(0.5);
  });
});
