// Direct facts about T4's checks (src/theorems/t4-adversarial.ts, THEORY §2 T4) on instances
// worked by hand: what each part reports (margin, precondition, quantities), the vacuous side of
// each implication (T4.a's second half failing on its own: t4-adversarial-second-half.test.ts), T4.b's tightness claimed where the
// corrected THEORY claims it, T4.c's decision of c = 1 in the geometry of c (an ill-conditioned Σ
// is no reason to call a reversible readout irreversible), T4.e's choice of j (the first index
// meeting the premise) and its input errors, and what the generators draw for the parts.
// Alignments are worked out as A(x) = <x,v*>_Σ/(‖x‖_Σ‖v*‖_Σ) on the instance's vectors.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HarnessError, InputError } from '../../src/numeric/errors.ts';
import { evaluatePart } from '../../src/theorems/evaluate.ts';
import T4 from '../../src/theorems/t4-adversarial.ts';
import type { TheoremPart } from '../../src/theorems/types.ts';
import { SUITE_SEED } from '../support/suite.ts';

const part = (id: string) => T4.parts.find((p) => p.id === id)!;
const [T4a, T4b, T4c, T4d, T4e] = ['T4.a', 'T4.b', 'T4.c', 'T4.d', 'T4.e'].map(part);
const ALL = (p: TheoremPart) => new Set(p.tags);
const near = (a: number, b: number, tol = 1e-12) => expect(Math.abs(a - b), `${a} vs ${b}`).toBeLessThanOrEqual(tol);
const SQRT1_2 = Math.SQRT1_2;
const draws = (p: TheoremPart, n = 200) => fc.sample(p.arbitrary(ALL(p)), { seed: SUITE_SEED, numRuns: n });

describe('T4.a on worked instances', () => {
  it('both sides of <Pw,w> = ‖Pw‖² in units of ‖w‖², and the cosine of x with w', () => {
    // w = 2e1, P onto span{(1,1)}: Pw = (1,1), <Pw,w> = ‖Pw‖² = 2, ‖w‖² = 4: both 1/2.
    // x = (1,1): cos = <x,w>/(‖x‖‖w‖) = 2/(√2·2) = 1/√2; span{x} activates (1,1), x itself: gap 0.
    const e = evaluatePart(T4a, { w: [2, 0], basis: [[1, 1]], u: [1, 1] }, ALL(T4a));
    near(e.quantities.selfInner, 0.5, 1e-15);
    near(e.quantities.sqNorm, 0.5, 1e-15);
    near(e.quantities.cosXW, SQRT1_2, 1e-15);
    near(e.quantities.gap, 0, 1e-15);
    expect(e.pre).toBe(true);
    expect(e.holds).toBe(true);
    near(e.margin, 0, 1e-15);
  });

  it('the premise <x,w> > 0 is false for x ⟂ w, x = 0 and w = 0, and those instances are no error', () => {
    // cos = 0 by convention for a zero vector (no direction): the precondition is simply unmet.
    for (const inst of [{ w: [1, 0], u: [0, 1] }, { w: [1, 0], u: [0, 0] }, { w: [0, 0], u: [1, 0] }]) {
      const e = evaluatePart(T4a, inst, ALL(T4a));
      expect(e.quantities.cosXW, JSON.stringify(inst)).toBe(0);
      expect(e.pre, JSON.stringify(inst)).toBe(false);
      expect(e.holds).toBe(true);
    }
    // w = 0: Pw = 0, so both sides of the first half are 0.
    const zero = evaluatePart(T4a, { w: [0, 0], u: [1, 0] }, ALL(T4a));
    expect([zero.quantities.selfInner, zero.quantities.sqNorm]).toEqual([0, 0]);
  });

  it('its draws involve no v* or Σ (T4.a is about w, x and P only)', () => {
    for (const inst of draws(T4a)) {
      expect(Object.keys(inst).filter((k) => !['w', 'u', 'basis'].includes(k)), JSON.stringify(inst)).toEqual([]);
    }
  });
});

describe('T4.b on worked instances', () => {
  it('in d = 1 with <w,v*> < 0 tightness is claimed: span{v*} attains the bound −1', () => {
    // v* = 2, w = −1: c = −1, bound −1; P = I activates w (A = −1); the construction is span{v*}
    // (antiparallel, KINDS[0]), which also activates w: A = −1, within δ of −1 by δ.
    const e = evaluatePart(T4b, { vStar: [2], w: [-1], delta: 0.5 }, ALL(T4b));
    expect(e.quantities.tightnessClaimed).toBe(1);
    expect(e.pre).toBe(true);
    expect(e.quantities.construction).toBe(0);
    near(e.quantities.bound, -1, 0);
    near(e.quantities.alignmentActivated, -1, 1e-15);
    near(e.quantities.alignmentConstructed, -1, 1e-15);
    // margin = min(A − bound, bound + δ − A_constructed) = min(0, 0.5).
    near(e.margin, 0, 1e-15);
  });

  it('about half its draws put w on the ray of Σv* (c = 1, the boundary case of the bound)', () => {
    // The generator's 'sometimes-aligned' readout: w = λΣv* on a coin flip. Counted in d >= 2,
    // where a free readout lands on the ray only by chance.
    const wide = draws(T4b, 400).filter((inst) => (inst.vStar as number[]).length >= 2);
    const onRay = wide.filter((inst) => evaluatePart(T4b, inst, ALL(T4b)).quantities.c >= 1 - 1e-12);
    expect(wide.length).toBeGreaterThanOrEqual(100);
    expect(onRay.length / wide.length).toBeGreaterThanOrEqual(0.3);
  });
});

describe('T4.c on worked instances', () => {
  it('w on the ray of Σv*: no reversing constitution; the bound is 0 and the instance P is not reversing', () => {
    // Σ = [[2,1],[1,2]], v* = e1: Σv* = (2,1), w = 2Σv*: c = 1, bound 0. P onto e2: Pw = (0,2),
    // A(e2) = <e2,e1>_Σ/(‖e2‖_Σ‖e1‖_Σ) = 1/(√2·√2) = 1/2. margin = min(bound, A) = 0.
    const e = evaluatePart(T4c, { Sigma: [[2, 1], [1, 2]], vStar: [1, 0], w: [4, 2], basis: [[0, 1]] }, ALL(T4c));
    near(e.quantities.c, 1, 1e-15);
    near(e.quantities.bound, 0, 1e-15);
    near(e.quantities.alignmentActivated, 0.5, 1e-15);
    near(e.quantities.collinearGap, 0, 1e-15);
    expect(e.quantities.alignmentConstructed).toBeUndefined();
    expect(e.pre).toBe(true);
    near(e.margin, 0, 1e-15);
  });

  it('w off the ray: the rank-1 construction with slack δ = sqrt(1 − c²) reverses it', () => {
    // Σ = I, v* = e1, w = (1,1): c = 1/√2 = s. The construction tilts the boundary direction by
    // φ = s/4 toward the normal: A = −s·cos φ + c·sin φ = (sin φ − cos φ)/√2; margin = −A.
    const e = evaluatePart(T4c, { vStar: [1, 0], w: [1, 1] }, ALL(T4c));
    const phi = SQRT1_2 / 4;
    const A = (Math.sin(phi) - Math.cos(phi)) * SQRT1_2;
    near(e.quantities.c, SQRT1_2, 1e-15);
    near(e.quantities.bound, -SQRT1_2, 1e-15);
    near(e.quantities.alignmentActivated, SQRT1_2, 1e-15); // P = I activates w
    near(e.quantities.collinearGap, Math.sqrt(2 - Math.SQRT2), 1e-15);
    near(e.quantities.alignmentConstructed, A, 1e-14);
    near(e.margin, -A, 1e-14);
    expect(e.pre).toBe(true);
  });

  it('c < 1 is decided where c lives: an ill-conditioned Σ near the ray is still reversible', () => {
    // Σ = diag(1, 1e-6), v* = e1, w = (1, 1e-10): w is only 1e-10 from the ray of Σv* = e1 in
    // Euclidean terms, but Σ^{-1/2}w = (1, 1e-7), so sin∠(Σ^{-1/2}w, Σ^{1/2}v*) ≈ 1e-7: c < 1, and
    // T4.c holds by a reversing constitution (A ≈ −(3/4)·1e-7), not by the bound −1e-7 < −tol.
    const e = evaluatePart(T4c, { SigmaDiag: [1, 1e-6], vStar: [1, 0], w: [1, 1e-10] }, ALL(T4c));
    near(e.quantities.bound, -1e-7, 1e-15);
    expect(e.quantities.alignmentConstructed).toBeLessThan(0);
    near(e.quantities.alignmentConstructed, -0.75e-7, 1e-10);
    expect(e.holds).toBe(true);
    // And the mirror image: w far from the ray of Σv* in Euclidean terms (1e-8) but Σ^{-1/2}w on
    // it to 1e-14 (Σ = diag(1, 1e12)): c = 1 to rounding, T4.b's bound −1e-14 is 0, none reverses.
    const flat = evaluatePart(T4c, { SigmaDiag: [1, 1e12], vStar: [1, 0], w: [1, 1e-8] }, ALL(T4c));
    expect(flat.quantities.alignmentConstructed).toBeUndefined();
    expect(flat.holds).toBe(true);
  });

  it('about half its draws put w on the ray of Σv* (the "does not exist" side of the iff)', () => {
    const wide = draws(T4c, 400).filter((inst) => (inst.vStar as number[]).length >= 2);
    const onRay = wide.filter((inst) => evaluatePart(T4c, inst, ALL(T4c)).quantities.alignmentConstructed === undefined);
    expect(wide.length).toBeGreaterThanOrEqual(100);
    expect(onRay.length / wide.length).toBeGreaterThanOrEqual(0.3);
  });
});

describe('T4.d on worked instances', () => {
  it('w = 2v*: A(Pw) >= 0, margin A(Pw) itself', () => {
    // v* = e1, w = 2e1, P onto span{(1,1)}: Pw = (1,1), A = 1/√2.
    const e = evaluatePart(T4d, { vStar: [1, 0], w: [2, 0], basis: [[1, 1]] }, ALL(T4d));
    expect(e.pre).toBe(true);
    near(e.quantities.alignmentActivated, SQRT1_2, 1e-15);
    near(e.margin, SQRT1_2, 1e-15);
  });

  it('w not a multiple of v*: the premise fails, and a reversing P leaves the claim vacuously true (margin 1)', () => {
    // v* = e1, w = (1,1), P onto span{(1,−2)}: Pw = −(1/5)(1,−2), A = −1/√5 < 0; the premise's
    // margin is −1, so implies(−1, A) = max(1, A) = 1.
    const e = evaluatePart(T4d, { vStar: [1, 0], w: [1, 1], basis: [[1, -2]] }, ALL(T4d));
    expect(e.pre).toBe(false);
    near(e.quantities.alignmentActivated, -1 / Math.sqrt(5), 1e-15);
    expect(e.margin).toBe(1);
    expect(e.holds).toBe(true);
  });
});

describe('T4.e on worked instances', () => {
  it('alignments are Σ-correlations: with Σ = [[2,1],[1,2]] the axis −e2 is anti-social (A = −1/2)', () => {
    // v* = e1: A(e1) = 1, A(−e2) = −<e2,e1>_Σ/(‖e2‖_Σ‖e1‖_Σ) = −1/2 (it would be 0 with Σ = I).
    // α = (1,1): the premise holds at j = 2 only (index 1); w = e1 − e2, span{−e2} activates −e2.
    const e = evaluatePart(T4e, { Sigma: [[2, 1], [1, 2]], vStar: [1, 0], latentDirections: [[1, 0], [0, -1]], alpha: [1, 1] }, ALL(T4e));
    expect(e.pre).toBe(true);
    expect(e.quantities.j).toBe(1);
    expect(e.quantities.alphaJ).toBe(1);
    near(e.quantities.alignmentLatent, -0.5, 1e-15);
    near(e.quantities.alignmentActivated, -0.5, 1e-15);
    // margin = implies(min(α_j, −A(ℓ_j)) = 1/2, min(A_activated = A(ℓ_j), −A_activated > 0)) = 0.
    near(e.margin, 0, 1e-15);
  });

  it('j is the first index meeting the premise, not the one meeting it best', () => {
    // Σ = I, v* = (3,1), ℓ = (−1,1)/√2 and (−1,−1)/√2 (orthonormal): A = −2/√20 and −4/√20,
    // α = (1,1): both meet the premise, the second better; j = 0. w = ℓ̂1 + ℓ̂2 = (−√2, 0),
    // span{ℓ1} activates ℓ̂1 (<w,ℓ̂1> = 1): A = −1/√5.
    const e = evaluatePart(T4e, { vStar: [3, 1], latentDirections: [[-1, 1], [-1, -1]], alpha: [1, 1] }, ALL(T4e));
    expect(e.quantities.j).toBe(0);
    near(e.quantities.alignmentLatent, -1 / Math.sqrt(5), 1e-15);
    near(e.quantities.alignmentActivated, -1 / Math.sqrt(5), 1e-15);
    expect(e.pre).toBe(true);
  });

  it('no index meets the premise: the margin is that of "some k has α_k > 0 and A(ℓ_k) < 0" failing', () => {
    // Σ = I, v* = (1,1), ℓ = e1, e2 (A = 1/√2 each), α = (1, −2): premise margins
    // min(α_k, −A(ℓ_k)) = (−1/√2, −2), the nearest is k = 0, and the implication's margin is
    // max(1/√2, conclusion at k = 0) = 1/√2 (the conclusion fails there: A(e1) = 1/√2 > 0).
    const e = evaluatePart(T4e, { vStar: [1, 1], latentDirections: [[1, 0], [0, 1]], alpha: [1, -2] }, ALL(T4e));
    expect(e.pre).toBe(false);
    expect(e.quantities.j).toBe(0);
    near(e.margin, SQRT1_2, 1e-15);
  });

  it('a zero latent direction is refused, naming it', () => {
    expect(() => evaluatePart(T4e, { vStar: [1, 0], latentDirections: [[0, 0], [1, 0]], alpha: [1, 1] }, ALL(T4e))).toThrow(
      /latentDirections\[0\]: must be a non-zero vector/,
    );
    try {
      evaluatePart(T4e, { vStar: [1, 0], latentDirections: [[1, 0], [0, 0]], alpha: [1, 1] }, ALL(T4e));
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(InputError);
      expect((err as Error).message).toMatch(/latentDirections\[1\]/);
    }
  });

  it('a given w must be Σ α_k ℓ̂_k with the ℓ_k normalised; agreeing to rounding is enough', () => {
    // ℓ = 2e1, 3e2 (unit: e1, e2), α = (1,1): w = (1,1), not (2,3).
    const base = { vStar: [-1, 1], latentDirections: [[2, 0], [0, 3]], alpha: [1, 1] };
    const ok = evaluatePart(T4e, { ...base, w: [1, 1] }, new Set());
    expect(ok.quantities.j).toBe(0); // A(e1) = −1/√2, α = 1
    near(ok.quantities.alignmentActivated, -SQRT1_2, 1e-15);
    expect(() => evaluatePart(T4e, { ...base, w: [2, 3] }, new Set())).toThrow(InputError);
    expect(() => evaluatePart(T4e, { ...base, w: [2, 3] }, new Set())).toThrow(/^w: must equal/);
    expect(() => evaluatePart(T4e, { ...base, w: [-1, -1] }, new Set())).toThrow(/^w: must equal/);
    // A large readout (‖w‖ = 1000) given with a relative error of 1e-11 (a printed number's
    // rounding) is accepted; the same readout off by 1e-3 relative is not.
    const big = { vStar: [-1, 1], latentDirections: [[1, 0]], alpha: [1000] };
    expect(evaluatePart(T4e, { ...big, w: [1000 + 1e-8, 0] }, new Set()).quantities.alphaJ).toBe(1000);
    expect(() => evaluatePart(T4e, { ...big, w: [1001, 0] }, new Set())).toThrow(/^w: must equal/);
  });
});

describe('harness errors', () => {
  it('T4.b and T4.c refuse w = 0 (c is 0/0 there), naming w', () => {
    expect(() => evaluatePart(T4b, { vStar: [1, 0], w: [0, 0], delta: 0.5 }, ALL(T4b))).toThrow(/w/);
    expect(() => evaluatePart(T4c, { vStar: [1, 0], w: [0, 0] }, ALL(T4c))).toThrow(InputError);
    expect(() => evaluatePart(T4c, { vStar: [1, 0], w: [0, 0] }, ALL(T4c))).not.toThrow(HarnessError);
  });
});
