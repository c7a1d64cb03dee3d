/**
 * The suite's family runner as the mutation run sees it (vitest.mutation.config.ts redirects
 * every import of properties/support/suite.ts here). Same checks as suite.ts, but each part is
 * checked inside one test instead of a `beforeAll` hook: Stryker attributes coverage to tests,
 * and code run in a hook counts as "static", which would make every mutant of the model run
 * the whole suite. One test per part asserts both that it holds and its precondition hit rate,
 * so a mutant that only makes a generator vacuous is still killed.
 */
import { describe, expect, it } from 'vitest';
import { checkPart, describeReport, DEFAULT_SEED, hitRate } from '../../src/runner/check.ts';
import type { TheoremPart } from '../../src/theorems/types.ts';

export const SUITE_SEED = process.env.RLAIF_SEED ? Number(process.env.RLAIF_SEED) : DEFAULT_SEED;

export const MIN_HIT_RATE = 0.5;

export function verifyFamily(parts: readonly TheoremPart[]): void {
  for (const part of parts) {
    describe(`${part.id}: ${part.title}`, () => {
      it(`holds under [${part.tags.join(', ')}] and meets its precondition on at least ${MIN_HIT_RATE * 100}% of draws`, () => {
        const report = checkPart(part, { seed: SUITE_SEED });
        expect(report.outcome, describeReport(report)).toBe('holds');
        expect(hitRate(report), describeReport(report)).toBeGreaterThanOrEqual(MIN_HIT_RATE);
      });
    });
  }
}
