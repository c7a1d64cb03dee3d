/**
 * The instance-level simplifications, in order of value to a reader of a witness:
 *   1. remove an index of an axis (a dimension of R^d, a spanning vector, an objective …), from
 *      every field along that axis at once;
 *   2. remove a field (μ, Σ, f … back to their defaults);
 *   3. replace a number by a simpler one (0, ±1, ±2, ±3, ±1/2, then roundings).
 * Each step makes the instance strictly simpler (fewer indices, fewer fields, or a number of
 * lower complexity), so shrinking by them always ends. Whether a step keeps the instance valid
 * is not decided here: the arbitrary filters the steps through its `valid` predicate.
 */
import type { Vocabulary } from '../../instance/fields.ts';
import { axisLength, leaves, numberComplexity, removeIndex, withLeaf } from '../../instance/layout.ts';
import type { Instance } from '../../instance/reader.ts';

type Obj = Record<string, unknown>;

/** Simpler numbers to try in place of x, simplest first (only those simpler than x are used). */
export function simplerNumbers(x: number): number[] {
  const out = [0, 1, -1, 2, -2, 3, -3, 1 / 2, -1 / 2, 4, -4, Math.round(x), Math.round(2 * x) / 2, Math.round(4 * x) / 4, Math.round(8 * x) / 8];
  const current = numberComplexity(x);
  return [...new Set(out)].filter((c) => numberComplexity(c) < current).sort((a, b) => numberComplexity(a) - numberComplexity(b));
}

/** Every one-step simplification of `inst`, lazily, in the order above. */
export function* simplifications(inst: Instance, vocab: Vocabulary): Generator<Instance> {
  const x = inst as Obj;
  for (const axis of vocab.axes()) {
    const n = axisLength(x, axis, vocab);
    // An axis with one index left cannot lose it: empty vectors are not instances.
    if (n > 1) for (let i = n - 1; i >= 0; i--) yield removeIndex(x, axis, i, vocab) as Instance;
  }
  for (const field of Object.keys(x)) {
    const { [field]: _, ...rest } = x;
    yield rest as Instance;
  }
  for (const leaf of leaves(x)) for (const c of simplerNumbers(leaf.value)) yield withLeaf(x, leaf.path, c, vocab) as Instance;
}
