// Evidence that the properties have teeth: deliberately broken models, each of which the suite
// must catch. Each mutant replaces one function of the model and re-imports the registry, so
// the unchanged property code runs against the broken model.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type * as Check from '../src/runner/check.ts';
import type * as Hunt from '../src/runner/hunt.ts';
import type * as Registry from '../src/theorems/registry.ts';

interface Mutant {
  readonly name: string;
  readonly module: string;
  readonly patch: (original: Record<string, unknown>) => Record<string, unknown>;
  /** Parts (under their full tags) of which at least one must fail. */
  readonly caughtBy: readonly string[];
}

/** agreement.ts with every Monte Carlo agreement estimate passed through `f`. */
const mapAgreementEstimates = (m: Record<string, unknown>, f: (e: number) => number): Record<string, unknown> => ({
  ...m,
  agreementMonteCarlo: (...a: unknown[]) => {
    const r = (m.agreementMonteCarlo as (...a: unknown[]) => { estimates: number[] })(...a);
    return { ...r, estimates: r.estimates.map(f) };
  },
});

type GainArgs = [{ Sigma: { apply(x: Float64Array): Float64Array }; vStar: Float64Array }, Float64Array, Float64Array, number];
/**
 * rlaif.ts whose gain credits a reward Σ-orthogonal to v* (A(u) = 0, where the gain is 0) with
 * a small win of 1e-3: every other gain, and so every sign away from A = 0, is untouched.
 */
const smallWinAtZero = (m: Record<string, unknown>): Record<string, unknown> => ({
  ...m,
  gain: (...a: GainArgs) => {
    const [M, , u] = a;
    const Sv = M.Sigma.apply(M.vStar);
    return u.reduce((s, x, i) => s + x * Sv[i], 0) === 0 ? 1e-3 : (m.gain as (...a: GainArgs) => number)(...a);
  },
});

export const MUTANTS: readonly Mutant[] = [
  {
    name: 'KL budget spent as ‖u‖/(2ε) instead of ‖u‖/sqrt(2ε)',
    module: '../src/model/rlaif.ts',
    patch: (m) => ({
      ...m,
      gain: (M: never, g: never, u: never, eps: number) => (m.gain as (...a: unknown[]) => number)(M, g, u, (2 * eps) ** 2 / 2),
    }),
    caughtBy: ['T1'],
  },
  {
    name: 'RLAIF step moves against the reward (θ = g − u/β)',
    module: '../src/model/rlaif.ts',
    patch: (m) => ({ ...m, policyDirection: (g: Float64Array, u: Float64Array, beta: number) => g.map((x, i) => x - u[i] / beta) }),
    caughtBy: ['T1', 'T1.a', 'T2.c'],
  },
  {
    name: 'alignment ignores Σ (Euclidean cosine)',
    module: '../src/model/value.ts',
    patch: (m) => ({
      ...m,
      alignment: (M: { vStar: Float64Array }, x: Float64Array) => {
        let xy = 0, xx = 0, yy = 0;
        x.forEach((v, i) => ((xy += v * M.vStar[i]), (xx += v * v), (yy += M.vStar[i] ** 2)));
        return xx && yy ? xy / Math.sqrt(xx * yy) : 0;
      },
    }),
    caughtBy: ['T1', 'T1.a'],
  },
  {
    name: 'expected value forgets Σ in the mean shift (m(θ) = <v*,μ> + <θ,v*>)',
    module: '../src/model/value.ts',
    patch: (m) => ({
      ...m,
      expectedValue: (M: { vStar: Float64Array; mu: Float64Array }, theta: Float64Array) =>
        theta.reduce((s, t, i) => s + t * M.vStar[i], 0) + M.mu.reduce((s, t, i) => s + t * M.vStar[i], 0),
    }),
    caughtBy: ['T1', 'T1.b'],
  },
  {
    // Caught by the converse of T1.b's "iff" (checked, under linear-value, as the equality
    // 1 − G/ceiling = ½‖û − v̂‖²_Σ): every positively aligned judge would reach the ceiling,
    // so equality would hold off collinearity. The bound G <= ceiling still holds.
    name: 'every positively aligned judge reaches the KL ceiling',
    module: '../src/model/rlaif.ts',
    patch: (m) => ({
      ...m,
      gain: (M: { Sigma: { apply(x: Float64Array): Float64Array }; vStar: Float64Array }, g: never, u: never, eps: number) => {
        const G = (m.gain as (...a: unknown[]) => number)(M, g, u, eps);
        const Sv = M.Sigma.apply(M.vStar);
        const ceiling = Math.sqrt(2 * eps) * Math.sqrt(M.vStar.reduce((s, x, i) => s + x * Sv[i], 0));
        return G > 0 ? ceiling : G;
      },
    }),
    caughtBy: ['T1.b'],
  },
  {
    // The construction's excess over the bound is at most 2·sin(φ/2) for a tilt φ, within δ
    // for any φ <= δ (so tilting by δ instead of δ/4 is no bug); a tilt of 4δ exceeds δ for
    // δ below about 1.4 when c is near cot(2δ), which T4.b's generator must reach.
    name: "T4.b's construction tilts by 4δ instead of δ/4",
    module: '../src/model/adversarial.ts',
    patch: (m) => ({
      ...m,
      nearOptimalConstitution: (M: never, w: never, delta: number) => (m.nearOptimalConstitution as (...a: unknown[]) => unknown)(M, w, 16 * delta),
    }),
    caughtBy: ['T4.b'],
  },
  {
    // q >= 0 cannot fail when read off q (a square root); T3.a also reads q² as <Φw*, u*>/‖w*‖²,
    // which a probe of the wrong sign makes negative.
    name: 'the optimal probe u* points the wrong way',
    module: '../src/model/latent/model.ts',
    patch: (m) => ({ ...m, optimalProbe: (L: never) => (m.optimalProbe as (l: unknown) => Float64Array)(L).map((x) => -x) }),
    caughtBy: ['T3.a'],
  },
  {
    // Every P_t w is right, but the trajectory also drifts along g: only T7.b's cumulative half
    // (θ_t − g in S_1 + … + S_T) sees it, now that the per-step updates are computed apart.
    name: 'the RLAIF trajectory drifts along g at every step',
    module: '../src/model/ablation.ts',
    patch: (m) => ({
      ...m,
      rlaifTrajectory: (g: Float64Array, w: never, steps: never) => {
        const r = (m.rlaifTrajectory as (...a: unknown[]) => { thetas: Float64Array[]; updates: Float64Array[] })(g, w, steps);
        return { ...r, thetas: r.thetas.map((th, t) => th.map((x, i) => x + t * g[i])) };
      },
    }),
    caughtBy: ['T7.b'],
  },
  {
    // T5.c's containment is immediate as sets; what it can catch is an LP whose answer is not
    // attained by its own direction (here, an optimum overstated by 1%).
    name: 'the max-min LP overstates its optimum',
    module: '../src/model/pareto.ts',
    patch: (m) => ({
      ...m,
      maxMinMargin: (targets: never) => {
        const r = (m.maxMinMargin as (t: unknown) => { t: number; u: Float64Array })(targets);
        return { ...r, t: r.t > 0 ? 1.01 * r.t : r.t };
      },
    }),
    caughtBy: ['T5.c'],
  },
  {
    // Invisible to a Hoeffding tolerance (≈ 0.0145 absolute); T5.b's Bernstein tolerance with
    // the claim's own variance p(1 − p) sees a quarter off a small share.
    name: 'the two-objective cone share is a quarter too small when it is small',
    module: '../src/model/pareto.ts',
    patch: (m) => ({
      ...m,
      twoObjectiveFraction: (phi: number) => {
        const p = (m.twoObjectiveFraction as (x: number) => number)(phi);
        return p < 0.06 ? 0.75 * p : p;
      },
    }),
    caughtBy: ['T5.b'],
  },
  {
    // T3.b's two halves each catch a broken ceiling on their own: a ceiling reported at half
    // its value is exceeded by the activated judge (the bound) ...
    name: 'the representation ceiling q is reported at half its value',
    module: '../src/model/latent/model.ts',
    patch: (m) => ({ ...m, ceiling: (L: never) => 0.5 * (m.ceiling as (l: unknown) => number)(L) }),
    caughtBy: ['T3.b-bound'],
  },
  {
    // ... and a probe of the wrong sign no longer attains it (the equality).
    name: 'the optimal probe u* points the wrong way (T3.b, the equality)',
    module: '../src/model/latent/model.ts',
    patch: (m) => ({ ...m, optimalProbe: (L: never) => (m.optimalProbe as (l: unknown) => Float64Array)(L).map((x) => -x) }),
    caughtBy: ['T3.b-equality'],
  },
  {
    // A sign claim passes a gain stuck at 0 (sameSign(p, 0) >= 0); T2.a now checks the gain
    // difference as the equality T1 gives under linear-value.
    name: 'gain is identically zero',
    module: '../src/model/rlaif.ts',
    patch: (m) => ({ ...m, gain: () => 0 }),
    caughtBy: ['T2.a'],
  },
  {
    // The strict half of a sign claim (A ≠ 0 ⇒ G ≠ 0 with A's sign): sameSign alone passed a
    // gain stuck at 0 for any alignment. T1.a and T6.b each catch it with that half alone (at
    // A = 0 a zero gain is right, and the weak sign holds everywhere).
    name: 'gain is identically zero (T1.a, the strict sign)',
    module: '../src/model/rlaif.ts',
    patch: (m) => ({ ...m, gain: () => 0 }),
    caughtBy: ['T1.a'],
  },
  {
    name: 'gain is identically zero (T6.b, the strict sign)',
    module: '../src/model/rlaif.ts',
    patch: (m) => ({ ...m, gain: () => 0 }),
    caughtBy: ['T6.b'],
  },
  {
    // The zero half (A = 0 ⇒ G = 0): a tie counted as a small win. Where A ≠ 0 the gain is
    // untouched, so only the zero clause sees it (sameSign(0, G) = 0 passed it), and only on
    // draws at A = 0 (the generator's boundary draws, one in four).
    name: 'a gain of 0 is reported as a small win (T1.a, the zero clause)',
    module: '../src/model/rlaif.ts',
    patch: smallWinAtZero,
    caughtBy: ['T1.a'],
  },
  {
    name: 'a gain of 0 is reported as a small win (T6.b, the zero clause)',
    module: '../src/model/rlaif.ts',
    patch: smallWinAtZero,
    caughtBy: ['T6.b'],
  },
  {
    // Likewise an agreement estimator stuck at 1/2: T2.b checks the difference against Sheppard's.
    name: 'Monte Carlo agreement is stuck at 1/2',
    module: '../src/model/agreement.ts',
    patch: (m) => mapAgreementEstimates(m, () => 0.5),
    caughtBy: ['T2.b'],
  },
  {
    name: 'Monte Carlo agreement uses the wrong sign for the value comparison',
    module: '../src/model/agreement.ts',
    patch: (m) => mapAgreementEstimates(m, (e) => 1 - e),
    caughtBy: ['T2.b'],
  },
];

afterEach(() => {
  vi.doUnmock('../src/model/rlaif.ts');
  vi.doUnmock('../src/model/value.ts');
  vi.doUnmock('../src/model/link.ts');
  vi.doUnmock('../src/model/agreement.ts');
  vi.doUnmock('../src/model/adversarial.ts');
  vi.doUnmock('../src/model/latent/model.ts');
  vi.doUnmock('../src/model/ablation.ts');
  vi.doUnmock('../src/model/pareto.ts');
  vi.resetModules();
});

describe('broken models are caught', () => {
  for (const mutant of MUTANTS)
    it(mutant.name, async () => {
      vi.resetModules();
      vi.doMock(mutant.module, async (importOriginal) => mutant.patch(await importOriginal<Record<string, unknown>>()));
      const { getPart } = await ((await import('../src/theorems/registry.ts')) as typeof Registry).loadRegistry();
      const { checkPart } = (await import('../src/runner/check.ts')) as typeof Check;
      const outcomes = mutant.caughtBy.map((id) => checkPart(getPart(id), { numRuns: 100 }).outcome);
      expect(outcomes.some((o) => o !== 'holds'), `outcomes: ${outcomes.join(', ')}`).toBe(true);
    });
});

/**
 * The shrinker's own properties have teeth too: a shrinker whose steps never remove a
 * dimension leaves a padded witness at its padded size, which "a stored witness padded with
 * two more dimensions shrinks back" (shrinker.test.ts) rejects. Shown on T2.c's d = 2
 * witness, padded to d = 4.
 */
describe('broken shrinkers are caught', () => {
  const witness = { vStar: [1, 0, 0, 0], g: [-1, 1, 0, 0], w: [0, -1, 0, 0], beta: 1 };
  const shrinkWith = async (patch: (m: Record<string, unknown>) => Record<string, unknown>) => {
    vi.resetModules();
    vi.doMock('../src/arbitraries/_internals/simplifications.ts', async (importOriginal) => patch(await importOriginal<Record<string, unknown>>()));
    const { getPart } = await ((await import('../src/theorems/registry.ts')) as typeof Registry).loadRegistry();
    const { shrinkFrom } = (await import('../src/runner/hunt.ts')) as typeof Hunt;
    const r = shrinkFrom(getPart('T2.c'), ['converged'], witness);
    vi.doUnmock('../src/arbitraries/_internals/simplifications.ts');
    return r;
  };

  it('the real shrinker takes the padded witness back to d = 2', async () => {
    const r = await shrinkWith((m) => m);
    expect((r!.instance.vStar as number[]).length).toBe(2);
  });

  it('a shrinker that never removes a dimension fails "padded witnesses shrink back"', async () => {
    const r = await shrinkWith((m) => ({
      ...m,
      *simplifications(inst: Record<string, unknown>, vocab: { axes(): string[] }) {
        const original = m.simplifications as (i: unknown, v: unknown) => Iterable<Record<string, unknown>>;
        const d = (inst.vStar as number[]).length;
        // Every step of the real shrinker except those that shorten vStar (remove a dimension).
        for (const x of original(inst, vocab)) if ((x.vStar as number[] | undefined)?.length !== d - 1) yield x;
      },
    }));
    expect((r!.instance.vStar as number[]).length).toBeGreaterThan(2);
  });
});
