/**
 * The vitest configuration Stryker runs (stryker.config.mjs): the in-process properties only.
 * Left out: the CLI tests that spawn the bin (child processes, which Stryker's in-process mutant
 * switching cannot reach, and slow), the teeth test (it mocks model modules, which
 * fights Stryker's instrumentation) and the hostile/interrupt tests (CLI child processes too).
 * properties/support/suite.ts is swapped for scripts/mutation/suite.ts, which checks each part
 * inside a test rather than a beforeAll hook (see there why).
 */
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vitest/config';

const MUTATION_SUITE = fileURLToPath(new URL('./scripts/mutation/suite.ts', import.meta.url));

const swapSuite: Plugin = {
  name: 'rlaif-mutation-suite',
  enforce: 'pre',
  resolveId(source, importer) {
    if (importer && /\/properties\//.test(importer) && /(^|\/)support\/suite\.ts$/.test(source)) return MUTATION_SUITE;
    return null;
  },
};

/**
 * With MUTATE_SUBSET (stryker.config.mjs), the tests about the mutated modules only: the model
 * properties and unit facts, and the T1, T2 and T6 families (gain, alignment, links by quadrature).
 */
const SUBSET_TESTS = [
  'properties/model/{linalg,quadrature,agreement,units,checks}.test.ts',
  'properties/{t1-gain-law,t2-self-improvement,t6-monotone}.test.ts',
];

/** One module's property files (scripts/mutation/run-module.mjs): a JSON list of globs (they may hold commas). */
const MODULE_TESTS = process.env.MUTATE_TESTS ? (JSON.parse(process.env.MUTATE_TESTS) as string[]) : undefined;

export default defineConfig({
  plugins: [swapSuite],
  // src/theorems/catalogue-stamp.cts is TypeScript too (vitest.config.ts says why).
  oxc: { include: /\.(m?ts|cts|[jt]sx)$/ },
  test: {
    include: MODULE_TESTS ?? (process.env.MUTATE_SUBSET ? SUBSET_TESTS : ['properties/**/*.test.ts']),
    // The mutation profile (src/numeric/profile.ts): fewer runs per part and fewer Monte Carlo
    // samples, tolerances computed from the smaller n.
    env: { RLAIF_PROFILE: 'mutation' },
    // The CLI tests that spawn the bin (cli.test.ts, necessity-jobs.test.ts) are out; main.test.ts
    // and prune.test.ts run the commands in process, which Stryker's mutants reach.
    exclude: ['properties/cli/cli.test.ts', 'properties/cli/necessity-jobs.test.ts', 'properties/hostile/**', 'properties/teeth.test.ts', 'properties/interrupt.test.ts', '**/node_modules/**'],
    // Instrumented code (a coverage counter on every expression) runs the Monte Carlo
    // properties many times slower than `npm test` does.
    testTimeout: 900_000,
    hookTimeout: 900_000,
  },
});
