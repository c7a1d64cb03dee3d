/**
 * T1 — the KL-budgeted gain law (foundation of R1). Under `linear-value`, for all Σ, v*, g,
 * u ≠ 0 and ε > 0: G_ε(u) = sqrt(2ε)·‖v*‖_Σ·A(u); hence (a) sign G = sign A and
 * (b) G <= sqrt(2ε)‖v*‖_Σ with equality iff u is a positive multiple of v*.
 */
import { sNorm, sqNorm } from '../linalg/covariance.ts';
import { axpy, norm, scale } from '../linalg/vec.ts';
import { all, equal } from '../numeric/margin.ts';
import { scaledTol } from '../numeric/tolerance.ts';
import { budgetPolicy, gainSetting, gainSign, rlaifArbitrary } from './common/rlaif-instance.ts';
import { defineFamily, type PartSpec } from './family.ts';
import type { Evaluation, TheoremPart } from './types.ts';
import { explainT1, explainT1a, explainT1b } from './explain/gain.ts';

// A(u) = 0 drawn one time in four (T1.a's zero clause; the law and the bound at A = 0).
const shape = { directions: ['g', 'u'], nonZero: ['u'], boundary: 'orthogonal-u' } as const;

/** The shared computation of the T1 parts: gain from J, and the law's right-hand side. */
function gainLaw(inst: Parameters<TheoremPart['evaluate']>[0]) {
  const { M, g, u, epsilon, A, G, before } = gainSetting(inst);
  const ceiling = Math.sqrt(2 * epsilon) * sNorm(M.Sigma, M.vStar);
  // J(g + u/β) − J(g) cancels |J|-sized numbers: the tolerance scales with them.
  const tol = scaledTol(before, G, ceiling) / ceiling;
  return { M, g, u, epsilon, A, G, before, ceiling, tol, quantities: { alignment: A, gain: G, predictedGain: ceiling * A } };
}

const T1: PartSpec = {
  id: 'T1',
  title: 'KL-budgeted gain law',
  explain: explainT1,
  statement: 'G_ε(u) = sqrt(2ε)·‖v*‖_Σ·A(u) for all Σ, v*, g, u ≠ 0, ε > 0',
  arbitrary: (inForce, opts) => rlaifArbitrary(inForce, shape, opts),
  evaluate(inst): Evaluation {
    const { A, G, ceiling, tol, quantities } = gainLaw(inst);
    // Both sides in units of the ceiling sqrt(2ε)‖v*‖_Σ, so the margin reads as an alignment.
    return { margin: equal(G / ceiling, A), tol, quantities, pre: true };
  },
};

const T1a: PartSpec = {
  id: 'T1.a',
  title: 'Gain has the sign of alignment',
  explain: explainT1a,
  statement: 'sign G_ε(u) = sign A(u)',
  arbitrary: (inForce, opts) => rlaifArbitrary(inForce, shape, opts),
  evaluate(inst): Evaluation {
    const { M, g, u, epsilon, A, G, ceiling, before, quantities } = gainLaw(inst);
    // Strict at 0 both ways: A = 0 ⇒ G = 0, A ≠ 0 ⇒ G ≠ 0 with A's sign (gainSign).
    const check = gainSign(M, A, G, g, budgetPolicy(M, g, u, epsilon), ceiling, [before, ceiling]);
    return { ...check, quantities: { ...quantities, ...check.quantities } };
  },
};

const T1b: PartSpec = {
  id: 'T1.b',
  title: 'Gain is bounded by the KL budget',
  explain: explainT1b,
  statement: 'G_ε(u) <= sqrt(2ε)‖v*‖_Σ, with equality iff u is a positive multiple of v*',
  arbitrary: (inForce, opts) => rlaifArbitrary(inForce, shape, opts),
  evaluate(inst, inForce): Evaluation {
    const { M, u, G, ceiling, tol, quantities } = gainLaw(inst);
    const ratio = G / ceiling;
    // How far u is from a positive multiple of v*: ½‖û − v̂‖²_Σ for the Σ-unit vectors (from Σ
    // alone, not from J; 0 exactly at a positive multiple, Σ being SPD). Under linear-value the
    // theorem gives the "iff" quantitatively, 1 − ratio = ½‖û − v̂‖²_Σ (= 1 − A(u)), so it is
    // checked as that equality: both directions, and a ratio of 1 off collinearity fails by the
    // gap. With linear-value dropped the claim as stated is read: equality at collinearity,
    // and below the ceiling elsewhere.
    const gapSq = sqNorm(M.Sigma, axpy(-1 / sNorm(M.Sigma, M.vStar), M.vStar, scale(1 / sNorm(M.Sigma, u), u))) / 2;
    // Collinearity itself decided geometrically (Euclidean unit vectors, to 1e-12), as before.
    const nu = norm(u);
    const nv = norm(M.vStar);
    const collinear = norm(u.map((x, i) => x / nu - M.vStar[i] / nv)) <= 1e-12;
    const iff = inForce.has('linear-value') ? equal(1 - ratio, gapSq) : collinear ? equal(ratio, 1) : 1 - ratio;
    return {
      margin: all(1 - ratio, iff),
      tol,
      quantities: { ...quantities, ceiling, collinear: +collinear, halfSquaredGap: gapSq },
      pre: true,
    };
  },
};

const family = defineFamily(import.meta.url, {
  id: 'T1',
  paperClaims: ['R1'],
  tags: ['linear-value'],
  parts: [T1, T1a, T1b],
});

export default family;
