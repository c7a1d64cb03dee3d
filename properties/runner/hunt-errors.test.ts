// Errors are never swallowed: a harness error met while hunting (in a draw, in a shrink step,
// or in the re-confirmation) is counted and reported, never taken for a witness and never
// allowed to hide one.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HarnessError } from '../../src/numeric/errors.ts';
import { hunt } from '../../src/runner/hunt.ts';
import { defineFamily } from '../../src/theorems/family.ts';

/** A toy part on one number x: violated (margin −1) for x >= 40, a harness error for odd x. */
const toy = (failOn: (x: number) => boolean) =>
  defineFamily('/virtual/toy.ts', {
    id: 'Toy',
    paperClaims: ['R1'],
    tags: ['linear-value'],
    arbitrary: () => fc.integer({ min: 0, max: 100 }).map((x) => ({ vStar: [x] })),
    parts: [
      {
        id: 'Toy',
        title: 'toy',
        statement: 'x < 40',
        evaluate: (inst) => {
          const x = (inst.vStar as number[])[0];
          if (failOn(x)) throw new HarnessError(`toy: x = ${x} breaks the harness`);
          return { margin: x >= 40 ? -1 : 1, tol: 1e-9, quantities: { x }, pre: true };
        },
      },
    ],
  }).parts[0];

describe('hunt counts harness errors', () => {
  it('in draws and shrink steps: counted, and the witness still found (never an odd x)', () => {
    const r = hunt(toy((x) => x % 2 === 1), ['linear-value'], { runs: 100, seeds: 2 });
    expect(r.harnessErrors.length).toBeGreaterThan(0);
    expect(r.harnessErrors[0]).toMatch(/^seed \d+: toy: x = \d+ breaks the harness/);
    expect(r.found).toBeDefined();
    expect((r.found!.instance.vStar as number[])[0] % 2).toBe(0);
    expect((r.found!.instance.vStar as number[])[0]).toBeGreaterThanOrEqual(40);
  });

  it('when every draw is a harness error: nothing found, every error counted', () => {
    const r = hunt(toy(() => true), ['linear-value'], { runs: 30, seeds: 1 });
    expect(r.found).toBeUndefined();
    expect(r.harnessErrors).toHaveLength(30);
  });
});

describe('necessity does not pass over a harness error in a stored witness', () => {
  it('re-evaluating a stored witness that breaks the harness raises it (exit 3 in the CLI)', async () => {
    const { necessity } = await import('../../src/runner/necessity.ts');
    const { MemoryStore, fileNameFor } = await import('../../src/runner/store.ts');
    const { counterexampleRecord } = await import('../support/records.ts');
    const part = toy((x) => x === 41);
    const record = counterexampleRecord({ theorem: 'Toy', dropped: ['linear-value'], instance: { vStar: [41] }, margin: -1, dimension: 1 });
    const store = new MemoryStore({ [`Toy/${fileNameFor(record)}`]: JSON.stringify(record) });
    expect(() => necessity([part], { store, runs: 5, seeds: 1 })).toThrow(HarnessError);
  });
});
