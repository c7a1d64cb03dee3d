/**
 * The suite's run profile, read in this one place. `RLAIF_PROFILE=mutation` (set by
 * vitest.mutation.config.ts for `npm run mutate`) makes every check cheaper: a quarter of the
 * fast-check runs of each theorem part and a quarter of the Monte Carlo samples. Every Monte
 * Carlo tolerance in the suite is computed from the n actually drawn (hoeffding(n, α),
 * the running moments' empirical Bernstein interval, bernsteinKnownVariance(n, …)), so the
 * per-check false-alarm probability stays MC_ALPHA = 1e-7 at the smaller n; only the half-widths
 * grow, by a factor of 2 (sqrt of 4): sqrt(ln(2/α)/(2n)) ≈ 0.029 at n = 10 000 instead of
 * ≈ 0.0145 at n = 40 000. Any other value (or none) is the normal profile, which `npm test`,
 * the CLI and the stored witnesses use: nothing changes there.
 */
export type Profile = 'default' | 'mutation';

export const PROFILE: Profile = process.env.RLAIF_PROFILE === 'mutation' ? 'mutation' : 'default';

/** How much cheaper the mutation profile is, for runs and for samples alike. */
const MUTATION_DIVISOR = 4;

/** Monte Carlo samples per estimate: 40 000 normally, 10 000 in the mutation profile. */
export const PROFILE_MC_SAMPLES = PROFILE === 'mutation' ? 40_000 / MUTATION_DIVISOR : 40_000;

/**
 * A theorem part's default number of fast-check runs under the profile: unchanged normally, a
 * quarter (never fewer than 10 draws) in the mutation profile. Explicit budgets (a `--runs` flag,
 * `checkPart(…, { numRuns })`) are not scaled: whoever gives a number means it.
 */
export const profileRuns = (runs: number): number => (PROFILE === 'mutation' ? Math.max(10, Math.ceil(runs / MUTATION_DIVISOR)) : runs);
