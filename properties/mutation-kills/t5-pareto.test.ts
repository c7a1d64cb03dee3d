// Direct facts about the T5 checks (src/theorems/t5-pareto.ts, THEORY §2 T5) on worked
// instances whose numbers are computed by hand here (Σ = I throughout, so a_i = Σv_i = v_i):
//   T5.a: which side of Gordan's alternative each LP certifies, the margin each side gives (the
//         witness's cone margin, or minus the multipliers' residual) and the quantities reported;
//   T5.b: the exact share (π − φ)/(2π), the Bernstein half-width with the variance the claim
//         implies (or Hoeffding's where that is smaller), and the `seed` field seeding the sample;
//   T5.c: the max-min margins with and without the added objective, solved by hand, and the
//         certificate that LP 1's direction attains its own t*;
//   T5.d: the margin in units of Σλ_i‖v_i‖_Σ·max‖v_j‖_Σ, with the slack and the floor each the
//         smallest term on an instance of its own, and the quantities;
// plus the input errors (each names its field) and the generators of the untagged parts drawing
// Σ ≠ I (THEORY: with no tag, Σ is any SPD matrix). The teeth (LPs broken on purpose) are in
// t5-pareto-broken-lp.test.ts, where the model is mocked for the whole file.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { vec } from '../../src/linalg/vec.ts';
import { coneFractionMonteCarlo } from '../../src/model/pareto.ts';
import { MC_SAMPLES } from '../../src/numeric/bounds.ts';
import { InputError } from '../../src/numeric/errors.ts';
import { makeRng } from '../../src/numeric/rng.ts';
import { evaluatePart } from '../../src/theorems/evaluate.ts';
import T5 from '../../src/theorems/t5-pareto.ts';
import type { TheoremPart } from '../../src/theorems/types.ts';
import { SUITE_SEED } from '../support/suite.ts';

const [T5a, T5b, T5c, T5d] = T5.parts;
const ALL = (p: TheoremPart) => new Set(p.tags);
const near = (a: number, b: number, tol = 1e-12) => expect(Math.abs(a - b), `${a} vs ${b}`).toBeLessThanOrEqual(tol);

describe('T5.a: each side of Gordan’s alternative', () => {
  it('C ≠ ∅ (e1, e2): LP 1 claims it with t* = 1 at u = (1, 1), no multipliers; the margin is u’s cone margin 1/√2', () => {
    const e = evaluatePart(T5a, { values: [[1, 0], [0, 1]] }, ALL(T5a));
    near(e.quantities.tStar, 1, 1e-9);
    near(e.quantities.witnessMargin, Math.SQRT1_2, 1e-9);
    expect(e.quantities.coneNonEmpty).toBe(1);
    expect(e.quantities.lambdaFound).toBe(0);
    expect('lambdaResidual' in e.quantities).toBe(false);
    expect(e.margin).toBe(e.quantities.witnessMargin);
    expect(e.holds).toBe(true);
  });

  it('C = ∅ (e1 and −2e1): no witness claimed (t* = 0), multipliers found, residual 0, margin −residual', () => {
    const e = evaluatePart(T5a, { values: [[1, 0], [-2, 0]] }, ALL(T5a));
    near(e.quantities.tStar, 0, 1e-9);
    expect(e.quantities.coneNonEmpty).toBe(0);
    expect(e.quantities.lambdaFound).toBe(1);
    near(e.quantities.lambdaResidual, 0, 1e-9);
    near(e.quantities.excessImbalance, 0, 1e-9);
    expect(e.margin).toBe(-e.quantities.excessImbalance);
    expect(e.holds).toBe(true);
  });

  it('C thinner than the LPs can resolve (e1 and (−1, 1e-9)): λ = (½, ½) leaves 5e-10 unbalanced; LP 1 found no depth (u = (0, −1)), so the margin is −5e-10', () => {
    // C = {0 < u1 < 1e-9·u2} is not empty, but its max-min margin (≈ 5e-10) is below LP_TOL and
    // HiGHS reports t* = 0 at u = (0, −1), a direction of depth 0. LP 2's multipliers (½, ½) on
    // e1 and (−1, 1e-9) sum to (0, 5e-10): relative imbalance 5e-10, and ‖·‖₁ = 5e-10 on the
    // unit rows, none of it excused by a depth. The check reads minus that, within tol.
    const e = evaluatePart(T5a, { values: [[1, 0], [-1, 1e-9]] }, ALL(T5a));
    expect(e.quantities.coneNonEmpty).toBe(0);
    expect(e.quantities.lambdaFound).toBe(1);
    near(e.quantities.lambdaResidual, 5e-10, 1e-15);
    near(e.quantities.excessImbalance, 5e-10, 1e-15);
    expect(e.margin).toBe(-e.quantities.excessImbalance);
    expect(e.margin).toBeLessThan(0);
    expect(e.holds).toBe(true);
  });

  it('a cone just thinner than LP_TOL in d = 3 holds: λ is charged only the imbalance beyond LP 1’s depth (it was −1.1e-7 against tol 1e-7)', () => {
    // values e1, e2, (−1, −1, ε) with ε = 3.3e-7: C ≠ ∅ (u3 large), depth t* = ε/(2 + √2) ≈ 9.7e-8,
    // just under LP_TOL, so not claimed; LP 2 returns λ = (⅓, ⅓, ⅓), whose relative residual ε/3 =
    // 1.1e-7 read as the margin made a valid cone a violation. On LP 1's scale the same λ is
    // λ̂ = (1, 1, √2)/(2 + √2) with ‖Σλ̂_i â_i‖₁ = ε/(2 + √2): no more than the depth.
    for (const eps of [3.0e-7, 3.1e-7, 3.2e-7, 3.3e-7, 3.4e-7, 3.45e-7]) {
      const e = evaluatePart(T5a, { values: [[1, 0, 0], [0, 1, 0], [-1, -1, eps]] }, ALL(T5a));
      expect(e.holds, `ε = ${eps}`).toBe(true);
      // below 3.45e-7 LP 1 does not claim the cone and λ's imbalance is its depth; from there on
      // LP 1 claims it (t* > LP_TOL), LP 2 finds no λ, and the margin is u's positive cosine.
      if (e.quantities.lambdaFound) near(e.margin, 0, 1e-12);
      else expect(e.margin, `ε = ${eps}`).toBeGreaterThan(0);
    }
  });
});

describe('T5.b on worked instances', () => {
  const L = Math.log(2 / 1e-7);
  const hoeffding = Math.sqrt(L / (2 * MC_SAMPLES));

  it('φ = π/2: share 1/4; the half-width t solves n·t² = L·(2·(1/4)(3/4) + 2t/3) and is below Hoeffding’s', () => {
    const e = evaluatePart(T5b, { values: [[1, 0], [0, 2]] }, ALL(T5b));
    near(e.quantities.phi, Math.PI / 2, 1e-15);
    near(e.quantities.fraction, 0.25, 1e-15);
    const t = e.quantities.halfWidth;
    near(MC_SAMPLES * t * t, L * (2 * (3 / 16) + (2 * t) / 3), 1e-9);
    expect(t).toBeLessThan(hoeffding);
    expect(e.tol).toBe(t);
    expect(e.margin).toBe(-Math.abs(e.quantities.estimate - 0.25));
    expect(Math.abs(e.quantities.estimate - 0.25)).toBeLessThanOrEqual(t);
  });

  it('φ = 0: share 1/2, where Bernstein’s width is a hair above Hoeffding’s, so the half-width is Hoeffding’s', () => {
    const e = evaluatePart(T5b, { values: [[1, 1], [2, 2]] }, ALL(T5b));
    near(e.quantities.phi, 0, 1e-7);
    near(e.quantities.fraction, 0.5, 1e-7);
    near(e.quantities.halfWidth, hoeffding, 1e-15);
    near(e.quantities.estimate, 0.5, hoeffding);
  });

  it('a `seed` field seeds the Monte Carlo sample: the estimate is the share of makeRng(seed)’s directions, whatever the scale of the values', () => {
    const targets = [vec([1, 0]), vec([-1, 0.1])];
    const expected = coneFractionMonteCarlo(targets, makeRng(7), MC_SAMPLES);
    const e = evaluatePart(T5b, { values: [[1, 0], [-1, 0.1]], seed: 7 }, ALL(T5b));
    expect(e.quantities.estimate).toBe(expected);
    // Scaling the objectives leaves C, hence the seeded sample's share, unchanged.
    expect(evaluatePart(T5b, { values: [[3, 0], [-2, 0.2]], seed: 7 }, ALL(T5b)).quantities.estimate).toBe(expected);
  });

  it('exactly two non-zero objectives: a third, a lone one, or a zero vector is an input error naming values', () => {
    expect(() => evaluatePart(T5b, { values: [[1, 0], [0, 1], [1, 1]] }, ALL(T5b))).toThrow(InputError);
    expect(() => evaluatePart(T5b, { values: [[1, 0], [0, 1], [1, 1]] }, ALL(T5b))).toThrow(/values: T5\.b takes exactly two objectives \(got 3\)/);
    expect(() => evaluatePart(T5b, { values: [[1, 0]] }, ALL(T5b))).toThrow(/values: expected at least 2/);
    expect(() => evaluatePart(T5b, { values: [[1, 0], [0, 0]] }, ALL(T5b))).toThrow(InputError);
    expect(() => evaluatePart(T5b, { values: [[1, 0], [0, 0]] }, ALL(T5b))).toThrow(/values\[1\]: must be a non-zero vector/);
    expect(() => evaluatePart(T5b, { values: [[0, 0], [1, 0]] }, ALL(T5b))).toThrow(/values\[0\]: must be a non-zero vector/);
  });
});

describe('T5.c on a worked instance', () => {
  // v1 = e1, v2 = (−1, 1), v3 = (1, −½); normalised â2 = (−1, 1)/√2, â3 = (2, −1)/√5; box |u|∞ <= 1.
  // Without v3: t = min(u1, (u2 − u1)/√2) is largest at u2 = 1, u1 = (1 − u1)/√2: t*_m = √2 − 1.
  // With v3: the second and third constraints bind: u1 = (√2 + √5)t, u2 = u1 + √2·t = 1, so
  // t*_{m+1} = 1/(2√2 + √5); that u attains min(u1, t) = t on v1, v2.
  const tFewer = Math.SQRT2 - 1;
  const tMore = 1 / (2 * Math.SQRT2 + Math.sqrt(5));

  it('t*_m = √2 − 1, t*_{m+1} = 1/(2√2 + √5), and LP 1’s direction attains exactly its own t* (margin 0)', () => {
    const e = evaluatePart(T5c, { values: [[1, 0], [-1, 1], [1, -0.5]] }, ALL(T5c));
    near(e.quantities.tFewer, tFewer, 1e-9);
    near(e.quantities.tMore, tMore, 1e-9);
    near(e.quantities.attainedMore, tMore, 1e-9);
    near(e.quantities.attainedFewer, tMore, 1e-9);
    // The other two terms are t*_m − t*_{m+1} ≈ 0.217 > 0: the conjunction is as weak as the
    // feasibility certificate, which an optimal LP makes tight.
    near(e.margin, 0, 1e-9);
    expect(e.holds).toBe(true);
  });

  it('a lone objective is an input error naming values (there is nothing to add to)', () => {
    expect(() => evaluatePart(T5c, { values: [[1, 0]] }, ALL(T5c))).toThrow(InputError);
    expect(() => evaluatePart(T5c, { values: [[1, 0]] }, ALL(T5c))).toThrow(/values: expected at least 2/);
  });
});

describe('T5.d on worked instances', () => {
  it('the floor is the smallest term: v = (½, 0), (1, 1), λ = (1, 1) gives margin (1/4)/((½ + √2)·√2)', () => {
    // u = (3/2, 1); <u, v> = (3/4, 5/2); floors λ_j‖v_j‖² = (1/4, 2); slacks (1/2, 1/2);
    // unit (Σλ_i‖v_i‖)·max‖v_j‖ = (½ + √2)·√2.
    const e = evaluatePart(T5d, { values: [[0.5, 0], [1, 1]], lambda: [1, 1] }, ALL(T5d));
    near(e.margin, 0.25 / ((0.5 + Math.SQRT2) * Math.SQRT2), 1e-15);
    near(e.quantities.minImprovement, 0.75, 1e-15);
    near(e.quantities.minSlack, 0.5, 1e-15);
    expect(e.holds).toBe(true);
  });

  it('a slack is the smallest term: v = e1, (1, 1), λ = (1, 1/10) gives margin (1/10)/(√2 + 1/5)', () => {
    // u = (1.1, 0.1); <u, v> = (1.1, 1.2); floors (1, 0.2); slacks (0.1, 1); unit (1 + √2/10)·√2.
    const e = evaluatePart(T5d, { values: [[1, 0], [1, 1]], lambda: [1, 0.1] }, ALL(T5d));
    near(e.margin, 0.1 / (Math.SQRT2 + 0.2), 1e-14);
    near(e.quantities.minImprovement, 1.1, 1e-14);
    near(e.quantities.minSlack, 0.1, 1e-14);
  });

  it('conflicting objectives fail: v = e1, (−1, 1), λ = (1, 1) harms v1 (<u, v1> = 0 < λ1‖v1‖² = 1)', () => {
    // u = (0, 1); slacks (0 − 1, 1 − 2) = (−1, −1); unit (1 + √2)·√2.
    const e = evaluatePart(T5d, { values: [[1, 0], [-1, 1]], lambda: [1, 1] }, new Set());
    near(e.margin, -1 / ((1 + Math.SQRT2) * Math.SQRT2), 1e-14);
    expect(e.holds).toBe(false);
  });

  it('λ must be non-negative and not all zero: input errors naming lambda', () => {
    expect(() => evaluatePart(T5d, { values: [[1, 0], [0, 1]], lambda: [1, -1] }, ALL(T5d))).toThrow(InputError);
    expect(() => evaluatePart(T5d, { values: [[1, 0], [0, 1]], lambda: [1, -1] }, ALL(T5d))).toThrow(/lambda\[1\]: must be non-negative \(got -1\)/);
    expect(() => evaluatePart(T5d, { values: [[1, 0], [0, 1]], lambda: [0, 0] }, ALL(T5d))).toThrow(InputError);
    expect(() => evaluatePart(T5d, { values: [[1, 0], [0, 1]], lambda: [0, 0] }, ALL(T5d))).toThrow(/lambda: must not be all zero/);
  });
});

describe('generators of the parts without `isotropic`', () => {
  // THEORY T5: only T5.b is tagged `isotropic`; for T5.a, T5.c and T5.d Σ is any SPD matrix, so
  // their generators must reach Σ ≠ I (a covariance field that is not the identity).
  const identity = (S: number[][]) => S.every((row, i) => row.every((x, j) => x === (i === j ? 1 : 0)));
  const nonIsotropic = (inst: Record<string, unknown>) =>
    ('Sigma' in inst && !identity(inst.Sigma as number[][])) || 'SigmaDiag' in inst || 'SigmaFactor' in inst;
  for (const part of [T5a, T5c, T5d]) {
    it(`${part.id} draws Σ ≠ I`, () => {
      const draws = fc.sample(part.arbitrary(ALL(part), {}), { seed: SUITE_SEED, numRuns: 40 }) as Record<string, unknown>[];
      expect(draws.filter(nonIsotropic).length).toBeGreaterThan(0);
    });
  }
});
