/**
 * Generators for the multi-objective theorems (THEORY §2 T5): value directions v_1..v_m,
 * a covariance Σ, and mixture weights λ.
 *
 * Same shrinking design as src/arbitraries/index.ts: one row per coordinate holds that
 * coordinate of every v_i (and of Σ's factor), so shrinking removes a dimension from all
 * objectives at once. The objectives are the rows' columns listed by a separate array of
 * distinct column indices: shrinking removes entries anywhere in that list, so any objective
 * (not only the last) can be dropped, down to the minimum count.
 */
import fc from 'fast-check';
import type { Instance } from '../instance/reader.ts';
import type { GenOptions } from './options.ts';
import { compact, coord, coordinates, covarianceFields, covarianceRow, int, nonZero, type CovarianceRow } from './index.ts';
import { exponentIf, NORM_EXPONENT, reachCovarianceRow, scaleBy } from './reach.ts';

/** T5 instances stay small: d and m up to 4 keep counterexamples readable. */
export const PARETO_MAX_DIM = 4;
export const PARETO_MAX_OBJECTIVES = 4;

export interface ValuesShape {
  /** Range of the number of objectives m (shrinks toward `minCount`). */
  readonly minCount: number;
  readonly maxCount: number;
  /** `isotropic` in force: Σ = I (field omitted). */
  readonly isotropic: boolean;
  /** `non-conflicting` in force: <v_i, v_j>_Σ >= 0 for all i, j, by construction. */
  readonly nonConflicting?: boolean;
  /**
   * How often (0..1, roughly) the last objective is drawn opposed to the others,
   * v_m = −(v_1 + … + v_{m−1}): then C = ∅ with λ = (1, …, 1)/m as Gordan's witness. Random
   * small integer vectors with m <= d almost never have C = ∅, so T5.a needs this to see both
   * sides of the alternative.
   */
  readonly opposed?: number;
  /** Also draw mixture weights `lambda` (T5.d): λ >= 0, not all zero. */
  readonly mixture?: boolean;
}

interface Row {
  readonly v: readonly number[];
  readonly cov: CovarianceRow;
  /** The coordinate's orthant sign under `non-conflicting` (shrinks toward +). */
  readonly negative: boolean;
}

/** A mixture weight: 0, small integers or halves, shrinking toward 0. */
const weight = (): fc.Arbitrary<number> => fc.constantFrom(0, 1, 2, 1 / 2, 3);

/**
 * Under `non-conflicting`, every coordinate row is moved into one orthant: its entries in all
 * v_i and in Σ's factor rows B take the row's sign s_k and their absolute value. Then with
 * D = diag(s), v_i = D|v_i| and Σ = D(diag(s) + |B||B|ᵀ)D, so <v_i, v_j>_Σ = |v_i|ᵀ(diag + |B||B|ᵀ)|v_j|
 * is a sum of non-negative terms: every draw meets the tag, nothing is filtered, and the
 * orthant and Σ's off-diagonal signs still vary.
 */
function intoOrthant(row: Row): Row {
  const s = row.negative ? -1 : 1;
  const fix = (x: number) => (x === 0 ? 0 : s * Math.abs(x));
  return { ...row, v: row.v.map(fix), cov: { s: row.cov.s, b: [fix(row.cov.b[0]), fix(row.cov.b[1])] } };
}

/** Instances `{ Sigma?, values, lambda? }` of THEORY §4 for the T5 parts. */
export function valuesArbitrary(shape: ValuesShape, opts: GenOptions = {}): fc.Arbitrary<Instance> {
  const maxCount = shape.maxCount;
  const row: fc.Arbitrary<Row> = fc.record({
    v: fc.array(coord(), { minLength: maxCount, maxLength: maxCount }),
    cov: reachCovarianceRow(covarianceRow(), opts.reach),
    negative: fc.boolean(),
  });
  // Reach (a tag dropped): each objective v_i and the weights λ at extreme norms. A positive
  // scale per objective keeps `non-conflicting` (signs are untouched) and the opposed case
  // (v_m is built from the scaled others) valid.
  const norm = () => exponentIf(opts.reach, NORM_EXPONENT);
  const opposedShare = shape.opposed ?? 0;
  // Weighted choice; the first alternative ("as drawn") is the shrink target.
  const mode = opposedShare > 0
    ? fc.oneof(
        { arbitrary: fc.constant(false), weight: Math.round(100 * (1 - opposedShare)) },
        { arbitrary: fc.constant(true), weight: Math.round(100 * opposedShare) },
      )
    : fc.constant(false);
  return fc
    .record({
      rows: coordinates(row, { minDim: opts.minDim, maxDim: opts.maxDim ?? PARETO_MAX_DIM }),
      columns: fc.uniqueArray(int(0, maxCount - 1), { minLength: shape.minCount, maxLength: maxCount }),
      opposed: mode,
      lambda: shape.mixture ? fc.array(weight(), { minLength: maxCount, maxLength: maxCount }) : fc.constant(null),
      scales: fc.array(norm(), { minLength: maxCount + 1, maxLength: maxCount + 1 }),
    })
    .map(({ rows: raw, columns, opposed, lambda, scales }) => {
      const m = columns.length;
      const rows = shape.nonConflicting ? raw.map(intoOrthant) : raw;
      // An all-zero draw becomes ±e₁, on the orthant's side under `non-conflicting`.
      const sign0 = shape.nonConflicting && rows[0].negative ? -1 : 1;
      const values = columns.map((c) => {
        const v = rows.map((r) => r.v[c]);
        return scaleBy(v.every((x) => x === 0) ? v.map((_, k) => (k === 0 ? sign0 : 0)) : v, scales[c]);
      });
      if (opposed && m >= 2) {
        // If the others already sum to zero, C = ∅ whatever v_m is; nonZero keeps v_m ≠ 0.
        const sum = rows.map((_, k) => values.slice(0, m - 1).reduce((acc, v) => acc + v[k], 0));
        values[m - 1] = nonZero(sum.map((x) => (x === 0 ? 0 : -x)));
      }
      return compact({
        ...(shape.isotropic ? {} : covarianceFields(rows.map((r) => r.cov))),
        values,
        lambda: lambda === null ? undefined : scaleBy(nonZero(lambda.slice(0, m)), scales[maxCount]),
      });
    });
}
