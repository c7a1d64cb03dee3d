import { dot, norm, type Vec } from './vec.ts';

/**
 * A subspace kept as an orthonormal basis (d×k, stored as k columns), never as a d×d
 * projection matrix: projecting costs O(d·k).
 */
export class Subspace {
  private constructor(
    readonly dim: number,
    private readonly columns: readonly Vec[] | 'all',
  ) {}

  /** The orthonormal basis (for the whole space, the identity's columns, built on demand). */
  get basis(): readonly Vec[] {
    if (this.columns !== 'all') return this.columns;
    return Array.from({ length: this.dim }, (_, i) => {
      const e = new Float64Array(this.dim);
      e[i] = 1;
      return e;
    });
  }

  get rank(): number {
    return this.columns === 'all' ? this.dim : this.columns.length;
  }

  /** The whole space R^d (a constitution with no `basis` field): P = I, never materialised. */
  static whole(d: number): Subspace {
    return new Subspace(d, 'all');
  }

  /**
   * Orthonormalise spanning vectors by modified Gram–Schmidt, re-orthogonalising a vector a
   * second time only when the first pass cancelled most of it (the Daniel–Gragg–Kaufman–Stewart
   * test, ‖r‖ < ‖v‖/√2): that is when rounding could leave it visibly non-orthogonal. A vector
   * whose residual falls below `relTol` of its own norm is linearly dependent on the earlier ones
   * and is dropped, so rank-deficient spans are handled. Cost O(d·k²).
   */
  static span(vectors: readonly Vec[], d: number, relTol = 1e-10): Subspace {
    const out: Vec[] = [];
    const sweep = (r: Vec) => {
      for (const q of out) {
        let c = 0;
        for (let i = 0; i < d; i++) c += q[i] * r[i];
        for (let i = 0; i < d; i++) r[i] -= c * q[i];
      }
    };
    for (const v of vectors) {
      const n0 = norm(v);
      if (n0 === 0) continue;
      const r = Float64Array.from(v);
      sweep(r);
      let n = norm(r);
      if (n < n0 * Math.SQRT1_2) {
        sweep(r);
        n = norm(r);
      }
      if (n <= relTol * n0) continue;
      for (let i = 0; i < d; i++) r[i] /= n;
      out.push(r);
    }
    return new Subspace(d, out);
  }

  /**
   * P x, the orthogonal projection onto the subspace. A result at the rounding level of x
   * (‖Px‖ <= 1e-12·‖x‖) is the projection of a vector orthogonal to the subspace and is returned
   * as exactly 0: otherwise its direction, pure rounding noise, would get an alignment of its own.
   */
  project(x: Vec): Vec {
    if (this.columns === 'all') return Float64Array.from(x);
    const out = new Float64Array(this.dim);
    for (const q of this.columns) {
      const c = dot(q, x);
      for (let i = 0; i < this.dim; i++) out[i] += c * q[i];
    }
    return roundingZero(out, x);
  }

  /** (I − P) x, the component outside the subspace. */
  reject(x: Vec): Vec {
    const p = this.project(x);
    for (let i = 0; i < this.dim; i++) p[i] = x[i] - p[i];
    return roundingZero(p, x);
  }

  /** The sum S + T, as the span of both bases. */
  plus(other: Subspace): Subspace {
    if (this.columns === 'all' || other.columns === 'all') return Subspace.whole(this.dim);
    return Subspace.span([...this.basis, ...other.basis], this.dim);
  }
}

/** `y`, or exactly 0 when ‖y‖ is at the rounding level of ‖x‖ (y was computed from x). */
export function roundingZero(y: Vec, x: Vec): Vec {
  return norm(y) <= 1e-12 * norm(x) ? y.fill(0) : y;
}
