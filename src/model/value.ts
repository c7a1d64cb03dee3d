import { identity, inner, sNorm, type Covariance } from '../linalg/covariance.ts';
import { dot, isZero, zeros, type Vec } from '../linalg/vec.ts';
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
