// Exact unit facts about the numerics, the linear algebra and the RLAIF model, each checked
// against an independent reference (a published test vector, a value from another library, a
// hand computation) rather than against the formula under test. Written to kill the mutants
// the property files let survive (see the mutation report): every assertion is exact or holds
// to a stated, tight tolerance.
import { fc, test } from '@fast-check/vitest';
import { beforeEach, describe, expect, it } from 'vitest';
import { coord, coordinates, covarianceOf, covarianceRow, column } from '../../src/arbitraries/index.ts';
import { dense, diagLowRank, identity, inner, isIdentity, sNorm, sqNorm, type Covariance } from '../../src/linalg/covariance.ts';
import { Subspace } from '../../src/linalg/subspace.ts';
import { add, axpy, dot, isZero, maxAbs, norm, scale, sub, unit, vec, zeros } from '../../src/linalg/vec.ts';
import { agreementMonteCarlo, hoeffding, MC_ALPHA, MC_SAMPLES, sheppard } from '../../src/model/agreement.ts';
import { IDENTITY, link, LINK_KINDS, MONOTONE_KINDS, NON_MONOTONE_KINDS, expectUnderNormal } from '../../src/model/link.ts';
import { betaForBudget, gain, klDivergence, policyDirection } from '../../src/model/rlaif.ts';
import { alignment, correlation, expectedValue, valueModel, valueScoreMean } from '../../src/model/value.ts';
import { finite, HarnessError, InputError } from '../../src/numeric/errors.ts';
import { hashSeed } from '../../src/numeric/hash.ts';
import { all, any, equal, implies, sameSign, sameStrictSign } from '../../src/numeric/margin.ts';
import { erfc, gaussHermite, normalCdf, normalExpectation } from '../../src/numeric/quadrature.ts';
import { PROFILE } from '../../src/numeric/profile.ts';
import { makeRng } from '../../src/numeric/rng.ts';
import { ABS_TOL, REL_TOL, scaledTol } from '../../src/numeric/tolerance.ts';
import { SUITE_SEED } from '../support/suite.ts';

const v = (...xs: number[]) => vec(xs);
const arr = (x: Float64Array) => Array.from(x);
/** Equal as numbers (0 and −0 alike). */
const same = (a: number, b: number) => expect(a === b, `${a} vs ${b}`).toBe(true);
const near = (a: number, b: number, tol: number) => expect(Math.abs(a - b), `${a} vs ${b}`).toBeLessThanOrEqual(tol);

describe('numeric', () => {
  it('hashSeed is 32-bit FNV-1a of the canonical encoding in src/numeric/hash.ts (vectors computed independently, in Python)', () => {
    expect(hashSeed('foobar')).toBe(1969251627);
    expect(hashSeed(0)).toBe(1736567121);
    expect(hashSeed(-0)).toBe(1736567121);
    expect(hashSeed([1, 2, 3])).toBe(393664228);
    expect(hashSeed({ vStar: [1, 0], g: [0, 1] })).toBe(74992946);
    expect(hashSeed([1.5, null, true, false, 'é'])).toBe(1129308127);
  });

  // The seed a replay draws with is the stored instance's, the JSON copy of the one the hunt
  // evaluated: the two must agree, or a stored Monte Carlo witness would replay other samples.
  test.prop([fc.jsonValue(), fc.array(fc.oneof(fc.double(), fc.constant(undefined), fc.func(fc.integer()))), fc.float64Array({ maxLength: 5 })], { seed: SUITE_SEED })(
    'hashSeed gives an instance and its JSON copy the same seed (-0, NaN, ±∞, undefined, functions, typed arrays as JSON writes them)',
    (json, odd, typed) => {
      const x = { json, odd, typed, gone: undefined, also: [undefined, -0, Number.NaN, -Infinity] };
      expect(hashSeed(x)).toBe(hashSeed(JSON.parse(JSON.stringify(x))));
    },
  );

  it('hashSeed tells apart what JSON tells apart (a digit, a key, the order of the entries, nesting)', () => {
    const seeds = [[1, 2], [2, 1], [1, [2]], [[1], 2], { a: 1 }, { b: 1 }, { a: 1, b: 2 }, { b: 2, a: 1 }, ['a', 'b'], ['ab'], [0.1], [0.1 + 2 ** -56], 1, '1', [1], true, null].map(hashSeed);
    expect(new Set(seeds).size).toBe(seeds.length);
  });

  it('margin connectives on worked values', () => {
    same(all(3, 1, 2), 1);
    same(any(3, 1, 2), 3);
    same(implies(2, -1), -1);
    same(implies(-2, -1), 2);
    same(equal(3, 5), -2);
    same(equal(5, 3), -2);
    same(sameSign(1, 2), 1);
    same(sameSign(-1, -4), 1);
    same(sameSign(1, -2), -1);
    same(sameSign(-3, 2), -2);
    same(sameSign(2, -3), -2);
    same(sameSign(0, 5), 0);
    same(sameSign(-5, 0), 0);
    same(sameSign(0, 0), 0);
  });

  it('sameStrictSign: zero both ways (p = 0 ⇒ q = 0, p ≠ 0 ⇒ q ≠ 0), else sameSign', () => {
    // p = 0 (within zp): q must be 0, an equality margin.
    same(sameStrictSign(0, 5, 1e-10, 1e-8), -5);
    same(sameStrictSign(1e-11, -0.25, 1e-10, 1e-8), -0.25);
    same(sameStrictSign(0, 0, 1e-10, 1e-8), -0);
    // q = 0 (within zq) while p is not: the strict half fails by |p|, not at the edge of tol.
    same(sameStrictSign(0.3, 0, 1e-10, 1e-8), -0.3);
    same(sameStrictSign(-0.5, 5e-9, 1e-10, 1e-8), -0.5);
    // Both resolvably non-zero: sameSign.
    same(sameStrictSign(1, 2, 1e-10, 1e-8), 1);
    same(sameStrictSign(-3, 2, 1e-10, 1e-8), -2);
    same(sameStrictSign(0.25, 1e-6, 1e-10, 1e-8), 1e-6);
  });

  it('scaledTol: REL_TOL × the largest magnitude + ABS_TOL; a non-finite magnitude is a harness error', () => {
    expect(REL_TOL).toBe(1e-8);
    expect(ABS_TOL).toBe(1e-12);
    expect(scaledTol()).toBe(ABS_TOL);
    expect(scaledTol(2, -3, 1)).toBe(REL_TOL * 3 + ABS_TOL);
    expect(scaledTol(-3, 2)).toBe(REL_TOL * 3 + ABS_TOL);
    expect(() => scaledTol(1, NaN)).toThrow(HarnessError);
    expect(() => scaledTol(Infinity)).toThrow(/tolerance scale is not finite \(Infinity\)/);
  });

  it('errors: the two kinds, and finite()', () => {
    expect(new InputError('x').name).toBe('InputError');
    expect(new HarnessError('x').name).toBe('HarnessError');
    expect(finite(-2.5, 'q')).toBe(-2.5);
    expect(() => finite(NaN, 'q')).toThrow(new HarnessError('q is not finite (NaN)'));
    expect(() => finite(-Infinity, 'q')).toThrow(HarnessError);
  });

  it('erfc and the normal CDF match reference values (Python math.erfc)', () => {
    const ref: [number, number][] = [
      [0, 1], [0.1, 0.8875370839817152], [0.5, 0.4795001221869535], [1, 0.15729920705028513], [2, 0.004677734981047265],
      [2.5, 0.0004069520174449589], [3.9, 3.479224859723177e-8], [4, 1.541725790028002e-8], [4.1, 6.700027654084918e-9],
      [4.5, 1.9661604415428873e-10], [5, 1.5374597944280351e-12], [6, 2.1519736712498916e-17], [8, 1.1224297172982928e-29], [10, 2.088487583762545e-45],
    ];
    for (const [x, y] of ref) {
      // Relative accuracy throughout: 1 − erf by the series (|x| <= 2) cancels only mildly,
      // the continued fraction beyond does not cancel at all.
      near(erfc(x), y, x <= 2 ? 2e-15 : 1e-13 * y);
      near(erfc(-x), 2 - y, 1e-15);
    }
    expect(normalCdf(0)).toBe(0.5);
    near(normalCdf(1.96), 0.9750021048517795, 1e-15);
    near(normalCdf(-1.96), 1 - 0.9750021048517795, 1e-15);
  });

  it('Gauss–Hermite: unit mass, symmetric nodes, exact moments up to degree 2n − 1, cached', () => {
    const one = gaussHermite(1);
    expect(arr(one.nodes)).toEqual([0]);
    near(one.weights[0], 1, 1e-15);
    const r4 = gaussHermite(4);
    expect(gaussHermite(4)).toBe(r4);
    near(r4.weights.reduce((a, b) => a + b, 0), 1, 1e-14);
    const sorted = arr(r4.nodes).sort((a, b) => a - b);
    for (let i = 0; i < 4; i++) near(sorted[i], -sorted[3 - i], 1e-14);
    // E Z^2 = 1, E Z^4 = 3, E Z^6 = 15 (degree <= 7 = 2·4 − 1), E Z^3 = 0; E Z^8 = 105 is beyond.
    const moment = (k: number, n: number) => normalExpectation((x) => x ** k, 0, 1, n);
    near(moment(2, 4), 1, 1e-13);
    near(moment(4, 4), 3, 1e-12);
    near(moment(6, 4), 15, 1e-11);
    near(moment(3, 4), 0, 1e-13);
    expect(Math.abs(moment(8, 4) - 105)).toBeGreaterThan(1);
    near(normalExpectation((x) => x * x, 2, 3, 4), 4 + 9, 1e-12);
    near(normalExpectation((x) => x * x, 2, 3), 13, 1e-11);
  });

  it('the seeded generator replays and has the right first two moments', () => {
    const a = makeRng(7);
    const b = makeRng('7');
    const xs = Array.from({ length: 20_000 }, () => a.normal());
    expect(Array.from({ length: 20_000 }, () => b.normal())).toEqual(xs);
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    const variance = xs.reduce((s, x) => s + (x - mean) ** 2, 0) / xs.length;
    // Fixed seed: these are facts about this one stream (5σ bands of a fresh stream).
    near(mean, 0, 0.04);
    near(variance, 1, 0.05);
    const u = makeRng(1).uniform();
    expect(u).toBeGreaterThanOrEqual(0);
    expect(u).toBeLessThan(1);
  });
});

describe('vectors', () => {
  it('BLAS-1 operations on worked values', () => {
    expect(dot(v(1, 2, 3), v(4, -5, 6))).toBe(12);
    expect(norm(v(3, 4))).toBe(5);
    expect(arr(axpy(2, v(1, -1), v(10, 20)))).toEqual([12, 18]);
    expect(arr(scale(-2, v(1, 0.5)))).toEqual([-2, -1]);
    expect(arr(add(v(1, 2), v(3, 5)))).toEqual([4, 7]);
    expect(arr(sub(v(1, 2), v(3, 5)))).toEqual([-2, -3]);
    expect(isZero(zeros(3))).toBe(true);
    expect(isZero(v(0, 0, 1e-300))).toBe(false);
    expect(isZero(v(-1, 0))).toBe(false);
    expect(maxAbs(v(1, -7, 3))).toBe(7);
    expect(maxAbs(v(-2, 1))).toBe(2);
    expect(maxAbs(zeros(2))).toBe(0);
    expect(arr(unit(3, 1))).toEqual([0, 1, 0]);
    expect(arr(zeros(2))).toEqual([0, 0]);
  });
});

describe('covariances', () => {
  it('a dense Σ: product, solve, factor (LLᵀ = Σ) and copy-out are exact on a worked matrix', () => {
    // Built inside the test: a Σ built while collecting counts as no test's coverage.
    const S = dense([[4, 2], [2, 3]]);
    expect(S.kind).toBe('dense');
    expect(S.dim).toBe(2);
    expect(S.factorDim).toBe(2);
    expect(arr(S.apply(v(1, -1)))).toEqual([2, -1]);
    const x = S.solve(v(2, -1));
    near(x[0], 1, 1e-15);
    near(x[1], -1, 1e-15);
    // L = [[2, 0], [1, sqrt 2]]
    expect(arr(S.factor(v(1, 0)))).toEqual([2, 1]);
    near(S.factor(v(0, 1))[1], Math.SQRT2, 1e-15);
    expect(S.factor(v(0, 1))[0]).toBe(0);
    expect(S.toArray()).toEqual([[4, 2], [2, 3]]);
    // The copy is a copy: writing into it leaves Σ alone.
    S.toArray()[0][0] = 99;
    expect(S.toArray()[0][0]).toBe(4);
    expect(arr(S.apply(v(1, 0)))).toEqual([4, 2]);
    expect(inner(S, v(1, 0), v(0, 1))).toBe(2);
    expect(sqNorm(S, v(1, 1))).toBe(11);
    expect(sNorm(S, v(1, 1))).toBe(Math.sqrt(11));
  });
  it('validation: symmetric to 1e-12 relative; positive definite with a pivot floor', () => {
    expect(() => dense([])).toThrow(/empty matrix/);
    expect(() => dense([[1, 0], [0]])).toThrow(/not square/);
    expect(() => dense([[1, 0.5], [0.5 + 1e-9, 1]])).toThrow(/not symmetric \(entry \[1\]\[0\]/);
    // The tolerance is relative to the largest entry: 1e-7 apart at scale 1e6 is rounding and is
    // symmetrised; the same 1e-7 at scale 1 is not; 1e-5 apart at scale 1e6 is not.
    expect(dense([[1e6, 1], [1 + 1e-7, 1e6]]).toArray()[0][1]).toBe(dense([[1e6, 1], [1 + 1e-7, 1e6]]).toArray()[1][0]);
    expect(() => dense([[1, 0.5], [0.5 + 1e-7, 1]])).toThrow(/not symmetric/);
    expect(() => dense([[1e6, 1], [1 + 1e-5, 1e6]])).toThrow(/not symmetric/);
    // A negative entry counts by its magnitude (this Σ is symmetric to rounding, and indefinite).
    expect(() => dense([[1, -1e6], [-1e6 + 1e-7, 1]])).toThrow(/not positive definite/);
    // The zero matrix is symmetric; what is wrong with it is definiteness.
    expect(() => dense([[0, 0], [0, 0]])).toThrow(/not positive definite/);
    expect(() => dense([[1, 1], [1, 1]])).toThrow(/not positive definite/);
    expect(() => dense([[1, 0], [0, 1e-13]])).not.toThrow(); // the pivot floor is relative to the diagonal
    expect(() => dense([[1, 1], [1, 1 + 1e-13]])).toThrow(/not positive definite/);
    expect(() => dense([[1, 1], [1, 1 + 1e-11]])).not.toThrow();
    expect(() => dense([[1e-20, 0], [0, 1e-20]])).not.toThrow();
    expect(() => dense([[-1]])).toThrow(/not positive definite/);
  });
  it('identity: copies, never aliases, and prints as I', () => {
    const I = identity(3);
    const x = v(1, 2, 3);
    for (const y of [I.apply(x), I.solve(x), I.factor(x)]) {
      expect(arr(y)).toEqual([1, 2, 3]);
      expect(y).not.toBe(x);
    }
    expect(I.toArray()).toEqual([[1, 0, 0], [0, 1, 0], [0, 0, 1]]);
    expect(I.factorDim).toBe(3);
  });
  it('diagonal plus low rank: D + BBᵀ as an array, its factor, its validation', () => {
    const L = diagLowRank(v(1, 2), [v(1, 1)]);
    expect(L.kind).toBe('diag-low-rank');
    expect(L.factorDim).toBe(3);
    expect(L.toArray()).toEqual([[2, 1], [1, 3]]);
    expect(arr(L.apply(v(1, 0)))).toEqual([2, 1]);
    expect(arr(L.factor(v(1, 0, 0)))).toEqual([1, 0]);
    expect(arr(L.factor(v(0, 1, 0)))).toEqual([0, Math.SQRT2]);
    expect(arr(L.factor(v(0, 0, 1)))).toEqual([1, 1]);
    const y = L.solve(v(2, 1));
    near(y[0], 1, 1e-15);
    near(y[1], 0, 1e-15);
    expect(arr(diagLowRank(v(2, 4), []).solve(v(1, 1)))).toEqual([0.5, 0.25]);
    expect(() => diagLowRank(v(1, 0), [])).toThrow(/diagonal entry 1 is 0, not positive/);
    expect(() => diagLowRank(v(1, NaN), [])).toThrow(/not positive/);
    expect(() => diagLowRank(v(1, 1), [v(1)])).toThrow(/wrong length/);
  });
  test.prop([coordinates(fc.record({ cov: covarianceRow(), s: fc.integer({ min: 1, max: 4 }), b: fc.tuple(coord(), coord()) }), { maxDim: 5 })], { seed: SUITE_SEED, numRuns: 60 })(
    'the sampling factor reproduces Σ: Σ_j F(e_j)F(e_j)ᵀ = Σ (dense and diagonal-plus-low-rank)',
    (rows) => {
      const d = rows.length;
      const D = column(rows, 's');
      const covs: Covariance[] = [dense(covarianceOf(column(rows, 'cov')) ?? identity(d).toArray()), diagLowRank(vec(D), [0, 1].map((a) => vec(rows.map((r) => r.b[a]))))];
      for (const C of covs) {
        const M = C.toArray();
        const cols = Array.from({ length: C.factorDim }, (_, j) => C.factor(unit(C.factorDim, j)));
        for (let i = 0; i < d; i++)
          for (let k = 0; k < d; k++) near(cols.reduce((s, c) => s + c[i] * c[k], 0), M[i][k], 1e-9 * (1 + Math.abs(M[i][k])));
      }
    },
  );
  it('isIdentity: exactly I, whatever the representation', () => {
    expect(isIdentity(identity(2))).toBe(true);
    expect(isIdentity(dense([[1, 0], [0, 1]]))).toBe(true);
    expect(isIdentity(dense([[1, 0], [0, 2]]))).toBe(false);
    expect(isIdentity(dense([[1, 1e-9], [1e-9, 1]]))).toBe(false);
    expect(isIdentity(diagLowRank(v(1, 1), []))).toBe(true);
    expect(isIdentity(diagLowRank(v(1, 1), [v(0, 1)]))).toBe(false);
  });
});

describe('subspaces', () => {
  it('the whole space is the standard basis', () => {
    const W = Subspace.whole(3);
    expect(W.rank).toBe(3);
    expect(W.basis.map(arr)).toEqual([[1, 0, 0], [0, 1, 0], [0, 0, 1]]);
    expect(arr(W.project(v(1, -2, 3)))).toEqual([1, -2, 3]);
    expect(Subspace.whole(5).rank).toBe(5);
    expect(Subspace.whole(1).rank).toBe(1);
    expect(Subspace.whole(2).plus(Subspace.span([v(1, 1)], 2)).rank).toBe(2);
  });
  it('Gram–Schmidt: zero and dependent vectors dropped, orthonormal output, exact projections', () => {
    const P = Subspace.span([v(0, 0, 0), v(3, 4, 0), v(6, 8, 0), v(1, 0, 0)], 3);
    expect(P.rank).toBe(2);
    expect(P.dim).toBe(3);
    expect(arr(P.basis[0])).toEqual([0.6, 0.8, 0]);
    near(P.basis[1][0], 0.8, 1e-15);
    near(P.basis[1][1], -0.6, 1e-15);
    expect(P.basis[1][2]).toBe(0);
    const x = v(1, 2, 3);
    P.project(x).forEach((y, i) => near(y, [1, 2, 0][i], 1e-15));
    P.reject(x).forEach((y, i) => near(y, [0, 0, 3][i], 1e-15));
    // A vector dependent only up to rounding-sized residue (1e-12 relative) is dropped…
    expect(Subspace.span([v(1, 0), v(1, 1e-12)], 2).rank).toBe(1);
    // …one clearly independent is kept; relTol is the dividing line.
    expect(Subspace.span([v(1, 0), v(1, 1e-9)], 2).rank).toBe(2);
    expect(Subspace.span([v(1, 0), v(1, 1e-9)], 2, 1e-6).rank).toBe(1);
    // The dividing line is relative to the vector's own norm: a 1e-11 residue of a vector of
    // norm 1e3 is dependent, a 1e-12 residue of a vector of norm 1e-3 is not.
    expect(Subspace.span([v(1, 0), v(1e3, 1e-8)], 2).rank).toBe(1);
    expect(Subspace.span([v(1, 0), v(1e-3, 1e-12)], 2).rank).toBe(2);
  });
  it('re-orthogonalisation keeps nearly parallel spanning vectors orthonormal', () => {
    const P = Subspace.span([v(1, 1e-8, 0), v(1, 0, 1e-8), v(1, 1e-8, 1e-8)], 3);
    for (const [i, a] of P.basis.entries()) for (const [j, b] of P.basis.entries()) near(dot(a, b), +(i === j), 1e-12);
  });
  it('a projection or rejection at the rounding level of its input is exactly 0', () => {
    // (1, 3, 7)·10⁶ lies in the span of (1, 3, 7): computed plainly its rejection is ~1e-9 of
    // rounding noise, whose direction would otherwise be given an alignment (flake seed 2, T7.a).
    const S = Subspace.span([v(1, 3, 7)], 3);
    expect(arr(S.reject(v(1e6, 3e6, 7e6)))).toEqual([0, 0, 0]);
    expect(arr(S.project(v(7e6, 0, -1e6)))).toEqual([0, 0, 0]);
    // A small but real component is kept: 1e-9 of a unit vector is far above rounding.
    expect(S.reject(v(1, 3, 7 + 1e-9)).some((x) => x !== 0)).toBe(true);
  });
  it('the sum of subspaces', () => {
    const S = Subspace.span([v(1, 0, 0)], 3).plus(Subspace.span([v(1, 1, 0), v(2, 0, 0)], 3));
    expect(S.rank).toBe(2);
    expect(arr(S.reject(v(5, 6, 7)))).toEqual([0, 0, 7]);
  });
});

describe('the RLAIF model', () => {
  // Built per test (see 'covariances').
  let Sig: Covariance;
  let M: ReturnType<typeof valueModel>;
  beforeEach(() => {
    Sig = dense([[2, 1], [1, 2]]);
    M = valueModel(v(1, 0), { Sigma: Sig, mu: v(1, 1) });
  });
  it('policy step, KL and budget on worked values', () => {
    expect(arr(policyDirection(v(1, 1), v(2, -4), 2))).toEqual([2, -1]);
    expect(klDivergence(Sig, v(1, 0), 2)).toBe(2 / 8);
    expect(betaForBudget(Sig, v(1, 0), 1)).toBe(1); // ‖u‖_Σ = sqrt 2, sqrt(2ε) = sqrt 2
    expect(betaForBudget(Sig, v(1, 0), 4)).toBe(0.5);
  });
  it('value model: defaults, a zero v* is refused, m(θ) and J on worked values', () => {
    expect(() => valueModel(v(0, 0))).toThrow(/must be non-zero/);
    const D = valueModel(v(1, 2));
    expect(D.Sigma.kind).toBe('identity');
    expect(arr(D.mu)).toEqual([0, 0]);
    expect(D.f).toBe(IDENTITY);
    // m(θ) = <v*,μ> + <θ, v*>_Σ = 1 + (Σθ)_0
    expect(valueScoreMean(M, v(1, 1))).toBe(1 + 3);
    expect(expectedValue(M, v(1, 1))).toBe(4);
    const Mc = valueModel(v(1, 0), { Sigma: Sig, f: link({ kind: 'square' }) });
    // E (m + sZ)^2 = m² + s², s² = ‖v*‖²_Σ = 2
    expect(expectedValue(Mc, v(1, 0))).toBe(4 + 2);
  });
  it('gain from J: the T1 value on a worked instance, and a zero reward moves nothing', () => {
    // G = sqrt(2ε)·‖v*‖_Σ·A(u) = sqrt(2)·sqrt(2)·ρ; u = v*: ρ = 1
    near(gain(M, v(0, 0), v(1, 0), 1), 2, 1e-15);
    near(gain(M, v(3, -1), v(-2, 0), 1), -2, 1e-14);
    expect(gain(M, v(1, 1), v(0, 0), 1)).toBe(0);
  });
  it('correlation: worked values, 0 at a zero vector, clamped into [−1, 1]', () => {
    // <e1, e2>_Σ = 1, ‖e1‖_Σ = ‖e2‖_Σ = sqrt 2
    near(correlation(Sig, v(1, 0), v(0, 1)), 0.5, 1e-15);
    expect(correlation(Sig, v(0, 0), v(0, 1))).toBe(0);
    expect(correlation(Sig, v(0, 1), v(0, 0))).toBe(0);
    expect(alignment(M, v(3, 0))).toBe(1);
    expect(alignment(M, v(-3, 0))).toBe(-1);
    // Unclamped, these come out as ±1.0000000000000002 (one ulp beyond).
    const x = v(0.8425275827482447, 0.024072216649949848, 0.5927783350050151);
    expect(dot(x, x) / (norm(x) * norm(x))).toBeGreaterThan(1);
    expect(correlation(identity(3), x, x)).toBe(1);
    const y = v(0.41424272818455365, 0.3530591775325978, 0.4012036108324975);
    expect(correlation(identity(3), y, scale(-1, y))).toBe(-1);
  });
});

describe('links', () => {
  it('kinds and monotonicity flags', () => {
    expect([...MONOTONE_KINDS]).toEqual(['identity', 'cubic', 'exp', 'tanh', 'logistic']);
    expect([...NON_MONOTONE_KINDS]).toEqual(['square', 'negsquare', 'abs', 'sin']);
    expect([...LINK_KINDS]).toEqual([...MONOTONE_KINDS, ...NON_MONOTONE_KINDS]);
    for (const k of MONOTONE_KINDS) expect(link({ kind: k, a: 1, b: 0 } as never).monotone, k).toBe(true);
    for (const k of NON_MONOTONE_KINDS) expect(link({ kind: k } as never).monotone, k).toBe(false);
  });
  it('a blend (1 − w)x + w·g(x): its values, closed form, and monotonicity flag against a finite-difference scan', () => {
    for (const kind of LINK_KINDS)
      for (const w of [0, 0.25, 0.5, 0.75]) {
        const spec = { kind, a: 1, b: 0, weight: w } as never;
        const f = link(spec);
        const g = link({ kind, a: 1, b: 0 } as never);
        for (const x of [-2, -0.5, 0.3, 1.7]) expect(f(x)).toBeCloseTo((1 - w) * x + w * g(x), 14);
        // |x|'s kink defeats Gauss–Hermite (why it has a closed form): checked smooth kinds only.
        if (f.closedForm && kind !== 'abs') expect(f.closedForm(0.3, 0.7)).toBeCloseTo(normalExpectation(f, 0.3, 0.7, 120), 8);
        // The flag says strictly increasing exactly when a fine scan of [−6, 6] never goes down.
        const xs = Array.from({ length: 4801 }, (_, i) => -6 + i / 400);
        const increasing = xs.every((x, i) => i === 0 || f(x) > f(xs[i - 1]));
        expect(f.monotone, `${kind} w=${w}`).toBe(increasing);
      }
  });
  it('values and closed forms at worked points', () => {
    const f = (spec: Parameters<typeof link>[0]) => link(spec);
    expect(f({ kind: 'identity' })(-2)).toBe(-2);
    expect(f({ kind: 'cubic' })(2)).toBe(10);
    expect(f({ kind: 'exp' })(0)).toBe(1);
    expect(f({ kind: 'tanh', a: 2, b: 1 })(0.5)).toBe(Math.tanh(2));
    expect(f({ kind: 'logistic', a: 2, b: -1 })(0.5)).toBe(0.5);
    expect(f({ kind: 'logistic', a: 1, b: 0 })(2)).toBe(1 / (1 + Math.exp(-2)));
    expect(f({ kind: 'square' })(-3)).toBe(9);
    expect(f({ kind: 'negsquare' })(-3)).toBe(-9);
    expect(f({ kind: 'abs' })(-3)).toBe(3);
    expect(f({ kind: 'sin' })(Math.PI / 2)).toBe(1);
    // E[f(m + sZ)]: hand-derived moments of the normal law.
    expect(f({ kind: 'identity' }).closedForm!(1.5, 2)).toBe(1.5);
    expect(f({ kind: 'cubic' }).closedForm!(1, 2)).toBe(1 + 12 + 1);
    expect(f({ kind: 'exp' }).closedForm!(1, 2)).toBe(Math.exp(3));
    expect(f({ kind: 'square' }).closedForm!(1, 2)).toBe(5);
    expect(f({ kind: 'negsquare' }).closedForm!(1, 2)).toBe(-5);
    expect(f({ kind: 'sin' }).closedForm!(Math.PI / 2, 2)).toBe(Math.exp(-2));
    expect(f({ kind: 'abs' }).closedForm!(-3, 0)).toBe(3);
    expect(f({ kind: 'abs' }).closedForm!(0, 0)).toBe(0);
    near(f({ kind: 'abs' }).closedForm!(0, 2), 2 * Math.sqrt(2 / Math.PI), 1e-15);
    // E|m + sZ| = s·sqrt(2/π)·e^{−m²/2s²} + m(1 − 2Φ(−m/s)), at m = 1, s = 1: 0.2419707245 + 0.6826894921
    near(f({ kind: 'abs' }).closedForm!(1, 1), 1.1666309411753726, 1e-15);
    near(f({ kind: 'abs' }).closedForm!(-1, 1), 1.1666309411753726, 1e-15);
    expect(f({ kind: 'tanh', a: 1, b: 0 }).closedForm).toBeUndefined();
    expect(f({ kind: 'logistic', a: 1, b: 0 }).closedForm).toBeUndefined();
  });
  it('E f uses the closed form when there is one, 120-node quadrature otherwise', () => {
    const sq = link({ kind: 'square' });
    expect(expectUnderNormal(sq, 1, 2)).toBe(5);
    const t = link({ kind: 'tanh', a: 1, b: 0.5 });
    expect(expectUnderNormal(t, 0.3, 0.7)).toBe(normalExpectation(t, 0.3, 0.7, 120));
    expect(expectUnderNormal(t, 0.3, 0.7)).not.toBe(normalExpectation(t, 0.3, 0.7, 80));
  });
});

describe('agreement', () => {
  it('Hoeffding and Sheppard on worked values', () => {
    expect(hoeffding(200, 0.5, 1)).toBe(Math.sqrt(Math.log(4) / 400));
    expect(hoeffding(200, 0.5, 2)).toBe(2 * Math.sqrt(Math.log(4) / 400));
    expect(hoeffding(200, 0.5)).toBe(hoeffding(200, 0.5, 1));
    expect(MC_SAMPLES).toBe(PROFILE === 'mutation' ? 10_000 : 40_000);
    expect(MC_ALPHA).toBe(1e-7);
    expect(sheppard(0.5)).toBe(1 - Math.acos(0.5) / Math.PI);
    expect(sheppard(1.5)).toBe(1);
    expect(sheppard(-2)).toBe(0);
  });
  it('the Monte Carlo estimator: exact answers where agreement is certain, and its error bookkeeping', () => {
    const M = valueModel(v(1, 2));
    const est = agreementMonteCarlo(M, [v(2, 4), v(-1, -2), v(0, 0)], makeRng(3), 1000, 1e-3);
    // Same direction: every pair agrees; opposite: none; zero: every pair a tie (one half).
    expect(est.estimates).toEqual([1, 0, 0.5]);
    expect(est.n).toBe(1000);
    expect(est.alpha).toBe(1e-3);
    expect(est.tieBias).toBe(0);
    expect(est.halfWidth).toBe(hoeffding(1000, 1e-3 / 9, 2));
    expect(agreementMonteCarlo(M, [], makeRng(3), 10, 1e-3).halfWidth).toBe(hoeffding(10, 1e-3, 2));
    // The estimates move with the seed only through the sample, not through the bookkeeping.
    const x = v(1, 0);
    const a = agreementMonteCarlo(M, [x], makeRng(1), 2000);
    expect(a.estimates).toEqual(agreementMonteCarlo(M, [x], makeRng(1), 2000).estimates);
    expect(a.estimates[0]).not.toBe(agreementMonteCarlo(M, [x], makeRng(2), 2000).estimates[0]);
  });
  it('rounding ties of a saturating link are counted one half each, and reported as tie bias', () => {
    // tanh(1000 x) is ±1 in floating point for |x| > 0.02: most value comparisons tie.
    const M = valueModel(v(1), { f: link({ kind: 'tanh', a: 1000, b: 0 }) });
    const est = agreementMonteCarlo(M, [v(1)], makeRng(5), 4000);
    expect(est.tieBias).toBeGreaterThan(0.2);
    // For x = v* every non-tied pair agrees, so the estimate is exactly 1 − ties/(2n).
    expect(est.estimates[0]).toBe(1 - est.tieBias);
  });
  it('means matter only through differences: a shifted μ changes nothing', () => {
    const a = agreementMonteCarlo(valueModel(v(1, 1)), [v(1, 0)], makeRng(9), 3000);
    const b = agreementMonteCarlo(valueModel(v(1, 1), { mu: v(5, -3) }), [v(1, 0)], makeRng(9), 3000);
    near(a.estimates[0], b.estimates[0], 1e-12);
  });
  it('correlated scores are drawn with the Σ-Gram matrix (Sheppard within the bound on a worked case)', () => {
    const S = dense([[1, 0.8], [0.8, 1]]);
    const M = valueModel(v(1, 0), { Sigma: S });
    const est = agreementMonteCarlo(M, [v(0, 1)], makeRng(11));
    near(est.estimates[0], sheppard(0.8), est.halfWidth);
    expect(Math.abs(est.estimates[0] - sheppard(0))).toBeGreaterThan(est.halfWidth);
  });
});
