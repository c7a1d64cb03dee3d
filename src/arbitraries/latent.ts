/**
 * fast-check arbitraries for the latent model of THEORY §1 (T3, T3s), in the shared
 * per-coordinate design: one row per representation coordinate (a row of Φ, of the larger
 * model's Φ, of Q, and a coordinate of w and of the constitution's spanning vectors), and one
 * row per latent coordinate (a coordinate of w*). Shrinking removes a representation
 * coordinate or a latent coordinate everywhere at once; numbers shrink toward 0, σ toward 0,
 * σ_high toward σ, the judge toward linear, the latent law toward Gaussian.
 */
import fc from 'fast-check';
import type { Instance } from '../instance/reader.ts';
import { Subspace } from '../linalg/subspace.ts';
import { vec } from '../linalg/vec.ts';
import type { GenOptions } from './options.ts';
import { COVARIANCE_EXPONENT, exponentIf, NORM_EXPONENT, reachParameter, scaleBy } from './reach.ts';
import {
  basisOf, basisRow, column, compact, constitutionRank, coord, coordinates, DEFAULT_MAX_DIM, epsilon as epsilonArb, int, linkFor,
  mapRows, nonZero,
} from './index.ts';

/** Latent dimension m is at most this (instances stay readable; Rademacher stays enumerable). */
export const MAX_LATENT = 4;
/** The larger model of T3s.a has 1..MAX_EXTRA more rows. */
export const MAX_EXTRA = 3;
export const MAX_RANK = 3;

/** A noise level σ, shrinking toward 0 (noise-free representations). */
export const noiseLevel = (): fc.Arbitrary<number> => fc.constantFrom(0, 1 / 2, 1, 1 / 4, 2);
/** σ_high − σ >= 0, shrinking toward 0 (equal noise levels). */
export const noiseIncrement = (): fc.Arbitrary<number> => fc.constantFrom(0, 1 / 2, 1, 2, 1 / 4, 4);
/** A slope a > 0 of the tanh judge, shrinking toward 1. */
export const tanhSlope = (): fc.Arbitrary<number> => fc.constantFrom(1, 2, 1 / 2, 4, 8);

/** One row of a latent-model matrix: entries over the latent coordinates (truncated to m). */
const latentRow = (length = MAX_LATENT): fc.Arbitrary<number[]> => fc.array(coord(), { minLength: length, maxLength: length });

export interface LatentShape {
  /** The judge side: readout `w`, a constitution `basis`, and (linear-judge dropped) a `judge`. */
  readonly judge?: boolean;
  /** A KL budget `epsilon`. */
  readonly epsilon?: boolean;
  /** T3s.a: `PhiExtra` (nested) or `PhiLarge` (not nested). */
  readonly larger?: 'nested' | 'independent';
  /** T3s.b: a second noise level `sigmaHigh` >= `sigma`. */
  readonly sigmaHigh?: boolean;
}

export interface LatentTags {
  readonly gaussian: boolean;
  readonly linearJudge: boolean;
  readonly linearValue: boolean;
}

type JudgeChoice = null | { kind: 'sign' } | { kind: 'tanh'; a: number } | 'quadratic';

/**
 * The judge family with `linear-judge` dropped: linear (the shrink target), sign, tanh of a
 * linear score, and quadratic forms (Q from the rows), the nonlinear ones drawn more often.
 */
const judgeChoice = (): fc.Arbitrary<JudgeChoice> =>
  fc.oneof(
    { arbitrary: fc.constant(null), weight: 1 },
    { arbitrary: fc.constant({ kind: 'sign' as const }), weight: 2 },
    { arbitrary: fc.record({ kind: fc.constant('tanh' as const), a: tanhSlope() }), weight: 2 },
    { arbitrary: fc.constant('quadratic' as const), weight: 2 },
  );

/** With `gaussian-latents` dropped: Gaussian (absent, the shrink target), Rademacher or uniform. */
const latentLaw = (): fc.Arbitrary<'rademacher' | 'uniform' | null> => fc.constantFrom(null, 'rademacher' as const, 'uniform' as const);

/**
 * Latent-model instances (THEORY §4 fields Phi, PhiExtra | PhiLarge, wStar, sigma, sigmaHigh,
 * latents, judge, w, basis, f, epsilon). The tags shape only the judge side (judge, latent law,
 * link): `null` for a part none of them belongs to (T3s, whose q reads only Φ, w* and σ), which
 * draws exactly what the three tags in force would, since nothing of it reaches the instance.
 * Premises are met by construction, not by filtering:
 * w* ≠ 0; Φw* ≠ 0 (else e_j is added to Φ's first row, j the first non-zero coordinate of w*);
 * Pw ≠ 0 (else w is added to the first spanning vector, which makes <w, Pw> = ‖w‖² > 0 when w ⊥ S).
 */
export function latentArbitrary(tags: LatentTags | null, shape: LatentShape, opts: GenOptions = {}): fc.Arbitrary<Instance> {
  if (shape.judge && tags === null) throw new Error('latentArbitrary: a judge side needs its tags (gaussian, linearJudge, linearValue)');
  const maxD = Math.max(opts.minDim ?? 1, opts.maxDim ?? DEFAULT_MAX_DIM);
  // A given latent dimension (benchmarks at LLM sizes) fixes m; otherwise m is drawn and shrinks.
  const mLength = Math.max(MAX_LATENT, opts.latentDim ?? 0);
  const mRange = opts.latentDim === undefined ? { minDim: 1, maxDim: MAX_LATENT } : { minDim: opts.latentDim, maxDim: opts.latentDim };
  const dRow = fc.record({
    phi: latentRow(mLength),
    large: latentRow(mLength),
    w: coord(),
    basis: basisRow(MAX_RANK),
    // A row of the quadratic judge's Q, drawn only where that judge can be (linear-judge
    // dropped): it has d entries, so drawing it anyway made every draw O(d²).
    q: tags?.linearJudge !== false ? fc.constant([] as number[]) : fc.array(int(-2, 2), { minLength: maxD, maxLength: maxD }),
    // Reach (a tag dropped): this representation coordinate scaled by 2^e (its rows of Φ and
    // of the larger model's Φ), so Σ_h = ΦΦᵀ + σ²I spreads its eigenvalues over 4^±7.
    scale: exponentIf(opts.reach, COVARIANCE_EXPONENT),
  });
  const mRow = fc.record({ wStar: coord() });
  return fc
    .record({
      dRows: coordinates(dRow, opts),
      mRows: coordinates(mRow, mRange),
      extra: fc.array(latentRow(mLength), { minLength: 1, maxLength: MAX_EXTRA }),
      sigma: noiseLevel(),
      increment: noiseIncrement(),
      rank: constitutionRank(MAX_RANK),
      latents: tags?.gaussian !== false ? fc.constant(null) : latentLaw(),
      judge: tags?.linearJudge !== false ? fc.constant(null) : judgeChoice(),
      f: linkFor({ linear: tags?.linearValue !== false, monotone: false }),
      epsilon: reachParameter(epsilonArb(), opts.reach),
      // Reach: w*, the readout w and the noise level σ (with σ_high − σ) at extreme scales.
      scales: fc.record({ wStar: exponentIf(opts.reach, NORM_EXPONENT), w: exponentIf(opts.reach, NORM_EXPONENT), sigma: exponentIf(opts.reach, NORM_EXPONENT) }),
    })
    .map(({ dRows, mRows, extra, sigma: sigma0, increment: increment0, rank, latents, judge, f, epsilon, scales }) => {
      const d = dRows.length;
      const m = mRows.length;
      const sigma = sigma0 * 2 ** scales.sigma;
      const increment = increment0 * 2 ** scales.sigma;
      const wStar = scaleBy(nonZero(column(mRows, 'wStar')), scales.wStar);
      // Rows by mapRows: at d >= 65 the d rows tile 64 drawn ones, and a row is shared where its
      // drawn row repeats (instances are never mutated; ensureSignal copies the row it changes).
      const Phi = ensureSignal(
        mapRows(dRows, (r) => scaleBy(r.phi.slice(0, m), r.scale)),
        wStar,
      );
      const inst: Record<string, unknown> = { Phi, wStar, sigma };
      if (shape.larger === 'nested') inst.PhiExtra = extra.map((r) => r.slice(0, m));
      if (shape.larger === 'independent') inst.PhiLarge = [...mapRows(dRows, (r) => scaleBy(r.large.slice(0, m), r.scale)), ...extra.map((r) => r.slice(0, m))];
      if (shape.sigmaHigh) inst.sigmaHigh = sigma + increment;
      if (shape.judge) {
        const w = scaleBy(nonZero(column(dRows, 'w')), scales.w);
        inst.w = w;
        inst.basis = rank === null ? undefined : activating(basisOf(column(dRows, 'basis'), Math.min(rank, d)), w);
        inst.judge = judge === null ? undefined : judge === 'quadratic' ? { kind: 'quadratic', Q: symmetric(dRows.map((r) => r.q), d) } : judge;
        inst.latents = latents === null ? undefined : { kind: latents };
        inst.f = f?.kind === 'exp' && Math.hypot(...wStar) > EXP_SPREAD_LIMIT ? EXP_FALLBACK : f;
      }
      if (shape.epsilon && epsilon !== 1) inst.epsilon = epsilon;
      return compact(inst) as Instance;
    });
}

/**
 * With f = exp, V* = exp(<w*,z>) has second moment E[V*²] = e^{2‖w*‖²} for Gaussian z, and the
 * correlation's quadrature needs it: past e^{709} it is not a double, and the correlation comes
 * out NaN (a harness error, not an answer; the reach drew ‖w*‖ = 24, e^{1152}). So where
 * ‖w*‖ > 16 (2‖w*‖² = 512, with room for the quadrature's own sums; only at the widest reach)
 * the generator draws the bounded increasing link logistic(x) instead, as the RLAIF generator does.
 */
const EXP_SPREAD_LIMIT = 16;
const EXP_FALLBACK = { kind: 'logistic', a: 1, b: 0 } as const;

/**
 * Φ with Φw* ≠ 0: Φ itself, or (when Φw* = 0) a copy with e_j added to its first row, j the
 * first coordinate with w*_j ≠ 0. A copy, not in place: rows may be shared (see mapRows).
 */
function ensureSignal(Phi: number[][], wStar: number[]): number[][] {
  const signal = Phi.some((r) => r.reduce((a, x, j) => a + x * wStar[j], 0) !== 0);
  if (signal) return Phi;
  const j = wStar.findIndex((x) => x !== 0);
  return Phi.map((r, i) => (i === 0 ? r.map((x, c) => (c === j ? x + 1 : x)) : r));
}

/** Spanning vectors whose span activates w (Pw ≠ 0): if w ⊥ span, w is added to the first. */
function activating(basis: number[][], w: number[]): number[][] {
  const d = w.length;
  const S = Subspace.span(basis.map((b) => vec(b)), d);
  const Pw = S.project(vec(w));
  if (Pw.some((x) => Math.abs(x) > 1e-9)) return basis;
  return basis.map((b, k) => (k === 0 ? b.map((x, i) => x + w[i]) : b));
}

/** A symmetric d×d matrix from the upper triangles of per-coordinate rows. */
function symmetric(rows: number[][], d: number): number[][] {
  return Array.from({ length: d }, (_, i) => Array.from({ length: d }, (_, j) => (i <= j ? rows[i][j] : rows[j][i])));
}
