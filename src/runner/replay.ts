/**
 * Replaying a stored counterexample: it must still violate its part with its tags dropped and
 * still meet every tag it kept. Used by `npm test` (properties/replay.test.ts) and `rlaif-props replay`.
 */
import { evaluatePart } from '../theorems/evaluate.ts';
import { getPart, tagsInForce } from '../theorems/registry.ts';
import { unmetTags } from '../theorems/tags.ts';
import type { StoredCounterexample } from './store.ts';

export interface ReplayResult {
  readonly reproduces: boolean;
  readonly reason?: string;
  readonly margin: number;
}

export function replay(c: StoredCounterexample): ReplayResult {
  const part = getPart(c.theorem);
  const inForce = tagsInForce(part, c.dropped);
  const unmet = unmetTags(c.instance, inForce);
  const v = evaluatePart(part, c.instance, inForce);
  if (unmet.length) return { reproduces: false, reason: `no longer meets the tags it kept: ${unmet.join(', ')}`, margin: v.margin };
  if (v.holds) return { reproduces: false, reason: `no longer violates ${c.theorem} (margin ${v.margin}, tol ${v.tol})`, margin: v.margin };
  if (Math.abs(v.margin - c.margin) > Math.max(10 * c.tol, 1e-9))
    return { reproduces: false, reason: `margin drifted from ${c.margin} to ${v.margin}`, margin: v.margin };
  return { reproduces: true, margin: v.margin };
}
