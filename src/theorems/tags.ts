import { Reader, type Instance } from '../instance/reader.ts';
import { isIdentity } from '../linalg/covariance.ts';
import { inner } from '../linalg/covariance.ts';
import { dot } from '../linalg/vec.ts';
import { kindsOf } from '../instance/fields.ts';
import { InputError } from '../numeric/errors.ts';
import type { BuiltinTag, Tag, TagDefinition, TagRule, TheoremPart } from './types.ts';

/**
 * THEORY's tags and what meeting each means. Frozen: a variant's own tags live in its family
 * (`defineFamily({ defines: { tags } })`), never here, so importing a variant changes nothing
 * for anybody else.
 */
export const THEORY_TAGS: Readonly<Record<BuiltinTag, TagRule>> = Object.freeze<Record<BuiltinTag, TagRule>>({
  isotropic: {
    meaning: 'Σ = I',
    meets: (inst) => {
      const r = new Reader(inst);
      if (!r.has('Sigma') && !r.has('SigmaDiag')) return true;
      const d = (r.has('Sigma') ? r.vecs('Sigma') : [r.vec('SigmaDiag')]).at(0)!.length;
      return isIdentity(r.covariance(d));
    },
  },
  'linear-value': {
    meaning: 'f is the identity',
    meets: (inst) => new Reader(inst).link().spec.kind === 'identity',
  },
  'monotone-value': {
    meaning: 'f strictly increasing',
    meets: (inst) => new Reader(inst).link().monotone,
  },
  converged: {
    // A mode of evaluation (β → 0), not a property of the instance: any instance qualifies.
    meaning: 'the policy is trained to convergence (β → 0)',
    meets: () => true,
  },
  'gaussian-latents': {
    meaning: 'z ~ N(0, I)',
    meets: (inst) => !('latents' in inst) || new Reader(inst).kind('latents', kindsOf('latents')).kind === 'gaussian',
  },
  'linear-judge': {
    meaning: 'judges score <u,h>',
    meets: (inst) => !('judge' in inst) || new Reader(inst).kind('judge', kindsOf('judge')).kind === 'linear',
  },
  nested: {
    meaning: 'the larger representation contains the smaller one',
    meets: (inst) => !('PhiLarge' in inst),
  },
  'orthogonal-latents': {
    meaning: 'the latent value directions ℓ_k are orthonormal',
    meets: (inst) => {
      if (!('latentDirections' in inst)) return true;
      const L = new Reader(inst).vecs('latentDirections');
      return L.every((a, i) => L.every((b, j) => Math.abs(dot(a, b) - +(i === j)) <= 1e-9));
    },
  },
  'non-conflicting': {
    meaning: '<v_i, v_j>_Σ >= 0 for all i, j',
    meets: (inst) => {
      if (!('values' in inst)) return true;
      const r = new Reader(inst);
      const V = r.vecs('values');
      const S = r.covariance(V[0].length);
      return V.every((a) => V.every((b) => inner(S, a, b) >= 0));
    },
  },
});

/** Where THEORY's tags are declared (named when a variant's tag clashes with one). */
export const THEORY_TAGS_ORIGIN = 'src/theorems/tags.ts';

export const isBuiltinTag = (s: string): s is BuiltinTag => Object.hasOwn(THEORY_TAGS, s);

/** A tag definition: the name, what meeting it means and the check (see defineFamily). */
export function defineTag(name: string, rule: TagRule): TagDefinition {
  return { name, meaning: rule.meaning, meets: rule.meets };
}

/** The rule of tag `name` as `part` reads it: its family's own tags first, then THEORY's. */
export function tagRule(part: Pick<TheoremPart, 'id' | 'ownTags'>, name: Tag): TagRule {
  const own = part.ownTags?.find((t) => t.name === name);
  if (own) return own;
  if (isBuiltinTag(name)) return THEORY_TAGS[name];
  throw new InputError(`${part.id} has no tag "${name}"`);
}

/** The tags of `inForce` that the instance does not meet, as `part` reads them. */
export const unmetTags = (part: Pick<TheoremPart, 'id' | 'ownTags'>, inst: Instance, inForce: Iterable<Tag>): Tag[] =>
  [...inForce].filter((t) => !tagRule(part, t).meets(inst));

/** The tags in force once `dropped` are removed; every dropped tag must belong to the part. */
export function tagsInForce(part: Pick<TheoremPart, 'id' | 'tags' | 'ownTags'>, dropped: readonly string[] = []): Set<Tag> {
  const its = `its tags: ${part.tags.join(', ') || 'none'}`;
  for (const t of dropped) {
    if (part.tags.includes(t)) continue;
    const known = isBuiltinTag(t) || part.ownTags?.some((o) => o.name === t);
    throw new InputError(known ? `${part.id} has no tag "${t}" (${its})` : `unknown tag "${t}" for ${part.id} (${its})`);
  }
  return new Set(part.tags.filter((t) => !dropped.includes(t)));
}
