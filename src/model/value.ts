import { identity, inner, sNorm, type Covariance } from '../linalg/covariance.ts';
import { symmetricEigen } from '../linalg/symmetric-eigen.ts';
import { dot, isZero, norm, zeros, type Vec } from '../linalg/vec.ts';
import { InputError } from '../numeric/errors.ts';
import { normalExpectation } from '../numeric/quadrature.ts';
import { expectUnderNormal, IDENTITY, type Link } from './link.ts';

/**
 * The response law and the true value (THEORY §1): responses h ~ N(μ, Σ) under the base
 * measure, true value V*(h) = f(<v*,h>). Everything the RLAIF theorems talk about is a
 * function of this object and of directions in R^d.
 */
export interface ValueModel {
  readonly Sigma: Covariance;
  readonly mu: Vec;
  readonly vStar: Vec;
  readonly f: Link;
}

export function valueModel(vStar: Vec, opts: { Sigma?: Covariance; mu?: Vec; f?: Link } = {}): ValueModel {
  if (isZero(vStar)) throw new InputError('vStar: the true value direction must be non-zero');
  const d = vStar.length;
  return { Sigma: opts.Sigma ?? identity(d), mu: opts.mu ?? zeros(d), vStar, f: opts.f ?? IDENTITY };
}

/** Σ-correlation ρ(x,y), defined as 0 when either vector is 0 (THEORY §1). */
export function correlation(S: Covariance, x: Vec, y: Vec): number {
  const nx = sNorm(S, x);
  const ny = sNorm(S, y);
  if (nx === 0 || ny === 0) return 0;
  // Clamp the last ulp so that arccos downstream never sees 1 + 2e-16.
  return Math.max(-1, Math.min(1, inner(S, x, y) / (nx * ny)));
}

/** Alignment A(x) = ρ(x, v*). */
export const alignment = (M: ValueModel, x: Vec): number => correlation(M.Sigma, x, M.vStar);

/**
 * The rounding an alignment computed through Σ carries: <x,Σy> is exact to ~d·ε·‖Σ‖‖x‖‖y‖
 * while the Σ-norms it is divided by can be as small as λ_min‖x‖‖y‖, so a correlation is
 * exact only to ~d·ε·κ(Σ). Negligible beside REL_TOL for κ ≲ 1e5; ~1e-6 at the widest reach
 * of the generators (κ ~ 1e9), where two alignments of the same direction, computed through
 * different sums, differ by more than any fixed absolute tolerance. An estimate (factor 16 of
 * safety), like latent's spectralRounding, not a rigorous bound.
 */
export function alignmentRounding(M: ValueModel): number {
  const S = M.Sigma;
  if (S.kind === 'identity') return 0;
  return 16 * Number.EPSILON * S.dim * conditionNumber(S);
}

const CONDITION = new WeakMap<Covariance, number>();

/** κ(Σ) = λ_max/λ_min: exact (Jacobi) for d ≤ 64; past that, power iteration on Σ and on Σ⁻¹. */
export function conditionNumber(S: Covariance): number {
  if (S.kind === 'identity') return 1;
  let kappa = CONDITION.get(S);
  if (kappa === undefined) {
    if (S.dim <= 64) {
      const ev = symmetricEigen(S.toArray()).values;
      kappa = Math.max(...ev) / Math.min(...ev);
    } else kappa = largestEigenvalue((x) => S.apply(x), S.dim) * largestEigenvalue((x) => S.solve(x), S.dim);
    CONDITION.set(S, kappa);
  }
  return kappa;
}

/** Power iteration from a fixed, generic start (deterministic): the top eigenvalue of an SPD map. */
function largestEigenvalue(apply: (x: Vec) => Vec, d: number): number {
  let x: Vec = Float64Array.from({ length: d }, (_, i) => 1 + ((i * 0.6180339887498949) % 1));
  let lambda = 0;
  for (let it = 0; it < 60; it++) {
    const nx = norm(x);
    const y = apply(x);
    // Rayleigh quotient; the next iterate is renormalised so that 60 steps never overflow.
    lambda = dot(x, y) / (nx * nx);
    const ny = norm(y);
    x = y.map((v) => v / ny);
  }
  return lambda;
}

/** Mean of <v*,h> under the policy N(μ + Σθ, Σ): m(θ) = <v*,μ> + <θ,v*>_Σ. */
export const valueScoreMean = (M: ValueModel, theta: Vec): number => dot(M.vStar, M.mu) + inner(M.Sigma, theta, M.vStar);

/** Expected true value J(θ) = E[f(m(θ) + sZ)] with s = ‖v*‖_Σ. */
export function expectedValue(M: ValueModel, theta: Vec): number {
  return expectUnderNormal(M.f, valueScoreMean(M, theta), sNorm(M.Sigma, M.vStar));
}

/** Nodes of the Gauss–Hermite rule behind `expectUnderNormal` for links without a closed form. */
const SHIFT_NODES = 120;

/**
 * The size of J(θ₁) − J(θ₀) without J's cancellation: E|f(X + m(θ₁) − m(θ₀)) − f(X)| with
 * X ~ N(m(θ₀), s²), node by node on the Gauss–Hermite rule (THEORY §1: only the mean of <v*,h>
 * moves). For strictly increasing f every node moves the same way, so this is |G| itself; it is
 * 0 exactly when no node moves (no shift, or f flat to double precision over the law), where a
 * gain's sign cannot be read off J. `scale` is E|f(X)| ∨ E|f(X + shift)|, the size J's rounding
 * and quadrature error are relative to.
 */
export function valueShift(M: ValueModel, from: Vec, to: Vec): { change: number; scale: number } {
  const m0 = valueScoreMean(M, from);
  const shift = valueScoreMean(M, to) - m0;
  const s = sNorm(M.Sigma, M.vStar);
  const f = M.f;
  const change = normalExpectation((x) => Math.abs(f(x + shift) - f(x)), m0, s, SHIFT_NODES);
  const scale = Math.max(normalExpectation((x) => Math.abs(f(x)), m0, s, SHIFT_NODES), normalExpectation((x) => Math.abs(f(x + shift)), m0, s, SHIFT_NODES));
  return { change, scale };
}
