/**
 * T7 — Refusal direction and low-rank safety subspace (R4).
 * (a) [isotropic] If the value signal is one direction r (v* = r), ablating it from the
 *     representation, h ↦ (I − r̂r̂ᵀ)h, leaves every judge (a direction u, or u_c = P_c w) with
 *     A = 0 and Agr = 1/2.
 * (b) The RLAIF update θ_β − g = u_c/β lies in S_c; a sequence of steps with constitutions
 *     S_1..S_T moves θ only inside S_1 + … + S_T, so the stacked updates have rank at most
 *     dim(S_1 + … + S_T).
 */
import { ablationArbitrary, stepsArbitrary } from '../arbitraries/adversarial.ts';
import { checkNumber, checkVecs, Reader, dimensionOf, type Instance } from '../instance/reader.ts';
import { Subspace } from '../linalg/subspace.ts';
import { norm, scale, sub, type Vec } from '../linalg/vec.ts';
import { ablatedAgreementMonteCarlo, ablatedDirection, numericalRank, relativeResidual, rlaifTrajectory } from '../model/ablation.ts';
import { alignment, valueModel } from '../model/value.ts';
import { InputError } from '../numeric/errors.ts';
import { hashSeed } from '../numeric/hash.ts';
import { all } from '../numeric/margin.ts';
import { makeRng } from '../numeric/rng.ts';
import { scaledTol } from '../numeric/tolerance.ts';
import { defineFamily, type PartSpec } from './family.ts';
import type { Evaluation } from './types.ts';
import { explainT7a } from './explain/constitutions.ts';

/** T7.a's judge: `u`, or u_c = P_c w from `w` and `basis` (exactly one of `u`, `w`). */
function readJudge(r: Reader, d: number): Vec {
  if (r.has('u') && r.has('w')) throw new InputError('instance: give the judge as "u" or as "w" (with "basis"), not both');
  if (r.has('u')) return r.vec('u', d);
  return r.constitution(d).project(r.vec('w', d));
}

const T7a: PartSpec = {
  id: 'T7.a',
  title: 'Ablating the value direction blinds every judge',
  explain: explainT7a,
  statement: 'v* = r ⇒ after h ↦ (I − r̂r̂ᵀ)h every judge has A = 0 and Agr = 1/2 (Agr by seeded Monte Carlo)',
  tags: ['isotropic'],
  numRuns: 40,
  arbitrary: ablationArbitrary,
  evaluate(inst): Evaluation {
    const r = new Reader(inst);
    const rv = r.nonzeroVec('r');
    const d = rv.length;
    if (r.has('vStar') && r.vec('vStar', d).some((x, i) => x !== rv[i]))
      throw new InputError('vStar: T7.a takes v* = r (omit "vStar" or make it equal to "r")');
    const M = valueModel(rv, { Sigma: r.covariance(d), mu: r.mu(d), f: r.link() });
    const u = readJudge(r, d);
    // A of the ablated judge: the Σ-correlation of (I − r̂r̂ᵀ)u with v*, since the judge scores
    // <u, (I − r̂r̂ᵀ)h> = <(I − r̂r̂ᵀ)u, h>.
    const alignmentAfterAblation = alignment(M, ablatedDirection(rv, u));
    // Agr by Monte Carlo on ablated samples: n = 40 000 pairs, Hoeffding half-width at
    // false-alarm probability 1e-7 (≈ 0.0145), seeded by the instance so it replays exactly.
    const rng = makeRng(r.has('seed') ? r.number('seed') : hashSeed(inst));
    const est = ablatedAgreementMonteCarlo(M, rv, u, rng);
    const tolA = scaledTol(1);
    return {
      // Two equalities with different tolerances folded into one margin: |A| <= tolA and
      // |Agr − 1/2| <= halfWidth hold iff this margin is >= −tolA.
      margin: all(-Math.abs(alignmentAfterAblation), est.halfWidth + est.tieBias - Math.abs(est.estimate - 0.5) - tolA),
      tol: tolA,
      quantities: {
        alignmentAfterAblation,
        agreementAfterAblation: est.estimate,
        halfWidth: est.halfWidth,
        tieBias: est.tieBias,
        alignmentBefore: alignment(M, u),
        samples: est.n,
      },
      // When rounding ties blur the estimate more than sampling does, the draw checks little.
      pre: est.tieBias <= est.halfWidth,
    };
  },
};

/** T7.b's steps: `constitutions` (a list of bases) and `beta` (one number, or one per step). */
function readSteps(inst: Instance, r: Reader, d: number) {
  const raw = inst.constitutions;
  if (!Array.isArray(raw) || raw.length === 0) throw new InputError('constitutions: expected a non-empty list of bases');
  const bases = raw.map((b, t) => checkVecs(b, `constitutions[${t}]`, d));
  const rawBeta = inst.beta;
  const betas = Array.isArray(rawBeta)
    ? rawBeta.map((b, t) => checkNumber(b, `beta[${t}]`, { positive: true }))
    : bases.map(() => r.number('beta', { positive: true }));
  if (betas.length !== bases.length) throw new InputError(`beta: expected ${bases.length} values (one per step), got ${betas.length}`);
  return bases.map((b, t) => ({ vectors: b, S: Subspace.span(b, d), beta: betas[t] }));
}

const T7b: PartSpec = {
  id: 'T7.b',
  title: 'RLAIF updates stay in the sum of the constitutions\' subspaces',
  statement:
    'θ_t = θ_{t−1} + P_t w/β_t: each update lies in S_t, every θ_t − g in S_1 + … + S_T, and rank[updates] <= dim(S_1 + … + S_T)',
  arbitrary: (_inForce, opts) => stepsArbitrary(opts),
  evaluate(inst): Evaluation {
    const r = new Reader(inst);
    const d = dimensionOf(r, 'w');
    const w = r.vec('w', d);
    const g = r.vec('g', d);
    const steps = readSteps(inst, r, d);
    // The trajectory is the model's (θ_t from θ_{t−1}); each step's update is computed apart,
    // straight from THEORY (u_c/β = P_t w/β_t). Taken as differences of the θ_t the two halves
    // below would be one check twice: a trajectory that drifts outside the steps' subspaces
    // while every P_t w is right is seen only by the cumulative half.
    const { thetas } = rlaifTrajectory(g, w, steps);
    const updates = steps.map((s) => scale(1 / s.beta, s.S.project(w)));
    // The sum subspace from all spanning vectors together (a basis of its own, not the steps').
    const sum = Subspace.span(steps.flatMap((s) => s.vectors), d);
    // Residuals in units of the largest update any step could make, ‖w‖/β_t.
    const unit = Math.max(...steps.map((s) => norm(w) / s.beta)) || 1;
    const stepResidual = Math.max(...updates.map((u, t) => relativeResidual(steps[t].S, u, unit)));
    const sumResidual = Math.max(...thetas.map((th) => relativeResidual(sum, sub(th, g), unit * steps.length)));
    // θ_t − g cancels numbers of θ's size: with ‖g‖ far above the updates (g = 1e12·(1, 0.3),
    // updates of 0.2) its rounding sticks out of the sum by ~‖θ‖·1e-16, far above scaledTol(1)
    // in units of the updates. The cumulative half is judged at its own tolerance, scaled to
    // ‖θ_t‖ in the same units, and folded in as T7.a folds its Agr half:
    // −sumResidual + (sumTol − tol) >= −tol iff sumResidual <= sumTol.
    const tol = scaledTol(1);
    const sumSlack = scaledTol(1, Math.max(...thetas.map(norm)) / (unit * steps.length)) - tol;
    const rankUpdates = numericalRank(updates);
    return {
      margin: all(-stepResidual, -sumResidual + sumSlack, sum.rank - rankUpdates),
      tol,
      quantities: { dimSum: sum.rank, rankUpdates, stepResidual, sumResidual, steps: steps.length },
      pre: true,
    };
  },
};

const family = defineFamily(import.meta.url, {
  id: 'T7',
  paperClaims: ['R4'],
  tags: [],
  parts: [T7a, T7b],
});

export default family;
