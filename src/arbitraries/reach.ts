/**
 * Reach (issue 10 §6): with a tag dropped, a "not shown load-bearing" verdict is only as good
 * as the regimes the widened generator visits. Under `GenOptions.reach` the generators add
 * extreme but valid scales on top of their small readable numbers:
 *   - covariance eigenvalues from below 1e-4 to above 1e4 (each coordinate row of Σ scaled by
 *     2^e, i.e. Σ ↦ SΣS with S = diag(2^e_i): still SPD, still one row per coordinate, and the
 *     diag + low-rank form of large d is kept);
 *   - vector norms from below 1e-3 to above 1e3 (each vector scaled by 2^k);
 *   - β and ε from below 1e-3 to above 1e3 (scaled by 2^k).
 * Every scale is a power of two, 2^k for an integer exponent k that shrinks to 0, i.e. to the
 * plain generator's numbers: a witness found at an extreme scale shrinks back toward simple
 * numbers when the scale is not what breaks the claim, and dyadic instances stay exact.
 * Extremes are drawn often on purpose (each end about one draw in five), so that every regime
 * is visited within a hunt's budget; properties/reach.test.ts states and checks the floors.
 */
import fc from 'fast-check';
import { mapRows, type CovarianceRow } from './index.ts';

/** Row scale 2^±7 of Σ: diagonal entries scaled by 4^±7 (≈ 6e-5 to 1.6e4). */
export const COVARIANCE_EXPONENT = 7;
/** Vector scale 2^±12 (≈ 2.4e-4 to 4.1e3) on integer vectors of norm 1 to ~7. */
export const NORM_EXPONENT = 12;
/** β and ε scale 2^±10 (≈ 1e-3 to 1e3) on the plain values (1/16 to 64). */
export const PARAMETER_EXPONENT = 10;

/**
 * An integer exponent in [−max, max] that shrinks to 0: 0 (the plain scale) two draws in five,
 * either extreme one in five each, anything in between one in five.
 */
export const reachExponent = (max: number): fc.Arbitrary<number> =>
  fc.oneof(
    { withCrossShrink: true },
    { arbitrary: fc.constant(0), weight: 2 },
    { arbitrary: fc.constantFrom(-max, max), weight: 2 },
    { arbitrary: fc.integer({ min: -max, max }), weight: 1 },
  );

/** The exponent when reach is on, else 0 (the plain generator, unchanged). */
export const exponentIf = (reach: boolean | undefined, max: number): fc.Arbitrary<number> => (reach ? reachExponent(max) : fc.constant(0));

/** x·2^k, elementwise, keeping 0 as 0 (so −0 never prints). */
export const scaleBy = (x: readonly number[], k: number): number[] => {
  const s = 2 ** k;
  return mapRows(x, (a) => (a === 0 ? 0 : a * s));
};

/**
 * A covariance row scaled by 2^e: the row's share of SΣS, S = diag(2^e_i). The diagonal entry
 * scales by 4^e and the low-rank factor's row by 2^e, so Σ stays diag + BBᵀ and SPD.
 */
export function reachCovarianceRow(row: fc.Arbitrary<CovarianceRow>, reach: boolean | undefined): fc.Arbitrary<CovarianceRow> {
  if (!reach) return row;
  return fc.tuple(row, reachExponent(COVARIANCE_EXPONENT)).map(([r, e]) => (e === 0 ? r : { s: r.s * 4 ** e, b: [r.b[0] * 2 ** e, r.b[1] * 2 ** e] as const }));
}

/** A positive parameter (β, ε) drawn by `base`, scaled by 2^k under reach. */
export function reachParameter(base: fc.Arbitrary<number>, reach: boolean | undefined): fc.Arbitrary<number> {
  if (!reach) return base;
  return fc.tuple(base, reachExponent(PARAMETER_EXPONENT)).map(([x, k]) => x * 2 ** k);
}
