import { Reader, type Instance } from '../instance/reader.ts';
import { isIdentity } from '../linalg/covariance.ts';
import { inner } from '../linalg/covariance.ts';
import { dot } from '../linalg/vec.ts';
import type { Tag } from './types.ts';

/**
 * Whether an instance meets a tag's restriction (THEORY §1). The generators are built to
 * respect these; the replay of stored counterexamples re-checks them, so a witness can never
 * quietly violate a tag it claims to keep.
 */
export interface TagRule {
  readonly meaning: string;
  meets(inst: Instance): boolean;
}

export const TAG_MEETS: Record<Tag, TagRule> = {
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
    meets: (inst) => !('latents' in inst) || new Reader(inst).kind('latents', ['gaussian', 'rademacher', 'uniform']).kind === 'gaussian',
  },
  'linear-judge': {
    meaning: 'judges score <u,h>',
    meets: (inst) => !('judge' in inst) || new Reader(inst).kind('judge', ['linear', 'sign', 'tanh', 'quadratic']).kind === 'linear',
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
};

/** The tags of `tags` that the instance does not meet. */
export const unmetTags = (inst: Instance, tags: Iterable<Tag>): Tag[] => [...tags].filter((t) => !TAG_MEETS[t].meets(inst));

export const isTag = (s: string): s is Tag => Object.hasOwn(TAG_MEETS, s);

/**
 * A variant may introduce a tag of its own (for example a sample-size condition); it states
 * what meeting it means, so that replay can re-check stored witnesses against it.
 */
export function registerTag(name: string, rule: TagRule): void {
  if (isTag(name)) throw new Error(`tag "${name}" is already defined`);
  TAG_MEETS[name] = rule;
}
