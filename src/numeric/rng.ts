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

/** Where makeRng keeps each part of its state. */
const C = 0;
const S0 = 1;
const S1 = 2;
const S2 = 3;
const SPARE = 4;
const HELD = 5;

export function makeRng(seed: number | string): Rng {
  // Alea: seedrandom's fast generator (about 4× the default ARC4 here); Monte Carlo checks
  // draw millions of numbers and need speed more than cryptographic quality. seedrandom seeds
  // it (Baagoe's Mash) and hands over its state; the recurrence then runs here, the same
  // arithmetic in the same order as seedrandom's `next` (so the same stream, bit for bit:
  // properties/model/rng.test.ts), without a property store per draw: T3.c's Monte Carlo draws
  // 160 000 normals per check. The state (c, s0, s1, s2, then the polar method's spare
  // variate and whether it is held) lives in one Float64Array: a double kept in a closure
  // variable is a boxed heap number, so each draw would allocate one (a third of the cost of
  // a normal, and the garbage collector's work), where an element of a Float64Array is stored
  // in place, exactly.
  const state = seedrandom().alea(String(seed), { state: true }).state() as { c: number; s0: number; s1: number; s2: number };
  const st = new Float64Array([state.c, state.s0, state.s1, state.s2, 0, 0]);
  const next = (): number => {
    const t = 2091639 * st[S0] + st[C] * 2.3283064365386963e-10; // 2^-32
    st[S0] = st[S1];
    st[S1] = st[S2];
    const c = t | 0;
    st[C] = c;
    const s2 = t - c;
    st[S2] = s2;
    return s2;
  };
  return {
    // seedrandom's prng.double: 53 bits from two draws.
    uniform: () => next() + ((next() * 0x200000) | 0) * 1.1102230246251565e-16, // 2^-53
    normal() {
      // Marsaglia's polar method (no trigonometry), keeping the second variate for the next call.
      if (st[HELD] !== 0) {
        st[HELD] = 0;
        return st[SPARE];
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
      st[SPARE] = y * f;
      st[HELD] = 1;
      return x * f;
    },
  };
}
