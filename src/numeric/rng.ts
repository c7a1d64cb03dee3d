import seedrandom from 'seedrandom';

/** A seeded source of uniform and standard normal numbers (Monte Carlo checks use nothing else). */
export interface Rng {
  uniform(): number;
  normal(): number;
}

export function makeRng(seed: number | string): Rng {
  // Alea: seedrandom's fast generator (about 4× the default ARC4 here); Monte Carlo checks
  // draw millions of numbers and need speed more than cryptographic quality.
  const prng = seedrandom.alea(String(seed));
  let spare: number | undefined;
  return {
    uniform: () => prng.double(),
    normal() {
      // Box–Muller, keeping the second variate for the next call.
      if (spare !== undefined) {
        const s = spare;
        spare = undefined;
        return s;
      }
      let u = 0;
      while (u === 0) u = prng.double();
      const r = Math.sqrt(-2 * Math.log(u));
      const t = 2 * Math.PI * prng.double();
      spare = r * Math.sin(t);
      return r * Math.cos(t);
    },
  };
}
