/**
 * T5 — the multi-objective Pareto cone (R5). Objectives v_1..v_m; by T1 a judge u raises
 * objective i at every KL budget iff <u, v_i>_Σ > 0, so the Pareto-improving set is
 * C = {u : <u, Σv_i> > 0 for all i}.
 * (a) Gordan: C ≠ ∅ iff no λ >= 0, λ ≠ 0 has Σλ_iΣv_i = 0 — decided by two independent LPs,
 *     each answer re-checked against its witness.
 * (b) `isotropic`, m = 2: the share of uniform directions in C is (π − φ)/(2π), φ = ∠(v_1, v_2).
 * (c) Adding an objective never enlarges C.
 * (d) `non-conflicting`: every mixture u = Σλ_i v_i (λ >= 0, λ ≠ 0) harms no objective:
 *     <u, v_j>_Σ >= λ_j‖v_j‖²_Σ >= 0.
 */
import { valuesArbitrary, PARETO_MAX_OBJECTIVES } from '../arbitraries/pareto.ts';
import { Reader, type Instance } from '../instance/reader.ts';
import { inner, sNorm, sqNorm } from '../linalg/covariance.ts';
import { axpy, dot, isZero, norm, zeros, type Vec } from '../linalg/vec.ts';
import {
  angle, coneFractionMonteCarlo, coneMargin, gordanMultipliers, gordanResidual, imbalanceBeyondDepth, LP_TOL, maxMinMargin, paretoTargets,
  twoObjectiveFraction,
} from '../model/pareto.ts';
import { bernsteinKnownVariance, hoeffding, MC_SAMPLES } from '../numeric/bounds.ts';
import { InputError } from '../numeric/errors.ts';
import { hashSeed } from '../numeric/hash.ts';
import { all, equal } from '../numeric/margin.ts';
import { makeRng } from '../numeric/rng.ts';
import { scaledTol } from '../numeric/tolerance.ts';
import { defineFamily, type PartSpec } from './family.ts';
import type { Evaluation } from './types.ts';
import { explainT5b, explainT5d } from './explain/constitutions.ts';

/** The objectives, Σ, and the functionals a_i = Σv_i that define C. */
function readObjectives(inst: Instance, minCount = 1) {
  const r = new Reader(inst);
  const values = r.vecs('values', undefined, { minCount });
  const d = values[0].length;
  const S = r.covariance(d);
  return { r, values, d, S, targets: paretoTargets(S, values) };
}

/** An instance's Monte Carlo generator: its `seed` field, else a hash of the instance. */
const rngFor = (r: Reader) => makeRng(r.has('seed') ? r.number('seed') : hashSeed(r.inst));

const T5a: PartSpec = {
  id: 'T5.a',
  title: 'Gordan: the Pareto cone is empty iff the objectives balance out',
  statement: 'C ≠ ∅ iff no λ >= 0, λ ≠ 0 has Σ_i λ_i Σv_i = 0; both sides decided by LP and re-checked against witnesses',
  // No tags: Σ is any SPD matrix. Half the draws oppose the last objective to the others
  // (C = ∅ when m >= 2); the rest mostly have C ≠ ∅, so both sides of the alternative are seen.
  arbitrary: (_inForce, opts) =>
    valuesArbitrary({ minCount: 1, maxCount: PARETO_MAX_OBJECTIVES, isotropic: false, opposed: 0.5 }, opts),
  evaluate(inst): Evaluation {
    const { targets } = readObjectives(inst);
    // LP 1 claims a witness u ∈ C when its optimum t* clears the solver's accuracy.
    const { t: tStar, u } = maxMinMargin(targets);
    const uClaimed = tStar > LP_TOL;
    const witnessMargin = coneMargin(targets, u);
    // LP 2 independently claims multipliers λ (or proves there are none).
    const lambda = gordanMultipliers(targets);
    const lambdaResidual = lambda ? gordanResidual(targets, lambda) : NaN;
    const excessImbalance = lambda ? imbalanceBeyondDepth(targets, u, lambda) : NaN;
    let margin: number;
    if (uClaimed && !lambda) margin = witnessMargin; // u must really lie in C
    // λ must really balance the a_i, as nearly as LP 1's own direction allows: on one scale,
    // a cone thinner than LP_TOL (not claimed) still forces λ's imbalance up to its depth.
    else if (!uClaimed && lambda) margin = -excessImbalance;
    else if (uClaimed && lambda) margin = -tStar; // both sides claimed: Gordan says impossible
    else margin = -1; // neither side certified: a full unit of the cosine scale
    const quantities: Record<string, number> = { tStar, witnessMargin, coneNonEmpty: +uClaimed, lambdaFound: +!!lambda };
    if (lambda) Object.assign(quantities, { lambdaResidual, excessImbalance });
    // Witness checks are exact arithmetic on O(1) cosines; the LP answers are good to LP_TOL.
    return { margin, tol: LP_TOL, quantities, pre: true };
  },
};

/**
 * Monte Carlo budget of T5.b: n = MC_SAMPLES uniform directions (40 000; 10 000 in the mutation
 * profile, the half-width being computed from n either way); by Bernstein's inequality with the
 * variance the claim implies, the estimated share is within bernsteinKnownVariance(n, p(1 − p),
 * α) of the true share p, or Hoeffding's sqrt(ln(2/α)/(2n)) ≈ 0.0145 if smaller, except with
 * probability α = 1e-7 per check.
 */
const T5B_SAMPLES = MC_SAMPLES;
const T5B_ALPHA = 1e-7;

const T5b: PartSpec = {
  id: 'T5.b',
  title: 'The two-objective Pareto cone narrows as the values conflict',
  explain: explainT5b,
  statement: 'isotropic, m = 2: P[u ∈ C] = (π − φ)/(2π) for u uniform on the sphere, φ = ∠(v_1, v_2)',
  tags: ['isotropic'],
  numRuns: 60,
  arbitrary: (inForce, opts) => valuesArbitrary({ minCount: 2, maxCount: 2, isotropic: inForce.has('isotropic'), opposed: 0.15 }, opts),
  evaluate(inst): Evaluation {
    const { r, values, targets } = readObjectives(inst, 2);
    if (values.length !== 2) throw new InputError(`values: T5.b takes exactly two objectives (got ${values.length})`);
    values.forEach((v, i) => {
      if (isZero(v)) throw new InputError(`values[${i}]: must be a non-zero vector`);
    });
    // φ is the Euclidean angle, as the statement reads; the sample uses C's own definition
    // <u, Σv_i> > 0, so a Σ ≠ I shows up as a disagreement.
    const phi = angle(values[0], values[1]);
    const fraction = twoObjectiveFraction(phi);
    const estimate = coneFractionMonteCarlo(targets, rngFor(r), T5B_SAMPLES);
    // Under the claim the share is `fraction`, so the estimate's variance is known: Bernstein's
    // bound uses it (Hoeffding's is blind to it and cannot see a few per cent on a small share).
    const halfWidth = Math.min(bernsteinKnownVariance(T5B_SAMPLES, fraction * (1 - fraction), T5B_ALPHA), hoeffding(T5B_SAMPLES, T5B_ALPHA, 1));
    return { margin: equal(estimate, fraction), tol: halfWidth, quantities: { phi, fraction, estimate, halfWidth }, pre: true };
  },
};

const T5c: PartSpec = {
  id: 'T5.c',
  title: 'Adding an objective never enlarges the Pareto cone',
  statement: 'C(v_1..v_{m+1}) ⊆ C(v_1..v_m), measured by the LP max-min margin: t*_{m+1} <= t*_m, with both LPs certified',
  arbitrary: (_inForce, opts) =>
    valuesArbitrary({ minCount: 2, maxCount: PARETO_MAX_OBJECTIVES, isotropic: false, opposed: 0.25 }, opts),
  evaluate(inst): Evaluation {
    // `values` lists v_1..v_{m+1}: the last one is the objective being added. As sets, the
    // containment C_{m+1} ⊆ C_m is immediate (one more strict inequality), so checking it on
    // sampled directions could not fail. What can fail is its measure, the LP's max-min margin
    // t*, and the LPs are checked through certificates in plain arithmetic:
    //   the larger LP's direction u attains its t*_{m+1} (feasibility of its answer);
    //   the smaller LP's t*_m is at least what that same u attains on v_1..v_m (optimality);
    //   hence, and checked directly, t*_{m+1} <= t*_m.
    const { targets } = readObjectives(inst, 2);
    const fewer = targets.slice(0, -1);
    const more = maxMinMargin(targets);
    const tFewer = maxMinMargin(fewer).t;
    const attained = (objectives: readonly Vec[], u: Vec) => Math.min(...objectives.map((a) => dot(u, a) / norm(a)));
    const attainedMore = attained(targets, more.u);
    const attainedFewer = attained(fewer, more.u);
    return {
      margin: all(attainedMore - more.t, tFewer - attainedFewer, tFewer - more.t),
      tol: LP_TOL,
      quantities: { tFewer, tMore: more.t, attainedMore, attainedFewer },
      pre: true,
    };
  },
};

const T5d: PartSpec = {
  id: 'T5.d',
  title: 'Mixtures of non-conflicting values harm no objective',
  explain: explainT5d,
  statement: 'non-conflicting: u = Σλ_i v_i with λ >= 0, λ ≠ 0 gives <u, v_j>_Σ >= λ_j‖v_j‖²_Σ >= 0 for every j',
  tags: ['non-conflicting'],
  arbitrary: (inForce, opts) =>
    valuesArbitrary(
      { minCount: 1, maxCount: PARETO_MAX_OBJECTIVES, isotropic: false, nonConflicting: inForce.has('non-conflicting'), mixture: true },
      opts,
    ),
  evaluate(inst): Evaluation {
    const { r, values, d, S } = readObjectives(inst);
    const lambda = r.vec('lambda', values.length);
    lambda.forEach((l, i) => {
      if (l < 0) throw new InputError(`lambda[${i}]: must be non-negative (got ${l})`);
    });
    if (isZero(lambda)) throw new InputError('lambda: must not be all zero');
    // The mixture constitution itself, then its effect on each objective, computed directly.
    const u: Vec = values.reduce((acc, v, i) => axpy(lambda[i], v, acc), zeros(d));
    const improvements = values.map((v) => inner(S, u, v));
    const floors = values.map((v, j) => lambda[j] * sqNorm(S, v));
    // Unit: |<u, v_j>_Σ| <= Σ_i λ_i‖v_i‖_Σ · ‖v_j‖_Σ, so margins read as fractions of the largest possible.
    const norms = values.map((v) => sNorm(S, v));
    const unit = values.reduce((acc, _, i) => acc + lambda[i] * norms[i], 0) * Math.max(...norms) || 1;
    const margin = all(...improvements.map((x, j) => (x - floors[j]) / unit), ...floors.map((f) => f / unit));
    return {
      margin,
      tol: scaledTol(1),
      quantities: { minImprovement: Math.min(...improvements), minSlack: Math.min(...improvements.map((x, j) => x - floors[j])) },
      pre: true,
    };
  },
};

const family = defineFamily(import.meta.url, {
  id: 'T5',
  paperClaims: ['R5'],
  tags: [],
  parts: [T5a, T5b, T5c, T5d],
});

export default family;
