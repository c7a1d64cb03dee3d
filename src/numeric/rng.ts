import { createRequire } from 'node:module';
import type Seedrandom from 'seedrandom';

// Loaded on the first Monte Carlo check, not when a theorem module is imported: most runs of a
// CLI command (a hunt of T2.c, say) draw no seeded sample at all, and every import is start-up time.
let seedrandomModule: typeof Seedrandom | undefined;
const seedrandom = (): typeof Seedrandom => (seedrandomModule ??= createRequire(import.meta.url)('seedrandom') as typeof Seedrandom);

/** A seeded source of uniform and standard normal numbers (Monte Carlo checks use nothing else). */
export interface Rng {
  uniform(): number;
  normal(): number;
}

export function makeRng(seed: number | string): Rng {
  // Alea: seedrandom's fast generator (about 4× the default ARC4 here); Monte Carlo checks
  // draw millions of numbers and need speed more than cryptographic quality. seedrandom seeds
  // it (Baagoe's Mash) and hands over its state; the recurrence then runs here on four locals,
  // the same arithmetic in the same order as seedrandom's `next` (so the same stream, bit for
  // bit: properties/model/rng.test.ts), without a property store per draw: T3.c's Monte Carlo
  // draws 160 000 normals per check.
  const state = seedrandom().alea(String(seed), { state: true }).state() as { c: number; s0: number; s1: number; s2: number };
  let { c, s0, s1, s2 } = state;
  const next = (): number => {
    const t = 2091639 * s0 + c * 2.3283064365386963e-10; // 2^-32
    s0 = s1;
    s1 = s2;
    c = t | 0;
    s2 = t - c;
    return s2;
  };
  let spare: number | undefined;
  return {
    // seedrandom's prng.double: 53 bits from two draws.
    uniform: () => next() + ((next() * 0x200000) | 0) * 1.1102230246251565e-16, // 2^-53
    normal() {
      // Marsaglia's polar method (no trigonometry), keeping the second variate for the next call.
      if (spare !== undefined) {
        const sp = spare;
        spare = undefined;
        return sp;
      }
      let x: number;
      let y: number;
      let r: number;
      do {
        x = 2 * next() - 1;
        y = 2 * next() - 1;
        r = x * x + y * y;
      } while (r >= 1 || r === 0);
      const f = Math.sqrt((-2 * Math.log(r)) / r);
      spare = y * f;
      return x * f;
    },
  };
}
