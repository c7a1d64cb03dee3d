/**
 * Independent re-confirmation of a witness before it is stored, apart from the search that
 * found it: re-read from its JSON text and re-evaluated, and perturbed.
 */
import { leaves, withLeaf } from '../instance/layout.ts';
import type { Instance } from '../instance/reader.ts';
import { HarnessError } from '../numeric/errors.ts';
import { evaluatePart, type Verdict } from '../theorems/evaluate.ts';
import { vocabularyOf } from '../theorems/family.ts';
import { unmetTags } from '../theorems/tags.ts';
import type { Tag, TheoremPart } from '../theorems/types.ts';

type Obj = Record<string, unknown>;

/**
 * How far below zero a shrunk witness must stay, whatever the first violation was: a first
 * draw that misses by 50 must not hold its witness to a miss of 12.5 (a quarter of it), which
 * keeps big numbers in; 1/64 is far beyond every tolerance the parts use, so it is never the
 * edge of one.
 */
export const ROBUST_FLOOR = 1 / 64;

/**
 * A violation well beyond the tolerance (twice it), and, once shrinking has started from a
 * first margin m0, by at least a quarter of m0 or ROBUST_FLOOR, whichever is smaller: so that
 * simplification cannot walk a witness to the edge of the tolerance.
 */
export function robustViolation(v: Verdict, startMargin = v.margin): boolean {
  return !v.holds && v.margin < -(2 * v.tol + 1e-9) && v.margin <= Math.max(0.25 * startMargin, -ROBUST_FLOOR);
}

export interface Confirmation {
  /** The JSON round-trip re-evaluates to a robust violation, with every tag in force met. */
  readonly reproduces: boolean;
  /**
   * The round-trip copy's verdict: what a store record keeps, since the copy is what replay
   * reads back (the search's own verdict can differ where JSON loses something, e.g. −0 → 0).
   */
  readonly verdict?: Verdict;
  /** Share of randomly perturbed copies (relative 1e-6) that still violate the claim. */
  readonly perturbationSurvival: number;
  /** Harness errors met on the way (never a witness, never silent: the hunt reports them). */
  readonly harnessErrors?: readonly string[];
}

/**
 * Independent re-confirmation before a witness is stored: re-read from its JSON text (no shared
 * objects with the search), and perturbed: each number moved by a relative 1e-6 in a seeded
 * random direction. A witness whose violation lives only at an exact boundary survives few
 * perturbations; that is recorded, not hidden (some claims, such as premises of the form
 * w = λv*, are exact by nature).
 */
export function confirm(part: TheoremPart, inst: Instance, inForce: ReadonlySet<Tag>, trials = 16): Confirmation {
  const copy = JSON.parse(JSON.stringify(inst)) as Instance;
  const harnessErrors: string[] = [];
  let reproduces = false;
  let verdict: Verdict | undefined;
  try {
    verdict = evaluatePart(part, copy, inForce);
    // Robust, not merely violated: a witness stored at the edge of its tolerance would fail
    // its own replay on the next machine's rounding.
    reproduces = robustViolation(verdict) && unmetTags(part, copy, inForce).length === 0;
  } catch (e) {
    // A witness that no longer evaluates does not reproduce; a harness error is also said.
    if (e instanceof HarnessError) harnessErrors.push(`re-confirmation: ${e.message}`);
  }
  let survived = 0;
  let state = 0x9e3779b9;
  const rand = () => {
    state = (Math.imul(state ^ (state >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0;
    return state / 2 ** 32 - 0.5;
  };
  // Counts and seeds (fields declared discrete) are not real numbers: never perturbed.
  const vocab = vocabularyOf(part);
  const continuous = leaves(copy).filter((l) => !vocab.get(String(l.path[0]))?.discrete);
  for (let t = 0; t < trials; t++) {
    let x = copy as Obj;
    for (const leaf of continuous) x = withLeaf(x, leaf.path, leaf.value + 2e-6 * rand() * Math.max(1, Math.abs(leaf.value)), vocab);
    try {
      if (!evaluatePart(part, x, inForce).holds) survived++;
    } catch (e) {
      // A perturbation that leaves the valid domain (an InputError) counts as not surviving;
      // a harness error counts the same, and is reported.
      if (e instanceof HarnessError) harnessErrors.push(`perturbation ${t}: ${e.message}`);
    }
  }
  return { reproduces, ...(verdict ? { verdict } : {}), perturbationSurvival: survived / trials, ...(harnessErrors.length ? { harnessErrors } : {}) };
}
