// Direct facts about T7's two checks (src/theorems/t7-refusal.ts), beyond "each part holds under
// its full tags" (t7-refusal.test.ts): what T7.a and T7.b report on worked instances whose every
// number is computed by hand here, how their instance errors name the field at fault, and, with
// a deliberately broken model in place of src/model/ablation.ts (as in teeth.test.ts), that each
// half of each conjunction fails on its own by the amount its margin states.
//
// T7.a (THEORY §2): v* = r, h ↦ (I − r̂r̂ᵀ)h leaves every judge with A = 0 and Agr = 1/2. The
// margin is min(−|A|, halfWidth + tieBias − |Agr − 1/2| − tol): both equalities folded into one.
// T7.b: each update P_t w/β_t lies in S_t, every θ_t − g in S_1 + … + S_T, rank ≤ dim of the sum.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { vec } from '../../src/linalg/vec.ts';
import type * as Ablation from '../../src/model/ablation.ts';
import { ablatedAgreementMonteCarlo } from '../../src/model/ablation.ts';
import { valueModel } from '../../src/model/value.ts';
import { hoeffding, MC_ALPHA, MC_SAMPLES } from '../../src/numeric/bounds.ts';
import { InputError } from '../../src/numeric/errors.ts';
import { makeRng } from '../../src/numeric/rng.ts';
import { ABS_TOL, REL_TOL } from '../../src/numeric/tolerance.ts';
import type * as Evaluate from '../../src/theorems/evaluate.ts';
import { evaluatePart } from '../../src/theorems/evaluate.ts';
import T7 from '../../src/theorems/t7-refusal.ts';
import type { TheoremPart } from '../../src/theorems/types.ts';

const [T7a, T7b] = T7.parts;
const ISO = new Set(T7a.tags);
const NONE = new Set<string>();
const TOL = REL_TOL * 1 + ABS_TOL; // scaledTol(1): both parts compare quantities of unit scale
const near = (a: number, b: number, tol: number) => expect(Math.abs(a - b), `${a} vs ${b}`).toBeLessThanOrEqual(tol);
const errorOf = (part: TheoremPart, inst: object, inForce: ReadonlySet<string> = NONE): unknown => {
  try {
    evaluatePart(part, inst, inForce);
  } catch (e) {
    return e;
  }
  throw new Error('expected an InputError');
};
const refuses = (part: TheoremPart, inst: object, message: RegExp) => {
  const e = errorOf(part, inst);
  expect(e).toBeInstanceOf(InputError);
  expect((e as Error).message).toMatch(message);
};

describe('the T7 family as THEORY states it', () => {
  // THEORY §2: "T7 — Refusal direction and low-rank safety subspace (R4)"; (a) under isotropic,
  // (b) with no tags. `list` and docs/THEOREMS.md show each part's title and statement.
  it('stands for paper claim R4; T7.a is under isotropic, T7.b under no tag; every part has a title and a statement', () => {
    for (const part of T7.parts) expect(part.paperClaims, part.id).toEqual(['R4']);
    expect(T7a.tags).toEqual(['isotropic']);
    expect(T7b.tags).toEqual([]);
    for (const part of T7.parts) {
      expect(part.title.trim(), part.id).not.toBe('');
      expect(part.statement.trim(), part.id).not.toBe('');
    }
  });
});

describe('T7.a on worked instances', () => {
  // Σ = I, v* = r = e1, u = (1, 1): the ablated judge is (0, 1), Σ-orthogonal to v*: A = 0
  // exactly; before ablation A(u) = 1/√2. A linear value never ties, so tieBias = 0.
  const inst = { r: [1, 0], u: [1, 1], seed: 7 };

  it('reports A before and after, the estimate from the instance\'s own seed, its half-width and sample count', () => {
    const e = evaluatePart(T7a, inst, ISO);
    const direct = ablatedAgreementMonteCarlo(valueModel(vec([1, 0])), vec([1, 0]), vec([1, 1]), makeRng(7));
    expect(e.quantities.alignmentAfterAblation).toBe(0);
    near(e.quantities.alignmentBefore, Math.SQRT1_2, 1e-15);
    // The instance's "seed" is its Monte Carlo's seed (instance format: seed of the instance's own draw).
    expect(e.quantities.agreementAfterAblation).toBe(direct.estimate);
    expect(e.quantities.halfWidth).toBe(hoeffding(MC_SAMPLES, MC_ALPHA, 1));
    expect(e.quantities.tieBias).toBe(0);
    expect(e.quantities.samples).toBe(MC_SAMPLES);
    // A = 0 exactly, and the estimate is within its half-width of 1/2: the A half binds at 0.
    expect(e.margin + 0).toBe(0);
    expect(e.tol).toBe(TOL);
    expect(e.pre).toBe(true);
    expect(e.holds).toBe(true);
  });

  it('another seed is another draw of the same estimate', () => {
    const e = evaluatePart(T7a, { ...inst, seed: 8 }, ISO);
    const direct = ablatedAgreementMonteCarlo(valueModel(vec([1, 0])), vec([1, 0]), vec([1, 1]), makeRng(8));
    expect(e.quantities.agreementAfterAblation).toBe(direct.estimate);
  });

  it('the judge from w and basis: u_c = P_c w, ablated like any judge', () => {
    // basis {(1,1,0), e3}: P_c (1,2,3) = (1.5, 1.5, 3); A before = 1.5/sqrt(13.5) = 1/√6.
    const e = evaluatePart(T7a, { r: [1, 0, 0], w: [1, 2, 3], basis: [[1, 1, 0], [0, 0, 1]], seed: 1 }, ISO);
    near(e.quantities.alignmentBefore, 1 / Math.sqrt(6), 1e-15);
    near(e.quantities.alignmentAfterAblation, 0, 1e-15);
  });

  it('with isotropic dropped the ablated judge keeps an alignment, and T7.a fails by |A|', () => {
    // Σ = [[2,1],[1,2]], v* = r = e1, u = e2 (already orthogonal to r in the Euclidean sense,
    // so ablation leaves it): A = <e2, Σe1>/(‖e2‖_Σ‖e1‖_Σ) = 1/2.
    const e = evaluatePart(T7a, { Sigma: [[2, 1], [1, 2]], r: [1, 0], u: [0, 1], seed: 3 }, NONE);
    near(e.quantities.alignmentAfterAblation, 0.5, 1e-15);
    near(e.margin, -0.5, 1e-15);
    expect(e.holds).toBe(false);
  });

  it('a saturating value ties on most pairs: the tie allowance keeps the claim, and the draw is flagged as checking little', () => {
    // tanh(50x) is ±1 in floating point for |x| > ~0.4, so most pairs tie in value though their
    // scores differ: each tie is off by at most 1/2, tieBias = ties/(2n) ≫ halfWidth. A is still
    // exactly 0, so the claim holds; its precondition (ties blur less than sampling) does not.
    // tanh(50x) rounds to 1 for x > ~0.38 (tanh(19) = 1 − 6e-17): both responses beyond +0.38
    // or both below −0.38 with probability 2·0.352² ≈ 0.25, so tieBias ≈ 0.12.
    const e = evaluatePart(T7a, { r: [1, 0], u: [1, 1], f: { kind: 'tanh', a: 50, b: 0 }, seed: 5 }, ISO);
    expect(e.quantities.tieBias).toBeGreaterThan(0.1);
    expect(e.quantities.tieBias).toBeGreaterThan(e.quantities.halfWidth);
    expect(e.margin + 0).toBe(0);
    expect(e.holds).toBe(true);
    expect(e.pre).toBe(false);
  });
});

describe('T7.a instance errors name the field', () => {
  it('a judge given both as "u" and as "w" is refused', () => {
    refuses(T7a, { r: [1, 0], u: [1, 1], w: [1, 1] }, /^instance: give the judge as "u" or as "w" \(with "basis"\), not both/);
  });
  it('v* must be r itself: equal is accepted, any other vector (even a multiple of r, even one coordinate off) is refused', () => {
    const same = evaluatePart(T7a, { r: [1, 0], vStar: [1, 0], u: [1, 1], seed: 7 }, ISO);
    expect(same.quantities).toEqual(evaluatePart(T7a, { r: [1, 0], u: [1, 1], seed: 7 }, ISO).quantities);
    for (const vStar of [[1, 1], [2, 0], [0, 1]])
      refuses(T7a, { r: [1, 0], vStar, u: [1, 1] }, /^vStar: T7\.a takes v\* = r \(omit "vStar" or make it equal to "r"\)/);
  });
});

describe('T7.b on worked instances', () => {
  it('three steps in the plane z = 0: dim of the sum 2, updates of rank 2, both residuals 0', () => {
    // S_1 = span e1, S_2 = span e2, S_3 = span (1,1,0); w = (1,2,3), β = 1: updates (1,0,0),
    // (0,2,0), (1.5,1.5,0), all in the plane; θ_t − g sums them.
    const e = evaluatePart(T7b, { w: [1, 2, 3], g: [1, 1, 1], beta: 1, constitutions: [[[1, 0, 0]], [[0, 1, 0]], [[1, 1, 0]]] }, NONE);
    expect(e.quantities).toEqual({ dimSum: 2, rankUpdates: 2, stepResidual: 0, sumResidual: 0, steps: 3 });
    expect(e.margin + 0).toBe(0);
    expect(e.tol).toBe(TOL);
    expect(e.pre).toBe(true);
  });

  it('one β per step: a step whose constitution is orthogonal to w makes no update and adds no rank', () => {
    const e = evaluatePart(T7b, { w: [1, 0], g: [0, 0], beta: [2, 0.5], constitutions: [[[1, 0]], [[0, 1]]] }, NONE);
    expect(e.quantities).toEqual({ dimSum: 2, rankUpdates: 1, stepResidual: 0, sumResidual: 0, steps: 2 });
    expect(e.holds).toBe(true);
  });

  it('holds when g is far larger than the updates: θ_t − g carries g\'s rounding, judged at θ\'s scale', () => {
    // g = (1e12, 3e11), update P w/β = (0.2, 0.2): θ_1 − g is (0.2, 0.2) up to ulp(1e12) ≈ 1e-4
    // per coordinate, which sticks out of span (1,1) by ~1e-4 in units of the update. That is
    // rounding of θ's size (1e-16·1e12), not a step outside S_1 + … + S_T: T7.b holds (it has no
    // tags; a "violation" here would be a false alarm).
    for (const g of [[1e12, 3e11], [1e3, -7e2]]) {
      const e = evaluatePart(T7b, { w: [0.1, 0.3], g, beta: 1, constitutions: [[[1, 1]]] }, NONE);
      expect(e.holds, JSON.stringify(e)).toBe(true);
    }
  });
});

describe('T7.b instance errors name the field', () => {
  const base = { w: [1, 0], g: [0, 0], beta: 1 };
  it('constitutions: missing or empty', () => {
    refuses(T7b, base, /^constitutions: expected a non-empty list of bases/);
    refuses(T7b, { ...base, constitutions: [] }, /^constitutions/);
  });
  it('a basis of the wrong dimension names its step', () => {
    refuses(T7b, { ...base, constitutions: [[[1, 0]], [[1, 0, 0]]] }, /^constitutions\[1\]/);
  });
  it('β must be positive, as one number or per step, and one per step', () => {
    refuses(T7b, { ...base, beta: -1, constitutions: [[[1, 0]]] }, /^beta: must be positive/);
    refuses(T7b, { ...base, beta: 0, constitutions: [[[1, 0]]] }, /^beta: must be positive/);
    refuses(T7b, { ...base, beta: [1, -2], constitutions: [[[1, 0]], [[0, 1]]] }, /^beta\[1\]: must be positive/);
    refuses(T7b, { ...base, beta: [1, 0], constitutions: [[[1, 0]], [[0, 1]]] }, /^beta\[1\]: must be positive/);
    refuses(T7b, { ...base, beta: [1], constitutions: [[[1, 0]], [[0, 1]]] }, /^beta: expected 2 values \(one per step\), got 1/);
  });
});

// A broken ablation model in place of src/model/ablation.ts, and the T7 parts re-imported
// against it (as teeth.test.ts does): each half of each conjunction fails on its own, by the
// amount its margin states.
async function partsWith(patch: (m: typeof Ablation) => Partial<typeof Ablation>) {
  vi.resetModules();
  vi.doMock('../../src/model/ablation.ts', async (importOriginal) => {
    const m = await importOriginal<typeof Ablation>();
    return { ...m, ...patch(m) };
  });
  const family = (await import('../../src/theorems/t7-refusal.ts')).default;
  const { evaluatePart: evaluate } = (await import('../../src/theorems/evaluate.ts')) as typeof Evaluate;
  return { a: family.parts[0], b: family.parts[1], evaluate };
}

describe('each half of T7 fails on its own (broken ablation model)', () => {
  afterEach(() => {
    vi.doUnmock('../../src/model/ablation.ts');
    vi.resetModules();
  });

  it('T7.a: an Agr estimate 0.1 off 1/2, with half-width 0.02 and tie bias 0.01, fails by 0.07 (A = 0 still)', async () => {
    const { a, evaluate } = await partsWith(() => ({
      ablatedAgreementMonteCarlo: () => ({ estimate: 0.6, halfWidth: 0.02, tieBias: 0.01, n: 1000, alpha: 1e-7 }),
    }));
    const e = evaluate(a, { r: [1, 0], u: [1, 1] }, ISO);
    expect(e.quantities.alignmentAfterAblation).toBe(0);
    expect(e.quantities.agreementAfterAblation).toBe(0.6);
    expect(e.quantities.samples).toBe(1000);
    // |Agr − 1/2| <= halfWidth + tieBias fails by 0.1 − 0.03; folded against tol as −0.07 − tol.
    near(e.margin, 0.02 + 0.01 - 0.1 - TOL, 1e-15);
    expect(e.holds).toBe(false);
    expect(e.pre).toBe(true);
  });

  it('T7.a: the same estimate within its allowance holds (0.6 with half-width 0.08 and tie bias 0.03)', async () => {
    const { a, evaluate } = await partsWith(() => ({
      ablatedAgreementMonteCarlo: () => ({ estimate: 0.6, halfWidth: 0.08, tieBias: 0.03, n: 1000, alpha: 1e-7 }),
    }));
    const e = evaluate(a, { r: [1, 0], u: [1, 1] }, ISO);
    expect(e.margin + 0).toBe(0); // the A half, exactly 0, binds
    expect(e.holds).toBe(true);
  });

  it('T7.b: a trajectory that drifts out of the sum while every P_t w is right fails by the drift over T·max ‖w‖/β_t', async () => {
    // w = (4,0,0), S_1 = S_2 = span e1, β = (2, 4): updates (2,0,0) and (1,0,0); the largest
    // update ‖w‖/β_t is 2, T = 2. The broken trajectory ends at (3, 0, 1): its θ_2 − g sticks
    // out of span e1 by 1, i.e. 1/(2·2) = 0.25 in units of T·max ‖w‖/β_t.
    const { b, evaluate } = await partsWith(() => ({
      rlaifTrajectory: (g) => ({ thetas: [Float64Array.from(g), vec([2, 0, 0]), vec([3, 0, 1])], updates: [] }),
    }));
    const e = evaluate(b, { w: [4, 0, 0], g: [0, 0, 0], beta: [2, 4], constitutions: [[[1, 0, 0]], [[1, 0, 0]]] }, NONE);
    expect(e.quantities.sumResidual).toBe(0.25);
    expect(e.quantities.stepResidual).toBe(0);
    near(e.margin, -0.25, 1e-8); // less θ's own rounding allowance, ~1e-8
    expect(e.holds).toBe(false);
  });

  it('T7.b: an update rank above dim(S_1 + … + S_T) fails by the excess', async () => {
    const { b, evaluate } = await partsWith(() => ({ numericalRank: () => 2 }));
    const e = evaluate(b, { w: [1, 1], g: [0, 0], beta: 1, constitutions: [[[1, 0]], [[2, 0]]] }, NONE);
    expect(e.quantities.dimSum).toBe(1);
    expect(e.quantities.rankUpdates).toBe(2);
    expect(e.margin).toBe(-1);
    expect(e.holds).toBe(false);
  });
});
