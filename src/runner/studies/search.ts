/**
 * A seeded, derivative-free maximiser with a fixed budget of evaluations, for the studies'
 * "largest value per cell": a quarter of the budget on random starting points, the rest on a
 * (1+1) evolution strategy with the one-fifth success rule from the best few of them. The
 * objective may return NaN or −∞ for an inadmissible point (it is never chosen). Same seed, same
 * budget: same points, same answer.
 */
import type { Rng } from '../../numeric/rng.ts';

export interface SearchResult {
  readonly x: number[];
  readonly value: number;
  readonly evaluations: number;
}

export function maximise(f: (x: number[]) => number, dim: number, rng: Rng, budget: number, opts: { spread?: number; starts?: readonly number[][] } = {}): SearchResult {
  const spread = opts.spread ?? 1.5;
  let evaluations = 0;
  const score = (x: number[]): number => {
    evaluations++;
    const v = f(x);
    return Number.isNaN(v) ? -Infinity : v;
  };
  const pool: { x: number[]; value: number }[] = [];
  for (const x of opts.starts ?? []) pool.push({ x: [...x], value: score(x) });
  const randomBudget = Math.max(1, Math.floor(budget / 4));
  while (evaluations < randomBudget) {
    const x = Array.from({ length: dim }, () => spread * rng.normal());
    pool.push({ x, value: score(x) });
  }
  pool.sort((a, b) => b.value - a.value);
  let best = pool[0];
  const climbs = pool.slice(0, 3);
  const perClimb = Math.max(1, Math.floor((budget - evaluations) / climbs.length));
  for (const start of climbs) {
    let cur = start;
    let step = 0.5;
    const stop = evaluations + perClimb;
    let window = 0;
    let successes = 0;
    while (evaluations < stop && step > 1e-6) {
      const x = cur.x.map((xi) => xi + step * rng.normal());
      const value = score(x);
      window++;
      if (value > cur.value) {
        cur = { x, value };
        successes++;
      }
      if (window === 10) {
        // One-fifth rule: widen while more than one step in five succeeds, narrow otherwise.
        step *= successes > 2 ? 1.5 : 0.6;
        window = 0;
        successes = 0;
      }
    }
    if (cur.value > best.value) best = cur;
  }
  return { x: best.x, value: best.value, evaluations };
}
