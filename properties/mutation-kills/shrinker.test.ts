// Direct facts about the shrink steps (src/arbitraries/shrinkable.ts and _internals/): the
// order the documentation promises (axis indices from the last, then fields, then numbers,
// simplest first), that every number step is strictly simpler, and how the arbitrary combines
// its generator's own shrinks with the instance-level steps, filtered by the validity predicate.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { simplifications, simplerNumbers } from '../../src/arbitraries/_internals/simplifications.ts';
import { shrinkable } from '../../src/arbitraries/shrinkable.ts';
import { THEORY_VOCABULARY } from '../../src/instance/fields.ts';
import { numberComplexity } from '../../src/instance/layout.ts';
import type { Instance } from '../../src/instance/reader.ts';
import { SUITE_SEED } from '../support/suite.ts';

const inst = (x: Record<string, unknown>) => x as Instance;
const show = (xs: Iterable<Instance>) => [...xs].map((x) => JSON.stringify(x));

describe('simplerNumbers', () => {
  it('offers only strictly simpler numbers, without repeats, simplest first', () => {
    fc.assert(
      fc.property(fc.oneof(fc.double({ min: -100, max: 100, noNaN: true }), fc.integer({ min: -9, max: 9 }), fc.constantFrom(0.5, -2.75, 0.3)), (x) => {
        const out = simplerNumbers(x);
        expect(new Set(out).size).toBe(out.length);
        for (const c of out) expect(numberComplexity(c)).toBeLessThan(numberComplexity(x));
        for (let i = 1; i < out.length; i++) expect(numberComplexity(out[i - 1])).toBeLessThanOrEqual(numberComplexity(out[i]));
        if (x !== 0) expect(out[0]).toBe(0);
      }),
      { seed: SUITE_SEED, numRuns: 300 },
    );
  });

  it('worked values: nothing is simpler than 0; 2.7 rounds to 3, 2.5 and 2.75; 0.3 to 1/2 and 1/4', () => {
    expect(simplerNumbers(0)).toEqual([]);
    expect(simplerNumbers(-3)).toEqual([0, 1, -1, 2, -2]);
    expect(simplerNumbers(2.7)).toEqual([0, 1, -1, 2, -2, 3, -3, 4, -4, 0.5, -0.5, 2.5, 2.75]);
    expect(simplerNumbers(0.3)).toEqual([0, 1, -1, 2, -2, 3, -3, 4, -4, 0.5, -0.5, 0.25]);
    expect(simplerNumbers(7.125)).toEqual(expect.arrayContaining([7, 7.25]));
    expect(simplerNumbers(-5.3)).toEqual(expect.arrayContaining([-5, -5.5, -5.25]));
  });
});

describe('simplifications', () => {
  it('in order: axis indices from the last, then each field, then simpler numbers leaf by leaf', () => {
    expect(show(simplifications(inst({ vStar: [1, 2], g: [3, 0.5], beta: 1 }), THEORY_VOCABULARY))).toEqual([
      '{"vStar":[1],"g":[3],"beta":1}',
      '{"vStar":[2],"g":[0.5],"beta":1}',
      '{"g":[3,0.5],"beta":1}',
      '{"vStar":[1,2],"beta":1}',
      '{"vStar":[1,2],"g":[3,0.5]}',
      '{"vStar":[0,2],"g":[3,0.5],"beta":1}',
      '{"vStar":[1,0],"g":[3,0.5],"beta":1}',
      '{"vStar":[1,1],"g":[3,0.5],"beta":1}',
      '{"vStar":[1,-1],"g":[3,0.5],"beta":1}',
      ...[0, 1, -1, 2, -2].map((c) => `{"vStar":[1,2],"g":[${c},0.5],"beta":1}`),
      ...[0, 1, -1, 2, -2, 3, -3, 4, -4].map((c) => `{"vStar":[1,2],"g":[3,${c}],"beta":1}`),
      '{"vStar":[1,2],"g":[3,0.5],"beta":0}',
    ]);
  });

  it('an axis with one index left keeps it; an instance of zeros shrinks by fields only', () => {
    expect(show(simplifications(inst({ vStar: [0], g: [0] }), THEORY_VOCABULARY))).toEqual(['{"g":[0]}', '{"vStar":[0]}']);
  });
});

describe('the shrinkable arbitrary', () => {
  const valid = (x: Instance) => 'vStar' in x;

  it('an instance without context shrinks by the valid instance-level steps alone', () => {
    const arb = shrinkable(fc.constant(inst({ vStar: [1] })), { valid });
    expect(arb.canShrinkWithoutContext(inst({ vStar: [2] }))).toBe(true);
    expect(arb.canShrinkWithoutContext([1, 2])).toBe(false);
    expect(arb.canShrinkWithoutContext(null)).toBe(false);
    expect(arb.canShrinkWithoutContext(3)).toBe(false);
    const steps = [...arb.shrink(inst({ vStar: [2], g: [1] }), undefined)].map((v) => JSON.stringify(v.value));
    // Dropping vStar is invalid and filtered away; the rest in the documented order.
    expect(steps).toEqual(['{"vStar":[2]}', '{"vStar":[0],"g":[1]}', '{"vStar":[1],"g":[1]}', '{"vStar":[-1],"g":[1]}', '{"vStar":[2],"g":[0]}']);
  });

  /**
   * Check `vStar[0] >= 10 || vStar[0] === −1` (false means a failure) on draws 10..18 and record
   * every instance fast-check tries. The generator's own shrinks stay within 10..18; −1 is
   * reachable only by an instance-level step (simplerNumbers(10) offers 0, 1, −1, …).
   */
  function shrinkRun(valid: (x: Instance) => boolean) {
    const gen = fc.integer({ min: 10, max: 18 }).map((k) => inst({ vStar: [k] }));
    const tried: number[] = [];
    const out = fc.check(
      fc.property(shrinkable(gen, { valid: (x) => Array.isArray(x.vStar) && valid(x) }), (x) => {
        const v = (x.vStar as number[])[0];
        tried.push(v);
        return !(v >= 10 || v === -1);
      }),
      { seed: SUITE_SEED, numRuns: 5 },
    );
    return { tried, min: ((out.counterexample?.[0] as Instance | undefined)?.vStar as number[] | undefined)?.[0] };
  }

  it("a drawn instance shrinks by its generator's own steps first, then by the instance-level ones", () => {
    const { tried, min } = shrinkRun(() => true);
    expect(tried[0]).toBeGreaterThanOrEqual(10);
    // The first candidate after the failing draw is the generator's (its minimum, 10), not 0.
    expect(tried[1]).toBe(10);
    expect(min).toBe(-1);
  });

  it("the generator's shrinking goes on after its first step: a value it shrank to keeps its context", () => {
    // Failing from 500 up, drawn in 10..1000: the integer shrinker bisects towards 500 over
    // several steps, each from the value the previous step kept. Instance-level steps from any
    // value above 500 offer only small integers (0, ±1, …, ±4), which pass, so only the
    // generator's own steps, carried on, can reach 500 itself.
    const gen = fc.integer({ min: 10, max: 1000 }).map((k) => inst({ vStar: [k] }));
    const out = fc.check(
      fc.property(shrinkable(gen, { valid: (x) => Array.isArray(x.vStar) }), (x) => (x.vStar as number[])[0] < 500),
      { seed: SUITE_SEED, numRuns: 100 },
    );
    expect(out.failed).toBe(true);
    expect((out.counterexample![0] as Instance).vStar).toEqual([500]);
  });

  it('instance-level steps the validity predicate rejects are never tried', () => {
    const { tried, min } = shrinkRun((x) => (x.vStar as number[])[0] !== -1);
    expect(tried).not.toContain(-1);
    expect(min).toBe(10);
  });
});
