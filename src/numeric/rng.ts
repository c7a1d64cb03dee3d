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
  // draw millions of numbers and need speed more than cryptographic quality.
  const prng = seedrandom().alea(String(seed));
  let spare: number | undefined;
  return {
    uniform: () => prng.double(),
    normal() {
      // Marsaglia's polar method (no trigonometry), keeping the second variate for the next call.
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
