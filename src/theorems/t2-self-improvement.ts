/**
 * T2 — the self-improvement condition and the generation–judgment gap (R1).
 * Tags: `linear-value`, `isotropic`, `converged`. The judge is u_c = P_c w; the model's own
 * generation preference is g. RLAIF with the judge beats self-training iff A(u_c) > A(g).
 */
import { defineFamily, type PartSpec } from './family.ts';
import type { Instance } from '../instance/reader.ts';
import { Reader } from '../instance/reader.ts';
import { sNorm } from '../linalg/covariance.ts';
import { norm, type Vec } from '../linalg/vec.ts';
import { agreementMonteCarlo, sheppard } from '../model/agreement.ts';
import { policyDirection, gain } from '../model/rlaif.ts';
import { alignment, alignmentRounding, expectedValue, type ValueModel } from '../model/value.ts';
import { HarnessError } from '../numeric/errors.ts';
import { hashSeed } from '../numeric/hash.ts';
import { equal, implies, sameStrictSign } from '../numeric/margin.ts';
import { makeRng } from '../numeric/rng.ts';
import { scaledTol } from '../numeric/tolerance.ts';
import { ALIGNMENT_ZERO, budgetPolicy, gainSign, judgeDirection, readValueModel, rlaifArbitrary } from './common/rlaif-instance.ts';
import type { Evaluation, Tag, TheoremPart } from './types.ts';
import { explainT2a, explainT2b, explainT2c } from './explain/judge.ts';

const TAGS: readonly Tag[] = ['linear-value', 'isotropic', 'converged'];
const arbitrary: TheoremPart['arbitrary'] = (inForce, opts) =>
  rlaifArbitrary(inForce, { directions: ['g', 'w'], constitution: true, beta: true }, opts);
/** T2.a and T2.b: also the tie A(u_c) = A(g), one draw in four (their zero clause). */
const tiedArbitrary: TheoremPart['arbitrary'] = (inForce, opts) =>
  rlaifArbitrary(inForce, { directions: ['g', 'w'], constitution: true, beta: true, boundary: 'tied-g' }, opts);

function setting(inst: Instance) {
  const r = new Reader(inst);
  const { M, d } = readValueModel(r);
  const g = r.vec('g', d);
  const { uc } = judgeDirection(r, d);
  return { r, M, g, uc, alignmentJudge: alignment(M, uc), alignmentGeneration: alignment(M, g) };
}

const T2a: PartSpec = {
  id: 'T2.a',
  title: 'RLAIF beats self-training iff the judge is better aligned',
  explain: explainT2a,
  statement: 'sign(G_ε(u_c) − G_ε(g)) = sign(A(u_c) − A(g)) at equal KL budget ε',
  arbitrary: tiedArbitrary,
  evaluate(inst, inForce): Evaluation {
    const { r, M, g, uc, alignmentJudge, alignmentGeneration } = setting(inst);
    const eps = r.optNumber('epsilon', 1, { positive: true });
    const gainJudge = gain(M, g, uc, eps);
    const gainGeneration = gain(M, g, g, eps);
    const dA = alignmentJudge - alignmentGeneration;
    if (inForce.has('linear-value')) {
      // The theorem gives more than a sign here: by T1 each gain is sqrt(2ε)‖v*‖_Σ·A, so the
      // difference of gains is that ceiling times the difference of alignments. Checked as
      // that equality, a sign claim at dA = 0 (any gain would pass) or a gain stuck at 0 fails.
      const ceiling = Math.sqrt(2 * eps) * sNorm(M.Sigma, M.vStar);
      return {
        margin: equal((gainJudge - gainGeneration) / ceiling, dA),
        tol: scaledTol(expectedValue(M, g), gainJudge, gainGeneration, ceiling) / ceiling,
        quantities: { alignmentJudge, alignmentGeneration, gainJudge, gainGeneration, ceiling },
        pre: true,
      };
    }
    // At equal budget each policy shifts <v*,h> by sqrt(2ε)‖v*‖_Σ·A, so the difference of gains
    // is J(θ_judge) − J(θ_generation): its sign is read against that shift, zero handled both
    // ways (dA = 0 ⇒ equal gains; dA ≠ 0 ⇒ a strict difference of dA's sign). See gainSign.
    const unit = Math.max(Math.abs(gainJudge), Math.abs(gainGeneration));
    const check = gainSign(M, dA, gainJudge - gainGeneration, budgetPolicy(M, g, g, eps), budgetPolicy(M, g, uc, eps), unit, [expectedValue(M, g), unit]);
    return { ...check, quantities: { alignmentJudge, alignmentGeneration, gainJudge, gainGeneration, ...check.quantities } };
  },
};

const T2b: PartSpec = {
  id: 'T2.b',
  title: 'The judge agrees with true values more often iff it is better aligned',
  explain: explainT2b,
  statement: 'Agr(u_c) > Agr(g) iff A(u_c) > A(g); Agr by seeded Monte Carlo on common random pairs',
  numRuns: 60,
  arbitrary: tiedArbitrary,
  evaluate(inst, inForce): Evaluation {
    const { r, M, g, uc, alignmentJudge, alignmentGeneration } = setting(inst);
    const rng = makeRng(r.has('seed') ? r.number('seed') : hashSeed(inst));
    const est = agreementMonteCarlo(M, [uc, g], rng);
    const [agreementJudge, agreementGeneration] = est.estimates;
    const dAgr = agreementJudge - agreementGeneration;
    if (inForce.has('linear-value')) {
      // Under linear-value Sheppard's formula gives each agreement, so the estimated difference
      // must equal the difference of 1 − arccos(A)/π (a sign claim alone would accept an
      // estimator stuck at 1/2 whenever the alignments tie).
      const predicted = sheppard(alignmentJudge) - sheppard(alignmentGeneration);
      return {
        margin: equal(dAgr, predicted),
        tol: est.halfWidth + est.tieBias,
        quantities: { agreementJudge, agreementGeneration, alignmentJudge, alignmentGeneration, halfWidth: est.halfWidth, predictedDifference: predicted },
        pre: true,
      };
    }
    const dA = alignmentJudge - alignmentGeneration;
    const resolution = est.halfWidth + est.tieBias;
    return {
      // Zero both ways: a tie dA = 0 needs equal agreements (−|dAgr|); otherwise the strict sign.
      margin: sameStrictSign(dA, dAgr, ALIGNMENT_ZERO, resolution),
      // The estimated difference is within halfWidth (+ rounding-tie bias) of the truth except
      // with probability MC_ALPHA = 1e-7 (n = 40 000 common random pairs).
      tol: resolution,
      quantities: { agreementJudge, agreementGeneration, alignmentJudge, alignmentGeneration, halfWidth: est.halfWidth },
      // A tie decides its zero clause. Otherwise a difference the sample cannot resolve decides
      // nothing: "dA ≠ 0 ⇒ dAgr ≠ 0" is beyond a Monte Carlo estimate's reach.
      pre: Math.abs(dA) <= ALIGNMENT_ZERO || Math.abs(dAgr) > resolution,
    };
  },
};

/**
 * A(θ_β) as β → 0, read off a decreasing sequence β_k = β₀·10^{−k}; the sequence must settle
 * (two successive steps each within 1e-9) or the limit is not established and that is a harness error.
 * At extreme conditioning (κ(Σ) ~ 1e9) the terms jitter at the rounding every alignment carries
 * (alignmentRounding, up to ~1e-6) long after the truncation error β·‖g‖ has vanished: then the
 * deepest term is the limit, provided the last step moved by no more than that rounding.
 */
export function convergedAlignment(M: ValueModel, g: Vec, uc: Vec): number {
  const beta0 = (norm(uc) || 1) / (norm(g) || 1);
  let prev = NaN;
  let a = NaN;
  // Along the ray g + t·u_c, A has at most one turning point, so two terms may agree on either
  // side of it without being the limit; three successive terms agree only once A has settled.
  let settledBefore = false;
  for (let k = 0; k <= 14; k++) {
    prev = a;
    a = alignment(M, policyDirection(g, uc, beta0 * 10 ** -k));
    const settled = Math.abs(a - prev) <= 1e-9;
    if (k >= 4 && settled && settledBefore) return a;
    settledBefore = settled;
  }
  const rounding = alignmentRounding(M);
  if (rounding > 0 && Math.abs(a - prev) <= 4 * rounding) return a;
  throw new HarnessError('A(θ_β) did not settle as β → 0');
}

/**
 * T2.c's premise A(u_c) > A(g) holds on about half of symmetric draws. Where it fails, −g is
 * tried instead (A(−g) = −A(g)), which lifts the hit rate to about three quarters without
 * filtering and keeps the same shrink tree.
 */
const arbitraryWithPremise: TheoremPart['arbitrary'] = (inForce, opts) =>
  arbitrary(inForce, opts).map((inst) => {
    const { alignmentJudge, alignmentGeneration } = setting(inst);
    return alignmentJudge > alignmentGeneration ? inst : { ...inst, g: (inst.g as number[]).map((x) => (x === 0 ? 0 : -x)) };
  });

const T2c: PartSpec = {
  id: 'T2.c',
  title: 'A better-aligned judge yields a policy at least as aligned as generation',
  explain: explainT2c,
  statement: 'A(u_c) > A(g) ⇒ A(θ_β) >= A(g); with `converged`, in the limit β → 0',
  arbitrary: arbitraryWithPremise,
  evaluate(inst, inForce): Evaluation {
    const { r, M, g, uc, alignmentJudge, alignmentGeneration } = setting(inst);
    const alignmentLimit = convergedAlignment(M, g, uc);
    const quantities: Record<string, number> = { alignmentJudge, alignmentGeneration, alignmentLimit };
    // Without `converged` the instance's β is the claim's β, so it must be there.
    if (r.has('beta') || !inForce.has('converged'))
      quantities.alignmentPolicy = alignment(M, policyDirection(g, uc, r.number('beta', { positive: true })));
    const policy = inForce.has('converged') ? alignmentLimit : quantities.alignmentPolicy;
    const premise = alignmentJudge - alignmentGeneration;
    return {
      margin: implies(premise, policy - alignmentGeneration),
      // Two alignments are compared: each carries Σ's conditioning (alignmentRounding).
      tol: scaledTol(1) + 2 * alignmentRounding(M),
      quantities,
      pre: premise > scaledTol(1),
    };
  },
};

const family = defineFamily(import.meta.url, {
  id: 'T2',
  paperClaims: ['R1'],
  tags: TAGS,
  parts: [T2a, T2b, T2c],
});

export default family;
