// The T1 and T2 checks, and the evaluation harness, on worked instances whose every quantity is
// computed by hand here. The family properties (t1-gain-law.test.ts, t2-self-improvement.test.ts)
// show the claims hold over the generator; these pin down what each check reports (margin,
// tolerance, precondition, quantities), so that a check which silently computed something else
// would be noticed even where the claim still held.
import { describe, expect, it } from 'vitest';
import type { Instance } from '../../src/instance/reader.ts';
import { vec } from '../../src/linalg/vec.ts';
import { hoeffding, MC_ALPHA, MC_SAMPLES } from '../../src/model/agreement.ts';
import { valueModel } from '../../src/model/value.ts';
import { HarnessError, InputError } from '../../src/numeric/errors.ts';
import { ABS_TOL, REL_TOL } from '../../src/numeric/tolerance.ts';
import { evaluatePart } from '../../src/theorems/evaluate.ts';
import T1Family from '../../src/theorems/t1-gain-law.ts';
import T2Family, { convergedAlignment } from '../../src/theorems/t2-self-improvement.ts';

const [T1, T1a, T1b] = T1Family.parts;
const [T2a, T2b, T2c] = T2Family.parts;
import type { Evaluation, TheoremPart } from '../../src/theorems/types.ts';

const near = (a: number, b: number, tol = 1e-12) => expect(Math.abs(a - b), `${a} vs ${b}`).toBeLessThanOrEqual(tol);
const ALL = (p: TheoremPart) => new Set(p.tags);
const SQRT1_2 = Math.SQRT1_2;

describe('T1 on worked instances', () => {
  // Σ = [[2,1],[1,2]], v* = e1: ‖v*‖_Σ = √2; u = e2: A = <e2,e1>_Σ/(√2·√2) = 1/2;
  // ε = 2: ceiling = sqrt(2ε)·‖v*‖_Σ = 2√2, G = ceiling·A = √2.
  const base = { Sigma: [[2, 1], [1, 2]], vStar: [1, 0], g: [1, 1], epsilon: 2 };
  it('the gain law: G from J equals sqrt(2ε)‖v*‖_Σ A(u)', () => {
    const e = evaluatePart(T1, { ...base, u: [0, 1] }, ALL(T1));
    near(e.quantities.alignment, 0.5, 1e-15);
    near(e.quantities.gain, Math.SQRT2, 1e-14);
    near(e.quantities.predictedGain, Math.SQRT2, 1e-14);
    expect(e.margin).toBeLessThanOrEqual(0);
    expect(e.margin).toBeGreaterThanOrEqual(-1e-14);
    // tol = scaledTol(J(g), G, ceiling)/ceiling, J(g) = <g,v*>_Σ = 3 is the largest magnitude.
    near(e.tol, (REL_TOL * 3 + ABS_TOL) / (2 * Math.SQRT2), 1e-22);
    expect(e.pre).toBe(true);
    expect(e.holds).toBe(true);
  });
  it('the default budget is ε = 1, and μ enters J but not the gain', () => {
    const e = evaluatePart(T1, { vStar: [1, 0], g: [0, 1], u: [1, 1], mu: [5, 0] }, ALL(T1));
    near(e.quantities.gain, 1, 1e-14); // sqrt(2)·1·(1/√2)
    near(e.quantities.alignment, SQRT1_2, 1e-15);
    near(e.tol, (REL_TOL * 5 + ABS_TOL) / Math.SQRT2, 1e-20); // J(g) = <v*,μ> = 5 dominates; ceiling √2
  });
  it('T1.a: the margin is the smaller of the two normalised sides when signs agree', () => {
    near(evaluatePart(T1a, { ...base, u: [0, 1] }, ALL(T1a)).margin, 0.5, 1e-14);
    near(evaluatePart(T1a, { ...base, u: [0, -1] }, ALL(T1a)).margin, 0.5, 1e-14);
    // u = e1 − e2/2: <u,v*>_Σ = 2 − 1/2 = 3/2, ‖u‖²_Σ = 2 − 1 + 1/2 = 3/2, A = (3/2)/(sqrt(3/2)·√2) = sqrt(3)/2
    near(evaluatePart(T1a, { ...base, u: [1, -0.5] }, ALL(T1a)).margin, Math.sqrt(3) / 2, 1e-14);
    // A ceiling below 1 (ε = 1/8: sqrt(2ε)·‖e1‖ = 1/2): the gain side is G/ceiling = A, not G.
    near(evaluatePart(T1a, { vStar: [1, 0], g: [0, 0], u: [1, 1], epsilon: 0.125 }, ALL(T1a)).margin, SQRT1_2, 1e-14);
  });
  it('T1.b: 1 − G/ceiling off the ray of v*; 0 with collinear flagged on it; the opposite ray is not collinear', () => {
    // Under linear-value the "iff" is checked as the equality 1 − G/ceiling = ½‖û − v̂‖²_Σ,
    // so a correct gain has margin 0 everywhere; with linear-value dropped the claim as stated
    // is read, and off the ray the margin is the distance below the ceiling, 1 − G/ceiling.
    const off = evaluatePart(T1b, { ...base, u: [0, 1] }, ALL(T1b));
    near(off.margin, 0, 1e-14);
    near(off.quantities.halfSquaredGap, 0.5, 1e-14);
    near(evaluatePart(T1b, { ...base, u: [0, 1] }, new Set()).margin, 0.5, 1e-14);
    expect(off.quantities.collinear).toBe(0);
    near(off.quantities.ceiling, 2 * Math.SQRT2, 1e-14);
    const on = evaluatePart(T1b, { ...base, u: [3, 0] }, ALL(T1b));
    expect(on.quantities.collinear).toBe(1);
    // Collinearity compares unit vectors: ‖v*‖ = 3 and ‖u‖ = 2 are still on one ray.
    expect(evaluatePart(T1b, { ...base, vStar: [3, 0], u: [2, 0] }, ALL(T1b)).quantities.collinear).toBe(1);
    near(on.margin, 0, 1e-14);
    const opposite = evaluatePart(T1b, { ...base, u: [-2, 0] }, ALL(T1b));
    expect(opposite.quantities.collinear).toBe(0);
    near(opposite.margin, 0, 1e-14);
    near(evaluatePart(T1b, { ...base, u: [-2, 0] }, new Set()).margin, 2, 1e-14);
    // Nearly collinear (1e-9 off the ray): not collinear, and the margin is 1 − A ≈ 0.
    const near1 = evaluatePart(T1b, { ...base, u: [1, 1e-9] }, ALL(T1b));
    expect(near1.quantities.collinear).toBe(0);
  });
  it('u = 0 and ε <= 0 are refused', () => {
    expect(() => evaluatePart(T1, { vStar: [1], g: [0], u: [0] }, ALL(T1))).toThrow(/u: must be a non-zero vector/);
    expect(() => evaluatePart(T1, { vStar: [1], g: [0], u: [1], epsilon: 0 }, ALL(T1))).toThrow(/epsilon: must be positive/);
  });
});

describe('T2 on worked instances', () => {
  // v* = e1, g = e2: A(g) = 0. w = (1,1) with constitution span{e1}: u_c = e1, A(u_c) = 1.
  const better = { vStar: [1, 0], g: [0, 1], w: [1, 1], basis: [[1, 0]] };
  it('T2.a: under linear-value the gain difference equals the ceiling times the alignment difference; without it, signs', () => {
    const e = evaluatePart(T2a, better, ALL(T2a));
    expect(e.quantities.alignmentJudge).toBe(1);
    expect(e.quantities.alignmentGeneration).toBe(0);
    near(e.quantities.gainJudge, Math.SQRT2, 1e-14);
    near(e.quantities.gainGeneration, 0, 1e-15);
    near(e.quantities.ceiling, Math.SQRT2, 1e-15);
    // (√2 − 0)/√2 = 1 = A(u_c) − A(g): the equality holds to rounding.
    near(e.margin, 0, 1e-14);
    // The sign reading (linear-value dropped), normalised by the larger gain.
    const NO_LINEAR = new Set(['isotropic', 'converged']);
    near(evaluatePart(T2a, better, NO_LINEAR).margin, 1, 1e-14);
    // Its tolerance: REL_TOL relative to the size of J's integrand (E|f|, here about 1), per unit gain.
    const signTol = evaluatePart(T2a, better, NO_LINEAR).tol;
    expect(signTol).toBeGreaterThanOrEqual(REL_TOL);
    expect(signTol).toBeLessThan(2 * REL_TOL);
    // Worse judge: u_c = e2 (A = 0) against g = (1,1) (A = 1/√2): gains 0 and 1.
    const worse = evaluatePart(T2a, { vStar: [1, 0], g: [1, 1], w: [0, 1] }, ALL(T2a));
    near(worse.quantities.gainGeneration, 1, 1e-14);
    near(worse.margin, 0, 1e-14);
    near(evaluatePart(T2a, { vStar: [1, 0], g: [1, 1], w: [0, 1] }, NO_LINEAR).margin, SQRT1_2, 1e-14);
    // Equal alignment and no gain either way: the zero clause (dA = 0 ⇒ equal gains) holds at 0,
    // and an all-zero gain pair normalises by 1.
    const tie = evaluatePart(T2a, { vStar: [1, 0], g: [0, 1], w: [0, 2] }, NO_LINEAR);
    expect(tie.margin === 0).toBe(true);
    expect(tie.pre).toBe(true);
    expect(tie.tol).toBeLessThan(2 * REL_TOL);
    const eps = evaluatePart(T2a, { ...better, epsilon: 8 }, ALL(T2a));
    near(eps.quantities.gainJudge, 4, 1e-14); // sqrt(2·8)·1·1
  });
  it('T2.b: Monte Carlo agreement with its Hoeffding bound; a perfect judge agrees on every pair', () => {
    const e = evaluatePart(T2b, { ...better, seed: 5 }, ALL(T2b));
    expect(e.quantities.agreementJudge).toBe(1);
    const hw = hoeffding(MC_SAMPLES, MC_ALPHA / 4, 2);
    expect(e.quantities.halfWidth).toBe(hw);
    expect(e.tol).toBe(hw);
    near(e.quantities.agreementGeneration, 0.5, hw);
    // Under linear-value: the estimated difference against Sheppard's, 1 − 1/2 = 1/2.
    near(e.quantities.predictedDifference, 0.5, 1e-15);
    near(e.margin, -Math.abs(1 - e.quantities.agreementGeneration - 0.5), 1e-15);
    expect(e.holds).toBe(true);
    // The sign reading: sameSign(1, dAgr) = min(1, dAgr) = dAgr.
    const NO_LINEAR = new Set(['isotropic', 'converged']);
    near(evaluatePart(T2b, { ...better, seed: 5 }, NO_LINEAR).margin, 1 - e.quantities.agreementGeneration, 1e-15);
    expect(e.pre).toBe(true);
    // The `seed` field selects the sample; without it the instance hashes to its own seed.
    expect(evaluatePart(T2b, { ...better, seed: 5 }, ALL(T2b)).quantities).toEqual(e.quantities);
    expect(evaluatePart(T2b, { ...better, seed: 6 }, ALL(T2b)).quantities.agreementGeneration).not.toBe(e.quantities.agreementGeneration);
    expect(evaluatePart(T2b, better, ALL(T2b)).quantities.agreementGeneration).not.toBe(e.quantities.agreementGeneration);
    // Equally aligned directions: the zero clause decides the draw (dA = 0 ⇒ equal agreements),
    // checked as −|dAgr| within the Monte Carlo resolution.
    const flat = evaluatePart(T2b, { vStar: [1, 0], g: [0, 1], w: [0, -1], seed: 1 }, NO_LINEAR);
    expect(flat.pre).toBe(true);
    expect(flat.margin).toBe(-Math.abs(flat.quantities.agreementJudge - flat.quantities.agreementGeneration));
    expect(flat.holds).toBe(true);
    expect(evaluatePart(T2b, { vStar: [1, 0], g: [0, 1], w: [0, -1], seed: 1 }, ALL(T2b)).holds).toBe(true);
  });
  it('T2.c: the converged limit, the finite-β reading, and a failed premise', () => {
    // g = (−1, 1): A(g) = −1/√2; u_c = e1: A = 1; θ_β → direction e1 as β → 0.
    const inst = { vStar: [1, 0], g: [-1, 1], w: [1, 0] };
    const conv = evaluatePart(T2c, inst, ALL(T2c));
    near(conv.quantities.alignmentLimit, 1, 1e-9);
    expect(conv.quantities.alignmentPolicy).toBeUndefined();
    near(conv.margin, 1 + SQRT1_2, 1e-9);
    expect(conv.pre).toBe(true);
    near(conv.tol, REL_TOL + ABS_TOL, 1e-20);
    // With β = 1 given: θ = g + u_c = e2, A = 0; under `converged` the limit still decides.
    const withBeta = evaluatePart(T2c, { ...inst, beta: 1 }, ALL(T2c));
    expect(withBeta.quantities.alignmentPolicy).toBe(0);
    near(withBeta.margin, 1 + SQRT1_2, 1e-9);
    const finite = evaluatePart(T2c, { ...inst, beta: 1 }, new Set(['linear-value', 'isotropic']));
    near(finite.margin, SQRT1_2, 1e-14);
    // β = 4: θ = (−3/4, 1), A = −3/5 > −1/√2: holds with margin 1/√2 − 3/5.
    near(evaluatePart(T2c, { ...inst, beta: 4 }, new Set(['linear-value', 'isotropic'])).margin, SQRT1_2 - 0.6, 1e-14);
    expect(() => evaluatePart(T2c, inst, new Set(['linear-value', 'isotropic']))).toThrow(/missing field "beta"/);
    // Premise fails (A(u_c) = 0 < A(g) = 1): margin = −premise = 1, no precondition.
    const vacuous = evaluatePart(T2c, { vStar: [1, 0], g: [1, 0], w: [0, 1] }, ALL(T2c));
    expect(vacuous.pre).toBe(false);
    near(vacuous.margin, 1, 1e-9);
  });
  it('the β → 0 limit: settles to A(u_c), or to A(g) when u_c = 0', () => {
    const M = valueModel(vec([1, 0]));
    near(convergedAlignment(M, vec([-1, 1]), vec([1, 0])), 1, 1e-9);
    near(convergedAlignment(M, vec([-1, 1]), vec([0, 0])), -SQRT1_2, 1e-15);
    near(convergedAlignment(M, vec([0, 0]), vec([0, 3])), 0, 1e-15);
    near(convergedAlignment(M, vec([3, 1]), vec([-2, 0])), -1, 1e-9);
  });
});

describe('the evaluation harness', () => {
  const fake = (evaluate: (inst: Instance) => Evaluation): TheoremPart => ({
    id: 'X',
    title: 'fake',
    statement: 'fake',
    paperClaims: [],
    tags: [],
    arbitrary: () => {
      throw new Error('unused');
    },
    evaluate,
  });
  const ok: Evaluation = { margin: 0, tol: 1e-8, quantities: { q: 1 }, pre: true };
  it('holds iff margin >= −tol, with the evaluation passed through', () => {
    expect(evaluatePart(fake(() => ok), {}, new Set())).toEqual({ ...ok, holds: true });
    expect(evaluatePart(fake(() => ({ ...ok, margin: -1e-8 })), {}, new Set()).holds).toBe(true);
    expect(evaluatePart(fake(() => ({ ...ok, margin: -2e-8 })), {}, new Set()).holds).toBe(false);
    expect(evaluatePart(fake(() => ({ ...ok, tol: 0, margin: -Number.MIN_VALUE })), {}, new Set()).holds).toBe(false);
    expect(evaluatePart(fake(() => ({ ...ok, tol: 0 })), {}, new Set()).holds).toBe(true);
  });
  it('non-finite outputs are harness errors naming the part and the quantity', () => {
    expect(() => evaluatePart(fake(() => ({ ...ok, margin: NaN })), {}, new Set())).toThrow(new HarnessError('X: margin is not finite (NaN)'));
    expect(() => evaluatePart(fake(() => ({ ...ok, margin: Infinity })), {}, new Set())).toThrow(HarnessError);
    expect(() => evaluatePart(fake(() => ({ ...ok, tol: -1 })), {}, new Set())).toThrow(new HarnessError('X: tolerance is not a finite non-negative number (-1)'));
    expect(() => evaluatePart(fake(() => ({ ...ok, tol: Infinity })), {}, new Set())).toThrow(HarnessError);
    expect(() => evaluatePart(fake(() => ({ ...ok, tol: NaN })), {}, new Set())).toThrow(HarnessError);
    expect(() => evaluatePart(fake(() => ({ ...ok, quantities: { a: 1, b: -Infinity } })), {}, new Set())).toThrow(new HarnessError('X: quantity b is not finite (-Infinity)'));
  });
  it('a crash is a harness error; input and harness errors pass through; the instance is validated first', () => {
    const crash = fake(() => {
      throw new TypeError('boom');
    });
    expect(() => evaluatePart(crash, {}, new Set())).toThrow(new HarnessError('X: evaluation crashed: boom'));
    const input = fake(() => {
      throw new InputError('bad field');
    });
    expect(() => evaluatePart(input, {}, new Set())).toThrow(new InputError('bad field'));
    const harness = fake(() => {
      throw new HarnessError('h');
    });
    expect(() => evaluatePart(harness, {}, new Set())).toThrow(new HarnessError('h'));
    let called = false;
    const spy = fake(() => ((called = true), ok));
    expect(() => evaluatePart(spy, { nope: 1 }, new Set())).toThrow(/unknown field "nope"/);
    expect(called).toBe(false);
  });
});
