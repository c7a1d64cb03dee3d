/**
 * Shared fast-check arbitraries for the model's objects.
 *
 * Shrinking design: every per-dimension quantity is drawn as one *row* per coordinate
 * (`coordinates`), holding that coordinate of every vector, of Σ's factor and of the
 * constitution's spanning vectors. fast-check shrinks an array by removing elements, so it
 * removes a whole dimension from all objects at once, and each remaining object stays valid
 * (a principal submatrix of an SPD Σ is SPD). Numbers are small integers or dyadic fractions
 * that shrink toward 0, toward 1, or toward Σ = I, so a failure shrinks to something a person
 * can read.
 */
import fc from 'fast-check';
import type { LinkSpec } from '../model/link.ts';
import type { GenOptions } from './options.ts';

export const DEFAULT_MAX_DIM = 5;

/** A small integer in [lo, hi], shrinking toward 0. */
export const int = (lo: number, hi: number): fc.Arbitrary<number> => fc.integer({ min: lo, max: hi });

/** One coordinate of a direction: a small integer, shrinking toward 0. */
export const coord = (): fc.Arbitrary<number> => int(-3, 3);

/** From this dimension on, rows are tiled from a small drawn block (see `coordinates`). */
export const BULK_FROM_DIM = 65;
const BULK_BLOCK = 64;

/**
 * Rows, one per coordinate, of length in [minDim, maxDim] (dimension shrinks toward minDim).
 *
 * At LLM scale (d >= BULK_FROM_DIM, benchmarks) drawing every row through fast-check costs
 * tens of microseconds per coordinate; there the rows are tiled from a block of 64 drawn rows
 * with a drawn stride, which is as cheap as copying. Such instances are as valid as any other;
 * they just do not shrink dimension by dimension (nobody reads a 4096-dimensional witness).
 */
export function coordinates<T>(row: fc.Arbitrary<T>, opts: GenOptions = {}): fc.Arbitrary<T[]> {
  const minLength = opts.minDim ?? 1;
  const maxLength = Math.max(minLength, opts.maxDim ?? DEFAULT_MAX_DIM);
  if (minLength < BULK_FROM_DIM) return fc.array(row, { minLength, maxLength });
  return fc
    .record({
      d: int(minLength, maxLength),
      block: fc.array(row, { minLength: BULK_BLOCK, maxLength: BULK_BLOCK }),
      stride: fc.constantFrom(1, 3, 5, 7, 11, 13),
    })
    .map(({ d, block, stride }) => {
      const index = new Int32Array(d);
      for (let i = 0; i < d; i++) index[i] = (i * stride + (i >> 6)) % BULK_BLOCK;
      return tiled(block, index);
    });
}

/**
 * Tiled rows remember their block and which block row each coordinate repeats (performance
 * only: the rows themselves are an ordinary array, as any caller expects). `column` and
 * `basisOf` then read the 64 block rows once and copy by index, instead of reading a property of
 * each of the d rows through a closure: at d = 4096, k = 16 that per-coordinate churn was a
 * large share of a draw. The arrays are never mutated after drawing (instances are immutable),
 * so the remembered tiling stays true of them.
 */
interface Tiling<T> {
  readonly block: readonly T[];
  readonly index: Int32Array;
}
const TILINGS = new WeakMap<readonly unknown[], Tiling<unknown>>();

function tiled<T>(block: readonly T[], index: Int32Array): T[] {
  // Written into a copy of a packed template of the right length, not grown by push nor made
  // as new Array(d): a packed array (no holes, which map, every and the reader iterate on their
  // fast paths) for about a third of push's cost at d = 4096.
  const out = packedOfLength(index.length) as T[];
  for (let i = 0; i < index.length; i++) out[i] = block[index[i]];
  TILINGS.set(out, { block, index });
  return out;
}

/** Packed all-zero arrays, one per length asked for (the bench and hunts use a handful of d). */
const TEMPLATES = new Map<number, readonly number[]>();
function packedOfLength(n: number): unknown[] {
  let t = TEMPLATES.get(n);
  if (t === undefined) {
    const z: number[] = [];
    for (let i = 0; i < n; i++) z.push(0);
    if (TEMPLATES.size < 64) TEMPLATES.set(n, z);
    t = z;
  }
  return t.slice();
}

/**
 * `f` of each row, as `rows.map(f)`; on tiled rows, `f` of each of the 64 block rows, tiled the
 * same way (f is a pure function of the row, so the result is the same array of values).
 */
export function mapRows<T, U>(rows: readonly T[], f: (row: T) => U): U[] {
  const t = TILINGS.get(rows) as Tiling<T> | undefined;
  if (t === undefined) return rows.map((r) => f(r));
  return tiled(t.block.map((r) => f(r)), t.index);
}

/** Column `key` of the rows: one vector. */
export function column<T, K extends keyof T>(rows: readonly T[], key: K): T[K][] {
  return mapRows(rows, (r) => r[key]);
}

/** A direction that must be non-zero: an all-zero draw becomes e₁ (keeps shrinking well-founded). */
export function nonZero(xs: number[]): number[] {
  return xs.every((x) => x === 0) ? xs.map((_, i) => +(i === 0)) : xs;
}

/**
 * One coordinate's share of a covariance Σ = diag(s) + BBᵀ with B of rank 2: a scale s and a
 * row of B. Condition number stays bounded (s ∈ [1/2, 4], |B| <= 2, d small); it shrinks to I.
 */
export interface CovarianceRow {
  readonly s: number;
  readonly b: readonly [number, number];
}
export const covarianceRow = (): fc.Arbitrary<CovarianceRow> =>
  fc.record({ s: fc.constantFrom(1, 2, 1 / 2, 4), b: fc.tuple(int(-2, 2), int(-2, 2)) });

/** Σ as a dense matrix from the rows, or undefined when it is the identity (field omitted). */
export function covarianceOf(rows: readonly CovarianceRow[]): number[][] | undefined {
  const d = rows.length;
  const S = rows.map((ri, i) => rows.map((rj, j) => (i === j ? ri.s : 0) + ri.b[0] * rj.b[0] + ri.b[1] * rj.b[1]));
  const isI = S.every((r, i) => r.every((x, j) => x === +(i === j)));
  return isI ? undefined : S.slice(0, d);
}

/** From this dimension on Σ is written in its structured form (SigmaDiag + SigmaFactor). */
export const STRUCTURED_FROM_DIM = 33;

/**
 * Σ's instance fields: the dense `Sigma` for small d (THEORY §4, readable), the structured
 * `SigmaDiag` + `SigmaFactor` (Σ = diag + Σ_j b_j b_jᵀ) from STRUCTURED_FROM_DIM on, so that
 * no d×d matrix is ever written or read at LLM scale. Nothing when Σ = I.
 */
export function covarianceFields(rows: readonly CovarianceRow[]): { Sigma?: number[][]; SigmaDiag?: number[]; SigmaFactor?: number[][] } {
  if (rows.length < STRUCTURED_FROM_DIM) return { Sigma: covarianceOf(rows) };
  const factor = [0, 1].map((a) => mapRows(rows, (r) => r.b[a])).filter((b) => b.some((x) => x !== 0));
  if (factor.length === 0 && rows.every((r) => r.s === 1)) return {};
  return { SigmaDiag: mapRows(rows, (r) => r.s), SigmaFactor: factor.length ? factor : undefined };
}

/** Σx for the Σ the rows stand for, in O(d·r) (generators that build w = Σv* use it). */
export function covarianceTimes(rows: readonly CovarianceRow[], x: readonly number[]): number[] {
  // Plain loops (no closure per coordinate): at d = 4096 this runs on every draw of a Σ-part.
  // The same sums in the same order as reduce and map, so the same numbers.
  let c0 = 0;
  let c1 = 0;
  for (let i = 0; i < rows.length; i++) c0 += rows[i].b[0] * x[i];
  for (let i = 0; i < rows.length; i++) c1 += rows[i].b[1] * x[i];
  const out = packedOfLength(rows.length) as number[];
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    out[i] = r.s * x[i] + r.b[0] * c0 + r.b[1] * c1;
  }
  return out;
}

/**
 * One coordinate of up to `maxRank` spanning vectors of a constitution. With `basisOf`, the
 * number of vectors k is drawn separately and shrinks toward 1.
 */
export const basisRow = (maxRank: number): fc.Arbitrary<number[]> => fc.array(coord(), { minLength: maxRank, maxLength: maxRank });

/** The first k spanning vectors (each of length d) from per-coordinate rows. */
export function basisOf(rows: readonly number[][], k: number): number[][] {
  const t = TILINGS.get(rows) as Tiling<number[]> | undefined;
  if (t === undefined) return Array.from({ length: k }, (_, j) => rows.map((r) => r[j]));
  return Array.from({ length: k }, (_, j) => tiled(t.block.map((r) => r[j]), t.index));
}

/**
 * A constitution field: `basis` with 1..maxRank spanning vectors, or absent (the whole space).
 * `opts.rank` fixes the number of spanning vectors (benchmarks at k = 1, 16).
 */
export const constitutionRank = (maxRank: number, opts: GenOptions = {}): fc.Arbitrary<number | null> =>
  opts.rank !== undefined ? fc.constant(opts.rank) : fc.option(int(1, maxRank), { nil: null, freq: 5 });

/** How many spanning-vector coordinates a row must carry for `constitutionRank(maxRank, opts)`. */
export const rowRank = (maxRank: number, opts: GenOptions = {}): number => Math.max(maxRank, opts.rank ?? 0);

/** A KL budget ε, shrinking toward 1. */
export const epsilon = (): fc.Arbitrary<number> => fc.constantFrom(1, 1 / 2, 2, 1 / 8, 8);

/** A KL coefficient β, shrinking toward 1. */
export const beta = (): fc.Arbitrary<number> => fc.constantFrom(1, 1 / 2, 2, 1 / 4, 4, 1 / 16, 16, 64);

const monotoneLinks: fc.Arbitrary<LinkSpec>[] = [
  fc.constant({ kind: 'cubic' } as const),
  fc.constant({ kind: 'exp' } as const),
  fc.record({ kind: fc.constant('tanh' as const), a: fc.constantFrom(1, 1 / 2, 2), b: int(-1, 1) }),
  fc.record({ kind: fc.constant('logistic' as const), a: fc.constantFrom(1, 1 / 2, 2), b: int(-1, 1) }),
];
const nonMonotoneLinks: fc.Arbitrary<LinkSpec>[] = [
  fc.constant({ kind: 'square' } as const),
  fc.constant({ kind: 'negsquare' } as const),
  fc.constant({ kind: 'abs' } as const),
  fc.constant({ kind: 'sin' } as const),
];

/**
 * The link f for a set of value tags in force: the identity under `linear-value`; strictly
 * increasing under `monotone-value`; otherwise anything in THEORY's family, non-monotone links
 * included. The identity is always possible and is the shrink target (null → field omitted).
 */
export function linkFor(opts: { linear: boolean; monotone: boolean }): fc.Arbitrary<LinkSpec | null> {
  if (opts.linear) return fc.constant(null);
  const family = opts.monotone ? monotoneLinks : [...monotoneLinks, ...nonMonotoneLinks];
  return fc.option(fc.oneof(...family), { nil: null, freq: 6 });
}

/** Drop the fields whose value is undefined or null, so instances print as THEORY §4 JSON. */
export function compact<T extends Record<string, unknown>>(o: T): { [K in keyof T]: Exclude<T[K], null | undefined> } {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined && v !== null) out[k] = v;
  return out as { [K in keyof T]: Exclude<T[K], null | undefined> };
}
