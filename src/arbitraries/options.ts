/** Sizes a generator can be asked for: small by default (readable), large for benchmarks. */
export interface GenOptions {
  readonly minDim?: number;
  readonly maxDim?: number;
  /** Number of spanning vectors of the constitution, where the part has one (default: drawn). */
  readonly rank?: number;
  /** Number of latent coordinates m of the latent model (T3, T3s; default: drawn in 1..MAX_LATENT). */
  readonly latentDim?: number;
  /**
   * Draw extreme but valid scales too (src/arbitraries/reach.ts). Set by the family for a part
   * run with any of its tags dropped, where a verdict rests on the widened generator's reach;
   * off under the full tags, whose properties keep their small readable draws.
   */
  readonly reach?: boolean;
}
