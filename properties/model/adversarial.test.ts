// The model behind T4 and T7: the adversarial bound against brute force, the explicit
// constructions, ablation (closed form vs Monte Carlo) and the rank of update sequences.
import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { basisOf, basisRow, column, coord, coordinates, covarianceOf, covarianceRow, int, nonZero } from '../../src/arbitraries/index.ts';
import { dense, identity, type Covariance } from '../../src/linalg/covariance.ts';
import { Subspace } from '../../src/linalg/subspace.ts';
import { dot, norm, vec, type Vec } from '../../src/linalg/vec.ts';
import { ablate, ablatedAgreementMonteCarlo, numericalRank, rlaifTrajectory } from '../../src/model/ablation.ts';
import {
  activatedAlignment, adversarialBound, boundaryDirection, nearOptimalConstitution, positiveMultipleGap, rankOne, reversingConstitution,
} from '../../src/model/adversarial.ts';
import { sheppard } from '../../src/model/agreement.ts';
import { alignment, valueModel, type ValueModel } from '../../src/model/value.ts';
import { makeRng } from '../../src/numeric/rng.ts';
import { SUITE_SEED } from '../support/suite.ts';

const cfg = { seed: SUITE_SEED, numRuns: 200 };
const rowArb = fc.record({ v: coord(), w: coord(), x: coord(), cov: covarianceRow(), basis: basisRow(3) });
const sigmaOf = (rows: { cov: { s: number; b: readonly [number, number] } }[]): Covariance => {
  const S = covarianceOf(rows.map((r) => r.cov));
  return S ? dense(S) : identity(rows.length);
};
const modelOf = (rows: { v: number; cov: { s: number; b: readonly [number, number] } }[]): ValueModel =>
  valueModel(vec(nonZero(rows.map((r) => r.v))), { Sigma: sigmaOf(rows) });
/** w = Σv* (c = 1) on half the draws, so the boundary case is exercised. */
const readoutOf = (M: ValueModel, rows: { w: number }[], aligned: boolean): Vec =>
  aligned ? M.Sigma.apply(M.vStar) : vec(nonZero(rows.map((r) => r.w)));

describe('T4.b bound', () => {
  test.prop([coordinates(rowArb, { maxDim: 5 }), fc.boolean()], cfg)('the residual sine equals sqrt(1 − c²) wherever the root is well-conditioned', (rows, aligned) => {
    const M = modelOf(rows);
    const B = adversarialBound(M, readoutOf(M, rows, aligned));
    if (Math.abs(B.c) < 0.999) expect(Math.abs(B.sine - Math.sqrt(1 - B.c * B.c))).toBeLessThan(1e-12);
    else expect(B.sine).toBeLessThan(0.05);
  });

  // Brute force in d = 2: sweep span{x} over 20 000 angles; the smallest alignment among the
  // activated directions must not undercut the bound and must come within the sweep's
  // resolution of it (an independent check of the formula, not of the construction).
  test.prop([coordinates(rowArb, { minDim: 2, maxDim: 2 }), fc.boolean()], { seed: SUITE_SEED, numRuns: 60 })('in d = 2 the bound is the infimum over all rank-1 constitutions', (rows, aligned) => {
    const M = modelOf(rows);
    const w = readoutOf(M, rows, aligned);
    const { bound } = adversarialBound(M, w);
    let lowest = Infinity;
    const N = 20_000;
    for (let k = 0; k < N; k++) {
      const t = (2 * Math.PI * (k + 0.5)) / N;
      const x = vec([Math.cos(t), Math.sin(t)]);
      if (dot(x, w) <= 0) continue;
      lowest = Math.min(lowest, activatedAlignment(M, rankOne(x), w));
    }
    expect(lowest).toBeGreaterThanOrEqual(bound - 1e-12);
    expect(lowest).toBeLessThanOrEqual(bound + 2e-3);
  });

  test.prop([coordinates(rowArb, { maxDim: 5 }), fc.boolean(), int(1, 3)], cfg)('no constitution of any rank undercuts the bound', (rows, aligned, k) => {
    const M = modelOf(rows);
    const w = readoutOf(M, rows, aligned);
    const S = Subspace.span(basisOf(column(rows, 'basis'), Math.min(k, rows.length)).map(vec), rows.length);
    expect(activatedAlignment(M, S, w)).toBeGreaterThanOrEqual(adversarialBound(M, w).bound - 1e-12);
  });

  test.prop([coordinates(rowArb, { minDim: 2, maxDim: 5 }), fc.boolean(), fc.double({ min: 1e-6, max: 4, noNaN: true })], cfg)('for d >= 2 the explicit rank-1 constitution comes within δ of the bound', (rows, aligned, delta) => {
    const M = modelOf(rows);
    const w = readoutOf(M, rows, aligned);
    const { bound } = adversarialBound(M, w);
    const { x } = nearOptimalConstitution(M, w, delta);
    const A = activatedAlignment(M, rankOne(x), w);
    expect(A).toBeGreaterThanOrEqual(bound - 1e-12);
    expect(A).toBeLessThanOrEqual(bound + delta);
  });

  test.prop([coordinates(rowArb, { maxDim: 5 }), fc.boolean()], cfg)('a reversing constitution is built exactly when w is not a positive multiple of Σv*', (rows, aligned) => {
    const M = modelOf(rows);
    const w = readoutOf(M, rows, aligned);
    const collinear = positiveMultipleGap(w, M.Sigma.apply(M.vStar)) <= 1e-9;
    const con = reversingConstitution(M, w);
    if (collinear) expect(con).toBeNull();
    else expect(activatedAlignment(M, rankOne(con!.x), w)).toBeLessThan(0);
  });

  test.prop([coordinates(fc.record({ w: coord() }), { maxDim: 6 })], cfg)('a boundary direction is non-zero and orthogonal to w, and exists iff d >= 2', (rows) => {
    const w = vec(nonZero(column(rows, 'w')));
    const b = boundaryDirection(w);
    if (rows.length === 1) expect(b).toBeNull();
    else {
      expect(b).not.toBeNull();
      expect(Math.abs(dot(b!, w))).toBeLessThan(1e-12 * norm(w) * norm(b!));
      expect(norm(b!)).toBeGreaterThan(0.1);
    }
  });
});

describe('T7 ablation and update sequences', () => {
  test.prop([coordinates(rowArb, { maxDim: 5 })], cfg)('ablation is the orthogonal projection away from r: orthogonal to r and idempotent', (rows) => {
    const r = vec(nonZero(column(rows, 'v')));
    const h = vec(column(rows, 'x'));
    const a = ablate(r, h);
    expect(Math.abs(dot(a, r))).toBeLessThanOrEqual(1e-12 * (1 + norm(h)) * norm(r));
    ablate(r, a).forEach((y, i) => expect(Math.abs(y - a[i])).toBeLessThanOrEqual(1e-12 * (1 + norm(h))));
  });

  // The Monte Carlo estimate of the ablated judge's agreement must match Sheppard's formula for
  // the ablated direction (valid for any Σ with linear values): within the Hoeffding half-width
  // except with probability 1e-7 per run, so < 3e-6 over 30 runs.
  test.prop([coordinates(rowArb, { maxDim: 4 }), fc.integer()], { seed: SUITE_SEED, numRuns: 30 })('Monte Carlo agreement on ablated samples matches Sheppard for the ablated direction', (rows, seed) => {
    const M = modelOf(rows);
    const r = vec(nonZero(column(rows, 'w')));
    const u = vec(column(rows, 'x'));
    const est = ablatedAgreementMonteCarlo(M, r, u, makeRng(seed));
    expect(Math.abs(est.estimate - sheppard(alignment(M, ablate(r, u))))).toBeLessThanOrEqual(est.halfWidth);
  });

  test.prop([coordinates(fc.record({ a: fc.array(coord(), { minLength: 3, maxLength: 3 }), b: fc.array(coord(), { minLength: 3, maxLength: 3 }) }), { maxDim: 6 }), int(1, 3)], cfg)('SVD rank agrees with Gram–Schmidt rank and with a product construction', (rows, k) => {
    // M = A Bᵀ with A: d×k, B: d×k has rank <= k; its rows' SVD rank equals the GS rank of its rows.
    const d = rows.length;
    const A = rows.map((r) => r.a.slice(0, k));
    const B = rows.map((r) => r.b.slice(0, k));
    const M = A.map((ai) => vec(B.map((bj) => ai.reduce((s, x, t) => s + x * bj[t], 0))));
    const rank = numericalRank(M);
    expect(rank).toBeLessThanOrEqual(k);
    expect(rank).toBe(Subspace.span(M, d).rank);
  });

  test.prop([coordinates(rowArb, { maxDim: 5 }), fc.array(fc.constantFrom(1, 1 / 2, 4), { minLength: 1, maxLength: 3 })], cfg)('the trajectory telescopes: θ_T − g = Σ_t P_t w/β_t', (rows, betas) => {
    const d = rows.length;
    const w = vec(column(rows, 'w'));
    const g = vec(column(rows, 'x'));
    const steps = betas.map((beta, t) => ({ S: Subspace.span(basisOf(column(rows, 'basis'), Math.min(t + 1, d)).map(vec), d), beta }));
    const { thetas, updates } = rlaifTrajectory(g, w, steps);
    expect(thetas).toHaveLength(betas.length + 1);
    const total = steps.reduce((acc, s) => acc.map((x, i) => x + s.S.project(w)[i] / s.beta), Array.from(g));
    thetas.at(-1)!.forEach((x, i) => expect(Math.abs(x - total[i])).toBeLessThanOrEqual(1e-12 * (1 + Math.abs(total[i]))));
    expect(updates).toHaveLength(betas.length);
  });
});
