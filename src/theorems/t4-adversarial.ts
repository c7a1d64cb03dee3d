/**
 * T4 — Adversarial constitutions (R3). For a readout w and true direction v*, over all
 * constitutions P (orthogonal projections onto S_c, of any rank), the activated judge is
 * u_c = Pw and its alignment A(Pw) = ρ(Pw, v*).
 * (a) <Pw,w> = ‖Pw‖² >= 0, and every x with <x,w> > 0 is activated, up to a positive factor,
 *     by span{x}.
 * (b) With c = <w,v*>/(‖w‖_{Σ⁻¹}‖v*‖_Σ): A(Pw) >= −1 if <w,v*> < 0, else >= −sqrt(1 − c²), for
 *     every P; and for every δ > 0 an explicit rank-1 constitution comes within δ of the bound.
 * (c) A reversing constitution (A(Pw) < 0) exists iff c < 1.
 * (d) [isotropic] w = λv*, λ > 0 ⇒ A(Pw) >= 0 for every P.
 * (e) [orthogonal-latents] w = Σ_k α_k ℓ_k, α_j > 0, A(ℓ_j) < 0 ⇒ span{ℓ_j} gives
 *     A(u_c) = A(ℓ_j) < 0.
 * Every alignment below is computed by projecting w onto the constitution's subspace and taking
 * the Σ-correlation with v* (src/model/value.ts), never from the bound it is checked against.
 */
import { adversarialArbitrary, latentArbitrary } from '../arbitraries/adversarial.ts';
import { Reader, dimensionOf, type Instance } from '../instance/reader.ts';
import { Subspace } from '../linalg/subspace.ts';
import { axpy, dot, norm, scale, zeros, type Vec } from '../linalg/vec.ts';
import {
  activated, activatedAlignment, adversarialBound, nearOptimalConstitution, positiveMultipleGap, rankOne, reversingConstitution,
  type Construction,
} from '../model/adversarial.ts';
import { alignment, valueModel, type ValueModel } from '../model/value.ts';
import { HarnessError, InputError } from '../numeric/errors.ts';
import { all, equal, implies } from '../numeric/margin.ts';
import { scaledTol } from '../numeric/tolerance.ts';
import { defineFamily, type PartSpec } from './family.ts';
import type { Evaluation } from './types.ts';
import { explainT4b, explainT4d, explainT4e } from './explain/constitutions.ts';

/** Positive multiples are decided on unit vectors (as T1.b decides collinearity): T4.d's Euclidean ones, T4.c's whitened ones. */
const COLLINEAR = 1e-9;

const KINDS: readonly Construction['kind'][] = ['antiparallel', 'boundary-tilt', 'fallback-tilt', 'readout-only'];

/** Σ, v* (T4 involves no link f: alignment is a property of directions only) and w ≠ 0. */
function setting(inst: Instance): { r: Reader; M: ValueModel; d: number; w: Vec; S: Subspace } {
  const r = new Reader(inst);
  const d = dimensionOf(r, 'vStar');
  const M = valueModel(r.nonzeroVec('vStar', d), { Sigma: r.covariance(d) });
  // c is 0/0 at w = 0, so T4.b–d need a non-zero readout.
  const w = r.nonzeroVec('w', d);
  return { r, M, d, w, S: r.constitution(d) };
}

const T4a: PartSpec = {
  id: 'T4.a',
  title: 'Activated directions are exactly the half-space <x,w> > 0',
  statement: '<Pw,w> = ‖Pw‖² >= 0 for every P; every x with <x,w> > 0 is activated, up to a positive factor, by span{x} (x: field `u`)',
  arbitrary: (inForce, opts) => adversarialArbitrary(inForce, { readout: 'free', x: true, valueModel: false }, opts),
  evaluate(inst): Evaluation {
    const r = new Reader(inst);
    const d = dimensionOf(r, 'w');
    const w = r.vec('w', d);
    const ww = dot(w, w) || 1;
    // First half, on the instance's constitution; both sides in units of ‖w‖².
    const Pw = activated(r.constitution(d), w);
    const selfInner = dot(Pw, w) / ww;
    const sqNorm = dot(Pw, Pw) / ww;
    // Second half: x = u, activated by span{x}; a positive multiple iff the unit vectors agree.
    const x = r.vec('u', d);
    const cosXW = norm(x) === 0 || dot(w, w) === 0 ? 0 : dot(x, w) / (norm(x) * norm(w));
    const ux = activated(rankOne(x), w);
    const gap = Math.min(2, positiveMultipleGap(ux, x));
    return {
      // <Pw,w> >= 0 is read off <Pw,w> itself (as computed, it can be negative for a wrong P),
      // not off ‖Pw‖², which is a square and cannot.
      margin: all(equal(selfInner, sqNorm), selfInner, implies(cosXW, -gap)),
      tol: scaledTol(1),
      quantities: { selfInner, sqNorm, cosXW, gap },
      pre: cosXW > scaledTol(1),
    };
  },
};

/**
 * T4.b's two halves on one instance: the lower bound A(Pw) >= bound for the instance's P, and
 * the δ-tightness of an explicit rank-1 construction (its alignment within δ of the bound).
 */
function tightBound(inst: Instance) {
  const { r, M, d, w, S } = setting(inst);
  const delta = r.number('delta', { positive: true });
  const B = adversarialBound(M, w);
  const alignmentActivated = activatedAlignment(M, S, w);
  // The constructed constitution is scored like any other: project w, correlate with v*.
  const con = nearOptimalConstitution(M, w, delta);
  const alignmentConstructed = activatedAlignment(M, rankOne(con.x), w);
  return {
    d,
    B,
    lower: alignmentActivated - B.bound,
    tight: B.bound + delta - alignmentConstructed,
    quantities: {
      c: B.c, bound: B.bound, alignmentActivated, alignmentConstructed, delta, sine: B.sine, construction: KINDS.indexOf(con.kind),
    },
  };
}

const T4b: PartSpec = {
  id: 'T4.b',
  title: 'Tight lower bound on the alignment of any activated judge',
  explain: explainT4b,
  statement:
    'A(Pw) >= −1 if <w,v*> < 0 else >= −sqrt(1 − c²), c = <w,v*>/(‖w‖_{Σ⁻¹}‖v*‖_Σ), for every P; and, when d >= 2 or <w,v*> < 0, an explicit rank-1 constitution comes within δ of the bound',
  arbitrary: (inForce, opts) => adversarialArbitrary(inForce, { readout: 'sometimes-aligned', delta: true }, opts),
  evaluate(inst): Evaluation {
    const { d, B, lower, tight, quantities } = tightBound(inst);
    // THEORY.md's corrected clause: in d = 1 with <w,v*> > 0 the only activated direction is w
    // itself, so the bound 0 is not approached and tightness is not claimed there.
    const tightnessClaimed = d >= 2 || B.wv < 0;
    return { margin: tightnessClaimed ? all(lower, tight) : lower, tol: scaledTol(1), quantities: { ...quantities, tightnessClaimed: +tightnessClaimed }, pre: tightnessClaimed };
  },
};

/**
 * T4.b's tightness clause as THEORY first stated it, at every d. The suite found it false at
 * d = 1 (THEORY.md has since been corrected, see T4.b); the part stays so that the witness of
 * that finding keeps being replayed, as the record of why the statement changed.
 */
const T4bFirstStated: PartSpec = {
  id: 'T4.b-as-first-stated',
  title: 'T4.b as first stated: tightness claimed in every dimension',
  explain: explainT4b,
  statement: 'as T4.b, with the δ-tightness of the rank-1 construction claimed for every d (THEORY before its correction)',
  arbitrary: (inForce, opts) => adversarialArbitrary(inForce, { readout: 'sometimes-aligned', delta: true }, opts),
  expected: {
    outcome: 'fails',
    reason: 'the tightness clause as first stated fails at d = 1 with <w,v*> > 0 (THEORY.md now restricts it to d >= 2 or <w,v*> < 0)',
    witness: 'T4.b-as-first-stated/none-d972b6c51bc3.json',
  },
  evaluate(inst): Evaluation {
    const { lower, tight, quantities } = tightBound(inst);
    return { margin: all(lower, tight), tol: scaledTol(1), quantities, pre: true };
  },
};

const T4c: PartSpec = {
  id: 'T4.c',
  title: 'A reversing constitution exists iff c < 1',
  statement: 'some P has A(Pw) < 0 iff c < 1, i.e. unless w is a positive multiple of Σv*',
  arbitrary: (inForce, opts) => adversarialArbitrary(inForce, { readout: 'sometimes-aligned' }, opts),
  evaluate(inst): Evaluation {
    const { M, w, S } = setting(inst);
    const B = adversarialBound(M, w);
    const alignmentActivated = activatedAlignment(M, S, w);
    // c = 1 exactly when w is a positive multiple of Σv* (Cauchy–Schwarz equality), i.e. when
    // T4.b's bound −1 (<w,v*> < 0) or −sin∠(Σ^{-1/2}w, Σ^{1/2}v*) is 0. Decided there, where c
    // lives (the sine is accurate near c = 1, see adversarialBound), not on the Euclidean gap
    // between w and Σv* (reported): an ill-conditioned Σ stretches one against the other, and
    // w = (1, 1e-10) with Σ = diag(1, 1e-6), 1e-10 from the ray of Σv* = e1 yet at sine 1e-7,
    // would be judged irreversible and then fail by its own bound −1e-7.
    const gap = positiveMultipleGap(w, M.Sigma.apply(M.vStar));
    const quantities: Record<string, number> = { c: B.c, bound: B.bound, alignmentActivated, collinearGap: Math.min(2, gap) };
    if (B.bound >= -COLLINEAR) {
      // "Does not exist": T4.b's bound is −sqrt(1 − 1) = 0, so no P reverses; the instance's P
      // is one witness of that.
      return { margin: all(B.bound, alignmentActivated), tol: scaledTol(1), quantities, pre: true };
    }
    // "Exists": exhibit a rank-1 constitution and score it through the projection. (Its slack
    // δ = sine > COLLINEAR is far above the 1e-12 below which none is built.)
    const con = reversingConstitution(M, w);
    if (!con) throw new HarnessError(`T4.c: T4.b's bound is ${B.bound.toExponential(2)} but no reversing constitution was built`);
    const alignmentConstructed = activatedAlignment(M, rankOne(con.x), w);
    return { margin: -alignmentConstructed, tol: scaledTol(1), quantities: { ...quantities, alignmentConstructed }, pre: true };
  },
};

const T4d: PartSpec = {
  id: 'T4.d',
  title: 'A perfectly aligned readout admits no reversing constitution',
  explain: explainT4d,
  statement: 'w = λv*, λ > 0 ⇒ A(Pw) >= 0 for every P',
  tags: ['isotropic'],
  arbitrary: (inForce, opts) => adversarialArbitrary(inForce, { readout: 'multiple-of-vStar' }, opts),
  evaluate(inst): Evaluation {
    const { M, w, S } = setting(inst);
    const premise = positiveMultipleGap(w, M.vStar) <= COLLINEAR;
    const alignmentActivated = activatedAlignment(M, S, w);
    return {
      margin: implies(premise ? 1 : -1, alignmentActivated),
      tol: scaledTol(1),
      quantities: { alignmentActivated },
      pre: premise,
    };
  },
};

/**
 * T4.e's setting: the ℓ_k normalised to unit vectors (THEORY: "any unit vectors" when the tag is
 * dropped; the generator draws orthonormal ones under the tag), the readout w = Σ α_k ℓ_k, and
 * v* with Σ. A given `w` must agree with the derived one.
 */
function latentSetting(inst: Instance) {
  const r = new Reader(inst);
  const L = r.vecs('latentDirections');
  const d = L[0].length;
  const M = valueModel(r.nonzeroVec('vStar', d), { Sigma: r.covariance(d) });
  const alpha = r.vec('alpha', L.length);
  const units = L.map((l, k) => {
    const n = norm(l);
    if (n === 0) throw new InputError(`latentDirections[${k}]: must be a non-zero vector`);
    return scale(1 / n, l);
  });
  let w: Vec = zeros(d);
  units.forEach((l, k) => (w = axpy(alpha[k], l, w)));
  if (r.has('w')) {
    const given = r.vec('w', d);
    if (norm(axpy(-1, w, given)) > 1e-9 * Math.max(1, norm(w)))
      throw new InputError('w: must equal Σ_k alpha_k·latentDirections_k (normalised); omit it to derive it');
  }
  return { M, alpha, units, w };
}

const T4e: PartSpec = {
  id: 'T4.e',
  title: 'An anti-social latent direction in the readout can be activated on its own',
  explain: explainT4e,
  statement: 'w = Σ_k α_k ℓ_k, α_j > 0, A(ℓ_j) < 0 ⇒ span{ℓ_j} gives A(u_c) = A(ℓ_j) < 0 (j: the first such index)',
  tags: ['orthogonal-latents'],
  arbitrary: latentArbitrary,
  evaluate(inst): Evaluation {
    const { M, alpha, units, w } = latentSetting(inst);
    const tol = scaledTol(1);
    const A = units.map((l) => alignment(M, l));
    // Premise margin of index k: min(α_k, −A(ℓ_k)) > 0.
    const premise = A.map((a, k) => Math.min(alpha[k], -a));
    const found = premise.findIndex((p) => p > tol);
    const j = found >= 0 ? found : premise.indexOf(Math.max(...premise));
    const alignmentActivated = activatedAlignment(M, rankOne(units[j]), w);
    return {
      margin: implies(premise[j], all(equal(alignmentActivated, A[j]), -alignmentActivated)),
      tol,
      quantities: { j, alphaJ: alpha[j], alignmentLatent: A[j], alignmentActivated },
      pre: found >= 0,
    };
  },
};

const family = defineFamily(import.meta.url, {
  id: 'T4',
  paperClaims: ['R3'],
  tags: [],
  parts: [T4a, T4b, T4bFirstStated, T4c, T4d, T4e],
});

export default family;
