import { validateInstance, type Instance } from '../instance/reader.ts';
import { HarnessError, InputError } from '../numeric/errors.ts';
import { vocabularyOf } from './family.ts';
import { holds, type Evaluation, type Tag, type TheoremPart } from './types.ts';

export interface Verdict extends Evaluation {
  readonly holds: boolean;
}

/**
 * Evaluate a part on an instance, with the suite's numeric discipline: the instance is
 * validated against the part's vocabulary, and a NaN or ±∞ in the margin, the tolerance or any quantity is a HarnessError.
 */
export function evaluatePart(part: TheoremPart, raw: unknown, inForce: ReadonlySet<Tag>): Verdict {
  return evaluateValidated(part, validateInstance(raw, vocabularyOf(part)), inForce);
}

/**
 * The same, for an instance already validated against the part's vocabulary (the runner's
 * trials validate before checking tags, and every draw would otherwise be validated twice).
 */
export function evaluateValidated(part: TheoremPart, inst: Instance, inForce: ReadonlySet<Tag>): Verdict {
  let e: Evaluation;
  try {
    e = part.evaluate(inst, inForce);
  } catch (err) {
    if (err instanceof InputError || err instanceof HarnessError) throw err;
    throw new HarnessError(`${part.id}: evaluation crashed: ${(err as Error).message}`);
  }
  if (!Number.isFinite(e.margin)) throw new HarnessError(`${part.id}: margin is not finite (${e.margin})`);
  if (!(e.tol >= 0 && Number.isFinite(e.tol))) throw new HarnessError(`${part.id}: tolerance is not a finite non-negative number (${e.tol})`);
  for (const [k, v] of Object.entries(e.quantities))
    if (!Number.isFinite(v)) throw new HarnessError(`${part.id}: quantity ${k} is not finite (${v})`);
  return { ...e, holds: holds(e) };
}
