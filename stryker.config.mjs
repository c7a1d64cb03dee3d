// Mutation testing (`npm run mutate`): do the properties notice when the model or a theorem
// check is subtly wrong? Mutates the model, the linear algebra, the numerics and the theorem
// parts (not the CLI or the runners), runs the in-process properties (vitest.mutation.config.ts)
// against each mutant, and writes reports/mutation/ (gitignored).
// The full set is 3 400 mutants; instrumented, the Monte Carlo properties run many times slower,
// so a full run takes many hours on this 2-core machine. MUTATE_SUBSET=1 (`npm run
// mutate:subset`) mutates a representative subset instead, everything the gain law (T1)
// stands on: the linear algebra, the numerics, the RLAIF model (policy step, KL budget, value,
// links), the T1 check and the evaluation harness, judged by the tests about those modules
// (vitest.mutation.config.ts lists them). The Monte Carlo modules are left out: each of their
// mutants reruns the Monte Carlo properties, instrumented, for minutes.
// Every mutation run uses the mutation profile (RLAIF_PROFILE=mutation, set in
// vitest.mutation.config.ts, read in src/numeric/profile.ts): a quarter of each part's
// fast-check runs and a quarter of the Monte Carlo samples (10 000), with every tolerance
// computed from the smaller n, so the false-alarm bound (α = 1e-7 per check) still holds.
// Module by module (`npm run mutate:module -- <name>`, scripts/mutation/run-module.mjs): the
// module's files (MUTATE_FILES) judged by its own property files only (MUTATE_TESTS, see
// vitest.mutation.config.ts), reports under reports/mutation/raw/<name>/, and a small summary
// committed to reports/mutation/modules/<name>.json.
const FULL = ['src/model/**/*.ts', 'src/linalg/**/*.ts', 'src/numeric/**/*.ts', 'src/theorems/**/*.ts'];
const SUBSET = [
  'src/linalg/{vec,covariance,subspace}.ts',
  'src/numeric/{margin,tolerance,quadrature,hash,errors}.ts',
  'src/model/{rlaif,value,link}.ts',
  'src/theorems/{t1-gain-law,evaluate}.ts',
];

const MODULE = process.env.MUTATE_MODULE;
const OUT = MODULE ? `reports/mutation/raw/${MODULE}` : 'reports/mutation';

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  // A module run names its test files (MUTATE_TESTS): all of them run, not only those vitest finds
  // importing the mutated files statically. The theorem suites reach their parts through the
  // registry (a dynamic import), so `related` would find none of them.
  vitest: { configFile: 'vitest.mutation.config.ts', related: !MODULE },
  coverageAnalysis: 'perTest',
  // Static mutants (module-level code: a part's title, statement and tag list, constants) are
  // covered by no test in particular, so each would run the whole suite: about half the run
  // time for about a seventh of the mutants. They are left out (reported as ignored).
  ignoreStatic: true,
  // Stryker puts `// @ts-nocheck` at the head of every source file it copies that matches this
  // pattern (its default reaches the built dist/*.js too). A built file so changed makes the build's
  // catalogue read as stale (src/theorems/catalogue.ts fingerprints dist), so only src/ is marked.
  disableTypeChecks: 'src/**/*.{ts,cts,mts}',
  mutate: process.env.MUTATE_FILES ? process.env.MUTATE_FILES.split(',') : process.env.MUTATE_SUBSET ? SUBSET : FULL,
  // The machine has 2 cores, often shared: one test runner per module run unless told otherwise.
  concurrency: Number(process.env.MUTATE_CONCURRENCY ?? (MODULE ? 1 : 2)),
  // A mutant that loops is caught by the timeout: 1.5 × the covering tests' time + 10 s
  // (MUTATE_TIMEOUT_MS overrides the 10 s; on a quiet machine 5 s is still several times the
  // slack a covering test needs, and halves the cost of the many looping mutants of an LP).
  timeoutMS: Number(process.env.MUTATE_TIMEOUT_MS ?? 10_000),
  // The instrumented initial run (every test, one thread, per-test coverage) is several minutes.
  dryRunTimeoutMinutes: 60,
  timeoutFactor: 1.5,
  reporters: ['clear-text', 'progress-append-only', 'html', 'json'],
  htmlReporter: { fileName: `${OUT}/mutation.html` },
  jsonReporter: { fileName: `${OUT}/mutation.json` },
  // Re-runs only test what changed (new tests, edited sources).
  incremental: true,
  incrementalFile: `${OUT}/stryker-incremental.json`,
  tempDirName: MODULE ? `.stryker-tmp/${MODULE}` : '.stryker-tmp',
  // Stryker leaves out of the sandbox only its own run's temporary folder: another module's
  // (a run killed, or one beside it) would be copied whole, and so would earlier reports.
  ignorePatterns: ['/.stryker-tmp', '/reports/mutation'],
  cleanTempDir: true,
  thresholds: { high: 90, low: 85, break: null },
};
