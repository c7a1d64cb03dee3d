// Direct facts about the Pareto-cone machinery (src/model/pareto.ts, THEORY §2 T5) on worked
// instances whose answers are known by hand: strict membership, the scale-free max-min margin
// and its witness, Gordan's multipliers for the original (unnormalised) targets, the residual
// that certifies them, and the seeded Monte Carlo share of uniform directions in the cone.
import { describe, expect, it } from 'vitest';
import { norm, vec } from '../../src/linalg/vec.ts';
import {
  angle, coneFractionMonteCarlo, coneMargin, gordanMultipliers, gordanResidual, imbalanceBeyondDepth, inCone, maxMinMargin, sphereSample, twoObjectiveFraction,
} from '../../src/model/pareto.ts';
import { hoeffding, MC_ALPHA } from '../../src/numeric/bounds.ts';
import { makeRng } from '../../src/numeric/rng.ts';
import { SUITE_SEED } from '../support/suite.ts';

const e1 = vec([1, 0]);
const e2 = vec([0, 1]);
const near = (a: number, b: number, tol: number) => expect(Math.abs(a - b), `${a} vs ${b}`).toBeLessThanOrEqual(tol);

describe('membership and margin', () => {
  it('C is open: a direction on a face is not in it', () => {
    expect(inCone([e1, e2], vec([1, 1]))).toBe(true);
    expect(inCone([e1, e2], vec([1, 0]))).toBe(false);
    expect(inCone([e1, e2], vec([1, -1e-9]))).toBe(false);
  });

  it('coneMargin is the smallest cosine to the targets (0 for u = 0 or a zero target)', () => {
    expect(coneMargin([e1, e2], vec([1, 1]))).toBeCloseTo(Math.SQRT1_2, 15);
    expect(coneMargin([vec([3, 0]), vec([0, 5])], vec([2, 1]))).toBeCloseTo(1 / Math.sqrt(5), 15);
    expect(coneMargin([e1, vec([1, 1])], vec([0, -2]))).toBeCloseTo(-Math.SQRT1_2, 15);
    expect(coneMargin([e1, e2], vec([0, 0]))).toBe(0);
    expect(coneMargin([e1, vec([0, 0])], vec([1, 1]))).toBe(0);
  });
});

describe('maxMinMargin (LP 1)', () => {
  it('two orthogonal targets: t* = 1 at the box corner (1, 1), whatever the targets\' scale', () => {
    for (const targets of [[e1, e2], [vec([4, 0]), vec([0, 0.25])]]) {
      const { t, u } = maxMinMargin(targets);
      expect(t).toBeCloseTo(1, 6);
      expect(u[0]).toBeCloseTo(1, 6);
      expect(u[1]).toBeCloseTo(1, 6);
    }
  });

  it('opposite targets: t* = 0 (C is empty); a single target (1, 1)/√2: t* = √2', () => {
    expect(maxMinMargin([e1, vec([-2, 0])]).t).toBeCloseTo(0, 6);
    expect(maxMinMargin([vec([1, 1])]).t).toBeCloseTo(Math.SQRT2, 6);
  });

  it('no objectives is a harness error that says so', () => {
    expect(() => maxMinMargin([])).toThrow(/maxMinMargin: no objectives/);
    expect(() => gordanMultipliers([])).toThrow(/gordanMultipliers: no objectives/);
  });
});

describe('gordanMultipliers (LP 2) and their residual', () => {
  it('a non-empty cone has no multipliers', () => {
    expect(gordanMultipliers([e1, e2])).toBeNull();
    expect(gordanMultipliers([vec([1, 1, 0]), vec([0, 1, 1]), vec([1, 0, 1])])).toBeNull();
  });

  it('opposite targets of norms 2 and 1: λ = (1/3, 2/3) on the original targets, residual 0', () => {
    const targets = [vec([2, 0]), vec([-1, 0])];
    const lam = gordanMultipliers(targets)!;
    expect(lam).not.toBeNull();
    expect(lam[0]).toBeCloseTo(1 / 3, 7);
    expect(lam[1]).toBeCloseTo(2 / 3, 7);
    expect(gordanResidual(targets, lam)).toBeLessThanOrEqual(1e-7);
  });

  it('three targets at 120°: λ = (1/3, 1/3, 1/3)', () => {
    const targets = [0, 1, 2].map((k) => vec([Math.cos((2 * Math.PI * k) / 3), Math.sin((2 * Math.PI * k) / 3)]));
    const lam = gordanMultipliers(targets)!;
    lam.forEach((l) => expect(l).toBeCloseTo(1 / 3, 6));
  });

  it('the residual: relative imbalance, or the negativity of λ, whichever is larger; no mass is no certificate', () => {
    const targets = [vec([2, 0]), vec([-1, 0])];
    expect(gordanResidual(targets, vec([1 / 3, 2 / 3]))).toBeCloseTo(0, 15);
    // λ = (1/2, 1/2): Σλa = (1/2, 0), scale Σ|λ_i|‖a_i‖_∞ = 3/2: residual 1/3.
    expect(gordanResidual(targets, vec([0.5, 0.5]))).toBeCloseTo(1 / 3, 15);
    // λ = (−1, 0) on e1, −e1: imbalance 1, negativity 1/1 = 1.
    expect(gordanResidual([e1, vec([-1, 0])], vec([-1, 0]))).toBe(1);
    // λ = (2, −0.2) on e1, e1: imbalance 1.8/2.2, negativity 0.2/2.2 (smaller).
    expect(gordanResidual([e1, e1], vec([2, -0.2]))).toBeCloseTo(1.8 / 2.2, 15);
    expect(gordanResidual([e2, vec([0, -1])], vec([1, 1]))).toBe(0);
    expect(gordanResidual([vec([0, 0]), vec([0, 0])], vec([0.2, -0.8]))).toBe(0.8);
    expect(gordanResidual([e1, e2], vec([0, 0]))).toBe(1);
  });
});

describe('directions and the two-objective share', () => {
  it('sphereSample draws unit vectors, both signs in d = 1, and a centred law', () => {
    const rng = makeRng(SUITE_SEED);
    const n = 4000;
    const mean = new Float64Array(3);
    const signs = new Set<number>();
    for (let k = 0; k < n; k++) {
      const z = sphereSample(rng, 3);
      expect(Math.abs(norm(z) - 1)).toBeLessThanOrEqual(1e-15);
      z.forEach((x, i) => (mean[i] += x / n));
      signs.add(sphereSample(rng, 1)[0]);
    }
    expect([...signs].sort()).toEqual([-1, 1]);
    // Each coordinate lies in [−1, 1]: Hoeffding (range 2) at MC_ALPHA, per coordinate.
    mean.forEach((m) => expect(Math.abs(m)).toBeLessThanOrEqual(hoeffding(n, MC_ALPHA, 2)));
  });

  it('angle: worked values, and no NaN when rounding pushes the cosine past ±1', () => {
    expect(angle(e1, e2)).toBeCloseTo(Math.PI / 2, 15);
    expect(angle(e1, vec([-3, 0]))).toBe(Math.PI);
    expect(angle(vec([1, 1]), e1)).toBeCloseTo(Math.PI / 4, 15);
    for (const x of [vec([0.1, 0.2, 0.3]), vec([1 / 3, 1 / 7, 1 / 11]), vec([0.7, 0.1, 0.3])]) {
      expect(angle(x, x.map((v) => 3 * v))).toBeGreaterThanOrEqual(0);
      expect(angle(x, x.map((v) => -3 * v))).toBeLessThanOrEqual(Math.PI);
      expect(Number.isNaN(angle(x, x.map((v) => -3 * v)))).toBe(false);
    }
  });

  it('twoObjectiveFraction: 1/2 at φ = 0, 1/4 at π/2, 0 at π', () => {
    expect(twoObjectiveFraction(0)).toBe(0.5);
    expect(twoObjectiveFraction(Math.PI / 2)).toBe(0.25);
    expect(twoObjectiveFraction(Math.PI)).toBe(0);
  });

  it('coneFractionMonteCarlo: 1/2 for one target, 1/4 for two orthogonal ones, exactly 0 for opposite ones and beside a zero target', () => {
    const n = 20_000;
    const hw = hoeffding(n, MC_ALPHA, 1);
    expect(Math.abs(coneFractionMonteCarlo([vec([0, 3])], makeRng(1), n) - 0.5)).toBeLessThanOrEqual(hw);
    expect(Math.abs(coneFractionMonteCarlo([e1, vec([0, 2])], makeRng(2), n) - 0.25)).toBeLessThanOrEqual(hw);
    // A correlated pair at 60°: (π − π/3)/(2π) = 1/3.
    expect(Math.abs(coneFractionMonteCarlo([e1, vec([0.5, Math.sqrt(3) / 2])], makeRng(4), n) - 1 / 3)).toBeLessThanOrEqual(hw);
    expect(coneFractionMonteCarlo([vec([1, 2, 3]), vec([-2, -4, -6])], makeRng(3), n)).toBe(0);
    // A zero target: <u, 0> > 0 never holds, so C is empty whatever the other targets are.
    expect(coneFractionMonteCarlo([e1, vec([0, 0])], makeRng(5), n)).toBe(0);
    // Three targets in the plane: their Gram matrix is singular and its zero eigenvalue comes out
    // at −8e-18, which must be cut, not square-rooted (a NaN score is in no cone). C is the open
    // first quadrant: 1/4.
    expect(Math.abs(coneFractionMonteCarlo([e1, vec([0, 1]), vec([1, 2])], makeRng(6), n) - 0.25)).toBeLessThanOrEqual(hw);
  });

  it('gordanResidual charges negativity relative to the multipliers\' mass Σ|λ_i|', () => {
    // 3·a₂ − a₁ = 0 exactly (no residual), and λ₁ = −1 of mass 4: negativity 1/4.
    expect(gordanResidual([vec([3, 0]), vec([1, 0])], vec([-1, 3]))).toBe(0.25);
  });
});

describe('imbalanceBeyondDepth: how much worse λ balances the unit rows than a witness u of depth t allows', () => {
  // Read on LP 1's scale: rows â_i = a_i/‖a_i‖, u/‖u‖∞, weights λ̂_i ∝ |λ_i|·‖a_i‖ on the simplex.
  // Weak duality, min_i <u, â_i> <= ‖Σλ̂_i â_i‖₁, so the imbalance beyond the depth is >= 0 up to rounding.
  it('multipliers that do not balance an empty cone are charged their whole imbalance on LP 1’s scale', () => {
    // e1 and −e1: C = ∅, LP 1's depth is 0. λ = (1, 0) leaves â_1 = e1: ‖·‖₁ = 1; λ = (¾, ¼) leaves
    // (½, 0): ½. Negative multipliers are charged their share of the mass.
    const targets = [vec([1, 0]), vec([-1, 0])];
    const u = vec([0, 1]);
    near(imbalanceBeyondDepth(targets, u, vec([1, 0])), 1, 1e-15);
    near(imbalanceBeyondDepth(targets, u, vec([0.75, 0.25])), 0.5, 1e-15);
    near(imbalanceBeyondDepth(targets, u, vec([0.5, 0.5])), 0, 1e-15);
    // the weights λ_i‖a_i‖: 3e1 and −e1 balance at λ = (¼, ¾); (½, ½) weighs them ¾ and ¼, leaving ½e1.
    near(imbalanceBeyondDepth([vec([3, 0]), vec([-1, 0])], u, vec([0.25, 0.75])), 0, 1e-15);
    near(imbalanceBeyondDepth([vec([3, 0]), vec([-1, 0])], u, vec([0.5, 0.5])), 0.5, 1e-15);
    // a witness of depth ½ (e1, e2 at u = (1, 1) scaled by 2: box depth 1) excuses that much of λ’s imbalance.
    near(imbalanceBeyondDepth([vec([1, 0]), vec([0, 1])], vec([2, 2]), vec([0.5, 0.5])), 0, 1e-15);
    near(imbalanceBeyondDepth([vec([1, 0]), vec([0, 1])], vec([2, 0]), vec([0.5, 0.5])), 1, 1e-15);
    // (1.5, −0.5) leaves (¾ + ¼)e1: imbalance 1, beyond its negativity ¼; e1 twice with (1, −1)
    // balances but charges the negativity, ½.
    expect(imbalanceBeyondDepth(targets, u, vec([1.5, -0.5]))).toBe(1);
    expect(imbalanceBeyondDepth([vec([1, 0]), vec([1, 0])], u, vec([1, -1]))).toBe(0.5);
    expect(imbalanceBeyondDepth(targets, u, vec([0, 0]))).toBe(1);
  });

  it('the depth is the smallest of the rows’ cosines with u in the box, and only a positive depth excuses', () => {
    // e1, e2 with λ = (½, ½): imbalance ‖(½, ½)‖₁ = 1. u = (1, ½): depth min(1, ½) = ½, leaving ½;
    // u = (4, 2), the same direction scaled: still ½; u = (1, −1): depth −1 excuses nothing.
    const rows = [vec([1, 0]), vec([0, 1])];
    near(imbalanceBeyondDepth(rows, vec([1, 0.5]), vec([0.5, 0.5])), 0.5, 1e-15);
    near(imbalanceBeyondDepth(rows, vec([4, 2]), vec([0.5, 0.5])), 0.5, 1e-15);
    near(imbalanceBeyondDepth(rows, vec([1, -1]), vec([0.5, 0.5])), 1, 1e-15);
    near(imbalanceBeyondDepth(rows, vec([0, 0]), vec([0.5, 0.5])), 1, 1e-15);
    // Rows of other lengths are normalised first: 3e1 and 2e2 weigh λ̂ ∝ (3, 2)·λ.
    near(imbalanceBeyondDepth([vec([3, 0]), vec([0, 2])], vec([1, 0.5]), vec([0.4, 0.6])), 0.5, 1e-15);
  });

  it('a zero target keeps its λ as its weight and adds nothing to the combination', () => {
    // a_1 = 0, a_2 = e1, λ = (1, 0): all the weight on the zero row: imbalance 0, depth
    // min(0, 1) = 0: nothing to charge. λ = (½, ½): weights (½, ½), combination ½e1.
    const targets = [vec([0, 0]), vec([1, 0])];
    expect(imbalanceBeyondDepth(targets, vec([1, 0]), vec([1, 0]))).toBe(0);
    near(imbalanceBeyondDepth(targets, vec([1, 0]), vec([0.5, 0.5])), 0.5, 1e-15);
  });
});
