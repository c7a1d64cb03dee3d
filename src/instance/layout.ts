/**
 * An instance's array fields laid along their axes (fields.ts declares which level of which
 * field runs along which axis). Removing index i of an axis removes it from every field that
 * runs along it, so the instance stays coherent: dropping coordinate i of R^d deletes entry i
 * of every vector, row and column i of Σ and of Q, coordinate i of every spanning vector and
 * row i of Φ. The shrinker (src/arbitraries/shrinkable.ts) takes dimensions away with this.
 */
import { THEORY_VOCABULARY, type Axis, type Vocabulary } from './fields.ts';

type Json = unknown;

function getPath(inst: Record<string, Json>, field: string): Json {
  const [a, b] = field.split('.');
  const v = inst[a];
  return b === undefined ? v : (v as Record<string, Json> | undefined)?.[b];
}

function setPath(inst: Record<string, Json>, field: string, value: Json): void {
  const [a, b] = field.split('.');
  if (b === undefined) inst[a] = value;
  else inst[a] = { ...(inst[a] as Record<string, Json>), [b]: value };
}

/** Remove index i along `axis` wherever it occurs in `x`, whose levels run along `axes`. */
function removeAlong(x: Json, axes: readonly Axis[], axis: Axis, i: number): Json {
  if (!Array.isArray(x) || axes.length === 0) return x;
  const [head, ...rest] = axes;
  const kept = head === axis ? x.filter((_, j) => j !== i) : x;
  return kept.map((y) => removeAlong(y, rest, axis, i));
}

/** Length of `axis` in the instance (0 when no field runs along it). */
export function axisLength(inst: Record<string, Json>, axis: Axis, vocab: Vocabulary = THEORY_VOCABULARY): number {
  let n = 0;
  for (const { name, axes = [] } of vocab.arrays()) {
    let x = getPath(inst, name);
    for (const a of axes) {
      if (!Array.isArray(x)) break;
      if (a === axis) {
        n = Math.max(n, x.length);
        break;
      }
      x = x[0];
    }
  }
  return n;
}

/** The instance with index i of `axis` removed from every field along it. */
export function removeIndex(inst: Record<string, Json>, axis: Axis, i: number, vocab: Vocabulary = THEORY_VOCABULARY): Record<string, Json> {
  const out: Record<string, Json> = { ...inst };
  for (const { name, axes = [] } of vocab.arrays()) {
    const v = getPath(inst, name);
    if (v !== undefined && axes.includes(axis)) setPath(out, name, removeAlong(v, axes, axis, i));
  }
  return out;
}

/** The representation dimension d of an instance (the largest extent of axis `d`). */
export const dimension = (inst: Record<string, Json>, vocab: Vocabulary = THEORY_VOCABULARY): number => axisLength(inst, 'd', vocab);

/** Every numeric leaf, as a path of keys and indices, with a setter that keeps symmetry. */
export interface Leaf {
  readonly path: readonly (string | number)[];
  readonly value: number;
}

export function leaves(x: Json, path: (string | number)[] = []): Leaf[] {
  if (typeof x === 'number') return [{ path, value: x }];
  if (Array.isArray(x)) return x.flatMap((y, i) => leaves(y, [...path, i]));
  if (typeof x === 'object' && x !== null) return Object.entries(x).flatMap(([k, y]) => leaves(y, [...path, k]));
  return [];
}

function setLeaf(x: Json, path: readonly (string | number)[], value: number): Json {
  if (path.length === 0) return value;
  const [h, ...rest] = path;
  if (Array.isArray(x)) return x.map((y, i) => (i === h ? setLeaf(y, rest, value) : y));
  const o = x as Record<string, Json>;
  return { ...o, [h]: setLeaf(o[h as string], rest, value) };
}

/** Set one number (and its mirror, in a symmetric matrix). */
export function withLeaf(inst: Record<string, Json>, path: readonly (string | number)[], value: number, vocab: Vocabulary = THEORY_VOCABULARY): Record<string, Json> {
  let out = setLeaf(inst, path, value) as Record<string, Json>;
  const field = typeof path[1] === 'string' ? `${path[0]}.${path[1]}` : String(path[0]);
  const depth = field.includes('.') ? 2 : 1;
  if (vocab.get(field)?.symmetric && path.length === depth + 2) {
    const [i, j] = path.slice(depth) as number[];
    if (i !== j) out = setLeaf(out, [...path.slice(0, depth), j, i], value) as Record<string, Json>;
  }
  return out;
}

/**
 * How complicated a number is to read: 0 for 0, |n| for an integer, more for dyadic
 * fractions p/2^k, and much more for anything else.
 */
export function numberComplexity(x: number): number {
  if (Number.isInteger(x)) return Math.abs(x);
  for (let k = 1; k <= 6; k++) {
    const p = x * 2 ** k;
    if (Number.isInteger(p)) return Math.abs(p) / 2 ** k + 4 * k;
  }
  return 1000;
}

/** Order instances by simplicity: dimension first, then total number complexity, then size. */
export function simplicity(inst: Record<string, Json>, vocab: Vocabulary = THEORY_VOCABULARY): [number, number, number] {
  const ls = leaves(inst);
  return [dimension(inst, vocab), ls.reduce((s, l) => s + numberComplexity(l.value), 0), JSON.stringify(inst).length];
}

export const simpler = (a: [number, number, number], b: [number, number, number]): boolean =>
  a[0] !== b[0] ? a[0] < b[0] : a[1] !== b[1] ? a[1] < b[1] : a[2] < b[2];
