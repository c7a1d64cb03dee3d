import type { Counterexample } from '../../src/runner/store.ts';

/**
 * A valid stored-counterexample record (T2.c without `converged`, the d = 2 witness), for tests
 * of the store and of replay; `over` replaces fields to make it malformed or different.
 */
export const counterexampleRecord = (over: Partial<Counterexample> = {}): Counterexample => ({
  theorem: 'T2.c',
  dropped: ['converged'],
  instance: { vStar: [1, 0], g: [-1, 1], w: [0, -1], beta: 1 },
  margin: -0.2928932188134524,
  tol: 1e-8,
  quantities: {},
  dimension: 2,
  seed: 1,
  path: '0',
  numRuns: 1,
  foundAt: '2026-01-01T00:00:00.000Z',
  version: '0.1.0',
  confirmation: { reproduces: true, perturbationSurvival: 1 },
  ...over,
});
