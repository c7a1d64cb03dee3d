/**
 * Eigen-decomposition of a small symmetric matrix by the cyclic Jacobi method. It serves the
 * latent model's m×m Gram matrix ΦᵀΦ (m latent coordinates, at most a few dozen), where Jacobi's
 * O(m³) per sweep is nothing and its accuracy (small eigenvalues to high relative accuracy,
 * orthonormal vectors to rounding) is what the push-through route of q needs.
 */
import type { Vec } from './vec.ts';

export interface SymmetricEigen {
  /** Eigenvalues, in no particular order. */
  readonly values: Vec;
  /** vectors[i] is the unit eigenvector of values[i]. */
  readonly vectors: readonly Vec[];
}

/** A symmetric n×n matrix given as n rows; only its upper triangle is read. */
export function symmetricEigen(rows: readonly ArrayLike<number>[]): SymmetricEigen {
  const n = rows.length;
  const A = rows.map((r, i) => Float64Array.from({ length: n }, (_, j) => (i <= j ? r[j] : rows[j][i])));
  const V = Array.from({ length: n }, (_, i) => {
    const e = new Float64Array(n);
    e[i] = 1;
    return e;
  });
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    let diag = 0;
    for (let i = 0; i < n; i++) {
      diag += A[i][i] * A[i][i];
      for (let j = i + 1; j < n; j++) off += A[i][j] * A[i][j];
    }
    // Converged when the off-diagonal mass is below rounding of the diagonal (or exactly zero).
    if (off === 0 || off <= 1e-34 * diag) break;
    for (let p = 0; p < n; p++)
      for (let q = p + 1; q < n; q++) {
        const apq = A[p][q];
        if (apq === 0) continue;
        // The rotation that zeroes A[p][q] (Golub & Van Loan's symmetric Schur step, small angle).
        const theta = (A[q][q] - A[p][p]) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const akp = A[k][p];
          const akq = A[k][q];
          A[k][p] = c * akp - s * akq;
          A[k][q] = s * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = A[p][k];
          const aqk = A[q][k];
          A[p][k] = c * apk - s * aqk;
          A[q][k] = s * apk + c * aqk;
        }
        for (let k = 0; k < n; k++) {
          const vkp = V[k][p];
          const vkq = V[k][q];
          V[k][p] = c * vkp - s * vkq;
          V[k][q] = s * vkp + c * vkq;
        }
      }
  }
  const values = Float64Array.from({ length: n }, (_, i) => A[i][i]);
  const vectors = Array.from({ length: n }, (_, i) => Float64Array.from({ length: n }, (_, k) => V[k][i]));
  return { values, vectors };
}
