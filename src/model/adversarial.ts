/**
 * Adversarial constitutions (THEORY §2 T4, paper claim R3): which judge directions a
 * constitution can activate from a readout w, how badly aligned they can be, and an explicit
 * rank-1 constitution that comes close to the worst case.
 *
 * Geometry used throughout: the activated directions u_c = P_c w (P_c any orthogonal
 * projection) are, up to positive factors, exactly the open half-space <x,w> > 0 plus the
 * origin. In the coordinates y = Σ^{1/2}x, the alignment A(x) is the cosine of the angle
 * between y and a = Σ^{1/2}v*, and the half-space has normal n = Σ^{-1/2}w. We never form
 * Σ^{1/2}: every quantity below is written back in x-coordinates, where Σ^{-1/2}y-type
 * vectors become Σ⁻¹w (the normal) and v* (the value direction).
 */
import { sNorm, type Covariance } from '../linalg/covariance.ts';
import { Subspace } from '../linalg/subspace.ts';
import { axpy, dot, norm, scale, type Vec } from '../linalg/vec.ts';
import { HarnessError } from '../numeric/errors.ts';
import { alignment, type ValueModel } from './value.ts';

/** The activated judge direction u_c = P_c w of a constitution given by its subspace. */
export const activated = (S: Subspace, w: Vec): Vec => S.project(w);

/** The rank-1 constitution span{x}. */
export const rankOne = (x: Vec): Subspace => Subspace.span([x], x.length);

/** A(P w) for the constitution spanned by `basis`, through the projection (never a formula). */
export const activatedAlignment = (M: ValueModel, S: Subspace, w: Vec): number => alignment(M, activated(S, w));

/** ‖x‖_{Σ⁻¹} = sqrt(xᵀΣ⁻¹x). */
export const invNorm = (S: Covariance, x: Vec): number => Math.sqrt(Math.max(0, dot(x, S.solve(x))));

export interface AdversarialBound {
  /** c = <w,v*> / (‖w‖_{Σ⁻¹}‖v*‖_Σ), the cosine between n = Σ^{-1/2}w and a = Σ^{1/2}v*. */
  readonly c: number;
  /** sin∠(n, a) = sqrt(1 − c²), computed as a residual norm (no cancellation near c = 1). */
  readonly sine: number;
  /** <w, v*>: its sign selects the case of T4.b. */
  readonly wv: number;
  /** T4.b's lower bound on A(Pw): −1 if <w,v*> < 0, else −sqrt(1 − c²). */
  readonly bound: number;
  /** Σ⁻¹w, the normal of the activated half-space in x-coordinates. */
  readonly normal: Vec;
  /** v* − (<v*,w>/‖w‖²_{Σ⁻¹}) Σ⁻¹w: the part of v* Σ-orthogonal to the normal; ‖·‖_Σ = sine·‖v*‖_Σ. */
  readonly vPerp: Vec;
}

/**
 * T4.b's quantities for readout w. sqrt(1 − c²) loses half the digits near c = 1 (an error of
 * 1e-16 in c becomes 1e-8 in the root), so the sine is read off the residual vPerp instead:
 * the same number in exact arithmetic, accurate to rounding in floating point.
 */
export function adversarialBound(M: ValueModel, w: Vec): AdversarialBound {
  const normal = M.Sigma.solve(w);
  const wInv2 = dot(w, normal);
  const vNorm = sNorm(M.Sigma, M.vStar);
  if (!(wInv2 > 0)) throw new HarnessError('T4: ‖w‖_{Σ⁻¹} is zero (the readout must be non-zero)');
  const wv = dot(w, M.vStar);
  const c = Math.max(-1, Math.min(1, wv / (Math.sqrt(wInv2) * vNorm)));
  const vPerp = axpy(-wv / wInv2, normal, M.vStar);
  const sine = Math.min(1, sNorm(M.Sigma, vPerp) / vNorm);
  // (0 − sine, not −sine: at c = 1 the bound is +0, which prints and compares as 0.)
  return { c, sine, wv, bound: wv < 0 ? -1 : 0 - sine, normal, vPerp };
}

/**
 * A non-zero x with <x,w> = 0 (a direction on the boundary of the activated half-space), or
 * null when there is none (d = 1). Built from the coordinate axis least aligned with w.
 */
export function boundaryDirection(w: Vec): Vec | null {
  let i = 0;
  for (let k = 1; k < w.length; k++) if (Math.abs(w[k]) < Math.abs(w[i])) i = k;
  const x = scale(-w[i] / dot(w, w), w);
  x[i] += 1;
  // In d = 1 the residual of e₁ against w ≠ 0 is zero up to rounding.
  return norm(x) > 1e-8 ? x : null;
}

export interface Construction {
  /** The spanning vector x of the rank-1 constitution span{x}. */
  readonly x: Vec;
  /** How it was built (for the record and the report). */
  readonly kind: 'antiparallel' | 'boundary-tilt' | 'fallback-tilt' | 'readout-only';
}

/**
 * T4.b's explicit rank-1 constitution for slack δ > 0 (THEORY: "comes within δ of the bound").
 *
 * - <w,v*> < 0: x = v*. span{v*} activates P w = v*·<v*,w>/‖v*‖², a negative multiple of v*:
 *   A = −1, the bound itself.
 * - otherwise: in y-coordinates take the unit boundary direction ŷ₀ = −a_⊥/‖a_⊥‖ (closest to −a
 *   on the plane <y,n> = 0, where A(ŷ₀) = −sqrt(1 − c²)) and tilt it into the half-space by an
 *   angle φ = min(1, δ/4) towards n̂: y = cos φ·ŷ₀ + sin φ·n̂. Then
 *   A(y) + sqrt(1 − c²) = s(1 − cos φ) + c·sin φ <= φ²/2 + φ <= 3δ/8 < δ.
 *   When a_⊥ is too short to give a reliable direction (sine <= δ/8, which includes c = 1) any
 *   boundary direction serves: its A lies in [−s, s], so A(y) + s <= 2s + φ <= δ/2.
 * - d = 1 with <w,v*> >= 0: the plane <x,w> = 0 is {0}; the only rank-1 constitution is the
 *   whole line, which activates w itself. It is returned as is (see the report on T4.b).
 *
 * Back in x-coordinates ŷ₀ and n̂ are the Σ-unit vectors −vPerp/‖vPerp‖_Σ and Σ⁻¹w/‖w‖_{Σ⁻¹},
 * which are Σ-orthogonal (<vPerp, Σ⁻¹w>_Σ = <vPerp, w> = 0).
 */
export function nearOptimalConstitution(M: ValueModel, w: Vec, delta: number): Construction {
  if (!(delta > 0)) throw new HarnessError('T4.b: δ must be positive');
  const B = adversarialBound(M, w);
  if (B.wv < 0) return { x: Float64Array.from(M.vStar), kind: 'antiparallel' };
  const phi = Math.min(1, delta / 4);
  const nHat = scale(1 / sNorm(M.Sigma, B.normal), B.normal);
  let y0: Vec;
  let kind: Construction['kind'];
  if (B.sine > delta / 8) {
    y0 = scale(-1 / sNorm(M.Sigma, B.vPerp), B.vPerp);
    kind = 'boundary-tilt';
  } else {
    const b = boundaryDirection(w);
    if (!b) return { x: Float64Array.from(w), kind: 'readout-only' };
    y0 = scale(1 / sNorm(M.Sigma, b), b);
    kind = 'fallback-tilt';
  }
  return { x: axpy(Math.sin(phi), nHat, scale(Math.cos(phi), y0)), kind };
}

/**
 * T4.c's constructive side: a rank-1 constitution with A(Pw) < 0 when c < 1, i.e. the T4.b
 * construction with slack δ = sine (so A <= −sine/2 < 0), or x = v* when <w,v*> < 0. Returns
 * null when c = 1 to rounding (sine <= 1e-12): then no reversing constitution exists, by T4.b.
 */
export function reversingConstitution(M: ValueModel, w: Vec): Construction | null {
  const B = adversarialBound(M, w);
  if (B.wv < 0) return nearOptimalConstitution(M, w, 1);
  return B.sine > 1e-12 ? nearOptimalConstitution(M, w, B.sine) : null;
}

/**
 * Whether x is a positive multiple of y, decided geometrically: the Euclidean unit vectors
 * agree to `tol` (a continuous gap, so callers can also use it as a margin).
 */
export function positiveMultipleGap(x: Vec, y: Vec): number {
  const nx = norm(x);
  const ny = norm(y);
  if (nx === 0 || ny === 0) return Infinity;
  let s = 0;
  for (let i = 0; i < x.length; i++) s += (x[i] / nx - y[i] / ny) ** 2;
  return Math.sqrt(s);
}
