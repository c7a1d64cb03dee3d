// Generators honour their tags: for every part and every subset of its tags dropped, every
// drawn instance meets each tag that remains in force. A draw outside its tags is a harness
// error in every run (src/runner/trial.ts), never a theorem failure; this checks the generators
// directly, on every subset, so a variant whose generator ignores a tag is caught here.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadRegistry } from '../src/theorems/registry.ts';
import { tagsInForce, unmetTags } from '../src/theorems/tags.ts';
import { SUITE_SEED } from './support/suite.ts';

const registry = await loadRegistry();

/** Every subset of `xs`. */
const subsets = <T>(xs: readonly T[]): T[][] => xs.reduce<T[][]>((acc, x) => [...acc, ...acc.map((s) => [...s, x])], [[]]);

const cases = registry.parts.flatMap((part) => subsets(part.tags).map((dropped) => ({ part, dropped })));

describe('every generator honours the tags in force', () => {
  it.each(cases.map((c) => [`${c.part.id}${c.dropped.length ? ` −${c.dropped.join(',')}` : ''}`, c] as const))('%s', (_, { part, dropped }) => {
    const inForce = tagsInForce(part, dropped);
    // Monte Carlo parts are cheap to draw from: only the generator runs here, not the check.
    for (const inst of fc.sample(part.arbitrary(inForce), { seed: SUITE_SEED, numRuns: 60 }))
      expect(unmetTags(part, inst, inForce), JSON.stringify(inst)).toEqual([]);
  });

  it('a generator that ignores a tag is caught', () => {
    const T2a = registry.getPart('T2.a');
    // Draw with `isotropic` dropped, but claim it is in force: some Σ ≠ I must be found.
    const wide = fc.sample(T2a.arbitrary(tagsInForce(T2a, ['isotropic'])), { seed: SUITE_SEED, numRuns: 60 });
    expect(wide.some((inst) => unmetTags(T2a, inst, tagsInForce(T2a)).includes('isotropic'))).toBe(true);
  });
});
