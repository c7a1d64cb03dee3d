/**
 * T3 — Representation ceiling (R2). Tags: `gaussian-latents`, `linear-judge`, `linear-value`.
 * Latent model: V* = f(<w*, z>), h = Φz + ξ, ξ ~ N(0, σ²I), Σ_h = ΦΦᵀ + σ²I, representation
 * quality q = sqrt(w*ᵀΦᵀΣ_h⁺Φw*)/‖w*‖. The judge direction is u_c = P_c w.
 * (a) 0 <= q <= 1.
 * (b) For every constitution P and readout w with Pw ≠ 0: corr(judge(h), V*) <= q, with
 *     equality for the linear probe u* = Σ_h⁺Φw* when Φw* ≠ 0.
 * (c) Hence Agr <= 1 − arccos(q)/π and G_ε <= sqrt(2ε)·q·‖w*‖.
 * With `linear-judge` dropped the judge is any member of the family (sign, tanh, quadratic): the
 * claim is that none correlates with V* above q; with `gaussian-latents` dropped the latents are
 * Rademacher or uniform; with `linear-value` dropped f is any link of THEORY §4.
 *
 * How each side is computed (never from the bound it is checked against): q through the
 * pseudo-inverse of Σ_h; correlations through src/model/latent.ts (second moments, Gaussian
 * conditioning with quadrature, exact enumeration, or seeded Monte Carlo with a finite-sample
 * bound); Agr by seeded Monte Carlo on pairs of latent-model draws; G from J(θ) = E_θ f(<w*,z>)
 * of the tilted latent law at the β that spends the budget ε. G is the gain of the linear reward
 * <u_c, h> for every judge kind: THEORY's reading with `linear-judge` dropped concerns
 * correlation and agreement, and the KL-optimal policy for a nonlinear reward is not a tilt of
 * the latent law by a linear score.
 */
import { checkNumber, checkVecs, Reader, type Instance } from '../instance/reader.ts';
import { dot, norm } from '../linalg/vec.ts';
import { sheppard } from '../model/agreement.ts';
import {
  ceiling, judgeCorrelation, JUDGE_KINDS, LATENT_KINDS, latentAgreement, latentGain, latentModel, optimalProbe, phiTimes, spectralRounding,
  type CorrelationResult, type JudgeSpec, type LatentModel,
} from '../model/latent.ts';
import { InputError } from '../numeric/errors.ts';
import { hashSeed } from '../numeric/hash.ts';
import { all, equal, implies } from '../numeric/margin.ts';
import { makeRng, type Rng } from '../numeric/rng.ts';
import { scaledTol } from '../numeric/tolerance.ts';
import { latentArbitrary } from '../arbitraries/latent.ts';
import { defineFamily, type PartSpec } from './family.ts';
import type { Evaluation, Tag, TheoremPart } from './types.ts';
import { explainT3b, explainT3c } from './explain/ceiling.ts';

const TAGS: readonly Tag[] = ['gaussian-latents', 'linear-judge', 'linear-value'];

/**
 * Allowance for the 1-D quadratures behind non-closed-form correlations and gains (16-point
 * Gauss–Legendre on unit panels, graded at kinks): their error is below 1e-11 on the model
 * tests' cross-checks; 1e-9 leaves room without hiding anything a counterexample would show.
 */
const QUADRATURE_TOL = 1e-9;

/** The latent model of an instance: Phi (rows), wStar, sigma, latents (absent: Gaussian), f. */
export function readLatentModel(r: Reader, phiField = 'Phi', sigmaField = 'sigma'): LatentModel {
  const wStar = r.nonzeroVec('wStar');
  const Phi = r.vecs(phiField, wStar.length);
  const sigma = r.number(sigmaField, { nonNegative: true });
  const latents = r.has('latents') ? r.kind('latents', LATENT_KINDS).kind : 'gaussian';
  return latentModel(Phi, wStar, sigma, { latents, f: r.link() });
}

/** The judge: `judge` (absent: linear), checked against the representation dimension d. */
export function readJudge(r: Reader, d: number): JudgeSpec {
  if (!r.has('judge')) return { kind: 'linear' };
  const j = r.kind('judge', JUDGE_KINDS);
  switch (j.kind) {
    case 'linear':
    case 'sign':
      return { kind: j.kind };
    case 'tanh':
      return { kind: 'tanh', a: checkNumber(j.a, 'judge.a', { positive: true }) };
    case 'quadratic': {
      const Q = checkVecs(j.Q, 'judge.Q', d).map((row) => Array.from(row));
      if (Q.length !== d) throw new InputError(`judge.Q: expected ${d} rows, got ${Q.length}`);
      let big = 0;
      for (const row of Q) for (const x of row) big = Math.max(big, Math.abs(x));
      for (let i = 0; i < d; i++)
        for (let k = 0; k < i; k++)
          if (Math.abs(Q[i][k] - Q[k][i]) > 1e-12 * big) throw new InputError(`judge.Q: not symmetric (entry [${i}][${k}] ≠ [${k}][${i}])`);
      return { kind: 'quadratic', Q };
    }
  }
}

/**
 * A seeded generator for one named Monte Carlo estimate of an instance (replays identically).
 * It is made on first use: the exact routes never draw, and hashing a d = 4096 instance's JSON
 * text costs more than their whole computation.
 */
function rngFor(r: Reader, inst: Instance, what: string): Rng {
  // Seeded on first use (a check that draws nothing never hashes the instance); after that the
  // wrapper's methods are the generator's own, so the Monte Carlo loops call them directly.
  const lazy: Rng = {
    uniform: () => seeded().uniform(),
    normal: () => seeded().normal(),
  };
  const seeded = (): Rng => {
    const rng = makeRng(`${r.has('seed') ? r.number('seed') : instanceSeed(inst)}:${what}`);
    lazy.uniform = rng.uniform;
    lazy.normal = rng.normal;
    return rng;
  };
  return lazy;
}

const SEEDS = new WeakMap<Instance, number>();
/** hashSeed of an instance, once per instance object (instances are never mutated). */
function instanceSeed(inst: Instance): number {
  let h = SEEDS.get(inst);
  if (h === undefined) SEEDS.set(inst, (h = hashSeed(inst)));
  return h;
}

/** Everything the T3 parts share: the model, q, the judge and its direction u_c = P_c w. */
function setting(inst: Instance) {
  const r = new Reader(inst);
  const L = readLatentModel(r);
  const q = ceiling(L);
  const w = r.vec('w', L.d);
  const uc = r.constitution(L.d).project(w);
  const judge = readJudge(r, L.d);
  // Premise Pw ≠ 0, as a margin relative to ‖w‖ (0 when w = 0).
  const nw = norm(w);
  const premise = nw === 0 ? -1 : norm(uc) / nw - 1e-9;
  return { r, L, q, w, uc, judge, premise };
}

/** Half-width of a correlation result around its value (0 when exact). */
const spread = (c: CorrelationResult): number => Math.max(c.value - c.lo, c.hi - c.value);
const methodTol = (method: string): number => (method === 'quadrature' ? QUADRATURE_TOL : 0);

/**
 * A conjunction of claims with their own tolerances, as one margin with one tolerance: each
 * margin is shifted by (tol_i − tol), so the conjunction is violated iff some claim is
 * violated beyond its own tolerance.
 */
function conjunction(...claims: { margin: number; tol: number }[]): { margin: number; tol: number } {
  const tol = Math.max(...claims.map((c) => c.tol));
  return { margin: all(...claims.map((c) => c.margin + c.tol - tol)), tol };
}

const arbitrary = (withEpsilon: boolean): TheoremPart['arbitrary'] => (inForce, opts) =>
  latentArbitrary(
    { gaussian: inForce.has('gaussian-latents'), linearJudge: inForce.has('linear-judge'), linearValue: inForce.has('linear-value') },
    { judge: true, epsilon: withEpsilon },
    opts,
  );

const T3a: PartSpec = {
  id: 'T3.a',
  title: 'Representation quality is a correlation',
  statement: '0 <= q <= 1, q = sqrt(w*ᵀΦᵀΣ_h⁺Φw*)/‖w*‖',
  arbitrary: arbitrary(false),
  evaluate(inst): Evaluation {
    const r = new Reader(inst);
    // The judge's correlation is reported alongside when the instance has a judge side.
    const judged = r.has('w') ? setting(inst) : undefined;
    const L = judged?.L ?? readLatentModel(r);
    const q = judged?.q ?? ceiling(L);
    // q >= 0 read off q itself could not fail (q is a square root). So q² is also computed as
    // the quadratic form <Φw*, u*>/‖w*‖² through the optimal probe u* = Σ_h⁺Φw*: that form must
    // be >= 0 (Σ_h⁺ is positive semi-definite) and equal q², and q <= 1.
    const qForm = dot(phiTimes(L.Phi, L.wStar), optimalProbe(L)) / dot(L.wStar, L.wStar);
    const quantities: Record<string, number> = { ceiling: q, quadraticForm: qForm };
    if (judged) quantities.correlation = judgeCorrelation(L, judged.judge, judged.uc, rngFor(r, inst, 'correlation')).value;
    // Tolerance: REL_TOL plus the eigen-solver's rounding at Σ_h's conditioning (spectralRounding).
    return { margin: all(qForm, equal(q * q, qForm), 1 - q), tol: scaledTol(1) + spectralRounding(L), quantities, pre: true };
  },
};

/**
 * T3.b's two halves on one instance: the bound corr(judge, V*) <= q for the activated judge
 * (under the premise Pw ≠ 0), and the equality corr(<u*,h>, V*) = q at the optimal probe
 * (when Φw* ≠ 0). THEORY asks for them to be reported apart once linear-value is dropped,
 * because they can fail independently; T3.b is their conjunction.
 */
function ceilingHalves(inst: Instance) {
  const { r, L, q, uc, judge, premise } = setting(inst);
  const corr = judgeCorrelation(L, judge, uc, rngFor(r, inst, 'correlation'));
  const bound = { margin: q - corr.value, tol: scaledTol(1) + spectralRounding(L) + methodTol(corr.method) + (corr.value - corr.lo) };
  const quantities: Record<string, number> = { ceiling: q, correlation: corr.value, correlationLow: corr.lo, correlationHigh: corr.hi, boundMargin: bound.margin };
  let equality: { margin: number; tol: number } | undefined;
  // Equality at the optimal probe, through the same correlation routine (a linear judge).
  if (norm(phiTimes(L.Phi, L.wStar)) > 0) {
    const uStar = optimalProbe(L);
    const probe = judgeCorrelation(L, { kind: 'linear' }, uStar, rngFor(r, inst, 'probe'));
    equality = { margin: equal(probe.value, q), tol: scaledTol(1) + spectralRounding(L) + methodTol(probe.method) + spread(probe) };
    Object.assign(quantities, { probeCorrelation: probe.value, equalityMargin: equality.margin });
  }
  // A Monte Carlo correlation whose interval straddles q decides nothing.
  const resolved = corr.method !== 'monte-carlo' || corr.lo > q || corr.hi < q;
  return { premise, bound, equality, quantities, resolved };
}

const T3b: PartSpec = {
  id: 'T3.b',
  title: 'No judge correlates with true values above the representation ceiling',
  explain: explainT3b,
  statement: 'Pw ≠ 0 ⇒ corr(judge(h), V*) <= q, with equality for the probe u* = Σ_h⁺Φw* when Φw* ≠ 0',
  numRuns: 100,
  arbitrary: arbitrary(false),
  evaluate(inst): Evaluation {
    const { premise, bound, equality, quantities, resolved } = ceilingHalves(inst);
    const { margin, tol } = conjunction(bound, ...(equality ? [equality] : []));
    return { margin: implies(premise, margin), tol, quantities, pre: premise > 0 && resolved };
  },
};

const T3bBound: PartSpec = {
  id: 'T3.b-bound',
  title: 'T3.b, the bound alone: no activated judge above the ceiling',
  explain: explainT3b,
  statement: 'Pw ≠ 0 ⇒ corr(judge(h), V*) <= q',
  numRuns: 100,
  arbitrary: arbitrary(false),
  evaluate(inst): Evaluation {
    const { premise, bound, quantities, resolved } = ceilingHalves(inst);
    return { margin: implies(premise, bound.margin), tol: bound.tol, quantities, pre: premise > 0 && resolved };
  },
};

const T3bEquality: PartSpec = {
  id: 'T3.b-equality',
  title: 'T3.b, the equality alone: the optimal probe attains the ceiling',
  explain: explainT3b,
  statement: 'Φw* ≠ 0 ⇒ corr(<u*,h>, V*) = q for u* = Σ_h⁺Φw*',
  numRuns: 100,
  arbitrary: arbitrary(false),
  evaluate(inst): Evaluation {
    const { equality, quantities } = ceilingHalves(inst);
    // Φw* = 0 makes the probe 0 and the claim vacuous (the generator avoids it by construction).
    return equality
      ? { margin: equality.margin, tol: equality.tol, quantities, pre: true }
      : { margin: 0, tol: scaledTol(1), quantities, pre: false };
  },
};

const T3c: PartSpec = {
  id: 'T3.c',
  title: 'The ceiling bounds agreement and KL-budgeted gain',
  explain: explainT3c,
  statement: 'Pw ≠ 0 ⇒ Agr <= 1 − arccos(q)/π and G_ε <= sqrt(2ε)·q·‖w*‖',
  numRuns: 50,
  arbitrary: arbitrary(true),
  evaluate(inst, inForce): Evaluation {
    const { r, L, q, uc, judge, premise } = setting(inst);
    const eps = r.optNumber('epsilon', 1, { positive: true });
    // Agr: n = 40 000 pairs, Hoeffding half-width at α = 1e-7 (false alarm <= 1e-7 per check).
    const agr = latentAgreement(L, judge, uc, rngFor(r, inst, 'agreement'));
    const agreementBound = sheppard(q);
    const agreementClaim = { margin: agreementBound - agr.estimate, tol: agr.halfWidth };
    // G from J of the tilted latent law; in units of sqrt(2ε)‖w*‖, so it compares with q.
    const G = latentGain(L, uc, eps, rngFor(r, inst, 'gain'));
    const unit = Math.sqrt(2 * eps) * norm(L.wStar);
    const gainClaim = {
      margin: q - G.estimate / unit,
      tol: scaledTol(1, G.estimate / unit) + (L.latents === 'gaussian' && L.f.spec.kind !== 'identity' ? QUADRATURE_TOL : 0) + G.halfWidth / unit,
    };
    const correlation = judgeCorrelation(L, judge, uc, rngFor(r, inst, 'correlation')).value;
    // Under all three tags the bounds come from equalities (Gaussian scores, a linear judge and
    // a linear value): Agr = 1 − arccos(ρ)/π and G_ε = sqrt(2ε)·‖w*‖·ρ for the judge's own
    // correlation ρ <= q. Checked as such, a gain of the wrong sign or an agreement that counts
    // disagreements fails, where an upper bound alone would let both pass.
    const exact = ['gaussian-latents', 'linear-judge', 'linear-value'].every((t) => inForce.has(t));
    const equalities = exact
      ? [
          { margin: equal(agr.estimate, sheppard(correlation)), tol: agr.halfWidth },
          { margin: equal(G.estimate / unit, correlation), tol: gainClaim.tol },
        ]
      : [];
    const { margin, tol } = conjunction(agreementClaim, gainClaim, ...equalities);
    return {
      margin: implies(premise, margin),
      tol,
      quantities: {
        ceiling: q, correlation, agreement: agr.estimate, agreementBound, agreementHalfWidth: agr.halfWidth,
        gain: G.estimate, gainBound: unit * q, gainHalfWidth: G.halfWidth, klSpent: G.kl,
      },
      // An agreement estimate within its half-width of the bound decides nothing about it.
      pre: premise > 0 && Math.abs(agreementClaim.margin) > agreementClaim.tol,
    };
  },
};

const family = defineFamily(import.meta.url, {
  id: 'T3',
  paperClaims: ['R2'],
  tags: TAGS,
  parts: [T3a, T3b, T3bBound, T3bEquality, T3c],
});

export default family;
