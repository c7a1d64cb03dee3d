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
    for (const v of vectors) {
      // First sweep fused with the copy and ‖v‖ (see `sweep`); bit for bit the same arithmetic.
      const r = new Float64Array(d);
      const { norm0: n0, residual } = sweep(out, r, v);
      if (n0 === 0) continue;
      let n = residual;
      if (n < n0 * Math.SQRT1_2) n = sweep(out, r, r).residual;
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
    // The same sums as "for each q: c = <q, x>; out += c·q", in the same order per coordinate,
    // with the update by q_{j−1} sharing a pass over the coordinates with <q_j, x> (as in `sweep`).
    const out = new Float64Array(this.dim);
    const qs = this.columns;
    let c = qs.length > 0 ? dot(qs[0], x) : 0;
    for (let j = 1; j <= qs.length; j++) {
      const p = qs[j - 1];
      const q = qs[j];
      if (q === undefined) {
        for (let i = 0; i < this.dim; i++) out[i] += c * p[i];
        break;
      }
      let next = 0;
      for (let i = 0; i < this.dim; i++) {
        out[i] += c * p[i];
        next += q[i] * x[i];
      }
      c = next;
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

/**
 * One modified Gram–Schmidt sweep of `src` against the orthonormal `qs`, written into `r`
 * (`src` may be `r`): for each q in turn, c = <q, r>, then r −= c·q. Returns ‖src‖ and the
 * residual ‖r‖.
 *
 * Why fused: at d = 4096, k = 16 the sweeps are the O(d·k²) step of every constitution, and
 * they are bound by passes over memory, not by arithmetic. Here the update by q_{j−1} and the
 * inner product with q_j share one pass over the coordinates (and the copy and ‖src‖ ride on the
 * first pass, the final ‖r‖ on the last), so a sweep makes k + 1 passes instead of 2k + 2. Every
 * sum is still accumulated coordinate by coordinate in the same order, from the same updated
 * values, so the result is bit for bit that of the unfused loops.
 */
function sweep(qs: readonly Vec[], r: Vec, src: Vec): { norm0: number; residual: number } {
  const d = r.length;
  let n0 = 0;
  let c = 0;
  // Pass 0: copy, ‖src‖², and c₀ = <q₀, src>.
  const q0 = qs[0];
  if (q0 === undefined) {
    for (let i = 0; i < d; i++) {
      const x = src[i];
      r[i] = x;
      n0 += x * x;
    }
    const n = Math.sqrt(n0);
    return { norm0: n, residual: n };
  }
  for (let i = 0; i < d; i++) {
    const x = src[i];
    r[i] = x;
    n0 += x * x;
    c += q0[i] * x;
  }
  // Pass j: r −= c_{j−1}·q_{j−1}, then c_j = <q_j, r> on the updated coordinate.
  for (let j = 1; j < qs.length; j++) {
    const p = qs[j - 1];
    const q = qs[j];
    let next = 0;
    for (let i = 0; i < d; i++) {
      const y = r[i] - c * p[i];
      r[i] = y;
      next += q[i] * y;
    }
    c = next;
  }
  // Last pass: the last update, and ‖r‖².
  const p = qs[qs.length - 1];
  let rr = 0;
  for (let i = 0; i < d; i++) {
    const y = r[i] - c * p[i];
    r[i] = y;
    rr += y * y;
  }
  return { norm0: Math.sqrt(n0), residual: Math.sqrt(rr) };
}
