// The linear algebra the model stands on: Σ representations, Σ-correlation, projections, KL budget.
import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { basisOf, basisRow, column, coord, coordinates, covarianceOf, covarianceRow, int } from '../../src/arbitraries/index.ts';
import { dense, diagLowRank, identity, inner, sNorm } from '../../src/linalg/covariance.ts';
import { Subspace } from '../../src/linalg/subspace.ts';
import { dot, norm, vec } from '../../src/linalg/vec.ts';
import { betaForBudget, klDivergence } from '../../src/model/rlaif.ts';
import { correlation } from '../../src/model/value.ts';
import { InputError } from '../../src/numeric/errors.ts';
import { SUITE_SEED } from '../support/suite.ts';

const cfg = { seed: SUITE_SEED, numRuns: 100 };
const rowsArb = coordinates(fc.record({ x: coord(), y: coord(), cov: covarianceRow(), basis: basisRow(3) }), { maxDim: 6 });
const close = (a: number, b: number, rel = 1e-9) => expect(Math.abs(a - b)).toBeLessThanOrEqual(rel * Math.max(1, Math.abs(a), Math.abs(b)));

describe('covariance', () => {
  test.prop([rowsArb], cfg)('diagonal-plus-low-rank agrees with the dense matrix it stands for', (rows) => {
    const cov = column(rows, 'cov');
    const S = diagLowRank(vec(cov.map((r) => r.s)), [0, 1].map((a) => vec(cov.map((r) => r.b[a]))));
    const D = dense(covarianceOf(cov) ?? identity(rows.length).toArray());
    const x = vec(column(rows, 'x'));
    const y = vec(column(rows, 'y'));
    close(inner(S, x, y), inner(D, x, y));
    S.solve(x).forEach((v, i) => close(v, D.solve(x)[i], 1e-8));
    // Σ Σ⁻¹ x = x
    D.apply(D.solve(x)).forEach((v, i) => close(v, x[i], 1e-8));
  });

  test('a Σ symmetric to rounding is taken as its symmetric part', () => {
    const S = dense([[1, 0.5], [0.5000000000000001, 1]]);
    const M = S.toArray();
    expect(M[0][1]).toBe(M[1][0]);
    close(inner(S, vec([1, 0]), vec([0, 1])), 0.5);
  });

  test('rejects a non-symmetric, an indefinite and a non-square Σ with an InputError', () => {
    expect(() => dense([[1, 2], [0, 1]])).toThrow(InputError);
    expect(() => dense([[1, 2], [2, 1]])).toThrow(/positive definite/);
    expect(() => dense([[1, 0]])).toThrow(/square/);
    expect(() => diagLowRank(vec([1, 0]), [])).toThrow(/positive/);
  });
});

describe('Σ-correlation', () => {
  test.prop([rowsArb, fc.double({ min: 0.1, max: 10, noNaN: true })], cfg)('lies in [−1, 1], is symmetric and scale-invariant, and is 0 at a zero vector', (rows, a) => {
    const S = dense(covarianceOf(column(rows, 'cov')) ?? identity(rows.length).toArray());
    const x = vec(column(rows, 'x'));
    const y = vec(column(rows, 'y'));
    const r = correlation(S, x, y);
    expect(Math.abs(r)).toBeLessThanOrEqual(1);
    close(r, correlation(S, y, x));
    close(r, correlation(S, x.map((v) => a * v), y));
    expect(correlation(S, new Float64Array(rows.length), y)).toBe(0);
  });
});

describe('subspace', () => {
  test.prop([rowsArb, int(1, 3)], cfg)('projection is idempotent, its residual is orthogonal, and rank never exceeds the span', (rows, k) => {
    const d = rows.length;
    const span = basisOf(column(rows, 'basis'), k).map(vec);
    const P = Subspace.span(span, d);
    const x = vec(column(rows, 'x'));
    const px = P.project(x);
    P.project(px).forEach((v, i) => close(v, px[i]));
    for (const q of P.basis) close(dot(q, P.reject(x)), 0);
    expect(P.rank).toBeLessThanOrEqual(Math.min(k, d));
    // Every spanning vector is reproduced by the projection: it lies in the subspace.
    for (const v of span) P.project(v).forEach((c, i) => close(c, v[i]));
  });

  // The blocked Gram–Schmidt of Subspace.span (four vectors' sweeps sharing passes) against the
  // textbook loop it replaces, one vector at a time, unfused: the same basis bit for bit, hence
  // the same projections. Lists mix generic, integer, zero, exactly dependent and nearly dependent
  // vectors (down to 1e-13 off the span), so drops and re-orthogonalisations are exercised.
  test.prop([spanListArb], cfg)('blocked span gives the one-at-a-time Gram–Schmidt basis bit for bit, rank-deficient lists included', ({ d, vectors, x }) => {
    const blocked = Subspace.span(vectors, d);
    const reference = textbookSpan(vectors, d);
    expect(blocked.rank).toBe(reference.length);
    blocked.basis.forEach((q, j) => expect(Array.from(q)).toEqual(Array.from(reference[j])));
    expect(Array.from(blocked.project(x))).toEqual(Array.from(projectTextbook(reference, x)));
  });

  test('the span lists above are often rank-deficient and often need re-orthogonalising', () => {
    const draws = fc.sample(spanListArb, { numRuns: 300, seed: SUITE_SEED });
    const deficient = draws.filter((s) => Subspace.span(s.vectors, s.d).rank < s.vectors.length).length;
    const reorthogonalised = draws.filter((s) => textbookSpan(s.vectors, s.d, { countReorth: true }).reorth > 0).length;
    expect(deficient / draws.length).toBeGreaterThan(0.2);
    expect(reorthogonalised / draws.length).toBeGreaterThan(0.2);
  });

  test('a repeated or zero spanning vector does not add rank', () => {
    const P = Subspace.span([vec([1, 1, 0]), vec([2, 2, 0]), vec([0, 0, 0])], 3);
    expect(P.rank).toBe(1);
    close(norm(P.basis[0]), 1);
  });
});

describe('RLAIF step', () => {
  test.prop([rowsArb, fc.double({ min: 0.01, max: 100, noNaN: true })], cfg)('β(ε) spends exactly the KL budget ε', (rows, eps) => {
    const S = dense(covarianceOf(column(rows, 'cov')) ?? identity(rows.length).toArray());
    const u = vec(column(rows, 'x'));
    fc.pre(sNorm(S, u) > 0);
    close(klDivergence(S, u, betaForBudget(S, u, eps)), eps);
  });
});

/**
 * Spanning lists for the blocked-span property: d up to 70, up to 13 vectors (so groups of four
 * and every remainder), each generic, small-integer, zero, an exact combination of earlier ones
 * or such a combination nudged by 1e-6 to 1e-13 off their span.
 */
const spanListArb = fc.integer({ min: 1, max: 70 }).chain((d) => {
  const generic = fc.array(fc.double({ min: -10, max: 10, noNaN: true }), { minLength: d, maxLength: d });
  const integer = fc.array(fc.integer({ min: -3, max: 3 }), { minLength: d, maxLength: d });
  const recipe = fc.oneof(
    generic.map((v) => ({ kind: 'own' as const, v })),
    integer.map((v) => ({ kind: 'own' as const, v })),
    fc.constant({ kind: 'zero' as const }),
    fc.record({ kind: fc.constant('combination' as const), weights: fc.array(fc.integer({ min: -3, max: 3 }), { minLength: 1, maxLength: 13 }), nudge: fc.constantFrom(0, 0, 1e-6, 1e-9, 1e-11, 1e-13), noise: generic }),
  );
  return fc.record({ recipes: fc.array(recipe, { minLength: 0, maxLength: 13 }), x: generic }).map(({ recipes, x }) => {
    const vectors: Float64Array[] = [];
    for (const r of recipes) {
      if (r.kind === 'own') vectors.push(vec(r.v));
      else if (r.kind === 'zero') vectors.push(new Float64Array(d));
      else {
        const v = new Float64Array(d);
        r.weights.forEach((w, j) => vectors[j]?.forEach((a, i) => (v[i] += w * a)));
        const scale = Math.max(1, ...v.map(Math.abs));
        vectors.push(v.map((a, i) => a + r.nudge * scale * r.noise[i]));
      }
    }
    return { d, vectors, x: vec(x) };
  });
});

/** Modified Gram–Schmidt as in the textbook: one vector at a time, one loop per step, no fusion. */
function textbookSpan(vectors: readonly Float64Array[], d: number, opts: { countReorth: true }): { basis: Float64Array[]; reorth: number };
function textbookSpan(vectors: readonly Float64Array[], d: number): Float64Array[];
function textbookSpan(vectors: readonly Float64Array[], d: number, opts?: { countReorth: true }) {
  const out: Float64Array[] = [];
  let reorth = 0;
  const sweepAll = (r: Float64Array) => {
    for (const q of out) {
      let c = 0;
      for (let i = 0; i < d; i++) c += q[i] * r[i];
      for (let i = 0; i < d; i++) r[i] -= c * q[i];
    }
    let rr = 0;
    for (let i = 0; i < d; i++) rr += r[i] * r[i];
    return Math.sqrt(rr);
  };
  for (const v of vectors) {
    const r = Float64Array.from(v);
    let n0 = 0;
    for (let i = 0; i < d; i++) n0 += v[i] * v[i];
    n0 = Math.sqrt(n0);
    if (n0 === 0) continue;
    let n = sweepAll(r);
    if (n < n0 * Math.SQRT1_2) {
      reorth++;
      n = sweepAll(r);
    }
    if (n <= 1e-10 * n0) continue;
    for (let i = 0; i < d; i++) r[i] /= n;
    out.push(r);
  }
  return opts ? { basis: out, reorth } : out;
}

/** Σ_q <q, x> q in the textbook order, exactly 0 at the rounding level of x (as Subspace.project). */
function projectTextbook(basis: readonly Float64Array[], x: Float64Array): Float64Array {
  const out = new Float64Array(x.length);
  for (const q of basis) {
    const c = dot(q, x);
    for (let i = 0; i < x.length; i++) out[i] += c * q[i];
  }
  return norm(out) <= 1e-12 * norm(x) ? out.fill(0) : out;
}
