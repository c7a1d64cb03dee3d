import { finite } from './errors.ts';

/**
 * Relative tolerance of closed-form and quadrature computations. Every quantity we compare is
 * a short chain of O(d·k) floating-point operations on O(1) numbers, so 1e-8 relative is many
 * orders above rounding and many below any real violation.
 */
export const REL_TOL = 1e-8;

/** Absolute floor, so that comparisons of quantities that are exactly zero stay well-defined. */
export const ABS_TOL = 1e-12;

/** A tolerance scaled to the magnitudes of the quantities being compared. */
export function scaledTol(...magnitudes: number[]): number {
  let scale = 0;
  for (const m of magnitudes) scale = Math.max(scale, Math.abs(finite(m, 'tolerance scale')));
  return REL_TOL * scale + ABS_TOL;
}
