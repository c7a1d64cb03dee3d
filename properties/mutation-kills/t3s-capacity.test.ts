// Direct facts about the T3s checks (src/theorems/t3s-capacity.ts, THEORY §2 T3s) on worked
// instances whose every number is computed by hand here: the margins q_B − q_A and
// q(σ) − q(σ_high) and the quantities reported; a larger model that is not nested failing
// T3s.a by a robust margin; the generator of T3s.a drawing Φ_extra with `nested` in force and an
// independent, strictly larger Φ_B with it dropped; and the input errors (each names its field).
//
// With one latent coordinate (m = 1) and Φ a single column φ ∈ R^d, Sherman–Morrison gives the
// representation quality in closed form: q² = φᵀ(φφᵀ + σ²I)⁻¹φ = ‖φ‖² / (‖φ‖² + σ²) (w* = 1).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/numeric/errors.ts';
import { evaluatePart } from '../../src/theorems/evaluate.ts';
import T3s from '../../src/theorems/t3s-capacity.ts';
import type { TheoremPart } from '../../src/theorems/types.ts';
import { SUITE_SEED } from '../support/suite.ts';

const [T3sa, T3sb] = T3s.parts;
const ALL = (p: TheoremPart) => new Set(p.tags);
const near = (a: number, b: number, tol = 1e-14) => expect(Math.abs(a - b), `${a} vs ${b}`).toBeLessThanOrEqual(tol);
/** q for m = 1 and a column φ with ‖φ‖² = phi2, noise σ (closed form above). */
const q1 = (phi2: number, sigma: number) => Math.sqrt(phi2 / (phi2 + sigma * sigma));

describe('T3s.a on worked instances', () => {
  // Φ_A = [[1]], σ = 1: q_A² = 1/2. Nested with Φ_extra = [[1]]: φ_B = (1, 1), q_B² = 2/3.
  const small = { Phi: [[1]], wStar: [1], sigma: 1 };

  it('nested: margin q_B − q_A = sqrt(2/3) − sqrt(1/2), with both qualities reported', () => {
    const e = evaluatePart(T3sa, { ...small, PhiExtra: [[1]] }, ALL(T3sa));
    near(e.quantities.ceilingSmall, Math.SQRT1_2);
    near(e.quantities.ceilingLarge, Math.sqrt(2 / 3));
    near(e.margin, Math.sqrt(2 / 3) - Math.SQRT1_2);
    expect(e.pre).toBe(true);
    expect(e.holds).toBe(true);
  });

  it('q does not depend on the scale of w*: w* = 2 gives the same qualities', () => {
    const e = evaluatePart(T3sa, { ...small, wStar: [2], PhiExtra: [[1]] }, ALL(T3sa));
    near(e.quantities.ceilingSmall, Math.SQRT1_2);
    near(e.quantities.ceilingLarge, Math.sqrt(2 / 3));
  });

  it('not nested: a larger but weaker Φ_B = [[1/2], [0]] has q_B² = 1/5 < 1/2 and fails by a robust margin', () => {
    const e = evaluatePart(T3sa, { ...small, PhiLarge: [[0.5], [0]] }, new Set());
    near(e.quantities.ceilingLarge, q1(0.25, 1));
    near(e.quantities.ceilingLarge, Math.sqrt(0.2));
    near(e.margin, Math.sqrt(0.2) - Math.SQRT1_2);
    expect(e.holds).toBe(false);
    // and a stronger one, [[2], [0]] (q_B² = 4/5), holds
    const strong = evaluatePart(T3sa, { ...small, PhiLarge: [[2], [0]] }, new Set());
    near(strong.margin, Math.sqrt(0.8) - Math.SQRT1_2);
    expect(strong.holds).toBe(true);
  });

  it('exactly one of PhiExtra and PhiLarge: both, or neither, is an input error that names them', () => {
    const both = { ...small, PhiExtra: [[1]], PhiLarge: [[1], [1]] };
    expect(() => evaluatePart(T3sa, both, ALL(T3sa))).toThrow(InputError);
    expect(() => evaluatePart(T3sa, both, ALL(T3sa))).toThrow(/exactly one of "PhiExtra".*"PhiLarge"/);
    expect(() => evaluatePart(T3sa, small, ALL(T3sa))).toThrow(/exactly one of "PhiExtra".*"PhiLarge"/);
  });

  it('a PhiLarge with no more rows than Phi is not a larger model: an input error naming PhiLarge and both counts', () => {
    const same = { Phi: [[1], [2]], wStar: [1], sigma: 1, PhiLarge: [[3], [4]] };
    expect(() => evaluatePart(T3sa, same, new Set())).toThrow(InputError);
    expect(() => evaluatePart(T3sa, same, new Set())).toThrow(/PhiLarge: the larger model needs more than 2 rows, got 2/);
    expect(() => evaluatePart(T3sa, { ...same, PhiLarge: [[3]] }, new Set())).toThrow(/PhiLarge: .*more than 2 rows, got 1/);
  });
});

describe('T3s.a generator', () => {
  // THEORY T3s.a: with `nested` the larger model is [Φ_A; Φ_extra]; dropped, Φ_B is drawn
  // independently with more rows than Φ_A.
  const draws = (inForce: Set<string>) => fc.sample(T3sa.arbitrary(inForce, { maxDim: 4 }), { seed: SUITE_SEED, numRuns: 30 });

  it('with nested in force: every draw has PhiExtra (at least one row) and no PhiLarge', () => {
    for (const inst of draws(new Set(['nested'])) as Record<string, unknown>[]) {
      expect(inst.PhiLarge).toBeUndefined();
      expect((inst.PhiExtra as number[][]).length).toBeGreaterThanOrEqual(1);
    }
  });

  it('with nested dropped: every draw has a PhiLarge with more rows than Phi, and no PhiExtra', () => {
    for (const inst of draws(new Set()) as Record<string, unknown>[]) {
      expect(inst.PhiExtra).toBeUndefined();
      expect((inst.PhiLarge as number[][]).length).toBeGreaterThan((inst.Phi as number[][]).length);
    }
  });
});

describe('T3s.b on worked instances', () => {
  it('margin q(σ) − q(σ_high) = sqrt(1/2) − sqrt(1/5) for Φ = [[1]], σ = 1, σ_high = 2, both reported', () => {
    const e = evaluatePart(T3sb, { Phi: [[1]], wStar: [1], sigma: 1, sigmaHigh: 2 }, ALL(T3sb));
    near(e.quantities.ceilingLow, Math.SQRT1_2);
    near(e.quantities.ceilingHigh, Math.sqrt(0.2));
    near(e.margin, Math.SQRT1_2 - Math.sqrt(0.2));
    expect(e.holds).toBe(true);
  });

  it('the high-noise model keeps Φ and w*: Φ = [[3], [4]] (‖φ‖² = 25), σ = 0 and σ_high = 5 give q = 1 and sqrt(1/2)', () => {
    const e = evaluatePart(T3sb, { Phi: [[3], [4]], wStar: [-2], sigma: 0, sigmaHigh: 5 }, ALL(T3sb));
    near(e.quantities.ceilingLow, 1);
    near(e.quantities.ceilingHigh, q1(25, 5));
    near(e.margin, 1 - Math.SQRT1_2);
  });

  it('equal noise levels: margin 0', () => {
    const e = evaluatePart(T3sb, { Phi: [[1, 2]], wStar: [1, 1], sigma: 0.5, sigmaHigh: 0.5 }, ALL(T3sb));
    near(e.margin, 0, 0);
    expect(e.holds).toBe(true);
  });

  it('sigmaHigh below sigma is an input error naming both levels', () => {
    const bad = { Phi: [[1]], wStar: [1], sigma: 1, sigmaHigh: 0.5 };
    expect(() => evaluatePart(T3sb, bad, ALL(T3sb))).toThrow(InputError);
    expect(() => evaluatePart(T3sb, bad, ALL(T3sb))).toThrow(/sigmaHigh: must be >= sigma \(0\.5 < 1\)/);
  });

  it('a negative sigmaHigh is refused as a negative noise level, whatever sigma is', () => {
    const bad = { Phi: [[1]], wStar: [1], sigma: 0, sigmaHigh: -1 };
    expect(() => evaluatePart(T3sb, bad, ALL(T3sb))).toThrow(InputError);
    expect(() => evaluatePart(T3sb, bad, ALL(T3sb))).toThrow(/sigmaHigh: must be non-negative/);
  });
});
