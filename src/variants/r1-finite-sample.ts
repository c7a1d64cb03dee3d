/**
 * Variant R1n — a finite-sample reading of R1 (not in THEORY.md; the paper does not model
 * sample complexity, the suite can).
 *
 * The judge direction is not u_c itself but û_n, learned by Bradley–Terry logistic regression
 * from n preference pairs that the constitution-activated judge u_c labels. The policy is then
 * trained on û_n: to convergence (tag `converged`) its alignment is A(û_n); otherwise it is
 * A(g + û_n/β) at the instance's β. Claim:
 *     A(u_c) > A(g)  ⇒  A(policy) >= A(g).
 * (The premise also asks u_c ≠ 0: a judge with no preference labels coin flips.)
 * Tags: those of T2 plus `large-sample`, a sample-size condition introduced here:
 *     n · (A(u_c) − A(g))² · min(1, 2‖u_c‖²_Σ) >= 400·d,
 * i.e. enough pairs to resolve the alignment gap at the judge's signal strength (the Fisher
 * information of a Bradley–Terry pair scales with 2‖u_c‖²_Σ while labels are noisy). Dropped,
 * n is any small number of pairs: how few pairs break the self-improvement condition?
 *
 * False alarm. The claim is about one random fit, so under its tags it can fail by chance; the
 * check is seeded (the instance's `seed`), and the chance is bounded as follows, in the normal
 * approximation of the maximum-likelihood fit (n >= 400·d here, d <= 5 in the generator). Pair
 * differences z ~ N(0, 2Σ), Σ isotropic; across u_c the Fisher information is
 * F⊥ = 2·E[σ'(u_c·z)] ≈ 1/(2·√(1 + π‖u_c‖²_Σ/4)) (probit approximation of σ'). The fit's angle
 * error ε satisfies ε² ≈ χ²_{d−1} / (n·F⊥·‖u_c‖²_Σ), and alignment is 1-Lipschitz in the unit
 * direction, so a violation needs ε >= A(u_c) − A(g), i.e. χ²_{d−1} >= n·F⊥·‖u_c‖²_Σ·gap². Under
 * `large-sample` the right side is at least 84·d in both branches of the min (the worst case
 * is ‖u_c‖²_Σ = 1/2), so P(violation) <= P(χ²_{d−1} >= 84·d) < 1e-30 per check. Measured headroom
 * (`npx tsx bench/r1n-headroom.ts`): the fraction of the gap the fit loses is at most 0.17 over
 * 5 240 premise-met draws (seeds 1, 2), a violation needing 1.
 *
 * This file is the worked example of adding a variant: one file in src/variants/ whose default
 * export is its family (defineFamily), which also declares the variant's own tag and field; the
 * registry discovers it, `npm test` checks it, and hunt / necessity / replay use it.
 */
import fc from 'fast-check';
import type { Instance } from '../instance/reader.ts';
import { InputError } from '../numeric/errors.ts';
import { Reader } from '../instance/reader.ts';
import { sqNorm } from '../linalg/covariance.ts';
import { fitBradleyTerry, samplePreferences } from '../model/bradley-terry.ts';
import { policyDirection } from '../model/rlaif.ts';
import { alignment } from '../model/value.ts';
import { num } from '../numeric/format.ts';
import { implies } from '../numeric/margin.ts';
import { makeRng } from '../numeric/rng.ts';
import { scaledTol } from '../numeric/tolerance.ts';
import { defineField } from '../instance/fields.ts';
import { judgeDirection, readValueModel, rlaifArbitrary } from '../theorems/common/rlaif-instance.ts';
import { defineFamily } from '../theorems/family.ts';
import { defineTag } from '../theorems/tags.ts';
import type { Evaluation, TheoremPart } from '../theorems/types.ts';

const MAX_N = 100_000;
const MAX_PAIRS = 1_000_000;

/** A(u_c) − A(g), or −1 when u_c = 0 (a judge with no preference labels pure noise). */
function premiseGap(inst: Instance): number {
  const r = new Reader(inst);
  const { M, d } = readValueModel(r);
  const { uc } = judgeDirection(r, d);
  return uc.every((x) => x === 0) ? -1 : alignment(M, uc) - alignment(M, r.vec('g', d));
}

/** Pairs needed under `large-sample` (Infinity when the premise fails: the tag is then vacuous). */
function pairsNeeded(inst: Instance): number {
  const r = new Reader(inst);
  const { M, d } = readValueModel(r);
  const { uc } = judgeDirection(r, d);
  const gap = premiseGap(inst);
  const signal = Math.min(1, 2 * sqNorm(M.Sigma, uc));
  return gap > 0 && signal > 0 ? Math.ceil((400 * d) / (gap * gap * signal)) : 0;
}

/** The variant's own field: how many preference pairs the judge direction is learned from. */
const n = defineField({ name: 'n', doc: 'number of preference pairs the Bradley–Terry judge is fitted on (R1n)', type: 'number', discrete: true });

const largeSample = defineTag('large-sample', {
  meaning: 'n·(A(u_c) − A(g))²·min(1, 2‖u_c‖²_Σ) >= 400·d',
  meets: (inst) => new Reader(inst).number('n', { integer: true, positive: true }) >= pairsNeeded(inst),
});

/**
 * n with `large-sample` dropped: 1..64 (the shrink target), and under reach (a tag dropped) also
 * the extremes n = 1 and n = MAX_N (the cap the tag itself stops at) and anything between.
 */
const smallSample = (reach: boolean | undefined): fc.Arbitrary<number> =>
  reach
    ? fc.oneof(
        { withCrossShrink: true },
        { arbitrary: fc.integer({ min: 1, max: 64 }), weight: 2 },
        { arbitrary: fc.constantFrom(1, MAX_N), weight: 2 },
        { arbitrary: fc.integer({ min: 1, max: MAX_N }), weight: 1 },
      )
    : fc.integer({ min: 1, max: 64 });

/**
 * Under `large-sample`, n is set to what the tag requires; a draw whose gap is too small to
 * resolve within MAX_N pairs is turned into a premise-false one (g := w, no constitution), so
 * the generator never leaves the tag. Dropped, n is drawn by `smallSample`.
 */
const arbitrary: TheoremPart['arbitrary'] = (inForce, opts) =>
  fc
    .tuple(rlaifArbitrary(inForce, { directions: ['g', 'w'], nonZero: ['w'], constitution: true, beta: true }, opts), smallSample(opts?.reach), fc.nat(1000))
    .map(([drawn, smallN, seed]) => {
      // Where the premise fails, a sign flip of g and/or w usually meets it (A(−x) = −A(x));
      // the first flip that works is taken, so the premise region is covered, not just its core.
      const neg = (x: unknown) => (x as number[]).map((v) => (v === 0 ? 0 : -v));
      const flips = [drawn, { ...drawn, g: neg(drawn.g) }, { ...drawn, w: neg(drawn.w) }, { ...drawn, g: neg(drawn.g), w: neg(drawn.w) }];
      const inst = flips.find((x) => premiseGap(x) > 0) ?? drawn;
      if (!inForce.has('large-sample')) return { ...inst, n: smallN, seed };
      const needed = pairsNeeded(inst);
      if (needed <= MAX_N) return { ...inst, n: Math.max(needed, 16), seed };
      const { basis: _b, ...rest } = inst as Record<string, unknown>;
      return { ...rest, g: rest.w, n: 16, seed };
    });

/** The claim on one instance: fit û_n on n pairs labelled by u_c, then compare alignments. */
function evaluateR1n(inst: Instance, inForce: ReadonlySet<string>): Evaluation {
  const r = new Reader(inst);
  const { M, d } = readValueModel(r);
  const { uc } = judgeDirection(r, d);
  const g = r.vec('g', d);
  const n = r.number('n', { integer: true, positive: true });
  // Each pair is sampled and held in memory: beyond a million the instance is not one to evaluate here.
  if (n > MAX_PAIRS) throw new InputError(`n: at most ${MAX_PAIRS} preference pairs (got ${n})`);
  const rng = makeRng(r.has('seed') ? r.number('seed') : 0);
  const uHat = fitBradleyTerry(samplePreferences(M.Sigma, uc, n, rng));
  const alignmentJudge = alignment(M, uc);
  const alignmentGeneration = alignment(M, g);
  const alignmentLearned = alignment(M, uHat);
  // Trained to convergence the policy points along û; otherwise θ_β = g + û/β at the instance's β.
  const alignmentPolicy = inForce.has('converged') ? alignmentLearned : alignment(M, policyDirection(g, uHat, r.number('beta', { positive: true })));
  // The premise asks for a judge that prefers something: u_c ≠ 0 (else labels are coin flips).
  const premise = uc.every((x) => x === 0) ? -1 : alignmentJudge - alignmentGeneration;
  return {
    margin: implies(premise, alignmentPolicy - alignmentGeneration),
    tol: scaledTol(1),
    quantities: { alignmentJudge, alignmentGeneration, alignmentLearned, alignmentPolicy, n },
    pre: premise > scaledTol(1),
  };
}

/**
 * Why a violating instance contradicts the claim (`rlaif-props explain` prints it): whether the
 * alignment was lost in the fit (too few pairs) or in the RLAIF step (β too large).
 */
function explainR1n(inst: Instance, { quantities: q }: Evaluation): string {
  const premise = `the judge is better aligned than generation (A(u_c) = ${num(q.alignmentJudge)} > A(g) = ${num(q.alignmentGeneration)})`;
  const fit = `the direction learned from n = ${num(q.n)} pairs`;
  if (q.alignmentLearned < q.alignmentGeneration)
    return `${premise}, yet ${fit} is not (A(û_n) = ${num(q.alignmentLearned)}), and the policy ends at A = ${num(q.alignmentPolicy)} < A(g)`;
  const beta = typeof inst.beta === 'number' ? num(inst.beta) : '?';
  return `${premise} and ${fit} keeps most of it (A(û_n) = ${num(q.alignmentLearned)}), yet one RLAIF step at β = ${beta} ` +
    `leaves the policy at A = ${num(q.alignmentPolicy)} < A(g): θ_β = g + û_n/β still carries g`;
}

export default defineFamily(import.meta.url, {
  id: 'R1n',
  paperClaims: ['R1', 'R6'],
  tags: ['linear-value', 'isotropic', 'converged', 'large-sample'],
  numRuns: 40,
  variant: true,
  defines: { tags: [largeSample], fields: [n] },
  arbitrary,
  parts: [
    {
      id: 'R1n',
      title: 'Finite-sample self-improvement (Bradley–Terry judge from n pairs)',
      statement: 'A(u_c) > A(g) ⇒ A(û_n) >= A(g), û_n the logistic-regression fit on n pairs labelled by u_c',
      evaluate: evaluateR1n,
      explain: explainR1n,
    },
  ],
});
