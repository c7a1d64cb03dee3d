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
