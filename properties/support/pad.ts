import type { Vocabulary } from '../../src/instance/fields.ts';
import type { Instance } from '../../src/instance/reader.ts';

type Json = unknown;

/** A zero of the same shape as `x` (numbers become 0, arrays keep their lengths). */
const zeroLike = (x: Json): Json => (Array.isArray(x) ? x.map(zeroLike) : typeof x === 'number' ? 0 : x);

function padAlong(x: Json, axes: readonly string[], extra: number): Json {
  if (!Array.isArray(x) || axes.length === 0) return x;
  const [head, ...rest] = axes;
  const inner = x.map((y) => padAlong(y, rest, extra));
  if (head !== 'd') return inner;
  return [...inner, ...Array.from({ length: extra }, () => zeroLike(inner[0]))];
}

/**
 * The instance embedded in `extra` more dimensions of R^d: every field along axis d gets zero
 * coordinates, except that Σ gets an identity block (it must stay positive definite) and a
 * structured Σ's diagonal gets ones. The claim's quantities are those of the original instance.
 */
export function padDimension(inst: Instance, extra: number, vocab: Vocabulary): Instance {
  const out: Record<string, Json> = { ...inst };
  for (const spec of vocab.arrays()) {
    const [field, member] = spec.name.split('.');
    const v = member === undefined ? out[field] : (out[field] as Record<string, Json> | undefined)?.[member];
    if (v === undefined || !spec.axes?.includes('d')) continue;
    let padded = padAlong(v, spec.axes, extra) as Json;
    if (spec.name === 'Sigma') {
      const S = padded as number[][];
      const d = S.length;
      padded = S.map((row, i) => row.map((x, j) => (i >= d - extra && i === j ? 1 : x)));
    }
    if (spec.name === 'SigmaDiag') padded = (padded as number[]).map((x, i, a) => (i >= a.length - extra ? 1 : x));
    if (member === undefined) out[field] = padded;
    else out[field] = { ...(out[field] as Record<string, Json>), [member]: padded };
  }
  return out as Instance;
}
