/**
 * `shrinkable(generator, options)`: the generator with the instance-level simplifications
 * (remove an axis index, drop a field, simpler numbers) as shrink steps after its own. Every
 * run of a part, in CI and in a hunt, draws through it, so there is one shrink loop.
 */
import type fc from 'fast-check';
import { THEORY_VOCABULARY, type Vocabulary } from '../instance/fields.ts';
import type { Instance } from '../instance/reader.ts';
import { ShrinkableInstanceArbitrary } from './_internals/ShrinkableInstanceArbitrary.ts';

export interface ShrinkableOptions {
  /** The fields instances may carry, with their axes (default: THEORY's). */
  readonly vocabulary?: Vocabulary;
  /**
   * Whether a simplified instance is still one the claim speaks about: well-formed, meeting the
   * tags in force. Only valid steps are offered to the shrinker.
   */
  readonly valid: (inst: Instance) => boolean;
}

export function shrinkable(generator: fc.Arbitrary<Instance>, opts: ShrinkableOptions): fc.Arbitrary<Instance> {
  return new ShrinkableInstanceArbitrary(generator, opts.vocabulary ?? THEORY_VOCABULARY, opts.valid);
}

