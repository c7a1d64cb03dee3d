import fc from 'fast-check';
import type { Vocabulary } from '../../instance/fields.ts';
import type { Instance } from '../../instance/reader.ts';
import { simplifications } from './simplifications.ts';

/**
 * What a value remembers: the generator's own value and context while fast-check's shrinker
 * can still work on it. An instance reached by an instance-level step has none, and from then
 * on shrinks by instance-level steps only.
 */
interface Context {
  readonly inner?: fc.Value<Instance>;
}

const isPlainObject = (x: unknown): x is Instance => typeof x === 'object' && x !== null && !Array.isArray(x);

/**
 * A part's generator with the instance-level simplifications as further shrink steps: first
 * everything the generator's own shrinker offers (smaller draws inside the generator's shape),
 * then removing an axis index, a field, or a number's complexity. One shrink loop, fast-check's,
 * so a witness is reached by one seed and one path that replay it.
 */
export class ShrinkableInstanceArbitrary extends fc.Arbitrary<Instance> {
  constructor(
    private readonly inner: fc.Arbitrary<Instance>,
    private readonly vocabulary: Vocabulary,
    private readonly valid: (inst: Instance) => boolean,
  ) {
    super();
  }

  generate(mrng: fc.Random, biasFactor: number | undefined): fc.Value<Instance> {
    const v = this.inner.generate(mrng, biasFactor);
    return new fc.Value(v.value, { inner: v } satisfies Context);
  }

  /** Any instance shrinks by the instance-level steps (stored witnesses, `examples`). */
  canShrinkWithoutContext(value: unknown): value is Instance {
    return isPlainObject(value);
  }

  shrink(value: Instance, context: unknown): fc.Stream<fc.Value<Instance>> {
    const inner = (context as Context | undefined)?.inner;
    const own = fc
      .stream(simplifications(value, this.vocabulary))
      .filter((x) => this.valid(x))
      .map((x) => new fc.Value(x, {} satisfies Context));
    if (!inner) return own;
    const fromGenerator = this.inner.shrink(inner.value, inner.context).map((v) => new fc.Value(v.value, { inner: v } satisfies Context));
    return fromGenerator.join(own);
  }
}
