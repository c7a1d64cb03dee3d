// Direct facts about src/numeric/ that its property files (quadrature, rng, units, linalg) leave
// unchecked: the finite-sample bounds (empirical Bernstein and the known-variance Bernstein on
// hand-computed values, the Bernstein root put back into its own quadratic, the running moment's
// mean, variance and interval, its range check with a relative slack), the interval arithmetic on
// worked intervals, the printed numbers of format.ts (the examples of its doc comments and each
// boundary of its ranges), hashSeed's rarer paths (toJSON, bigint, symbols, string lengths past
// one byte, UTF-16 code units past 0xFF: FNV-1a vectors computed independently, in Python, from
// the encoding documented in hash.ts), Gauss–Legendre's closed-form rules, the panelled normal
// expectation on integrands with a known mean (a step, a steep transition, a truncated range),
// the profile's run budgets, DefinitionError, sameStrictSign at a zero resolution of 0, and
// ml-matrix's lazy load.
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import {
  bernsteinKnownVariance,
  correlationInterval,
  covarianceInterval,
  empiricalBernstein,
  hoeffding,
  intervalMul,
  intervalSquare,
  intervalSub,
  pointInterval,
  RunningMoment,
  varianceInterval,
} from '../../src/numeric/bounds.ts';
import { DefinitionError, HarnessError, InputError } from '../../src/numeric/errors.ts';
import { nested, num, vec } from '../../src/numeric/format.ts';
import { hashSeed } from '../../src/numeric/hash.ts';
import { sameStrictSign } from '../../src/numeric/margin.ts';
import { mlMatrix } from '../../src/numeric/ml-matrix.ts';
import { PROFILE, PROFILE_MC_SAMPLES, profileRuns } from '../../src/numeric/profile.ts';
import { erfc, gaussLegendre, golubWelsch, normalCdf, normalExpect } from '../../src/numeric/quadrature.ts';

const near = (a: number, b: number, tol: number) => expect(Math.abs(a - b), `${a} vs ${b}`).toBeLessThanOrEqual(tol);
const nearPair = (a: readonly [number, number], b: readonly [number, number], tol = 1e-15) => {
  near(a[0], b[0], tol);
  near(a[1], b[1], tol);
};

describe('bounds: Bernstein half-widths', () => {
  // δ = 4/e makes ln(4/δ) = 1, so every term can be read off by hand.
  const deltaUnitLog = 4 / Math.E;

  it('empirical Bernstein: sqrt(2V·L/n) + 7R·L/(3(n − 1)) with L = ln(4/δ), a negative variance read as 0', () => {
    // n = 2, V = 1, R = 3: sqrt(1) + 21/3 = 8.
    near(empiricalBernstein(2, 1, 3, deltaUnitLog), 8, 1e-14);
    // n = 8, V = 4, R = 7: sqrt(1) + 49/21 = 1 + 7/3.
    near(empiricalBernstein(8, 4, 7, deltaUnitLog), 1 + 7 / 3, 1e-14);
    // Rounding can make a sample variance slightly negative: it counts as 0, never NaN.
    near(empiricalBernstein(2, -1e-18, 3, deltaUnitLog), 7, 1e-14);
    // The default α enters through ln(4/δ): δ = 4e⁻² doubles L.
    near(empiricalBernstein(2, 1, 3, 4 / Math.E ** 2), Math.sqrt(2) + 14, 1e-13);
  });

  it('known variance: the positive root t of n·t² = L(2σ² + 2t/3), L = ln(2/α)', () => {
    for (const [n, variance, alpha] of [[40_000, 0.02 * 0.98, 1e-7], [100, 0.25, 0.01], [7, 0.1, 0.5]]) {
      const t = bernsteinKnownVariance(n, variance, alpha);
      const L = Math.log(2 / alpha);
      expect(t).toBeGreaterThan(0);
      near(n * t * t, L * (2 * variance + (2 * t) / 3), 1e-12 * L);
    }
    // With σ² = 0 the root is 2L/(3n); at α = 2/e, L = 1.
    near(bernsteinKnownVariance(3, 0, 2 / Math.E), 2 / 9, 1e-15);
    // The doc's figures: p = 0.02, n = 40 000, α = 1e-7 gives 0.0042, where Hoeffding gives 0.0145.
    near(bernsteinKnownVariance(40_000, 0.02 * 0.98, 1e-7), 0.0042, 5e-5);
    near(hoeffding(40_000, 1e-7), 0.0145, 5e-5);
    // Near p = 1/2 it is a hair wider than Hoeffding.
    const atHalf = bernsteinKnownVariance(40_000, 0.25, 1e-7);
    expect(atHalf).toBeGreaterThan(hoeffding(40_000, 1e-7));
    expect(atHalf).toBeLessThan(1.05 * hoeffding(40_000, 1e-7));
  });
});

describe('bounds: RunningMoment', () => {
  it('mean and unbiased variance (Welford) of 1, 2, 3, 4, and the empirical Bernstein interval around the mean', () => {
    const r = new RunningMoment(-1, 5, 'draws');
    for (const x of [1, 2, 3, 4]) r.add(x);
    expect(r.n).toBe(4);
    expect(r.mean).toBe(2.5);
    // V = ((1.5)² + (0.5)² + (0.5)² + (1.5)²)/3 = 5/3, R = 6, L = 1: h = sqrt(2·(5/3)/4) + 7·6/9.
    const h = Math.sqrt(5 / 6) + 42 / 9;
    nearPair(r.interval(4 / Math.E), [2.5 - h, 2.5 + h], 1e-14);
  });

  it('a draw outside [lo, hi] is a harness error naming the quantity, the draw and the bound; rounding-level overshoot is not', () => {
    const r = new RunningMoment(0, 1, 'agreement indicator');
    expect(() => r.add(1.5)).toThrow(HarnessError);
    expect(() => r.add(1.5)).toThrow(/agreement indicator.*1\.5.*\[0, 1\]/);
    expect(() => r.add(-0.25)).toThrow(/agreement indicator.*-0\.25.*\[0, 1\]/);
    expect(() => r.add(Number.NaN)).toThrow(/NaN/);
    expect(() => r.add(1 + 1e-6)).toThrow(HarnessError);
    expect(() => r.add(-1e-6)).toThrow(HarnessError);
    expect(r.n).toBe(0);
    // The ends themselves and a few ulps past them are draws in range.
    for (const x of [0, 1, 1 + 4 * Number.EPSILON, -1e-15]) r.add(x);
    expect(r.n).toBe(4);
    // The slack is relative to the bounds' magnitude: 1 part in 1e12 of 1e6 is 1e-6 absolute,
    // rounding there; 1 part in 1e5 is not.
    const big = new RunningMoment(-2e6, 1e6, 'score');
    big.add(1e6 * (1 + 1e-12));
    big.add(-2e6 * (1 + 1e-12));
    expect(() => big.add(1e6 * (1 + 1e-5))).toThrow(/score/);
    expect(() => big.add(-2e6 * (1 + 1e-5))).toThrow(/score/);
    expect(big.n).toBe(2);
  });
});

describe('bounds: interval arithmetic holds every value the operation can take', () => {
  it('point, difference and product', () => {
    expect(pointInterval(2.5)).toEqual([2.5, 2.5]);
    // [1, 2] − [0.5, 3] = [1 − 3, 2 − 0.5].
    expect(intervalSub([1, 2], [0.5, 3])).toEqual([-2, 1.5]);
    // [−1, 2]·[3, 4]: corner products −3, −4, 6, 8.
    expect(intervalMul([-1, 2], [3, 4])).toEqual([-4, 8]);
    expect(intervalMul([-2, -1], [-3, 5])).toEqual([-10, 6]);
  });

  it('square: [0, max] when the interval straddles 0, the squares of the ends in order otherwise', () => {
    expect(intervalSquare([-3, 2])).toEqual([0, 9]);
    expect(intervalSquare([-2, 3])).toEqual([0, 9]);
    expect(intervalSquare([-3, -1])).toEqual([1, 9]);
    expect(intervalSquare([2, 3])).toEqual([4, 9]);
  });

  it('covariance E[XY] − EX·EY and variance E[X²] − (EX)² from intervals on the means', () => {
    // [1, 2] − [1, 1]·[2, 3] = [1, 2] − [2, 3] = [−2, 0].
    expect(covarianceInterval([1, 2], [1, 1], [2, 3])).toEqual([-2, 0]);
    // [5, 6] − [1, 2]² = [5, 6] − [1, 4] = [1, 5].
    expect(varianceInterval([5, 6], [1, 2])).toEqual([1, 5]);
    // The same mean twice is not two independent factors: [−1, 1]² is [0, 1], not [−1, 1].
    expect(varianceInterval([2, 2], [-1, 1])).toEqual([1, 2]);
  });

  it('correlation cov/sqrt(varX·varY): each end divided by the scale that makes it extreme, clamped, [−1, 1] when a variance may be 0', () => {
    // varX ∈ [1, 4], varY = 1: the scale is in [1, 2].
    nearPair(correlationInterval([0.5, 1], [1, 4], [1, 1]), [0.25, 1]);
    nearPair(correlationInterval([-1, -0.5], [1, 4], [1, 1]), [-1, -0.25]);
    nearPair(correlationInterval([-0.5, 0.5], [1, 4], [4, 4]), [-0.25, 0.25]);
    nearPair(correlationInterval([-0.6, 0.2], [1, 4], [1, 1]), [-0.6, 0.2]);
    // Both variances uncertain, varX, varY ∈ [1, 4]: the scale sqrt(varX·varY) is in [1, 4].
    nearPair(correlationInterval([0.5, 1], [1, 4], [1, 4]), [0.125, 1]);
    nearPair(correlationInterval([-1, -0.5], [1, 4], [1, 4]), [-1, -0.125]);
    // A covariance interval wider than the scale allows is clamped to [−1, 1].
    expect(correlationInterval([-3, 3], [1, 1], [1, 1])).toEqual([-1, 1]);
    expect(correlationInterval([-3, -2], [1, 1], [1, 1])).toEqual([-1, -2]);
    // A variance interval reaching 0 (on either side) says nothing.
    expect(correlationInterval([-1, 0], [0, 1], [1, 1])).toEqual([-1, 1]);
    expect(correlationInterval([0.1, 0.2], [1, 1], [-0.5, 1])).toEqual([-1, 1]);
    expect(correlationInterval([-1, 0], [1, 1], [0, 1])).toEqual([-1, 1]);
    expect(correlationInterval([0.1, 0.2], [-1e-3, 2], [1, 2])).toEqual([-1, 1]);
  });
});

describe('format: numbers as people read them', () => {
  it("the doc's examples: 0.7071067 → 0.707, −2 → −2, 7e-11 → 7e−11, 4250.8 → 4250", () => {
    expect(num(0.7071067)).toBe('0.707');
    expect(num(-2)).toBe('−2');
    expect(num(7e-11)).toBe('7e−11');
    expect(num(4250.8)).toBe('4250');
    expect(num(-0.7071067)).toBe('−0.707');
  });

  it('zero, non-finite numbers, whole numbers below 1e7 as they are, and the digits asked for', () => {
    expect(num(0)).toBe('0');
    expect(num(-0)).toBe('0');
    expect(num(Number.NaN)).toBe('NaN');
    expect(num(-Infinity)).toBe('-Infinity');
    expect(num(9_999_999)).toBe('9999999');
    expect(num(-1234)).toBe('−1234');
    expect(num(Math.PI, 5)).toBe('3.1416');
    expect(num(2 / 3, 1)).toBe('0.7');
  });

  it('exponents from 1e7 up and for small numbers, without trailing zeros, with true minus signs; 1e-3 still plain', () => {
    expect(num(1e7)).toBe('1e7');
    expect(num(9_999_999.5)).toBe('1e7');
    expect(num(-1e8)).toBe('−1e8');
    expect(num(12_345_678)).toBe('1.23e7');
    expect(num(1.5e-7)).toBe('1.5e−7');
    expect(num(-1.5e-7)).toBe('−1.5e−7');
    expect(num(1.2e-12)).toBe('1.2e−12');
    expect(num(2.5e-9, 4)).toBe('2.5e−9');
    // 1e-3 itself is still in the plain range, and so is what rounds to it.
    expect(num(0.001)).toBe('0.001');
    expect(num(-0.001)).toBe('−0.001');
    expect(num(1e-3 * (1 - 1e-12))).toBe('0.001');
  });

  it('vectors: every entry up to max, else the first max − 2, an ellipsis, the last and the length', () => {
    expect(vec([1, 0, -0.5])).toBe('[1, 0, −0.5]');
    expect(vec([])).toBe('[]');
    expect(vec([1, 2, 3, 4, 5, 6, 7, 8])).toBe('[1, 2, 3, 4, 5, 6, 7, 8]');
    expect(vec([1, 2, 3, 4, 5, 6, 7, 8, 9])).toBe('[1, 2, 3, 4, 5, 6, …, 9] (9 entries)');
    expect(vec([1, 2, 3, 4], 3)).toBe('[1, …, 4] (4 entries)');
  });

  it('nested arrays bracketed level by level, long lists of rows cut at max, anything else as JSON', () => {
    expect(nested(0.7071067)).toBe('0.707');
    expect(nested('a')).toBe('"a"');
    expect(nested(null)).toBe('null');
    expect(nested({ k: 1 })).toBe('{"k":1}');
    expect(nested([[1, -2], [3, 4]])).toBe('[[1, −2], [3, 4]]');
    expect(nested([[1], [2], [3]], 2)).toBe('[[1], [2], … (3 rows)]');
    expect(nested([[1], [2]], 2)).toBe('[[1], [2]]');
    expect(nested([[1, 2, 3, 4]], 3)).toBe('[[1, …, 4] (4 entries)]');
    expect(nested([1, [2]])).toBe('[1, [2]]');
  });
});

describe('hashSeed: the rarer paths of the encoding', () => {
  it('string lengths past one byte and code units past 0xFF (FNV-1a vectors computed in Python)', () => {
    expect(hashSeed('a'.repeat(300))).toBe(3721827529);
    expect(hashSeed('a'.repeat(70_000))).toBe(3378044036);
    expect(hashSeed('€')).toBe(1477537559);
  });

  it('empty containers, null in an array, zero and a negative number in an object', () => {
    expect(hashSeed({})).toBe(1415952421);
    expect(hashSeed([])).toBe(1947613349);
    expect(hashSeed([null])).toBe(1989824167);
    expect(hashSeed({ x: [0, -1.5] })).toBe(3218193472);
  });

  it('what JSON does: toJSON is followed, symbols and functions are dropped from objects and null in arrays', () => {
    const date = new Date(0);
    expect(hashSeed(date)).toBe(783611549); // its JSON string, 1970-01-01T00:00:00.000Z
    expect(hashSeed({ when: date })).toBe(hashSeed({ when: '1970-01-01T00:00:00.000Z' }));
    expect(hashSeed({ a: Symbol('s'), b: 1 })).toBe(hashSeed({ b: 1 }));
    expect(hashSeed({ f: () => 1, b: 1 })).toBe(hashSeed({ b: 1 }));
    expect(hashSeed([Symbol('s'), () => 1])).toBe(hashSeed([null, null]));
  });

  it('every JSON value hashes as FNV-1a over the documented encoding (an independent encoder, DataView little-endian)', () => {
    // The encoding of hash.ts's head comment, written out byte by byte: 'n' + float64 bytes
    // little-endian (−0 as 0, a non-finite number as null 'z'), 's' + UTF-16 length (4 bytes LE)
    // + code units (low byte first), 't'/'f', 'z', '[' items ']', '{' key value … '}'.
    const reference = (v: unknown): number => {
      const bytes: number[] = [];
      const put = (b: number) => bytes.push(b & 0xff);
      const enc = (x: unknown): void => {
        if (typeof x === 'number') {
          if (!Number.isFinite(x)) return void put(0x7a);
          put(0x6e);
          const dv = new DataView(new ArrayBuffer(8));
          dv.setFloat64(0, x === 0 ? 0 : x, true);
          for (let i = 0; i < 8; i++) put(dv.getUint8(i));
        } else if (typeof x === 'string') {
          put(0x73);
          for (let i = 0; i < 4; i++) put(x.length >>> (8 * i));
          for (let i = 0; i < x.length; i++) {
            put(x.charCodeAt(i));
            put(x.charCodeAt(i) >>> 8);
          }
        } else if (typeof x === 'boolean') put(x ? 0x74 : 0x66);
        else if (x === null) put(0x7a);
        else if (Array.isArray(x)) {
          put(0x5b);
          x.forEach(enc);
          put(0x5d);
        } else {
          put(0x7b);
          for (const [k, val] of Object.entries(x as object)) {
            enc(k);
            enc(val);
          }
          put(0x7d);
        }
      };
      enc(v);
      let h = 0x811c9dc5;
      for (const b of bytes) h = Math.imul(h ^ b, 0x01000193);
      return h >>> 0;
    };
    // Numbers at the top level and as object values (not only inside arrays, whose items take a
    // faster path), −0, non-finite numbers and nesting.
    for (const v of [1.5, -0.1, { a: 0.1 }, { a: -0, b: [2.5, -0, 3], c: { d: 1e300, e: Number.NaN } }, [{ x: 0.75 }, 'é', true, null]]) expect(hashSeed(v)).toBe(reference(v));
    expect(hashSeed({ a: 0.1 })).not.toBe(hashSeed({ a: 0.2 }));
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), fc.double(), fc.dictionary(fc.string(), fc.double())), (v) => hashSeed(v) === reference(v)),
      { seed: 20261129, numRuns: 300 },
    );
  });

  it('a bigint has no JSON form: a TypeError saying so', () => {
    expect(() => hashSeed({ n: 1n })).toThrow(TypeError);
    expect(() => hashSeed([1n])).toThrow(/bigint/);
  });
});

describe('quadrature: Gauss–Legendre and the panelled normal expectation', () => {
  it('Gauss–Legendre on [−1, 1]: the closed-form 2- and 3-point rules, exact to degree 2n − 1', () => {
    const two = gaussLegendre(2);
    const x2 = Array.from(two.x).sort((a, b) => a - b);
    near(x2[0], -1 / Math.sqrt(3), 1e-15);
    near(x2[1], 1 / Math.sqrt(3), 1e-15);
    for (const w of two.w) near(w, 1, 1e-15);
    const three = gaussLegendre(3);
    const order = Array.from(three.x.keys()).sort((i, j) => three.x[i] - three.x[j]);
    near(three.x[order[0]], -Math.sqrt(3 / 5), 1e-15);
    near(three.x[order[1]], 0, 1e-15);
    near(three.x[order[2]], Math.sqrt(3 / 5), 1e-15);
    near(three.w[order[0]], 5 / 9, 1e-15);
    near(three.w[order[1]], 8 / 9, 1e-15);
    near(three.w[order[2]], 5 / 9, 1e-15);
    // ∫ x⁴ = 2/5 and ∫ x⁴·x = 0 on [−1, 1] with 3 points (degree ≤ 5); ∫ x⁶ = 2/7 is beyond.
    const rule = (n: number, g: (x: number) => number) => {
      const { x, w } = gaussLegendre(n);
      return x.reduce((s, xi, i) => s + w[i] * g(xi), 0);
    };
    near(rule(3, (x) => x ** 4), 2 / 5, 1e-15);
    near(rule(3, (x) => x ** 5), 0, 1e-15);
    expect(Math.abs(rule(3, (x) => x ** 6) - 2 / 7)).toBeGreaterThan(1e-3);
    near(rule(8, (x) => x ** 14), 2 / 15, 1e-14);
    expect(gaussLegendre(5).x).toBe(gaussLegendre(5).x);
  });

  it("Golub–Welsch reads the recurrence's diagonal: a_k = m gives the Gauss rule of N(m, 1), its nodes m − √3, m, m + √3", () => {
    // The orthonormal polynomials of N(m, 1) are Hermite's in x − m: a_k = m, b_k = √k, μ(R) = 1.
    // The 3-point rule's nodes are m and m ± √3, with weights 2/3 and 1/6 each (Gauss–Hermite's).
    const { nodes, weights } = golubWelsch(3, () => 2, Math.sqrt, 1);
    const order = Array.from(nodes.keys()).sort((i, j) => nodes[i] - nodes[j]);
    near(nodes[order[0]], 2 - Math.sqrt(3), 1e-14);
    near(nodes[order[1]], 2, 1e-14);
    near(nodes[order[2]], 2 + Math.sqrt(3), 1e-14);
    near(weights[order[0]], 1 / 6, 1e-15);
    near(weights[order[1]], 2 / 3, 1e-15);
    near(weights[order[2]], 1 / 6, 1e-15);
    // One node: the mean itself, carrying the whole mass μ(R).
    const one = golubWelsch(1, () => -0.5, Math.sqrt, 3);
    expect(Array.from(one.nodes)).toEqual([-0.5]);
    expect(Array.from(one.weights)).toEqual([3]);
  });

  it('E[g(Z)] on smooth integrands: 1, Z², |Z| (kink at the always-graded 0)', () => {
    near(normalExpect(() => 1), 1, 4e-15);
    near(normalExpect((z) => z * z), 1, 4e-15);
    near(normalExpect((z) => z ** 4), 3, 2e-14);
    near(normalExpect(Math.abs), Math.sqrt(2 / Math.PI), 4e-15);
  });

  it('the range [−R, R], also for a non-integer R; breaks outside it ignored', () => {
    // P(|Z| ≤ R) = 1 − erfc(R/√2).
    near(normalExpect(() => 1, [], 2.5), 1 - erfc(2.5 / Math.SQRT2), 4e-15);
    near(normalExpect(() => 1, [], 3), 1 - erfc(3 / Math.SQRT2), 4e-15);
    near(normalExpect(() => 1, [5], 3), 1 - erfc(3 / Math.SQRT2), 4e-15);
    near(normalExpect(() => 1, [-4, 2.9, -2.9], 3), 1 - erfc(3 / Math.SQRT2), 4e-15);
  });

  it('a step and a steep transition at a declared break are integrated exactly; undeclared they are not', () => {
    // E 1{Z > 0.7} = Φ(−0.7).
    const step = (z: number) => (z > 0.7 ? 1 : 0);
    near(normalExpect(step, [0.7]), normalCdf(-0.7), 1e-15);
    expect(Math.abs(normalExpect(step) - normalCdf(-0.7))).toBeGreaterThan(1e-5);
    // E Φ(a(Z − b)) = P(Y − aZ ≤ −ab) = Φ(−ab/√(1 + a²)), Y ~ N(0,1) independent of Z: a
    // transition of width 1/a at b = 0.3, down to 1/a = 3e-4, which the panels graded to 2⁻⁸
    // resolve to rounding (grading stopped at 2⁻⁷ leaves ~1e-12 at a = 3000).
    for (const a of [100, 1000, 3000]) {
      const exact = normalCdf((-a * 0.3) / Math.sqrt(1 + a * a));
      near(normalExpect((z) => normalCdf(a * (z - 0.3)), [0.3]), exact, 1e-13);
      expect(Math.abs(normalExpect((z) => normalCdf(a * (z - 0.3))) - exact)).toBeGreaterThan(1e-6);
    }
  });
});

describe('the rest: profile, errors, margins at zero resolution 0, ml-matrix', () => {
  it('the profile: 10 000 samples and a quarter of the runs (never fewer than 10) under mutation, else unchanged', () => {
    const mutation = PROFILE === 'mutation';
    expect(PROFILE).toBe(process.env.RLAIF_PROFILE === 'mutation' ? 'mutation' : 'default');
    expect(PROFILE_MC_SAMPLES).toBe(mutation ? 10_000 : 40_000);
    expect(profileRuns(100)).toBe(mutation ? 25 : 100);
    expect(profileRuns(101)).toBe(mutation ? 26 : 101);
    expect(profileRuns(20)).toBe(mutation ? 10 : 20);
    expect(profileRuns(3)).toBe(mutation ? 10 : 3);
  });

  it('the profile is read from RLAIF_PROFILE when the module loads: "mutation", or anything else (or nothing) for the default', async () => {
    const saved = process.env.RLAIF_PROFILE;
    const load = async (value: string | undefined) => {
      if (value === undefined) delete process.env.RLAIF_PROFILE;
      else process.env.RLAIF_PROFILE = value;
      vi.resetModules();
      return import('../../src/numeric/profile.ts');
    };
    try {
      for (const value of [undefined, 'default', 'fast', '']) {
        const p = await load(value);
        expect(p.PROFILE, String(value)).toBe('default');
        expect(p.PROFILE_MC_SAMPLES).toBe(40_000);
        expect(p.profileRuns(3)).toBe(3);
        expect(p.profileRuns(101)).toBe(101);
      }
      const m = await load('mutation');
      expect(m.PROFILE).toBe('mutation');
      expect(m.PROFILE_MC_SAMPLES).toBe(10_000);
      expect(m.profileRuns(101)).toBe(26);
      expect(m.profileRuns(3)).toBe(10);
    } finally {
      if (saved === undefined) delete process.env.RLAIF_PROFILE;
      else process.env.RLAIF_PROFILE = saved;
      vi.resetModules();
    }
  });

  it('DefinitionError is an InputError by its own name', () => {
    const e = new DefinitionError('duplicate id T1.a');
    expect(e).toBeInstanceOf(InputError);
    expect(e.name).toBe('DefinitionError');
    expect(e.message).toBe('duplicate id T1.a');
  });

  it('sameStrictSign with no zero resolution: an exact 0 is still 0 on either side', () => {
    expect(sameStrictSign(0, 5, 0, 0)).toBe(-5);
    expect(sameStrictSign(0.3, 0, 0, 0)).toBe(-0.3);
    expect(sameStrictSign(0.3, 0.5, 0, 0)).toBe(0.3);
    // At the resolution itself a side counts as 0 ("below it, 0 as far as its computation can tell").
    expect(sameStrictSign(1e-10, 2, 1e-10, 1e-8)).toBe(-2);
    expect(sameStrictSign(-0.5, 1e-8, 1e-10, 1e-8)).toBe(-0.5);
  });

  it('ml-matrix loads once and is the package itself', () => {
    const m = mlMatrix();
    expect(mlMatrix()).toBe(m);
    expect(m.Matrix.eye(2).get(1, 1)).toBe(1);
  });
});
