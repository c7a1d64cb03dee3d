// The seeded generator behind every Monte Carlo check runs Alea's recurrence itself, from the
// state seedrandom's seeding hands it. It must be seedrandom's stream bit for bit: every stored
// witness of a Monte Carlo part replays from it, and a stream that drifted by one draw would
// silently re-roll their margins.
import { fc, test } from '@fast-check/vitest';
import { createRequire } from 'node:module';
import { expect } from 'vitest';
import { makeRng } from '../../src/numeric/rng.ts';

const seedrandom = createRequire(import.meta.url)('seedrandom') as { alea(seed: string): { (): number; double(): number } };

/** The generator as it was written over seedrandom's own prng (the reference). */
function reference(seed: string) {
  const prng = seedrandom.alea(seed);
  let spare: number | undefined;
  return {
    uniform: () => prng.double(),
    normal(): number {
      if (spare !== undefined) {
        const s = spare;
        spare = undefined;
        return s;
      }
      let x: number;
      let y: number;
      let r: number;
      do {
        x = 2 * prng() - 1;
        y = 2 * prng() - 1;
        r = x * x + y * y;
      } while (r >= 1 || r === 0);
      const f = Math.sqrt((-2 * Math.log(r)) / r);
      spare = y * f;
      return x * f;
    },
  };
}

test.prop([fc.oneof(fc.string(), fc.integer().map(String)), fc.array(fc.boolean(), { minLength: 1, maxLength: 3000 })], { numRuns: 50, seed: 23 })(
  'makeRng draws exactly seedrandom Alea’s stream, uniforms and normals interleaved in any order',
  (seed, order) => {
    const ours = makeRng(seed);
    const theirs = reference(seed);
    for (const normal of order) {
      const a = normal ? ours.normal() : ours.uniform();
      const b = normal ? theirs.normal() : theirs.uniform();
      expect(Object.is(a, b)).toBe(true);
    }
  },
);
