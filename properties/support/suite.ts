/**
 * How the vitest suite runs a theorem family: every part, under its full tags, through the
 * same runner as the CLI, seeded (RLAIF_SEED overrides the default), and with its precondition
 * hit rate asserted so that a vacuous generator fails loudly. A part that declares an expected
 * failure must still fail, and its declared witness must still replay.
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkPart, describeReport, DEFAULT_SEED, hitRate, type CheckReport } from '../../src/runner/check.ts';
import { replay } from '../../src/runner/replay.ts';
import { DEFAULT_STORE, load } from '../../src/runner/store.ts';
import type { Family } from '../../src/theorems/family.ts';
import { staleMessage } from './witnesses.ts';
import type { TheoremPart } from '../../src/theorems/types.ts';

/**
 * The seed from RLAIF_SEED: a whole number fast-check accepts, or the default when unset or
 * empty (as an unset CI input arrives). Anything else stops the run with one clear line rather
 * than seeding every property with NaN.
 */
export function seedFromEnv(value: string | undefined): number {
  if (value === undefined || value.trim() === '') return DEFAULT_SEED;
  const n = Number(value);
  if (!/^\s*-?\d+\s*$/.test(value) || n < -(2 ** 31) || n > 2 ** 31 - 1) throw new Error(`RLAIF_SEED: expected a whole number between -2^31 and 2^31-1, got "${value}"`);
  return n;
}

/** The suite's seed: fixed by default, so CI is reproducible; RLAIF_SEED selects another. */
export const SUITE_SEED = seedFromEnv(process.env.RLAIF_SEED);

/** Minimum share of draws that must meet a part's precondition. */
export const MIN_HIT_RATE = 0.5;

export function verifyFamily(family: Family | readonly TheoremPart[]): void {
  const parts = 'parts' in family ? family.parts : family;
  for (const part of parts) {
    describe(`${part.id}: ${part.title}`, () => {
      let report: CheckReport;
      beforeAll(() => {
        report = checkPart(part, { seed: SUITE_SEED });
      });
      const expected = part.expected;
      if (expected) {
        it(`fails under [${part.tags.join(', ')}] as declared: ${expected.reason}`, () => {
          expect(report.outcome, describeReport(report)).toBe('violated');
        });
        it(`its declared witness ${expected.witness} still replays`, () => {
          const file = join(DEFAULT_STORE, expected.witness);
          const r = replay(load(file), part);
          if (!r.reproduces) expect.fail(staleMessage(file, r.reason!));
        });
        return;
      }
      it(`holds under [${part.tags.join(', ')}]`, () => {
        expect(report.outcome, describeReport(report)).toBe('holds');
      });
      it(`meets its precondition on at least ${MIN_HIT_RATE * 100}% of draws`, () => {
        expect(hitRate(report), describeReport(report)).toBeGreaterThanOrEqual(MIN_HIT_RATE);
      });
    });
  }
}
