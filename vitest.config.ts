import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  // src/theorems/catalogue-stamp.cts is TypeScript too (CommonJS for the bin's fast path).
  oxc: { include: /\.(m?ts|cts|[jt]sx)$/ },
  test: {
    include: ['properties/**/*.test.ts'],
    // examples/consumer is a package of its own with its own vitest run (properties/examples.test.ts).
    exclude: [...configDefaults.exclude, 'examples/**'],
    // A private temporary directory for the run; the run fails if a test leaves anything in it.
    globalSetup: ['properties/support/tmp-guard.ts'],
    // Properties run hundreds of draws each; a slow machine must not turn that into a flake.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    coverage: {
      provider: 'v8',
      include: ['src/**/*.ts'],
      reporter: ['text-summary', 'json-summary'],
      // `npm run coverage` fails below these. Child-process CLI tests do not count (coverage
      // is collected in the vitest workers); properties/cli/main.test.ts runs the CLI in process.
      thresholds: { lines: 90, statements: 88, functions: 88, branches: 75 },
    },
  },
});
