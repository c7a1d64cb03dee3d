/**
 * Replaying a stored counterexample: it must still violate its part with its tags dropped and
 * still meet every tag it kept. Used by `npm test` (properties/replay.test.ts) and `rlaif-props replay`.
 */
import { evaluatePart } from '../theorems/evaluate.ts';
import { InputError } from '../numeric/errors.ts';
import { tagsInForce, unmetTags } from '../theorems/tags.ts';
import type { TheoremPart } from '../theorems/types.ts';
import type { StoredCounterexample } from './store.ts';

export interface ReplayResult {
  readonly reproduces: boolean;
  readonly reason?: string;
  readonly margin: number;
}

/** Replay `c` against `part` (the registry's part of id c.theorem). */
export function replay(c: StoredCounterexample, part: TheoremPart): ReplayResult {
  if (part.id !== c.theorem) throw new InputError(`${c.file}: a witness of ${c.theorem}, not of ${part.id}`);
  const inForce = tagsInForce(part, c.dropped);
  const unmet = unmetTags(part, c.instance, inForce);
  const v = evaluatePart(part, c.instance, inForce);
  if (unmet.length) return { reproduces: false, reason: `no longer meets the tags it kept: ${unmet.join(', ')}`, margin: v.margin };
  if (v.holds) return { reproduces: false, reason: `no longer violates ${c.theorem} (margin ${v.margin}, tol ${v.tol})`, margin: v.margin };
  if (Math.abs(v.margin - c.margin) > Math.max(10 * c.tol, 1e-9))
    return { reproduces: false, reason: `margin drifted from ${c.margin} to ${v.margin}`, margin: v.margin };
  return { reproduces: true, margin: v.margin };
}
