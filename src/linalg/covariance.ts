import { mlMatrix } from '../numeric/ml-matrix.ts';
import { InputError } from '../numeric/errors.ts';
import { dot, type Vec } from './vec.ts';

/**
 * A response covariance Σ (symmetric positive definite) seen only through what the model
 * needs: Σx, xᵀΣy, Σ⁻¹x and a square-root factor for sampling. Three representations:
 * the identity (tag `isotropic`), a dense matrix (small d, or whatever a user hands us), and
 * diagonal-plus-low-rank D + BBᵀ, which keeps every operation O(d·r) at LLM scale.
 */
export interface Covariance {
  readonly dim: number;
  readonly kind: 'identity' | 'dense' | 'diag-low-rank';
  /** Σx */
  apply(x: Vec): Vec;
  /** Σ⁻¹x */
  solve(x: Vec): Vec;
  /** Number of independent standard normals `factor` consumes. */
  readonly factorDim: number;
  /** L·z for a fixed L with LLᵀ = Σ, so that L·z ~ N(0, Σ) when z ~ N(0, I). */
  factor(z: Vec): Vec;
  /** Σ as a dense matrix (for output and small-d checks). */
  toArray(): number[][];
}

// Under Σ = I the copy Σy is skipped (the same dot product, without a d-vector per call).
export const inner = (S: Covariance, x: Vec, y: Vec): number => dot(x, S.kind === 'identity' ? y : S.apply(y));
export const sqNorm = (S: Covariance, x: Vec): number => dot(x, S.kind === 'identity' ? x : S.apply(x));
export const sNorm = (S: Covariance, x: Vec): number => Math.sqrt(Math.max(0, sqNorm(S, x)));

export function identity(d: number): Covariance {
  return {
    dim: d,
    kind: 'identity',
    // Copies by the constructor (a memcpy for a Float64Array), not Float64Array.from (an iterator walk).
    apply: (x) => new Float64Array(x),
    solve: (x) => new Float64Array(x),
    factorDim: d,
    factor: (z) => new Float64Array(z),
    toArray: () => Array.from({ length: d }, (_, i) => Array.from({ length: d }, (_, j) => +(i === j))),
  };
}

/**
 * A dense Σ, validated: square, symmetric to 1e-12 relative, positive definite (Cholesky
 * succeeds with a pivot bounded away from zero relative to the diagonal).
 */
export function dense(rows: number[][]): Covariance {
  const d = rows.length;
  if (d === 0) throw new InputError('Sigma: empty matrix');
  let big = 0;
  for (const r of rows) {
    if (r.length !== d) throw new InputError(`Sigma: not square (${d} rows, a row of length ${r.length})`);
    for (const x of r) big = Math.max(big, Math.abs(x));
  }
  for (let i = 0; i < d; i++)
    for (let j = 0; j < i; j++)
      if (Math.abs(rows[i][j] - rows[j][i]) > 1e-12 * big)
        throw new InputError(`Sigma: not symmetric (entry [${i}][${j}] = ${rows[i][j]} but [${j}][${i}] = ${rows[j][i]})`);
  // Within that tolerance Σ is taken to be its symmetric part (A + Aᵀ)/2, which the Cholesky
  // factorisation (exact symmetry required) and every product below then use.
  const sym = rows.map((r, i) => r.map((x, j) => (x + rows[j][i]) / 2));
  return denseSymmetric(sym);
}

function denseSymmetric(rows: number[][]): Covariance {
  const d = rows.length;
  const { Matrix, CholeskyDecomposition } = mlMatrix();
  const M = new Matrix(rows);
  const chol = new CholeskyDecomposition(M);
  const L = chol.lowerTriangularMatrix;
  let minPivot = Infinity;
  for (let i = 0; i < d; i++) minPivot = Math.min(minPivot, L.get(i, i) ** 2 / Math.max(rows[i][i], 1e-300));
  if (!chol.isPositiveDefinite() || !(minPivot > 1e-12))
    throw new InputError('Sigma: not positive definite (Cholesky factorisation fails)');
  const Ld = L.to2DArray();
  return {
    dim: d,
    kind: 'dense',
    apply(x) {
      const out = new Float64Array(d);
      for (let i = 0; i < d; i++) {
        const r = rows[i];
        let s = 0;
        for (let j = 0; j < d; j++) s += r[j] * x[j];
        out[i] = s;
      }
      return out;
    },
    solve(x) {
      // Forward then backward substitution with the Cholesky factor: O(d²) per solve.
      const y = new Float64Array(d);
      for (let i = 0; i < d; i++) {
        let s = x[i];
        for (let j = 0; j < i; j++) s -= Ld[i][j] * y[j];
        y[i] = s / Ld[i][i];
      }
      const out = new Float64Array(d);
      for (let i = d - 1; i >= 0; i--) {
        let s = y[i];
        for (let j = i + 1; j < d; j++) s -= Ld[j][i] * out[j];
        out[i] = s / Ld[i][i];
      }
      return out;
    },
    factorDim: d,
    factor(z) {
      const out = new Float64Array(d);
      for (let i = 0; i < d; i++) {
        let s = 0;
        for (let j = 0; j <= i; j++) s += Ld[i][j] * z[j];
        out[i] = s;
      }
      return out;
    },
    toArray: () => rows.map((r) => r.slice()),
  };
}

/**
 * Σ = diag(D) + BBᵀ with D > 0 and B of shape d×r (given as r columns). Products are O(d·r);
 * Σ⁻¹ is applied by the Woodbury identity with one r×r Cholesky factor computed up front.
 */
export function diagLowRank(D: Vec, B: Vec[]): Covariance {
  const d = D.length;
  for (let i = 0; i < d; i++)
    if (!(D[i] > 0)) throw new InputError(`Sigma: diagonal entry ${i} is ${D[i]}, not positive`);
  for (const b of B) if (b.length !== d) throw new InputError('Sigma: low-rank factor has the wrong length');
  const r = B.length;
  // Capacitance matrix C = I + Bᵀ D⁻¹ B (r×r), factored once.
  const { Matrix, CholeskyDecomposition } = mlMatrix();
  const C = Matrix.eye(r, r);
  for (let a = 0; a < r; a++)
    for (let b = 0; b < r; b++) {
      let s = 0;
      for (let i = 0; i < d; i++) s += (B[a][i] * B[b][i]) / D[i];
      C.set(a, b, C.get(a, b) + s);
    }
  const cholC = r > 0 ? new CholeskyDecomposition(C) : undefined;
  const sqrtD = D.map(Math.sqrt);
  return {
    dim: d,
    kind: 'diag-low-rank',
    apply(x) {
      const out = new Float64Array(d);
      for (let i = 0; i < d; i++) out[i] = D[i] * x[i];
      for (const b of B) {
        const c = dot(b, x);
        for (let i = 0; i < d; i++) out[i] += c * b[i];
      }
      return out;
    },
    solve(x) {
      // (D + BBᵀ)⁻¹x = D⁻¹x − D⁻¹B C⁻¹ Bᵀ D⁻¹x.
      const y = new Float64Array(d);
      for (let i = 0; i < d; i++) y[i] = x[i] / D[i];
      if (!cholC) return y;
      const t = Matrix.columnVector(B.map((b) => dot(b, y)));
      const s = cholC.solve(t).to1DArray();
      for (let a = 0; a < r; a++) for (let i = 0; i < d; i++) y[i] -= (s[a] * B[a][i]) / D[i];
      return y;
    },
    factorDim: d + r,
    factor(z) {
      // [D^{1/2} | B] z has covariance D + BBᵀ.
      const out = new Float64Array(d);
      for (let i = 0; i < d; i++) out[i] = sqrtD[i] * z[i];
      for (let a = 0; a < r; a++) {
        const za = z[d + a];
        const b = B[a];
        for (let i = 0; i < d; i++) out[i] += za * b[i];
      }
      return out;
    },
    toArray() {
      const M: number[][] = [];
      for (let i = 0; i < d; i++) {
        const row = new Array<number>(d).fill(0);
        row[i] = D[i];
        for (const b of B) for (let j = 0; j < d; j++) row[j] += b[i] * b[j];
        M.push(row);
      }
      return M;
    },
  };
}

/** True when Σ is the identity (exactly, as the `isotropic` tag demands). */
export function isIdentity(S: Covariance): boolean {
  if (S.kind === 'identity') return true;
  const M = S.toArray();
  return M.every((r, i) => r.every((x, j) => x === +(i === j)));
}
