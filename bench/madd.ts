/**
 * The machine's multiply-add rate, measured in this process by a plain dot-product loop over
 * Float64Arrays (the loop the model's own vector code runs). A cell's arithmetic is reported as
 * a fraction of it, so a figure reads the same on a faster or a busier machine.
 */
export interface MaddRate {
  /** Multiply-adds per second (median of the repeats). */
  readonly perSecond: number;
  /** Length of the vectors: 4096, the dimension of the LLM-sized cells (fits in L2). */
  readonly length: number;
}

export function measureMaddRate(repeats = 7, budgetMs = 60): MaddRate {
  const length = 4096;
  const x = Float64Array.from({ length }, (_, i) => Math.sin(i));
  const y = Float64Array.from({ length }, (_, i) => Math.cos(i));
  const dot = (a: Float64Array, b: Float64Array) => {
    let s = 0;
    for (let i = 0; i < a.length; i++) s += a[i] * b[i];
    return s;
  };
  let sink = 0;
  for (let i = 0; i < 2000; i++) sink += dot(x, y); // warm-up: let the JIT optimise the loop
  const rates: number[] = [];
  for (let r = 0; r < repeats; r++) {
    let n = 0;
    const t = performance.now();
    while (performance.now() - t < budgetMs) {
      for (let i = 0; i < 100; i++) sink += dot(x, y);
      n += 100;
    }
    rates.push((n * length) / ((performance.now() - t) / 1000));
  }
  if (!Number.isFinite(sink)) throw new Error('unreachable: keeps the loop from being optimised away');
  rates.sort((a, b) => a - b);
  return { perSecond: rates[Math.floor(repeats / 2)], length };
}

/**
 * The multiply-adds a run of a rank-k part needs at dimension d, at the least: orthonormalising
 * the k spanning vectors (d·k² by Gram–Schmidt) and a handful of O(d·k) projections and
 * Σ-inner products. Drawing the d·k numbers is not counted: that is the generator's overhead.
 */
export const maddsPerRun = (d: number, k: number): number => d * k * k + 4 * d * k;
