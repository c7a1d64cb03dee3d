/**
 * A theorem part of this project's own, written against the public API of rlaif-props only.
 *
 * Cauchy–Schwarz for the alignment: the Σ-correlation of any u ≠ 0 with v* lies in [−1, 1],
 * and equals 1 when u is a positive multiple of v*. The correlation is computed here from Σ
 * directly (the library's `alignment` clamps to [−1, 1], so it could not be the evidence): the
 * claim holds exactly when every Σ the shared generator draws is positive semi-definite.
 */
import fc from 'fast-check';
import { alignment, all, defineFamily, equal, Reader, readValueModel, rlaifArbitrary, scaledTol, type Evaluation, type Instance, type Vec } from 'rlaif-props';

const dot = (x: Vec, y: Vec): number => x.reduce((s, xi, i) => s + xi * y[i], 0);

// A family declared once (its claims, tags and generator shared by its parts), in this file:
// a clash with THEORY's ids, tags or fields would be reported naming this file.
const family = defineFamily(import.meta.url, {
  id: 'CS',
  paperClaims: ['R1'],
  // True under no assumption at all: any Σ, any link f, any μ.
  tags: [],
  // Half of the draws take u = k·v* (k = 1, 2 or 3), so the equality case is exercised too;
  // the other half keep the generator's own u. Drawn with the shared RLAIF arbitrary, so a
  // failure shrinks dimension by dimension like the library's own parts.
  arbitrary: (inForce, opts) =>
    fc
      .tuple(rlaifArbitrary(inForce, { directions: ['u'], nonZero: ['u'] }, opts), fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 3 })))
      .map(([inst, k]): Instance => (k === 0 ? inst : { ...inst, u: (inst.vStar as number[]).map((x) => k * x) })),
  parts: [
    {
      id: 'CS',
      title: 'Cauchy–Schwarz for the alignment',
      statement: '|ρ_Σ(u, v*)| <= 1 for all Σ, v*, u ≠ 0; and ρ_Σ(u, v*) = 1 when u = k·v* with k > 0',
      evaluate: cauchySchwarz,
    },
  ],
});

export default family;
export const [CS] = family.parts;

function cauchySchwarz(inst: Instance): Evaluation {
  const r = new Reader(inst);
  const { M, d } = readValueModel(r);
  const u = r.nonzeroVec('u', d);
  const Sv = M.Sigma.apply(M.vStar);
  const uSu = dot(u, M.Sigma.apply(u));
  const vSv = dot(M.vStar, Sv);
  const rho = dot(u, Sv) / Math.sqrt(uSu * vSv);
  // The premise of the equality case: u is a positive multiple of v* (decided exactly,
  // coordinate by coordinate, independently of Σ).
  const k = dot(u, M.vStar) / dot(M.vStar, M.vStar);
  const collinear = k > 0 && u.every((x, i) => x === k * M.vStar[i]);
  const tol = scaledTol(1, rho);
  return {
    margin: all(1 - Math.abs(rho), collinear ? equal(rho, 1) : 1),
    tol,
    quantities: { rho, alignment: alignment(M, u), k: collinear ? k : 0 },
    pre: collinear,
  };
}
