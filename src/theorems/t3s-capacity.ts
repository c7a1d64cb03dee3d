/**
 * T3s — Capacity scaling (R2, R4). q is the representation quality of the latent model
 * (THEORY §1), q = sqrt(w*ᵀΦᵀΣ_h⁺Φw*)/‖w*‖ with Σ_h = ΦΦᵀ + σ²I.
 * (a) Tags: `nested`. A larger model whose representation contains the smaller one's —
 *     Φ_B = [Φ_A; Φ_extra] stacked by rows, the shared coordinates carrying the same noise —
 *     has q_B >= q_A. Dropped, Φ_B (`PhiLarge`) is drawn independently with more rows than Φ_A.
 * (b) q is non-increasing in the noise level σ: q(σ) >= q(σ_high) for σ_high >= σ.
 * Both sides are computed independently, each through the pseudo-inverse of its own Σ_h.
 */
import { Reader } from '../instance/reader.ts';
import { ceiling, latentModel } from '../model/latent.ts';
import { InputError } from '../numeric/errors.ts';
import { scaledTol } from '../numeric/tolerance.ts';
import { latentArbitrary } from '../arbitraries/latent.ts';
import { readLatentModel } from './t3-ceiling.ts';
import { defineFamily, type PartSpec } from './family.ts';
import type { Evaluation } from './types.ts';
import { explainT3sa } from './explain/ceiling.ts';

const T3sa: PartSpec = {
  id: 'T3s.a',
  title: 'A larger nested representation has at least the smaller one’s quality',
  explain: explainT3sa,
  statement: 'Φ_B = [Φ_A; Φ_extra] (shared coordinates, same noise) ⇒ q_B >= q_A',
  tags: ['nested'],
  arbitrary: (inForce, opts) =>
    latentArbitrary(null, { larger: inForce.has('nested') ? 'nested' : 'independent' }, opts),
  evaluate(inst): Evaluation {
    const r = new Reader(inst);
    const A = readLatentModel(r);
    if (r.has('PhiExtra') === r.has('PhiLarge')) throw new InputError('instance: give exactly one of "PhiExtra" (nested) and "PhiLarge" (not nested)');
    let PhiB;
    if (r.has('PhiExtra')) PhiB = [...A.Phi, ...r.vecs('PhiExtra', A.m)];
    else {
      PhiB = r.vecs('PhiLarge', A.m);
      if (PhiB.length <= A.d) throw new InputError(`PhiLarge: the larger model needs more than ${A.d} rows, got ${PhiB.length}`);
    }
    // The stacked model shares Φ_A's coordinates and their noise: its own Σ_h is built from scratch.
    const B = latentModel(PhiB, A.wStar, A.sigma);
    const qA = ceiling(A);
    const qB = ceiling(B);
    return { margin: qB - qA, tol: scaledTol(1), quantities: { ceilingSmall: qA, ceilingLarge: qB }, pre: true };
  },
};

const T3sb: PartSpec = {
  id: 'T3s.b',
  title: 'Representation quality does not increase with noise',
  statement: 'σ_high >= σ ⇒ q(σ_high) <= q(σ)',
  arbitrary: (_inForce, opts) => latentArbitrary(null, { sigmaHigh: true }, opts),
  evaluate(inst): Evaluation {
    const r = new Reader(inst);
    const low = readLatentModel(r);
    // The same Φ, w*, latent law and link at the other noise level: only σ differs, and ΦᵀΦ's
    // eigen-decomposition does not depend on σ, so it is not read and factored a second time
    // (at d = 4096 reading Φ twice was most of this part's time).
    const high = { ...low, sigma: r.number('sigmaHigh', { nonNegative: true }) };
    if (high.sigma < low.sigma) throw new InputError(`sigmaHigh: must be >= sigma (${high.sigma} < ${low.sigma})`);
    const ceilingLow = ceiling(low);
    const ceilingHigh = ceiling(high);
    return { margin: ceilingLow - ceilingHigh, tol: scaledTol(1), quantities: { ceilingLow, ceilingHigh }, pre: true };
  },
};

const family = defineFamily(import.meta.url, {
  id: 'T3s',
  paperClaims: ['R2', 'R4'],
  tags: [],
  parts: [T3sa, T3sb],
});

export default family;
