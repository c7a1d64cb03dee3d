/**
 * T6 — monotone nonlinear values (R6). Tags: `monotone-value`. With V* = f(<v*,h>) and f
 * strictly increasing:
 * (a) Sheppard's formula still holds: Agr(x) = 1 − arccos(A(x))/π, because sign(f(a) − f(a'))
 *     = sign(a − a') for increasing f, so agreement only sees the linear score <v*,h>;
 * (b) sign G_ε(u) = sign A(u): the policy shifts the normal law of <v*,h> by <u,v*>_Σ/β, and a
 *     mean shift of a normal law raises E f for increasing f.
 * Dropped, f comes from a family that includes x², −x², |x| and sin.
 */
import { Reader } from '../instance/reader.ts';
import { agreementMonteCarlo, sheppard } from '../model/agreement.ts';
import { alignment } from '../model/value.ts';
import { hashSeed } from '../numeric/hash.ts';
import { equal } from '../numeric/margin.ts';
import { makeRng } from '../numeric/rng.ts';
import { budgetPolicy, gainSetting, gainSign, readValueModel, rlaifArbitrary } from './common/rlaif-instance.ts';
import { defineFamily, type PartSpec } from './family.ts';
import type { Evaluation, Tag } from './types.ts';
import { explainT6a, explainT6b } from './explain/gain.ts';

const TAGS: readonly Tag[] = ['monotone-value'];

const T6a: PartSpec = {
  id: 'T6.a',
  title: "Sheppard's formula holds for monotone values",
  explain: explainT6a,
  statement: 'f strictly increasing: Agr(u) = 1 − arccos(A(u))/π, Agr by seeded Monte Carlo',
  numRuns: 60,
  arbitrary: (inForce, opts) => rlaifArbitrary(inForce, { directions: ['u'], nonZero: ['u'], boundary: 'orthogonal-u' }, opts),
  evaluate(inst): Evaluation {
    const r = new Reader(inst);
    const { M, d } = readValueModel(r);
    const u = r.vec('u', d);
    const A = alignment(M, u);
    // One estimate, a mean of n terms in [0, 1]: within the range-1 Hoeffding half-width
    // sqrt(ln(2/α)/(2n)) ≈ 0.0145 (+ tieBias) of Agr(u) except with probability MC_ALPHA = 1e-7
    // (n = 40 000): the false-alarm bound per check. (The difference half-width, twice that,
    // is for claims that compare two directions, such as T2.b.)
    const est = agreementMonteCarlo(M, [u], makeRng(r.has('seed') ? r.number('seed') : hashSeed(inst)));
    const agreement = est.estimates[0];
    const predicted = sheppard(A);
    const halfWidth = est.estimateHalfWidth;
    return {
      margin: equal(agreement, predicted),
      tol: halfWidth + est.tieBias,
      quantities: { alignment: A, agreement, sheppard: predicted, halfWidth, tieBias: est.tieBias },
      // When rounding ties blur the estimate more than sampling does, the draw checks little.
      pre: est.tieBias <= halfWidth,
    };
  },
};

const T6b: PartSpec = {
  id: 'T6.b',
  title: 'Gain has the sign of alignment for monotone values',
  explain: explainT6b,
  statement: 'f strictly increasing: sign G_ε(u) = sign A(u), with G_ε from J by quadrature',
  arbitrary: (inForce, opts) => rlaifArbitrary(inForce, { directions: ['g', 'u'], nonZero: ['u'], boundary: 'orthogonal-u' }, opts),
  evaluate(inst): Evaluation {
    const { M, g, u, epsilon, A, G, before } = gainSetting(inst);
    const unit = Math.max(Math.abs(before), Math.abs(before + G), Math.abs(G));
    // G = J(θ) − J(g) cancels |J|-sized numbers (exp and cubic links make J large): signs are
    // compared in units of the largest of them. A saturated link moves J by less than its
    // rounding, so whether G is resolvable is judged from the shift's node-by-node change of f;
    // zero is handled both ways (A = 0 ⇒ G = 0; A ≠ 0 ⇒ G ≠ 0 with A's sign, so a gain stuck at
    // 0 fails). See gainSign.
    const check = gainSign(M, A, G, g, budgetPolicy(M, g, u, epsilon), unit, [before, before + G]);
    return { ...check, quantities: { alignment: A, gain: G, ...check.quantities } };
  },
};

const family = defineFamily(import.meta.url, {
  id: 'T6',
  paperClaims: ['R6'],
  tags: TAGS,
  parts: [T6a, T6b],
});

export default family;
