/**
 * The two ways a run can go wrong without saying anything about a theorem.
 *
 * - `InputError`: what the user handed us is malformed (bad JSON, wrong shape, Σ not SPD …).
 * - `HarnessError`: our own numerics produced NaN or ±∞. By DEVELOPERS.md this is never a pass
 *   and never a counterexample, so it gets its own type that every runner reports separately.
 */
export class InputError extends Error {
  override readonly name: string = 'InputError';
}

/**
 * A theorem family, variant, tag or field declared wrongly (a duplicate id, a tag that clashes
 * with THEORY's, a malformed field). It is the author's input that is wrong, so it is reported
 * like bad input: one line naming the files involved, exit status 2.
 */
export class DefinitionError extends InputError {
  override readonly name = 'DefinitionError';
}

export class HarnessError extends Error {
  override readonly name = 'HarnessError';
}

/** Throws a HarnessError naming `what` unless `x` is a finite number. */
export function finite(x: number, what: string): number {
  if (!Number.isFinite(x)) throw new HarnessError(`${what} is not finite (${x})`);
  return x;
}
