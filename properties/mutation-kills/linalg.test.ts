// Direct facts about the linear algebra (src/linalg/*.ts) that the model's property files leave
// unpinned, each on a worked instance whose expected numbers are computed by hand here or by an
// independent route (ml-matrix's own eigen-decomposition, a spectrum built in on purpose):
// - symmetricEigen (Jacobi): eigenpairs of worked 2×2 and 3×3 matrices (the rotation angle of
//   each sign, θ = 0 included), its eigenvectors (which no other suite reads), that only the
//   upper triangle is read, a diagonal input, tiny and huge scales, and a generic 6×6 against
//   ml-matrix;
// - the dense Σ's substitutions and factor on a 3×3 (every loop bound past the 2×2's), the
//   symmetry check naming the offending entry in a 3×3;
// - diagonal-plus-low-rank with rank 2 and D ≠ I: the Woodbury solve, the factor, the array;
// - Subspace.span over two groups of four (the blocked sweeps' first, later and finishing paths),
//   and the empty subspace.
import { describe, expect, it } from 'vitest';
import { dense, diagLowRank, inner, sqNorm } from '../../src/linalg/covariance.ts';
import { Subspace } from '../../src/linalg/subspace.ts';
import { symmetricEigen } from '../../src/linalg/symmetric-eigen.ts';
import { vec } from '../../src/linalg/vec.ts';
import { mlMatrix } from '../../src/numeric/ml-matrix.ts';
import { InputError } from '../../src/numeric/errors.ts';

const v = (...xs: number[]) => vec(xs);
const arr = (x: Float64Array) => Array.from(x);
const near = (a: number, b: number, tol: number) => expect(Math.abs(a - b), `${a} vs ${b}`).toBeLessThanOrEqual(tol);
const nearVec = (a: ArrayLike<number>, b: ArrayLike<number>, tol: number) => {
  expect(a.length).toBe(b.length);
  for (let i = 0; i < b.length; i++) near(a[i], b[i], tol);
};

/**
 * The eigenpairs of `rows` are `expected` (value, a vector along its eigenvector, any length and
 * sign), up to `tol` relative to the largest |value|; each returned vector is a unit vector.
 */
function expectEigenpairs(rows: number[][], expected: { value: number; along: number[] }[], tol = 1e-14) {
  const { values, vectors } = symmetricEigen(rows);
  expect(values.length).toBe(expected.length);
  expect(vectors.length).toBe(expected.length);
  const scale = Math.max(...expected.map((e) => Math.abs(e.value)));
  const order = Array.from(values.keys()).sort((i, j) => values[i] - values[j]);
  const want = [...expected].sort((a, b) => a.value - b.value);
  order.forEach((i, k) => {
    near(values[i], want[k].value, tol * scale);
    const q = vectors[i];
    const w = want[k].along;
    const wn = Math.hypot(...w);
    const dot = q.reduce((s, x, j) => s + x * w[j], 0) / wn;
    near(Math.hypot(...q), 1, tol);
    near(Math.abs(dot), 1, tol); // a unit vector parallel to the expected one
  });
}

/** ‖A q − λ q‖ ≤ tol·‖A‖ for every pair, and the vectors orthonormal. */
function expectDecomposes(rows: number[][], tol: number) {
  const { values, vectors } = symmetricEigen(rows);
  const n = rows.length;
  const big = Math.max(...rows.flat().map(Math.abs));
  for (let i = 0; i < n; i++) {
    for (let r = 0; r < n; r++) near(rows[r].reduce((s, a, k) => s + a * vectors[i][k], 0), values[i] * vectors[i][r], tol * big);
    for (let j = 0; j < n; j++) near(vectors[i].reduce((s, x, k) => s + x * vectors[j][k], 0), +(i === j), tol);
  }
  return values;
}

describe('symmetricEigen on worked matrices', () => {
  it('equal diagonal (rotation angle θ = 0): [[2,1],[1,2]] has 3 on (1,1) and 1 on (1,−1)', () => {
    expectEigenpairs([[2, 1], [1, 2]], [{ value: 3, along: [1, 1] }, { value: 1, along: [1, -1] }]);
    expectEigenpairs([[1, 1], [1, 1]], [{ value: 2, along: [1, 1] }, { value: 0, along: [1, -1] }]);
  });

  it('θ < 0: [[3,1],[1,1]] has 2 ± √2 on (1, ±√2 − 1)', () => {
    // (A − λ)v = 0 with λ = 2 ± √2: (1 ∓ √2)x + y = 0, so y = (±√2 − 1)x.
    expectEigenpairs([[3, 1], [1, 1]], [{ value: 2 + Math.SQRT2, along: [1, Math.SQRT2 - 1] }, { value: 2 - Math.SQRT2, along: [1, -Math.SQRT2 - 1] }]);
  });

  it('θ > 0 and a negative off-diagonal: [[1,−2],[−2,5]] has 3 ± 2√2 on (1, −(1 ± √2))', () => {
    // λ = 3 ± 2√2: (1 − λ)x − 2y = 0, so y = (1 − λ)x/2 = −(1 ± √2)x.
    expectEigenpairs([[1, -2], [-2, 5]], [{ value: 3 + 2 * Math.SQRT2, along: [1, -(1 + Math.SQRT2)] }, { value: 3 - 2 * Math.SQRT2, along: [1, -(1 - Math.SQRT2)] }]);
  });

  it('the 3×3 second difference (several sweeps): 2 − √2, 2, 2 + √2 on (1, ±√2, 1)/2 and (1, 0, −1)/√2', () => {
    const T = [[2, -1, 0], [-1, 2, -1], [0, -1, 2]];
    const pairs = [
      { value: 2 - Math.SQRT2, along: [1, Math.SQRT2, 1] },
      { value: 2, along: [1, 0, -1] },
      { value: 2 + Math.SQRT2, along: [1, -Math.SQRT2, 1] },
    ];
    expectEigenpairs(T, pairs);
    // The same at tiny and huge scale: convergence is judged relative to the diagonal.
    for (const s of [1e-20, 1e20]) expectEigenpairs(T.map((r) => r.map((x) => s * x)), pairs.map((p) => ({ ...p, value: s * p.value })));
  });

  it('reads only the upper triangle (the documented contract): the lower one may hold anything', () => {
    expectEigenpairs([[2, 1], [Number.NaN, 2]], [{ value: 3, along: [1, 1] }, { value: 1, along: [1, -1] }]);
    expectEigenpairs([[2, -1, 0], [99, 2, -1], [-7, Number.NaN, 2]], [
      { value: 2 - Math.SQRT2, along: [1, Math.SQRT2, 1] },
      { value: 2, along: [1, 0, -1] },
      { value: 2 + Math.SQRT2, along: [1, -Math.SQRT2, 1] },
    ]);
  });

  it('a diagonal matrix is its own decomposition: the diagonal, with the standard basis', () => {
    const { values, vectors } = symmetricEigen([[5, 0, 0], [0, -2, 0], [0, 0, 7]]);
    expect(arr(values)).toEqual([5, -2, 7]);
    expect(vectors.map(arr)).toEqual([[1, 0, 0], [0, 1, 0], [0, 0, 1]]);
    expect(arr(symmetricEigen([[4]]).values)).toEqual([4]);
    expect(symmetricEigen([[4]]).vectors.map(arr)).toEqual([[1]]);
    expect(arr(symmetricEigen([]).values)).toEqual([]);
    expect(arr(symmetricEigen([[0, 0], [0, 0]]).values)).toEqual([0, 0]);
  });

  it('stops when the off-diagonal is below rounding of the diagonal, and not before', () => {
    // Off-diagonal 1e-20 against a diagonal of 1 is rounding: the matrix is returned as it is
    // (no rotation by noise), although its exact eigenvectors are (1, ±1)/√2.
    const flat = symmetricEigen([[1, 1e-20], [1e-20, 1]]);
    expect(arr(flat.values)).toEqual([1, 1]);
    expect(flat.vectors.map(arr)).toEqual([[1, 0], [0, 1]]);
    // Off-diagonal 1e-15 is seen (1 ± 1e-15 are distinct doubles): the eigenvectors are found.
    expectEigenpairs([[1, 1e-15], [1e-15, 1]], [{ value: 1 + 1e-15, along: [1, 1] }, { value: 1 - 1e-15, along: [1, -1] }]);
  });

  it('a generic 6×6 agrees with ml-matrix and decomposes to rounding', () => {
    // Integer symmetric, indefinite, with a double eigenvalue built in: H diag(λ) H for the
    // reflection H = I − 2hhᵀ/hᵀh, h = (1, 2, 0, −1, 3, 1), λ = (−3, 1, 1, 2, 5, 8).
    const h = [1, 2, 0, -1, 3, 1];
    const hh = h.reduce((s, x) => s + x * x, 0);
    const H = h.map((hi, i) => h.map((hj, j) => +(i === j) - (2 * hi * hj) / hh));
    const lambda = [-3, 1, 1, 2, 5, 8];
    const A = H.map((_, i) => H.map((_, j) => H.reduce((s, _r, k) => s + H[i][k] * lambda[k] * H[j][k], 0)));
    const sym = A.map((r, i) => r.map((x, j) => (i <= j ? x : A[j][i])));
    const values = expectDecomposes(sym, 1e-13);
    const sorted = arr(values).sort((a, b) => a - b);
    sorted.forEach((x, i) => near(x, lambda[i], 1e-13 * 8));
    const { Matrix, EigenvalueDecomposition } = mlMatrix();
    const theirs = new EigenvalueDecomposition(new Matrix(sym), { assumeSymmetric: true }).realEigenvalues.sort((a, b) => a - b);
    sorted.forEach((x, i) => near(x, theirs[i], 1e-13 * 8));
  });
});

describe('symmetricEigen: an exact zero between equal diagonal entries', () => {
  it('the Gram matrix of (1, 0), (0, 1), (1, 1): eigenvalues 0, 1, 3 on (1, 1, −1), (1, −1, 0), (1, 1, 2)', () => {
    // [[1, 0, 1], [0, 1, 1], [1, 1, 2]]: A[0][1] = 0 with A[0][0] = A[1][1], where the rotation
    // angle would be 0/0; a zero needs no rotation. (A dense Σ like [[1, 0, ½], [0, 1, ½], [½, ½, 1]]
    // reaches the same case through κ(Σ).)
    const { values, vectors } = symmetricEigen([
      [1, 0, 1],
      [0, 1, 1],
      [1, 1, 2],
    ]);
    const order = [...values.keys()].sort((i, j) => values[i] - values[j]);
    order.forEach((i, k) => near(values[i], [0, 1, 3][k], 1e-14));
    const want = [
      [1, 1, -1].map((x) => x / Math.sqrt(3)),
      [1, -1, 0].map((x) => x / Math.SQRT2),
      [1, 1, 2].map((x) => x / Math.sqrt(6)),
    ];
    order.forEach((i, k) => near(Math.abs(want[k].reduce((acc, w, c) => acc + w * vectors[i][c], 0)), 1, 1e-14));
  });
});

describe('dense Σ past 2×2', () => {
  // Σ = LLᵀ with L the lower triangle of ones: Σ = [[1,1,1],[1,2,2],[1,2,3]], and Σ⁻¹ is the
  // tridiagonal [[2,−1,0],[−1,2,−1],[0,−1,1]] (check: Σ·Σ⁻¹ = I by hand).
  const rows = [[1, 1, 1], [1, 2, 2], [1, 2, 3]];

  it('solve is Σ⁻¹x by both substitutions, exactly on integers', () => {
    const S = dense(rows);
    nearVec(S.solve(v(1, 0, 0)), [2, -1, 0], 1e-14);
    nearVec(S.solve(v(0, 1, 0)), [-1, 2, -1], 1e-14);
    nearVec(S.solve(v(0, 0, 1)), [0, -1, 1], 1e-14);
    nearVec(S.solve(v(3, 5, 6)), [1, 1, 1], 1e-14);
    expect(arr(S.apply(v(1, -1, 2)))).toEqual([2, 3, 5]);
  });

  it('the factor is the Cholesky factor L: L·z is lower-triangular in z', () => {
    const S = dense(rows);
    expect(arr(S.factor(v(1, 0, 0)))).toEqual([1, 1, 1]);
    expect(arr(S.factor(v(0, 1, 0)))).toEqual([0, 1, 1]);
    expect(arr(S.factor(v(0, 0, 1)))).toEqual([0, 0, 1]);
    expect(arr(S.factor(v(1, 1, 1)))).toEqual([1, 2, 3]);
  });

  it('an asymmetry anywhere below the diagonal is named by its entry', () => {
    expect(() => dense([[1, 0, 0.5], [0, 1, 0], [0, 0, 1]])).toThrow(InputError);
    expect(() => dense([[1, 0, 0.5], [0, 1, 0], [0, 0, 1]])).toThrow(/not symmetric \(entry \[2\]\[0\]/);
    expect(() => dense([[1, 0, 0], [0, 1, 0], [0, 0.5, 1]])).toThrow(/not symmetric \(entry \[2\]\[1\]/);
    expect(() => dense([[1, 0, 0], [0, 1, 0], [0, 0, -1]])).toThrow(/not positive definite/);
    expect(() => dense([[1, 0, 0], [0, 1, 0], [0, 0]])).toThrow(/not square \(3 rows, a row of length 2\)/);
  });
});

describe('diagonal plus rank 2', () => {
  // D = (2, 1, 4), b₁ = (1, 1, 0), b₂ = (0, 1, 1): Σ = D + b₁b₁ᵀ + b₂b₂ᵀ = [[3,1,0],[1,3,1],[0,1,5]].
  const make = () => diagLowRank(v(2, 1, 4), [v(1, 1, 0), v(0, 1, 1)]);

  it('Σ as an array, Σx, inner products', () => {
    const S = make();
    expect(S.toArray()).toEqual([[3, 1, 0], [1, 3, 1], [0, 1, 5]]);
    expect(arr(S.apply(v(1, -1, 2)))).toEqual([2, 0, 9]);
    expect(inner(S, v(0, 1, 0), v(1, -1, 2))).toBe(0);
    expect(sqNorm(S, v(1, -1, 2))).toBe(2 + 18);
  });

  it('the Woodbury solve inverts Σ (Σx computed by hand above)', () => {
    const S = make();
    nearVec(S.solve(v(2, 0, 9)), [1, -1, 2], 1e-14);
    nearVec(S.solve(v(3, 1, 0)), [1, 0, 0], 1e-14);
    nearVec(S.solve(v(0, 1, 5)), [0, 0, 1], 1e-14);
  });

  it('the factor is [D^½ | B]: d + r standard normals, the last r along the columns of B', () => {
    const S = make();
    expect(S.factorDim).toBe(5);
    expect(arr(S.factor(v(1, 0, 0, 0, 0)))).toEqual([Math.SQRT2, 0, 0]);
    expect(arr(S.factor(v(0, 0, 1, 0, 0)))).toEqual([0, 0, 2]);
    expect(arr(S.factor(v(0, 0, 0, 1, 0)))).toEqual([1, 1, 0]);
    expect(arr(S.factor(v(0, 0, 0, 0, 1)))).toEqual([0, 1, 1]);
    expect(arr(S.factor(v(0, 1, 0, 2, -1)))).toEqual([2, 2, -1]);
  });
});

describe('diagonal with no low-rank part (r = 0)', () => {
  it('Σ = diag(D): Σ⁻¹x = x/D, the factor is D^½ and takes d normals', () => {
    const S = diagLowRank(v(2, 4, 0.25), []);
    expect(arr(S.solve(v(1, 1, 1)))).toEqual([0.5, 0.25, 4]);
    expect(arr(S.apply(v(1, 1, 1)))).toEqual([2, 4, 0.25]);
    expect(S.factorDim).toBe(3);
    expect(arr(S.factor(v(1, 1, 1)))).toEqual([Math.SQRT2, 2, 0.5]);
    expect(S.toArray()).toEqual([[2, 0, 0], [0, 4, 0], [0, 0, 0.25]]);
  });
});

describe('Subspace.span over two groups of four', () => {
  it('the first group (no basis yet) and the second (swept against it), with drops in both', () => {
    // Group 1: (3,4,0,0) → (0.6,0.8,0,0); (0,0,2,0) → e₃; (6,8,0,0) is twice the first, dropped;
    // (1,0,0,0) − 0.6·(0.6,0.8,0,0) = (0.64,−0.48,0,0), norm 0.8 → (0.8,−0.6,0,0).
    // Group 2: 0 is dropped; (1,1,1,1) minus its parts on the three (1.4, 1, 0.2) leaves e₄;
    // (5,5,5,5) and (0,0,0,3) are then in the span, dropped.
    const P = Subspace.span([v(3, 4, 0, 0), v(0, 0, 2, 0), v(6, 8, 0, 0), v(1, 0, 0, 0), v(0, 0, 0, 0), v(1, 1, 1, 1), v(5, 5, 5, 5), v(0, 0, 0, 3)], 4);
    expect(P.rank).toBe(4);
    const want = [[0.6, 0.8, 0, 0], [0, 0, 1, 0], [0.8, -0.6, 0, 0], [0, 0, 0, 1]];
    P.basis.forEach((q, j) => nearVec(q, want[j], 1e-15));
    nearVec(P.project(v(1, 2, 3, 4)), [1, 2, 3, 4], 1e-14);
  });

  it('every position of a group contributes: four independent vectors, then a fifth', () => {
    // (2,0,0,0,0), (1,1,0,0,0), (1,1,1,0,0), (1,1,1,1,0) → e₁ … e₄; then (1,1,1,1,2) → e₅.
    const P = Subspace.span([v(2, 0, 0, 0, 0), v(1, 1, 0, 0, 0), v(1, 1, 1, 0, 0), v(1, 1, 1, 1, 0), v(1, 1, 1, 1, 2)], 5);
    expect(P.rank).toBe(5);
    P.basis.forEach((q, j) => nearVec(q, Array.from({ length: 5 }, (_, i) => +(i === j)), 1e-15));
    // The first four only: the fifth coordinate is what is rejected.
    const Q = Subspace.span([v(1, 1, 1, 1, 0), v(1, 1, 1, 0, 0), v(1, 1, 0, 0, 0), v(2, 0, 0, 0, 0)], 5);
    expect(Q.rank).toBe(4);
    nearVec(Q.reject(v(1, 2, 3, 4, 5)), [0, 0, 0, 0, 5], 1e-14);
    nearVec(Q.project(v(1, 2, 3, 4, 5)), [1, 2, 3, 4, 0], 1e-14);
    // Q's first vector is (1,1,1,1)/2: the norm of the first of a group is its own.
    nearVec(Q.basis[0], [0.5, 0.5, 0.5, 0.5, 0], 1e-15);
  });

  it('three groups: the second all dependent (dropped), the third swept against the first two', () => {
    // Group 1 gives e₁ … e₄; group 2 lies in their span, with a part on each (dropped, rank 4);
    // group 3 adds one new coordinate per vector, e₅ … e₈, each after parts on the earlier ones.
    const e = (...xs: number[]) => v(...xs, ...Array<number>(8 - xs.length).fill(0));
    const P = Subspace.span([
      e(2), e(1, 1), e(1, 1, 1), e(1, 1, 1, 1),
      e(1, 1, 1, 1), e(1, -2, 3, -1), e(2, 1, -1, 3), e(-1, 1, 2, -2),
      e(1, 2, 3, 4, 1), e(4, 3, 2, 1, 5, 2), e(-1, 1, -1, 1, 1, -3, 3), e(1, 1, 1, 1, 1, 1, 1, 1),
    ], 8);
    expect(P.rank).toBe(8);
    P.basis.forEach((q, j) => nearVec(q, Array.from({ length: 8 }, (_, i) => +(i === j)), 1e-14));
  });

  it('a first group of one direction: the three after the first are dependent, whatever their place', () => {
    expect(Subspace.span([v(1, 2, 0), v(2, 4, 0), v(3, 6, 0), v(-1, -2, 0)], 3).rank).toBe(1);
    expect(Subspace.span([v(1, 2, 0), v(2, 4, 0), v(3, 6, 0), v(0, 0, 1)], 3).rank).toBe(2);
    expect(Subspace.span([v(0, 0, 1), v(2, 4, 0), v(3, 6, 0), v(-1, -2, 0)], 3).rank).toBe(2);
  });

  it('nearly parallel vectors in one group of four still give an orthonormal basis (re-orthogonalised)', () => {
    const P = Subspace.span([v(1, 1e-8, 0, 0), v(1, 0, 1e-8, 0), v(1, 0, 0, 1e-8), v(1, 1e-8, 1e-8, 2e-8)], 4);
    expect(P.rank).toBe(4);
    for (const [i, a] of P.basis.entries()) for (const [j, b] of P.basis.entries()) near(a.reduce((s, x, k) => s + x * b[k], 0), +(i === j), 1e-12);
  });

  it('a vector whose residual is exactly 0 is dropped, never normalised (0/0)', () => {
    // (2, 0) − 2·(1, 0) = (0, 0) exactly, as are the residuals of (−4, 0, 0) and (0, 7, 0) below.
    const P = Subspace.span([v(1, 0), v(2, 0)], 2);
    expect(P.rank).toBe(1);
    expect(arr(P.basis[0])).toEqual([1, 0]);
    const Q = Subspace.span([v(1, 0, 0), v(0, 1, 0), v(-4, 0, 0), v(0, 0, 5), v(0, 7, 0)], 3);
    expect(Q.rank).toBe(3);
    Q.basis.forEach((q) => q.forEach((x) => expect(Number.isFinite(x)).toBe(true)));
  });

  it('a sum with the whole space is the whole space: P = I, so Px is x itself, on either side', () => {
    const S = Subspace.span([v(1, 2, 3), v(0.3, -1, 0.7)], 3);
    const x = v(0.1, 0.7, 0.3);
    for (const W of [S.plus(Subspace.whole(3)), Subspace.whole(3).plus(S)]) {
      expect(W.rank).toBe(3);
      expect(arr(W.project(x))).toEqual(arr(x));
      expect(arr(W.reject(x))).toEqual([0, 0, 0]);
      expect(W.basis.map(arr)).toEqual([[1, 0, 0], [0, 1, 0], [0, 0, 1]]);
    }
  });

  it('the empty subspace: no basis, projects everything to 0, rejects nothing', () => {
    for (const P of [Subspace.span([], 3), Subspace.span([v(0, 0, 0), v(0, 0, 0), v(0, 0, 0), v(0, 0, 0), v(0, 0, 0)], 3)]) {
      expect(P.rank).toBe(0);
      expect(P.basis).toEqual([]);
      expect(arr(P.project(v(1, -2, 3)))).toEqual([0, 0, 0]);
      expect(arr(P.reject(v(1, -2, 3)))).toEqual([1, -2, 3]);
    }
  });
});
