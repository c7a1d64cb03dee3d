/**
 * The suite's family runner as the mutation run sees it (vitest.mutation.config.ts redirects
 * every import of properties/support/suite.ts here). Same checks as suite.ts, but each part is
 * checked inside one test instead of a `beforeAll` hook: Stryker attributes coverage to tests,
 * and code run in a hook counts as "static", which would make every mutant of the model run
 * the whole suite. One test per part asserts both that it holds and its precondition hit rate,
 * so a mutant that only makes a generator vacuous is still killed; a part declared to fail must
 * still fail, and its declared witness still replay.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkPart, DEFAULT_SEED, describeReport, hitRate } from '../../src/runner/check.ts';
import { replay } from '../../src/runner/replay.ts';
import { DEFAULT_STORE, load } from '../../src/runner/store.ts';
import type { Family } from '../../src/theorems/family.ts';
import type { TheoremPart } from '../../src/theorems/types.ts';

export const SUITE_SEED = process.env.RLAIF_SEED ? Number(process.env.RLAIF_SEED) : DEFAULT_SEED;

export const MIN_HIT_RATE = 0.5;

export function verifyFamily(family: Family | readonly TheoremPart[]): void {
  const parts = 'parts' in family ? family.parts : family;
  for (const part of parts) {
    describe(`${part.id}: ${part.title}`, () => {
      const expected = part.expected;
      if (expected) {
        it(`fails under [${part.tags.join(', ')}] as declared, and its witness ${expected.witness} still replays`, () => {
          const report = checkPart(part, { seed: SUITE_SEED });
          expect(report.outcome, describeReport(report)).toBe('violated');
          const r = replay(load(join(DEFAULT_STORE, expected.witness)), part);
          expect(r.reproduces, r.reason).toBe(true);
        });
        return;
      }
      it(`holds under [${part.tags.join(', ')}] and meets its precondition on at least ${MIN_HIT_RATE * 100}% of draws`, () => {
        const report = checkPart(part, { seed: SUITE_SEED });
        expect(report.outcome, describeReport(report)).toBe('holds');
        expect(hitRate(report), describeReport(report)).toBeGreaterThanOrEqual(MIN_HIT_RATE);
      });
    });
  }
}
