// Direct facts about T4's constructions (src/model/adversarial.ts, THEORY §2 T4) on instances
// worked by hand: the bound −1 / −sqrt(1 − c²), the boundary direction, and the explicit rank-1
// constitution, whose alignment is known exactly: in y = Σ^{1/2}x coordinates it is the tilt
// cos φ·ŷ₀ + sin φ·n̂ with φ = min(1, δ/4), so A = −s·cos φ + c·sin φ (s = sqrt(1 − c²)).
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { diagLowRank } from '../../src/linalg/covariance.ts';
import { Subspace } from '../../src/linalg/subspace.ts';
import { dot, vec } from '../../src/linalg/vec.ts';
import {
  activated, activatedAlignment, adversarialBound, boundaryDirection, invNorm, nearOptimalConstitution, positiveMultipleGap, rankOne, reversingConstitution,
} from '../../src/model/adversarial.ts';
import { alignment, valueModel } from '../../src/model/value.ts';
import { HarnessError } from '../../src/numeric/errors.ts';
import { SUITE_SEED } from '../support/suite.ts';

const M2 = valueModel(vec([1, 0]));
const readout = (theta: number) => vec([Math.cos(theta), Math.sin(theta)]);

describe('activation and the bound', () => {
  it('span{x} activates the projection of w on x; invNorm is ‖x‖ in Σ⁻¹', () => {
    expect(Array.from(activated(rankOne(vec([1, 1])), vec([2, 0])))).toEqual([1, 1].map((x) => expect.closeTo(x, 14)));
    expect(activatedAlignment(M2, rankOne(vec([0, 1])), vec([1, 1]))).toBe(0);
    expect(activatedAlignment(M2, Subspace.whole(2), vec([-1, 0]))).toBeCloseTo(-1, 14);
    const S = diagLowRank(vec([4, 1]), []);
    expect(invNorm(S, vec([2, 3]))).toBeCloseTo(Math.sqrt(1 + 9), 14);
  });

  it('worked bounds (Σ = I, v* = e1): c = cos θ, sine = |sin θ|, bound −sine for <w,v*> >= 0 and −1 below', () => {
    const B0 = adversarialBound(M2, vec([2, 0]));
    expect([B0.c, B0.sine, B0.wv]).toEqual([1, 0, 2]);
    expect(Object.is(B0.bound, 0)).toBe(true);
    const B = adversarialBound(M2, readout(Math.PI / 3));
    expect(B.c).toBeCloseTo(0.5, 14);
    expect(B.sine).toBeCloseTo(Math.sqrt(3) / 2, 14);
    expect(B.bound).toBeCloseTo(-Math.sqrt(3) / 2, 14);
    expect(dot(B.vPerp, vec([0.5, Math.sqrt(3) / 2]))).toBeCloseTo(0, 14);
    const Bneg = adversarialBound(M2, readout((2 * Math.PI) / 3));
    expect(Bneg.bound).toBe(-1);
    expect(Bneg.wv).toBeLessThan(0);
    expect(() => adversarialBound(M2, vec([0, 0]))).toThrow(HarnessError);
  });

  it('with a correlated Σ, c is the cosine between Σ^{-1/2}w and Σ^{1/2}v*', () => {
    const S = diagLowRank(vec([1, 2]), [vec([1, 1])]);
    const M = valueModel(vec([1, -0.5]), { Sigma: S });
    const w = vec([0.3, 1]);
    const B = adversarialBound(M, w);
    const expected = dot(w, M.vStar) / (invNorm(S, w) * Math.sqrt(dot(M.vStar, S.apply(M.vStar))));
    expect(B.c).toBeCloseTo(expected, 12);
    expect(B.sine).toBeCloseTo(Math.sqrt(1 - expected * expected), 10);
    expect(Array.from(B.normal)).toEqual(Array.from(S.solve(w)));
  });
});

describe('boundaryDirection', () => {
  it('is orthogonal to w, built on the axis least aligned with w, and absent in d = 1', () => {
    const x = boundaryDirection(vec([3, 1]))!;
    expect(x[0]).toBeCloseTo(-0.3, 15);
    expect(x[1]).toBeCloseTo(0.9, 15);
    const y = boundaryDirection(vec([1, -4, 2]))!;
    expect(dot(y, vec([1, -4, 2]))).toBeCloseTo(0, 14);
    expect(y[0]).toBeCloseTo(1 - 1 / 21, 14);
    expect(boundaryDirection(vec([-2]))).toBeNull();
  });
});

describe('the near-optimal rank-1 constitution', () => {
  test.prop([fc.double({ min: 0.05, max: Math.PI / 2, noNaN: true }), fc.double({ min: 1e-3, max: 8, noNaN: true })], { seed: SUITE_SEED, numRuns: 100 })(
    'its alignment is exactly −s·cos φ + c·sin φ with φ = min(1, δ/4), within δ of the bound',
    (theta, delta) => {
      const w = readout(theta);
      const { c, sine, bound } = adversarialBound(M2, w);
      fc.pre(sine > delta / 8);
      const { x, kind } = nearOptimalConstitution(M2, w, delta);
      expect(kind).toBe('boundary-tilt');
      expect(dot(x, w)).toBeGreaterThan(0);
      const phi = Math.min(1, delta / 4);
      const A = activatedAlignment(M2, rankOne(x), w);
      expect(A).toBeCloseTo(-sine * Math.cos(phi) + c * Math.sin(phi), 10);
      expect(A - bound).toBeLessThan(delta);
      expect(A).toBeGreaterThanOrEqual(bound - 1e-12);
    },
  );

  it('antiparallel when <w,v*> < 0 (A = −1), a fallback tilt at c = 1, the readout itself in d = 1', () => {
    const anti = nearOptimalConstitution(M2, readout(2), 0.1);
    expect(anti.kind).toBe('antiparallel');
    expect(Array.from(anti.x)).toEqual([1, 0]);
    expect(anti.x).not.toBe(M2.vStar);
    expect(activatedAlignment(M2, rankOne(anti.x), readout(2))).toBeCloseTo(-1, 14);
    const fb = nearOptimalConstitution(M2, vec([1, 0]), 0.4);
    expect(fb.kind).toBe('fallback-tilt');
    // A boundary direction e2 tilted by φ = 0.1 towards n̂ = e1: A = sin 0.1.
    expect(activatedAlignment(M2, rankOne(fb.x), vec([1, 0]))).toBeCloseTo(Math.sin(0.1), 14);
    const one = nearOptimalConstitution(valueModel(vec([2])), vec([3]), 0.5);
    expect(one.kind).toBe('readout-only');
    expect(Array.from(one.x)).toEqual([3]);
    expect(() => nearOptimalConstitution(M2, vec([1, 1]), 0)).toThrow(HarnessError);
  });

  it('reversingConstitution: A < 0 whenever c < 1, none at c = 1', () => {
    expect(reversingConstitution(M2, vec([1, 0]))).toBeNull();
    for (const theta of [0.01, 0.5, 1.2, 2, 3]) {
      const w = readout(theta);
      const r = reversingConstitution(M2, w)!;
      const { c, sine } = adversarialBound(M2, w);
      const A = alignment(M2, activated(rankOne(r.x), w));
      expect(A, `θ = ${theta}`).toBeLessThan(0);
      if (c >= 0) expect(A).toBeCloseTo(-sine * Math.cos(Math.min(1, sine / 4)) + c * Math.sin(Math.min(1, sine / 4)), 10);
      else expect(A).toBeCloseTo(-1, 12);
    }
  });
});

describe('positiveMultipleGap', () => {
  it('0 for positive multiples, 2 for opposite ones, √2 at a right angle, ∞ for a zero vector', () => {
    expect(positiveMultipleGap(vec([1, 2]), vec([3, 6]))).toBeCloseTo(0, 15);
    expect(positiveMultipleGap(vec([1, 0]), vec([-5, 0]))).toBe(2);
    expect(positiveMultipleGap(vec([1, 0]), vec([0, 3]))).toBeCloseTo(Math.SQRT2, 15);
    expect(positiveMultipleGap(vec([0, 0]), vec([1, 0]))).toBe(Infinity);
    expect(positiveMultipleGap(vec([1, 0]), vec([0, 0]))).toBe(Infinity);
  });
});
