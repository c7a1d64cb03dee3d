// Direct facts about T2's checks (src/theorems/t2-self-improvement.ts, THEORY §2 T2) beyond the
// worked instances of properties/model/checks.test.ts: T2.a's tolerance in units of the ceiling
// and its report without linear-value; T2.b's own seed, its resolution widened by rounding ties
// and its precondition on both sides; T2.c's input errors and its tolerance at extreme
// conditioning; the β → 0 limit (scale-free, the limit and not a stationary pair of early terms,
// the deepest term where Σ's rounding stops the settling test, a harness error where there is no
// limit to read); and what the generators draw for each part.
// Alignments are A(x) = <x,v*>_Σ/(‖x‖_Σ‖v*‖_Σ), worked out on each instance; Agr by Sheppard,
// 1 − arccos(A)/π, under a linear value.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diagLowRank } from '../../src/linalg/covariance.ts';
import { vec } from '../../src/linalg/vec.ts';
import { agreementMonteCarlo, sheppard } from '../../src/model/agreement.ts';
import { alignment, alignmentRounding, valueModel } from '../../src/model/value.ts';
import { HarnessError, InputError } from '../../src/numeric/errors.ts';
import { makeRng } from '../../src/numeric/rng.ts';
import { ABS_TOL, REL_TOL, scaledTol } from '../../src/numeric/tolerance.ts';
import { rlaifArbitrary } from '../../src/theorems/common/rlaif-instance.ts';
import { evaluatePart } from '../../src/theorems/evaluate.ts';
import T2, { convergedAlignment } from '../../src/theorems/t2-self-improvement.ts';
import type { TheoremPart } from '../../src/theorems/types.ts';
import { SUITE_SEED } from '../support/suite.ts';

const [T2a, T2b, T2c] = T2.parts;
const ALL = (p: TheoremPart) => new Set(p.tags);
const near = (a: number, b: number, tol = 1e-12) => expect(Math.abs(a - b), `${a} vs ${b}`).toBeLessThanOrEqual(tol);
const draws = (p: TheoremPart, inForce: ReadonlySet<string> = ALL(p), n = 400) => fc.sample(p.arbitrary(inForce), { seed: SUITE_SEED, numRuns: n });
/** Draws in d >= 2, where a direction lands on a boundary only when it is built to. */
const wide = (ds: Record<string, unknown>[]) => ds.filter((inst) => (inst.vStar as number[]).length >= 2);

describe('T2.a', () => {
  // v* = e1, Σ = I, μ = 20e1, g = −10e1: J(g) = <v*, μ + g> = 10, A(g) = −1; w = (−3,4): A(u_c) = −3/5.
  // ε = 50: the ceiling sqrt(2ε)‖v*‖_Σ = 10, so each policy moves J by 10·A: G(u_c) = −6, G(g) = −10.
  const inst = { vStar: [1, 0], mu: [20, 0], g: [-10, 0], w: [-3, 4], epsilon: 50 };

  it('under linear-value: the difference of gains over the ceiling equals dA, to a tolerance in units of the ceiling', () => {
    const e = evaluatePart(T2a, inst, ALL(T2a));
    near(e.quantities.ceiling, 10, 1e-14);
    near(e.quantities.gainJudge, -6, 1e-12);
    near(e.quantities.gainGeneration, -10, 1e-12);
    near(e.margin, 0, 1e-13); // (−6 + 10)/10 = 0.4 = −3/5 + 1
    // G's rounding scales with the largest of J(g) = 10, the gains and the ceiling 10; over the ceiling.
    near(e.tol, (REL_TOL * 10 + ABS_TOL) / 10, 1e-20);
  });

  it('without linear-value: the sign claim, reported with the shift it read, in units of the larger gain', () => {
    const e = evaluatePart(T2a, inst, new Set(['isotropic', 'converged']));
    expect(e.pre).toBe(true);
    near(e.quantities.alignmentJudge, -0.6, 1e-15);
    near(e.quantities.alignmentGeneration, -1, 1e-15);
    near(e.quantities.gainJudge, -6, 1e-12);
    near(e.quantities.gainGeneration, -10, 1e-12);
    // The judge's policy has mean 4, generation's 0: the shift moves J by 4.
    near(e.quantities.gainChange, 4, 1e-9);
    // sameSign(dA = 0.4, (G_judge − G_gen)/10 = 0.4) = 0.4.
    near(e.margin, 0.4, 1e-12);
    // J(g) = 10 is the largest size G's rounding scales with (the shifted laws' E|f| is about 4).
    near(e.tol, (REL_TOL * 10 + ABS_TOL) / 10, 1e-20);
  });

  it('a KL budget ε <= 0 is refused, naming epsilon', () => {
    for (const epsilon of [0, -1]) {
      expect(() => evaluatePart(T2a, { ...inst, epsilon }, ALL(T2a))).toThrow(InputError);
      expect(() => evaluatePart(T2a, { ...inst, epsilon }, new Set())).toThrow(/^epsilon: must be positive/);
    }
  });

  it('about one draw in four ties A(g) = A(u_c) (the zero clause), and constitutions are drawn', () => {
    const ds = wide(draws(T2a));
    expect(ds.length).toBeGreaterThanOrEqual(200);
    const ties = ds.filter((inst) => {
      const q = evaluatePart(T2a, inst, ALL(T2a)).quantities;
      return Math.abs(q.alignmentJudge - q.alignmentGeneration) <= 1e-10;
    });
    expect(ties.length / ds.length).toBeGreaterThanOrEqual(0.15);
    expect(ds.filter((inst) => inst.basis !== undefined).length / ds.length).toBeGreaterThanOrEqual(0.25);
  });
});

describe('T2.b', () => {
  it("an instance's seed fixes its own Monte Carlo draw (the `seed` field)", () => {
    const inst = { vStar: [1, 0], g: [-1, 0], w: [-1, 2], seed: 7 };
    const e = evaluatePart(T2b, inst, ALL(T2b));
    const M = valueModel(vec([1, 0]));
    const est = agreementMonteCarlo(M, [vec([-1, 2]), vec([-1, 0])], makeRng(7));
    expect([e.quantities.agreementJudge, e.quantities.agreementGeneration]).toEqual(est.estimates);
    expect(e.holds).toBe(true);
  });

  it('without linear-value: the sign of dA = A(u_c) − A(g) against the estimated difference of agreements', () => {
    // v* = e1, g = −e1 (A = −1, Agr = 0), w = (−1,2) (A = −1/√5, Agr = 1 − arccos(−1/√5)/π ≈ 0.352):
    // dA ≈ 0.553 > 0 although A(u_c) + A(g) < 0; the margin is min(dA, dAgr) = dAgr, resolvable.
    const e = evaluatePart(T2b, { vStar: [1, 0], g: [-1, 0], w: [-1, 2] }, new Set(['isotropic']));
    const predicted = sheppard(-1 / Math.sqrt(5)) - sheppard(-1);
    expect(e.pre).toBe(true);
    expect(e.holds).toBe(true);
    expect(Math.abs(e.margin - predicted)).toBeLessThanOrEqual(e.quantities.halfWidth);
    expect(e.margin).toBeGreaterThan(0.3);
  });

  it('a difference of alignments the sample cannot resolve decides nothing (pre false)', () => {
    // A(u_c) − A(g) ≈ 3.5e-7: a difference of agreements of that order is far below the half-width.
    const e = evaluatePart(T2b, { vStar: [1, 0], g: [1, 1 + 1e-6], w: [1, 1] }, new Set(['isotropic']));
    expect(Math.abs(e.quantities.alignmentJudge - e.quantities.alignmentGeneration)).toBeGreaterThan(1e-7);
    expect(e.pre).toBe(false);
  });

  it('a saturating link ties many pairs in floating point: the resolution widens, and the check still decides', () => {
    // f = tanh(1000x): f(s) = ±1 exactly for |s| > 0.02, so pairs of scores of one sign tie on f
    // (counted one half each). g = −v*, w = v*: the judge agrees on every untied pair, g on none.
    const e = evaluatePart(T2b, { vStar: [1, 0], g: [-1, 0], w: [1, 0], f: { kind: 'tanh', a: 1000, b: 0 } }, new Set(['isotropic']));
    expect(e.tol).toBeGreaterThanOrEqual(e.quantities.halfWidth + 0.2);
    expect(e.pre).toBe(true);
    expect(e.holds).toBe(true);
  });
});

describe('T2.c', () => {
  it('without converged, a β <= 0 is refused, naming beta', () => {
    const inst = { vStar: [1, 0], g: [1, 0], w: [0, 1] };
    for (const beta of [0, -2]) {
      expect(() => evaluatePart(T2c, { ...inst, beta }, new Set(['linear-value', 'isotropic']))).toThrow(InputError);
      expect(() => evaluatePart(T2c, { ...inst, beta }, new Set(['linear-value', 'isotropic']))).toThrow(/^beta: must be positive/);
    }
  });

  it('at κ(Σ) = 2^30 the two alignments compared carry Σ’s rounding: the tolerance widens, never narrows', () => {
    // Σ = diag(2^15, 2^-15), v* = (2^-15, 1): ‖v*‖²_Σ = 2^-14, A(e1) = A(e2) = 1/√2. g = −e1, w = e2:
    // the premise A(u_c) − A(g) = √2 holds, and the limit A(u_c) = 1/√2 >= A(g) = −1/√2.
    const inst = { SigmaDiag: [2 ** 15, 2 ** -15], vStar: [2 ** -15, 1], g: [-1, 0], w: [0, 1] };
    const e = evaluatePart(T2c, inst, new Set(['linear-value', 'converged']));
    expect(e.pre).toBe(true);
    expect(e.holds).toBe(true);
    near(e.margin, Math.SQRT2, 1e-9);
    expect(e.tol).toBeGreaterThanOrEqual(scaledTol(1));
  });

  it('its draws meet the premise about three times in four: T2’s draws, with g → −g exactly where the premise fails', () => {
    const inForce = ALL(T2c);
    const mine = draws(T2c, inForce);
    const base = fc.sample(rlaifArbitrary(inForce, { directions: ['g', 'w'], constitution: true, beta: true }), { seed: SUITE_SEED, numRuns: 400 });
    let met = 0;
    mine.forEach((inst, i) => {
      const b = base[i];
      const q = evaluatePart(T2c, b, inForce).quantities;
      const flipped = q.alignmentJudge > q.alignmentGeneration ? b : { ...b, g: (b.g as number[]).map((x) => (x === 0 ? 0 : -x)) };
      expect(inst).toEqual(flipped);
      const p = evaluatePart(T2c, inst, inForce).quantities;
      if (p.alignmentJudge - p.alignmentGeneration > scaledTol(1)) met++;
    });
    expect(met / mine.length).toBeGreaterThanOrEqual(0.6);
    expect(mine.filter((inst) => inst.basis !== undefined).length / mine.length).toBeGreaterThanOrEqual(0.25);
  });

  it('with converged dropped, every draw carries the β its claim is about', () => {
    const inForce = new Set(['linear-value', 'isotropic']);
    for (const inst of draws(T2c, inForce, 100)) {
      expect(inst.beta, JSON.stringify(inst)).toBeGreaterThan(0);
      expect(() => evaluatePart(T2c, inst, inForce)).not.toThrow();
    }
  });
});

describe('the β → 0 limit A(θ_β), θ_β = g + u_c/β', () => {
  it('is A(u_c) whatever the scales of g and u_c (alignment is scale-free)', () => {
    const M = valueModel(vec([1, 0]));
    const g = vec([-1, 1]);
    const uc = vec([2, 1]);
    for (const sg of [1e-6, 1, 1e6])
      for (const su of [1e-6, 1, 1e6]) {
        const limit = convergedAlignment(M, g.map((x) => sg * x) as Float64Array, uc.map((x) => su * x) as Float64Array);
        near(limit, 2 / Math.sqrt(5), 1e-9);
      }
  });

  it('is the limit, not a pair of equal early terms on a path along which A rises and falls', () => {
    // u_c = e1, g = e2: θ at β = 1 and β = 1/10 points at 45° and atan(1/10) ≈ 5.7°; v* is placed
    // on the bisector of those two, so A(θ_1) = A(θ_{1/10}) exactly, while the limit is A(e1).
    const phi = (Math.PI / 4 + Math.atan(0.1)) / 2;
    const M = valueModel(vec([Math.cos(phi), Math.sin(phi)]));
    near(convergedAlignment(M, vec([0, 1]), vec([1, 0])), Math.cos(phi), 1e-9);
  });

  it('is the limit when two deep terms agree on either side of A’s turning point (β = 10⁻³ and 10⁻⁴)', () => {
    // As above, but the equal pair sits past k = 4, where one settled step used to be enough:
    // v* on the bisector of atan(10⁻³) and atan(10⁻⁴) made the k = 3 and k = 4 terms agree and
    // the limit came back 5.0e-8 too high (0.99999989875 against A(e1) = 0.99999984875), five
    // times T2.c's tolerance. Along a line A turns at most once, so two settled steps in a row
    // can only be the limit.
    const phi = (Math.atan(1e-3) + Math.atan(1e-4)) / 2;
    const M = valueModel(vec([Math.cos(phi), Math.sin(phi)]));
    near(alignment(M, vec([1, 1e-3])), alignment(M, vec([1, 1e-4])), 1e-12);
    near(convergedAlignment(M, vec([0, 1]), vec([1, 0])), Math.cos(phi), 1e-10);
  });

  it('at κ(Σ) = 2^30, where Σ’s rounding stops the 1e-9 settling test, it is the deepest term, within 1e-9', () => {
    // Σ = diag(2^15, 2^-15), v* = (2^-15, 1), g = e1, u_c = e2 (β₀ = 1): A(θ_β) − 1/√2 ≈ 2^14.5·β,
    // so successive terms still differ by ~2e-9 at β = 1e-13…1e-14, and the deepest, β = 1e-14, is
    // 2.3e-10 from the limit.
    const M = valueModel(vec([2 ** -15, 1]), { Sigma: diagLowRank(vec([2 ** 15, 2 ** -15]), []) });
    near(alignment(M, vec([0, 1])), Math.SQRT1_2, 1e-15);
    expect(alignmentRounding(M)).toBeGreaterThan(1e-9);
    near(convergedAlignment(M, vec([1, 0]), vec([0, 1])), Math.SQRT1_2, 1e-9);
  });

  it('is a harness error where no term can be computed (an overflowing readout), never a number', () => {
    const M = valueModel(vec([1, 0]), { Sigma: diagLowRank(vec([2, 1]), []) });
    expect(() => convergedAlignment(M, vec([1e300, 0]), vec([0, 1]))).toThrow(HarnessError);
    expect(() => convergedAlignment(M, vec([1e300, 0]), vec([0, 1]))).toThrow(/did not settle/);
    expect(() => convergedAlignment(valueModel(vec([1, 0])), vec([1e300, 0]), vec([0, 1]))).toThrow(/did not settle/);
  });
});
