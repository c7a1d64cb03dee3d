import { dot, norm, type Vec } from './vec.ts';

/**
 * A subspace kept as an orthonormal basis (d×k, stored as k columns), never as a d×d
 * projection matrix: projecting costs O(d·k).
 */
export class Subspace {
  private constructor(
    readonly dim: number,
    readonly basis: readonly Vec[],
  ) {}

  get rank(): number {
    return this.basis.length;
  }

  /** The whole space R^d (a constitution with no `basis` field). */
  static whole(d: number): Subspace {
    return new Subspace(d, Array.from({ length: d }, (_, i) => {
      const e = new Float64Array(d);
      e[i] = 1;
      return e;
    }));
  }

  /**
   * Orthonormalise spanning vectors by modified Gram–Schmidt with one re-orthogonalisation
   * pass ("twice is enough"). A vector whose residual falls below `relTol` of its own norm is
   * linearly dependent on the earlier ones and is dropped, so rank-deficient spans are handled.
   */
  static span(vectors: readonly Vec[], d: number, relTol = 1e-10): Subspace {
    const out: Vec[] = [];
    for (const v of vectors) {
      const n0 = norm(v);
      if (n0 === 0) continue;
      const r = Float64Array.from(v);
      for (let pass = 0; pass < 2; pass++)
        for (const q of out) {
          const c = dot(q, r);
          for (let i = 0; i < d; i++) r[i] -= c * q[i];
        }
      const n = norm(r);
      if (n <= relTol * n0) continue;
      for (let i = 0; i < d; i++) r[i] /= n;
      out.push(r);
    }
    return new Subspace(d, out);
  }

  /** P x, the orthogonal projection onto the subspace. */
  project(x: Vec): Vec {
    const out = new Float64Array(this.dim);
    for (const q of this.basis) {
      const c = dot(q, x);
      for (let i = 0; i < this.dim; i++) out[i] += c * q[i];
    }
    return out;
  }

  /** (I − P) x, the component outside the subspace. */
  reject(x: Vec): Vec {
    const p = this.project(x);
    for (let i = 0; i < this.dim; i++) p[i] = x[i] - p[i];
    return p;
  }

  /** The sum S + T, as the span of both bases. */
  plus(other: Subspace): Subspace {
    return Subspace.span([...this.basis, ...other.basis], this.dim);
  }
}
