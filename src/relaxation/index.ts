/**
 * Relaxation paths (issue 11, point 1): one per THEORY tag, each in its own file, and the
 * arbitrary that draws a part's instances with one or two tags relaxed to given degrees. The
 * paths are documented in docs/RELAXATION.md (`rlaif-props map --paths-markdown` writes it).
 */
import fc from 'fast-check';
import type { GenOptions } from '../arbitraries/options.ts';
import type { Instance } from '../instance/reader.ts';
import { InputError } from '../numeric/errors.ts';
import { isBuiltinTag, tagsInForce, unmetTags } from '../theorems/tags.ts';
import type { BuiltinTag, Tag, TheoremPart } from '../theorems/types.ts';
import { convergedPath } from './converged.ts';
import { gaussianLatentsPath } from './gaussian-latents.ts';
import { isotropicPath } from './isotropic.ts';
import { linearJudgePath } from './linear-judge.ts';
import { linearValuePath } from './linear-value.ts';
import { monotoneValuePath } from './monotone-value.ts';
import { nestedPath } from './nested.ts';
import { nonConflictingPath } from './non-conflicting.ts';
import { orthogonalLatentsPath } from './orthogonal-latents.ts';
import type { RelaxationPath } from './types.ts';

export type { RelaxationPath } from './types.ts';

export const PATHS: Readonly<Record<BuiltinTag, RelaxationPath>> = Object.freeze({
  isotropic: isotropicPath,
  'linear-value': linearValuePath,
  'monotone-value': monotoneValuePath,
  converged: convergedPath,
  'gaussian-latents': gaussianLatentsPath,
  'linear-judge': linearJudgePath,
  nested: nestedPath,
  'orthogonal-latents': orthogonalLatentsPath,
  'non-conflicting': nonConflictingPath,
});

/** One tag relaxed to degree λ ∈ [0, 1]. */
export interface Relaxed {
  readonly tag: Tag;
  readonly lambda: number;
}

/** The path of a tag; a variant's own tag has none (a clear error). */
export function pathOf(tag: Tag): RelaxationPath {
  if (!isBuiltinTag(tag)) throw new InputError(`tag "${tag}" has no relaxation path (paths exist for THEORY's tags: ${Object.keys(PATHS).join(', ')})`);
  return PATHS[tag];
}

/**
 * The tags a draw along `relaxed` is evaluated under: the part's tags, less every relaxed tag
 * whose λ is above 0 (at λ = 0 the tag holds and stays in force; `converged`, a mode of
 * evaluation, is the one whose λ = 0 changes the claim's meaning rather than the instance).
 */
export function inForceAlong(part: TheoremPart, relaxed: readonly Relaxed[]): Set<Tag> {
  return tagsInForce(part, relaxed.filter((r) => r.lambda > 0).map((r) => r.tag));
}

/**
 * Instances of `part` meeting every tag in force but the relaxed ones, each relaxed tag moved
 * to its degree λ along its path. The draw comes from the part's generator with the
 * `from: 'dropped'` tags dropped (the `from: 'held'` tags stay in force for the draw and are
 * pushed away by their path), so λ = 1 for every relaxed tag of the first kind is the widened
 * generator itself.
 */
export function relaxedArbitrary(part: TheoremPart, relaxed: readonly Relaxed[], opts?: GenOptions): fc.Arbitrary<Instance> {
  // A relaxed draw that breaks another tag in force (Σ^λ changes what R1n's sample-size tag
  // reads, say) is not on the path: filtered out. properties/relaxation.test.ts bounds how
  // often that happens, so that the filter never carries the generator.
  const inForce = inForceAlong(part, relaxed);
  return unfilteredRelaxedArbitrary(part, relaxed, opts).filter((inst) => unmetTags(part, inst, inForce).length === 0);
}

/** The same draws before the filter (to measure how many the filter drops). */
export function unfilteredRelaxedArbitrary(part: TheoremPart, relaxed: readonly Relaxed[], opts?: GenOptions): fc.Arbitrary<Instance> {
  for (const r of relaxed) {
    if (!(r.lambda >= 0 && r.lambda <= 1)) throw new InputError(`λ of ${r.tag}: expected a number in [0, 1], got ${r.lambda}`);
    pathOf(r.tag);
  }
  const paths = relaxed.map((r) => ({ path: pathOf(r.tag), lambda: r.lambda }));
  const drawFrom = tagsInForce(part, paths.filter((p) => p.path.from === 'dropped').map((p) => p.path.tag));
  return part.arbitrary(drawFrom, opts).map((inst) => paths.reduce((acc, p) => p.path.relax(acc, p.lambda), inst));
}
