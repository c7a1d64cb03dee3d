/**
 * Generators for T4 (adversarial constitutions) and T7 (refusal direction, low-rank updates),
 * in the shared per-coordinate ROWS design (src/arbitraries/index.ts): one array element per
 * dimension holds that coordinate of every vector, of Σ's factor and of every spanning vector,
 * so shrinking removes a whole dimension at once; numbers are small integers or dyadic
 * fractions shrinking toward 0, 1 and Σ = I.
 */
import fc from 'fast-check';
import type { Instance } from '../instance/reader.ts';
import type { GenOptions } from './options.ts';
import { exponentIf, NORM_EXPONENT, reachCovarianceRow, scaleBy } from './reach.ts';
import {
  basisOf, basisRow, beta as betaArb, column, compact, constitutionRank, coord, coordinates, covarianceFields, covarianceRow, covarianceTimes, rowRank,
  int, nonZero,
} from './index.ts';

export const MAX_RANK = 3;

/** How T4's readout w is drawn. */
export type ReadoutMode =
  | 'free' // any non-zero w
  | 'sometimes-aligned' // half the draws: w = λΣv* (c = 1, the boundary case of T4.b/T4.c)
  | 'multiple-of-vStar'; // w = λv*, λ > 0 (T4.d's premise)

export interface AdversarialShape {
  readonly readout: ReadoutMode;
  /** T4.a: a direction x (field `u`) with <x,w> > 0 whenever the draw allows. */
  readonly x?: boolean;
  /** T4.b: the tightness slack δ. */
  readonly delta?: boolean;
  /** Whether v* and Σ are drawn (T4.a does not involve them; default true). */
  readonly valueModel?: boolean;
}

const dotArr = (x: number[], y: number[]): number => x.reduce((s, a, i) => s + a * y[i], 0);
/** Negate a vector, keeping 0 as 0 (so −0 never prints). */
const neg = (x: number[]): number[] => x.map((a) => (a === 0 ? 0 : -a));

/** Positive factors λ for a readout built from v*; shrinks toward 1. */
const lambdaArb = (): fc.Arbitrary<number> => fc.constantFrom(1, 2, 1 / 2, 3);

/** δ of T4.b: below 1 so a failure of tightness is visible; shrinks toward 1/2. */
export const deltaArb = (): fc.Arbitrary<number> =>
  fc.oneof(
    { arbitrary: fc.constantFrom(1 / 2, 1 / 4, 1 / 16, 1 / 256, 2 ** -20), weight: 2 },
    // Slacks near and above 1 as well: a construction that tilts by δ instead of δ/4 stays
    // within small slacks (the excess is second order there) and is only seen at large ones.
    { arbitrary: fc.constantFrom(1, 3 / 4, 3 / 2, 2), weight: 1 },
    { arbitrary: fc.integer({ min: 1, max: 40 }).map((k) => 2 ** -k), weight: 1 },
  );

/**
 * Instances for T4.a–d: Σ (identity under `isotropic`, otherwise random SPD via the shared
 * covariance rows), v*, a readout w, a constitution `basis` (absent: P = I), and per shape a
 * direction `u` or a slack `delta`.
 */
export function adversarialArbitrary(inForce: ReadonlySet<string>, shape: AdversarialShape, opts: GenOptions = {}): fc.Arbitrary<Instance> {
  const row = fc.record({ vStar: coord(), w: coord(), u: coord(), cov: reachCovarianceRow(covarianceRow(), opts.reach), basis: basisRow(rowRank(MAX_RANK, opts)) });
  const norm = () => exponentIf(opts.reach, NORM_EXPONENT);
  return fc
    .record({
      rows: coordinates(row, opts),
      rank: constitutionRank(MAX_RANK, opts),
      aligned: shape.readout === 'sometimes-aligned' ? fc.boolean() : fc.constant(false),
      lambda: lambdaArb(),
      delta: shape.delta ? deltaArb() : fc.constant(null),
      // Reach (a tag dropped): v*, w and x at extreme norms, each its own power of two.
      scales: fc.record({ vStar: norm(), w: norm(), u: norm() }),
    })
    .map(({ rows, rank, aligned, lambda, delta, scales }) => {
      const withModel = shape.valueModel ?? true;
      const isotropic = inForce.has('isotropic') || !withModel;
      const cov = column(rows, 'cov');
      const vStar = scaleBy(nonZero(column(rows, 'vStar')), scales.vStar);
      // A readout built from v* carries v*'s scale times its own.
      const w =
        shape.readout === 'multiple-of-vStar' ? scaleBy(vStar.map((a) => lambda * a), scales.w)
        : aligned ? scaleBy((isotropic ? vStar : covarianceTimes(cov, vStar)).map((a) => lambda * a), scales.w)
        : scaleBy(nonZero(column(rows, 'w')), scales.w);
      let u: number[] | undefined;
      if (shape.x) {
        // Orient x into the activated half-space: the premise <x,w> > 0 then fails only when
        // <x,w> = 0, without filtering and with the same shrink tree.
        const x = scaleBy(nonZero(column(rows, 'u')), scales.u);
        u = dotArr(x, w) < 0 ? neg(x) : x;
      }
      return compact({
        ...(isotropic ? {} : covarianceFields(cov)),
        vStar: withModel ? vStar : undefined,
        w,
        u,
        basis: rank === null ? undefined : basisOf(column(rows, 'basis'), Math.min(rank, rows.length)),
        delta,
      });
    });
}

/** Latent directions of T4.e: at most this many. */
export const MAX_LATENTS = 3;

/**
 * Orthonormal ℓ_k that stay readable: signed coordinate axes (a signed partial permutation,
 * the axis order read off per-coordinate keys), optionally followed by the rotation
 * [[3/5, −4/5], [4/5, 3/5]] of the first two coordinates (a Pythagorean rotation: exact
 * dyadic-free rationals, still exactly orthonormal up to rounding).
 */
function signedAxes(keys: readonly number[], signs: readonly boolean[], k: number, rotate: boolean): number[][] {
  const d = keys.length;
  const order = keys.map((key, i) => [key, i] as const).sort((a, b) => a[0] - b[0] || a[1] - b[1]).map(([, i]) => i);
  return Array.from({ length: k }, (_, j) => {
    const l = new Array<number>(d).fill(0);
    l[order[j]] = signs[j] ? -1 : 1;
    if (rotate && d >= 2) {
      const [a, b] = [l[0], l[1]];
      l[0] = (3 * a - 4 * b) / 5;
      l[1] = (4 * a + 3 * b) / 5;
    }
    return l.map((x) => (x === 0 ? 0 : x));
  });
}

/**
 * T4.e instances: Σ (random SPD; T4.e has no `isotropic` tag), v*, latent directions ℓ_k and
 * weights α_k (the readout is w = Σ α_k ℓ̂_k, derived by the theorem, not stored). Under
 * `orthogonal-latents` the ℓ_k are orthonormal signed axes (possibly rotated); dropped, they
 * are any non-zero integer vectors (the theorem normalises them to unit vectors).
 *
 * The premise (some j with α_j > 0 and A(ℓ_j) < 0) is met at j = 1 by construction: flip the
 * pair (ℓ₁, α₁) → (−ℓ₁, −α₁) to make α₁ > 0 (w is unchanged) and then flip v* if A(ℓ₁) > 0.
 * It fails only when A(ℓ₁) = 0.
 */
export function latentArbitrary(inForce: ReadonlySet<string>, opts: GenOptions = {}): fc.Arbitrary<Instance> {
  const orthonormal = inForce.has('orthogonal-latents');
  const row = fc.record({
    vStar: coord(),
    cov: reachCovarianceRow(covarianceRow(), opts.reach),
    key: int(0, 9),
    ell: fc.array(coord(), { minLength: MAX_LATENTS, maxLength: MAX_LATENTS }),
  });
  // Reach (a tag dropped): each ℓ_k (when not orthonormal), α and v* at extreme norms.
  const latent = fc.record({ alpha: int(-3, 3), negative: fc.boolean(), scale: exponentIf(opts.reach, NORM_EXPONENT) });
  return fc
    .record({
      rows: coordinates(row, opts),
      count: int(1, MAX_LATENTS),
      latents: fc.array(latent, { minLength: MAX_LATENTS, maxLength: MAX_LATENTS }),
      rotate: fc.boolean(),
      scales: fc.record({ vStar: exponentIf(opts.reach, NORM_EXPONENT), alpha: exponentIf(opts.reach, NORM_EXPONENT) }),
    })
    .map(({ rows, count, latents, rotate, scales }) => {
      const d = rows.length;
      const k = orthonormal ? Math.min(count, d) : count;
      const ell = orthonormal
        ? signedAxes(column(rows, 'key'), latents.map((l) => l.negative), k, rotate)
        : Array.from({ length: k }, (_, j) => scaleBy(nonZero(rows.map((r) => r.ell[j])), latents[j].scale));
      const alpha = scaleBy(latents.slice(0, k).map((l) => l.alpha), scales.alpha);
      const cov = column(rows, 'cov');
      let vStar = scaleBy(nonZero(column(rows, 'vStar')), scales.vStar);
      if (alpha[0] === 0) alpha[0] = 1;
      if (alpha[0] < 0) {
        alpha[0] = -alpha[0];
        ell[0] = neg(ell[0]);
      }
      if (dotArr(ell[0], covarianceTimes(cov, vStar)) > 0) vStar = neg(vStar);
      return compact({ ...covarianceFields(cov), vStar, latentDirections: ell, alpha });
    });
}

/**
 * T7.a instances: the ablated direction r (v* = r, so `vStar` is omitted), Σ (identity under
 * `isotropic`, random SPD when dropped), and one judge: a direction `u`, or a readout `w`
 * with a constitution `basis` (u_c = P_c w).
 */
export function ablationArbitrary(inForce: ReadonlySet<string>, opts: GenOptions = {}): fc.Arbitrary<Instance> {
  const row = fc.record({ r: coord(), u: coord(), w: coord(), cov: reachCovarianceRow(covarianceRow(), opts.reach), basis: basisRow(rowRank(MAX_RANK, opts)) });
  const norm = () => exponentIf(opts.reach, NORM_EXPONENT);
  return fc
    .record({
      rows: coordinates(row, opts),
      judge: fc.constantFrom('u' as const, 'constitution' as const),
      rank: constitutionRank(MAX_RANK, opts),
      // Reach (a tag dropped): r and the judge at extreme norms.
      scales: fc.record({ r: norm(), judge: norm() }),
    })
    .map(({ rows, judge, rank, scales }) =>
      compact({
        ...(inForce.has('isotropic') ? {} : covarianceFields(column(rows, 'cov'))),
        r: scaleBy(nonZero(column(rows, 'r')), scales.r),
        u: judge === 'u' ? scaleBy(column(rows, 'u'), scales.judge) : undefined,
        w: judge === 'constitution' ? scaleBy(column(rows, 'w'), scales.judge) : undefined,
        basis: judge === 'constitution' && rank !== null ? basisOf(column(rows, 'basis'), Math.min(rank, rows.length)) : undefined,
      }),
    );
}

/** T7.b: at most this many RLAIF steps, each constitution of rank at most MAX_STEP_RANK. */
export const MAX_STEPS = 3;
export const MAX_STEP_RANK = 2;

/**
 * T7.b instances: readout w, generation direction g, and T RLAIF steps, each with its own
 * constitution (`constitutions`: a list of bases) and KL coefficient (`beta`: one number for
 * every step, or a list of T numbers). Each coordinate row carries that coordinate of every
 * spanning vector of every step.
 */
export function stepsArbitrary(opts: GenOptions = {}): fc.Arbitrary<Instance> {
  const row = fc.record({
    w: coord(),
    g: coord(),
    bases: fc.array(basisRow(MAX_STEP_RANK), { minLength: MAX_STEPS, maxLength: MAX_STEPS }),
  });
  return fc
    .record({
      rows: coordinates(row, opts),
      steps: int(1, MAX_STEPS),
      ranks: fc.array(int(1, MAX_STEP_RANK), { minLength: MAX_STEPS, maxLength: MAX_STEPS }),
      betas: fc.array(betaArb(), { minLength: MAX_STEPS, maxLength: MAX_STEPS }),
    })
    .map(({ rows, steps, ranks, betas }) => {
      const constitutions = Array.from({ length: steps }, (_, t) =>
        basisOf(rows.map((r) => r.bases[t]), Math.min(ranks[t], rows.length)),
      );
      const beta = betas.slice(0, steps);
      return compact({
        w: nonZero(column(rows, 'w')),
        g: column(rows, 'g'),
        constitutions,
        beta: beta.every((b) => b === beta[0]) ? beta[0] : beta,
      });
    });
}
