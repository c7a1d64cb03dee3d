/**
 * One evaluation of a part on an instance, classified: a verdict; an instance the claim does
 * not speak about (malformed, or outside the tags in force: `outside`); or a harness error.
 * Results are cached per instance object, because the shrinker asks "is this step valid?" and
 * the property then asks "does it violate the claim?" of the same object.
 */
import type { Instance } from '../instance/reader.ts';
import { validateInstance } from '../instance/reader.ts';
import { HarnessError, InputError } from '../numeric/errors.ts';
import { evaluateValidated, type Verdict } from '../theorems/evaluate.ts';
import { vocabularyOf } from '../theorems/family.ts';
import { unmetTags } from '../theorems/tags.ts';
import type { Tag, TheoremPart } from '../theorems/types.ts';

export type Trial =
  | { readonly kind: 'verdict'; readonly verdict: Verdict }
  | { readonly kind: 'outside'; readonly reason: string }
  | { readonly kind: 'harness'; readonly error: HarnessError };

export interface Trials {
  get(inst: Instance): Trial;
  /** The instance is one the claim speaks about (a harness error still counts: it must be seen). */
  valid(inst: Instance): boolean;
}

export function trialsFor(part: TheoremPart, inForce: ReadonlySet<Tag>): Trials {
  const cache = new WeakMap<object, Trial>();
  const vocab = vocabularyOf(part);
  const run = (inst: Instance): Trial => {
    try {
      const valid = validateInstance(inst, vocab);
      const unmet = unmetTags(part, valid, inForce);
      if (unmet.length) return { kind: 'outside', reason: `does not meet tag(s) ${unmet.join(', ')}` };
      return { kind: 'verdict', verdict: evaluateValidated(part, valid, inForce) };
    } catch (e) {
      if (e instanceof InputError) return { kind: 'outside', reason: e.message };
      if (e instanceof HarnessError) return { kind: 'harness', error: e };
      return { kind: 'harness', error: new HarnessError(`${part.id}: ${(e as Error).message}`) };
    }
  };
  const get = (inst: Instance): Trial => {
    let t = cache.get(inst);
    if (!t) cache.set(inst, (t = run(inst)));
    return t;
  };
  return { get, valid: (inst) => get(inst).kind !== 'outside' };
}

/** A generated instance outside the part's domain is the generator's fault: a harness error naming it. */
export const outsideDomain = (part: TheoremPart, inst: Instance, reason: string): HarnessError =>
  new HarnessError(`${part.id}: the generator drew an instance outside the tags in force (${reason}): ${JSON.stringify(inst)}`);
