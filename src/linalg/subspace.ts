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
   *
   * Blocked for speed, bit for bit the same result: the vectors are taken GROUP at a time. Each
   * vector's sweep against the basis built before its group does not depend on the others of the
   * group, so those sweeps run together (`sweepGroup`, one pass over the coordinates per basis
   * vector for the whole group); then the group is finished one vector at a time, each swept
   * against the group's vectors accepted before it (`sweepMore`), tested, re-orthogonalised if
   * needed, normalised. Every vector sees the same basis vectors in the same order, with every
   * sum accumulated coordinate by coordinate in the same order, as in the one-at-a-time loop.
   */
  static span(vectors: readonly Vec[], d: number, relTol = 1e-10): Subspace {
    const out: Vec[] = [];
    for (let g = 0; g < vectors.length; g += GROUP) {
      const group = vectors.slice(g, g + GROUP);
      const before = out.length;
      const rs = group.map(() => new Float64Array(d));
      const swept = sweepGroup(out, rs, group);
      for (let a = 0; a < group.length; a++) {
        const r = rs[a];
        const n0 = swept.norm0[a];
        if (n0 === 0) continue;
        let n = out.length > before ? sweepMore(out, before, r) : swept.residual[a];
        if (n < n0 * Math.SQRT1_2) n = sweep(out, r, r).residual;
        if (n <= relTol * n0) continue;
        for (let i = 0; i < d; i++) r[i] /= n;
        out.push(r);
      }
    }
    return new Subspace(d, out);
  }

  /**
   * P x, the orthogonal projection onto the subspace. A result at the rounding level of x
   * (‖Px‖ <= 1e-12·‖x‖) is the projection of a vector orthogonal to the subspace and is returned
   * as exactly 0: otherwise its direction, pure rounding noise, would get an alignment of its own.
   */
  project(x: Vec): Vec {
    if (this.columns === 'all') return new Float64Array(x);
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

/** How many spanning vectors `Subspace.span` sweeps together (independent sums to overlap). */
const GROUP = 4;

/**
 * The first sweep of each of `srcs` (up to 4) against the orthonormal `qs`, into `rs`: exactly
 * `sweep(qs, rs[a], srcs[a])` for each a, with the passes over the coordinates shared.
 *
 * Why: a pass of `sweep` is bound by the latency of its one running sum (each addition waits
 * for the previous one), not by arithmetic nor memory. Four vectors' sums are independent, so
 * in one pass they overlap, and each basis vector is read once for all four.
 */
function sweepGroup(qs: readonly Vec[], rs: readonly Vec[], srcs: readonly Vec[]): { norm0: number[]; residual: number[] } {
  const norm0: number[] = [];
  const residual: number[] = [];
  let a = 0;
  for (; a + 4 <= srcs.length; a += 4) sweep4(qs, rs.slice(a, a + 4), srcs.slice(a, a + 4), norm0, residual);
  for (; a < srcs.length; a++) {
    const s = sweep(qs, rs[a], srcs[a]);
    norm0.push(s.norm0);
    residual.push(s.residual);
  }
  return { norm0, residual };
}

/** `sweep` for four vectors at once (see `sweepGroup`); pushes each ‖src‖ and residual. */
function sweep4(qs: readonly Vec[], rs: readonly Vec[], srcs: readonly Vec[], norm0: number[], residual: number[]): void {
  const [r0, r1, r2, r3] = rs;
  const [s0, s1, s2, s3] = srcs;
  const d = r0.length;
  let n0 = 0, n1 = 0, n2 = 0, n3 = 0;
  let c0 = 0, c1 = 0, c2 = 0, c3 = 0;
  const q0 = qs[0];
  if (q0 === undefined) {
    for (let i = 0; i < d; i++) {
      const x0 = s0[i], x1 = s1[i], x2 = s2[i], x3 = s3[i];
      r0[i] = x0; r1[i] = x1; r2[i] = x2; r3[i] = x3;
      n0 += x0 * x0; n1 += x1 * x1; n2 += x2 * x2; n3 += x3 * x3;
    }
    for (const n of [n0, n1, n2, n3]) {
      norm0.push(Math.sqrt(n));
      residual.push(Math.sqrt(n));
    }
    return;
  }
  // Pass 0: copy, ‖src‖², and c₀ = <q₀, src>.
  for (let i = 0; i < d; i++) {
    const x0 = s0[i], x1 = s1[i], x2 = s2[i], x3 = s3[i];
    r0[i] = x0; r1[i] = x1; r2[i] = x2; r3[i] = x3;
    n0 += x0 * x0; n1 += x1 * x1; n2 += x2 * x2; n3 += x3 * x3;
    const q = q0[i];
    c0 += q * x0; c1 += q * x1; c2 += q * x2; c3 += q * x3;
  }
  // Pass j: r −= c_{j−1}·q_{j−1}, then c_j = <q_j, r> on the updated coordinate.
  for (let j = 1; j < qs.length; j++) {
    const p = qs[j - 1];
    const q = qs[j];
    let e0 = 0, e1 = 0, e2 = 0, e3 = 0;
    for (let i = 0; i < d; i++) {
      const pi = p[i], qi = q[i];
      const y0 = r0[i] - c0 * pi, y1 = r1[i] - c1 * pi, y2 = r2[i] - c2 * pi, y3 = r3[i] - c3 * pi;
      r0[i] = y0; r1[i] = y1; r2[i] = y2; r3[i] = y3;
      e0 += qi * y0; e1 += qi * y1; e2 += qi * y2; e3 += qi * y3;
    }
    c0 = e0; c1 = e1; c2 = e2; c3 = e3;
  }
  // Last pass: the last update, and ‖r‖².
  const p = qs[qs.length - 1];
  let t0 = 0, t1 = 0, t2 = 0, t3 = 0;
  for (let i = 0; i < d; i++) {
    const pi = p[i];
    const y0 = r0[i] - c0 * pi, y1 = r1[i] - c1 * pi, y2 = r2[i] - c2 * pi, y3 = r3[i] - c3 * pi;
    r0[i] = y0; r1[i] = y1; r2[i] = y2; r3[i] = y3;
    t0 += y0 * y0; t1 += y1 * y1; t2 += y2 * y2; t3 += y3 * y3;
  }
  norm0.push(Math.sqrt(n0), Math.sqrt(n1), Math.sqrt(n2), Math.sqrt(n3));
  residual.push(Math.sqrt(t0), Math.sqrt(t1), Math.sqrt(t2), Math.sqrt(t3));
}

/**
 * Continue a first sweep of `r` (already swept against qs[0..from)) with qs[from..]: for each
 * q in turn, c = <q, r>, then r −= c·q. Returns the new residual ‖r‖. The same arithmetic, in
 * the same order, as if the sweep had run over all of qs at once.
 */
function sweepMore(qs: readonly Vec[], from: number, r: Vec): number {
  const d = r.length;
  let c = 0;
  const q0 = qs[from];
  for (let i = 0; i < d; i++) c += q0[i] * r[i];
  for (let j = from + 1; j < qs.length; j++) {
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
  const p = qs[qs.length - 1];
  let rr = 0;
  for (let i = 0; i < d; i++) {
    const y = r[i] - c * p[i];
    r[i] = y;
    rr += y * y;
  }
  return Math.sqrt(rr);
}
