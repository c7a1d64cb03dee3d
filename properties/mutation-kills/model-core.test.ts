// Direct facts about the core of the model (src/model/{rlaif,value,link}.ts) that its property
// files leave unchecked: κ(Σ) on both of its routes (exact Jacobi for d ≤ 64, power iteration
// past that) on matrices whose spectrum is known by construction; the alignment rounding
// estimate's proportionality to d·κ(Σ) and its size; valueShift's |change| and scale on
// worked instances (a mean far from 0, so that |f| has no kink under the law and Gauss–Hermite is
// exact for the polynomials involved); and that the identity blended with itself is the identity
// exactly. Every expected number is computed by hand from the instance.
import { describe, expect, it } from 'vitest';
import { dense, diagLowRank, identity } from '../../src/linalg/covariance.ts';
import { vec } from '../../src/linalg/vec.ts';
import { expectUnderNormal, link } from '../../src/model/link.ts';
import { alignmentRounding, conditionNumber, valueModel, valueShift } from '../../src/model/value.ts';

const v = (...xs: number[]) => vec(xs);
const near = (a: number, b: number, tol: number) => expect(Math.abs(a - b), `${a} vs ${b}`).toBeLessThanOrEqual(tol);
/** A diagonal Σ of dimension d with the given leading and trailing entries, 1 elsewhere. */
const diagonal = (d: number, head: number[], tail: number[]) => {
  const D = new Float64Array(d).fill(1);
  head.forEach((x, i) => (D[i] = x));
  tail.forEach((x, i) => (D[d - tail.length + i] = x));
  return diagLowRank(D, []);
};

describe('conditionNumber: κ(Σ) = λ_max/λ_min', () => {
  it('1 for the identity, 3 for [[2, 1], [1, 2]] (eigenvalues 3 and 1), the same value when asked again', () => {
    expect(conditionNumber(identity(5))).toBe(1);
    const S = dense([[2, 1], [1, 2]]);
    near(conditionNumber(S), 3, 3e-15);
    near(conditionNumber(S), 3, 3e-15);
    // A scaled identity stored as a dense matrix is perfectly conditioned.
    near(conditionNumber(dense([[5, 0, 0], [0, 5, 0], [0, 0, 5]])), 1, 1e-15);
  });

  it('exact up to d = 64, even where the two top eigenvalues are 1% apart (power iteration would not be)', () => {
    // diag(1, 0.99): κ = 1/0.99. Sixty power steps at ratio 0.99 would leave ~0.4% of error.
    near(conditionNumber(diagonal(2, [1, 0.99], [])), 1 / 0.99, 1e-14);
    // d = 64 is still on the exact route: spectrum {2, 1.98, 1, …, 1, 0.5}, κ = 4.
    near(conditionNumber(diagonal(64, [2, 1.98], [0.5])), 4, 1e-14);
  });

  it('past d = 64, power iteration on Σ and Σ⁻¹ finds κ where the spectrum is well separated', () => {
    // Spectrum {4, 1, …, 1, 0.5}: λ_max = 4 (gap 1/4), 1/λ_min = 2 (gap 1/2): κ = 8.
    near(conditionNumber(diagonal(70, [4], [0.5])), 8, 1e-12);
    // A non-diagonal one: D = I, one factor b = (1, …, 1) (‖b‖² = 80): eigenvalues 81 and 1, κ = 81.
    near(conditionNumber(diagLowRank(new Float64Array(80).fill(1), [new Float64Array(80).fill(1)])), 81, 1e-10);
  });
});

describe('alignmentRounding: ~ε·d·κ(Σ)', () => {
  it('0 for an identity Σ (no product with Σ is formed)', () => {
    expect(alignmentRounding(valueModel(v(1, 2)))).toBe(0);
    expect(alignmentRounding(valueModel(v(1, 2, 3), { Sigma: identity(3) }))).toBe(0);
  });

  it('proportional to κ(Σ) and to d, a small multiple of machine epsilon', () => {
    const at = (S: ReturnType<typeof dense>) => alignmentRounding(valueModel(new Float64Array(S.dim).fill(1), { Sigma: S }));
    const wellConditioned2 = at(dense([[2, 0], [0, 2]])); // κ = 1, d = 2
    const kappa3 = at(dense([[2, 1], [1, 2]])); // κ = 3, d = 2
    const wellConditioned4 = at(dense([[2, 0, 0, 0], [0, 2, 0, 0], [0, 0, 2, 0], [0, 0, 0, 2]])); // κ = 1, d = 4
    near(kappa3 / wellConditioned2, 3, 1e-12);
    near(wellConditioned4 / wellConditioned2, 2, 1e-15);
    // d·ε at κ = 1 is 4.4e-16: an estimate with a safety factor, far below REL_TOL.
    expect(wellConditioned2).toBeGreaterThanOrEqual(2 * Number.EPSILON);
    expect(wellConditioned2).toBeLessThan(1e-13);
  });
});

describe('valueShift: E|f(X + shift) − f(X)| and the scale E|f(X)| ∨ E|f(X + shift)|', () => {
  // Σ = [[2, 1], [1, 2]], v* = e₁, μ = (20, 0): m(θ) = 20 + 2θ₀ + θ₁, s² = ‖v*‖²_Σ = 2.
  // X ~ N(20, 2) never reaches 0 (P ≈ Φ(−14)), so |X| = X and |4X + 4| = 4X + 4 under the law.
  const Sigma = () => dense([[2, 1], [1, 2]]);

  it('identity link: the change is |m(to) − m(from)|, the scale the larger mean', () => {
    const M = valueModel(v(1, 0), { Sigma: Sigma(), mu: v(20, 0) });
    const up = valueShift(M, v(0, 0), v(1, 0)); // shift +2, X ~ N(20, 2)
    near(up.change, 2, 1e-12);
    near(up.scale, 22, 1e-11);
    const down = valueShift(M, v(1, 0), v(0, 0)); // shift −2, X ~ N(22, 2)
    near(down.change, 2, 1e-12);
    near(down.scale, 22, 1e-11);
    const sideways = valueShift(M, v(0, 0), v(0, 3)); // shift +3 through the off-diagonal of Σ
    near(sideways.change, 3, 1e-12);
    near(sideways.scale, 23, 1e-11);
  });

  it('square link: E|(X + 2)² − X²| = E(4X + 4) = 84; the scale E(X + 2)² = 22² + 2 = 486 (not E X² = 402)', () => {
    const M = valueModel(v(1, 0), { Sigma: Sigma(), mu: v(20, 0), f: link({ kind: 'square' }) });
    const r = valueShift(M, v(0, 0), v(1, 0));
    near(r.change, 84, 1e-10);
    near(r.scale, 486, 1e-10);
    // Moving back: E|(Y − 2)² − Y²| with Y ~ N(22, 2) is E(4Y − 4) = 84 again, the scale E Y² = 486.
    const back = valueShift(M, v(1, 0), v(0, 0));
    near(back.change, 84, 1e-10);
    near(back.scale, 486, 1e-10);
  });

  it('no shift, no change: exactly 0', () => {
    const M = valueModel(v(1, 0), { Sigma: Sigma(), mu: v(20, 0), f: link({ kind: 'cubic' }) });
    const r = valueShift(M, v(0.5, -1), v(0.5, -1));
    expect(r.change).toBe(0);
    // E|X³ + X| with X ~ N(20, 2): m³ + 3ms² + m = 8000 + 120 + 20.
    near(r.scale, 8140, 1e-8);
  });
});

describe('link: the identity blended with itself', () => {
  it('is the identity exactly, whatever its weight (no (1 − w)x + wx rounding)', () => {
    const f = link({ kind: 'identity', weight: 0.3 });
    // (1 − 0.3)·3 + 0.3·3 rounds to 2.9999999999999996; the identity is 3.
    for (const x of [3, 0.1, 1.3, -7]) expect(f(x)).toBe(x);
    expect(f.closedForm!(3, 2)).toBe(3);
    expect(f.monotone).toBe(true);
    expect(f.spec).toEqual({ kind: 'identity', weight: 0.3 });
  });
});

describe('a blended link keeps its closed form: J is exact at the kink', () => {
  it('f = ½x + ½|x| under N(0, 1): E f = ½·√(2/π), exactly, not a quadrature near it', () => {
    // Quadrature over a kink is off by ~1e-3 at 120 Gauss–Hermite nodes; the closed form is exact.
    const J = expectUnderNormal(link({ kind: 'abs', weight: 0.5 }), 0, 1);
    expect(Math.abs(J - Math.sqrt(2 / Math.PI) / 2)).toBeLessThanOrEqual(1e-15);
    // and off the origin, m = 1, s = 2: E|X| = s√(2/π)e^{−m²/2s²} + m(1 − 2Φ(−m/s)), read through the blend.
    const m = 1;
    const s = 2;
    const Phi = (x: number) => 0.5 * (1 + erf(x / Math.SQRT2));
    const absMean = s * Math.sqrt(2 / Math.PI) * Math.exp(-(m * m) / (2 * s * s)) + m * (1 - 2 * Phi(-m / s));
    expect(Math.abs(expectUnderNormal(link({ kind: 'abs', weight: 0.5 }), m, s) - (0.5 * m + 0.5 * absMean))).toBeLessThanOrEqual(1e-12);
  });
});

/** erf by its Maclaurin series (|x| < 1 here), independent of the project's own. */
function erf(x: number): number {
  let sum = 0;
  let term = x;
  for (let n = 0; n < 60; n++) {
    sum += term / (2 * n + 1);
    term *= (-x * x) / (n + 1);
  }
  return (2 / Math.sqrt(Math.PI)) * sum;
}
