/**
 * Which axis each level of each instance field runs along (THEORY §4). Removing index i of an
 * axis removes it from every field that runs along that axis, so the instance stays coherent:
 * dropping coordinate i of R^d deletes entry i of every vector, row and column i of Σ and of
 * Q, coordinate i of every spanning vector and row i of Φ. This is what lets the minimiser
 * take dimensions away after fast-check has shrunk as far as it can.
 */
export type Axis = string;

export const LAYOUT: Readonly<Record<string, readonly Axis[]>> = {
  vStar: ['d'], g: ['d'], w: ['d'], u: ['d'], r: ['d'], mu: ['d'], SigmaDiag: ['d'],
  Sigma: ['d', 'd'],
  SigmaFactor: ['sigmaRank', 'd'],
  basis: ['k', 'd'],
  values: ['m', 'd'], lambda: ['m'],
  latentDirections: ['K', 'd'], alpha: ['K'],
  constitutions: ['T', '*', 'd'],
  Phi: ['d', 'latent'], PhiExtra: ['dExtra', 'latent'], PhiLarge: ['dLarge', 'latent'], wStar: ['latent'],
  'judge.Q': ['d', 'd'],
};

/** Fields whose matrices are symmetric: an entry and its mirror change together. */
export const SYMMETRIC = new Set(['Sigma', 'judge.Q']);

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
export function axisLength(inst: Record<string, Json>, axis: Axis): number {
  let n = 0;
  for (const [field, axes] of Object.entries(LAYOUT)) {
    let x = getPath(inst, field);
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

export const AXES: readonly Axis[] = [...new Set(Object.values(LAYOUT).flat().filter((a) => a !== '*'))];

/** The instance with index i of `axis` removed from every field along it. */
export function removeIndex(inst: Record<string, Json>, axis: Axis, i: number): Record<string, Json> {
  const out: Record<string, Json> = { ...inst };
  for (const [field, axes] of Object.entries(LAYOUT)) {
    const v = getPath(inst, field);
    if (v !== undefined && axes.includes(axis)) setPath(out, field, removeAlong(v, axes, axis, i));
  }
  return out;
}

/** The representation dimension d of an instance (the largest extent of axis `d`). */
export const dimension = (inst: Record<string, Json>): number => axisLength(inst, 'd');

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
export function withLeaf(inst: Record<string, Json>, path: readonly (string | number)[], value: number): Record<string, Json> {
  let out = setLeaf(inst, path, value) as Record<string, Json>;
  const field = typeof path[1] === 'string' ? `${path[0]}.${path[1]}` : String(path[0]);
  const depth = field.includes('.') ? 2 : 1;
  if (SYMMETRIC.has(field) && path.length === depth + 2) {
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
export function simplicity(inst: Record<string, Json>): [number, number, number] {
  const ls = leaves(inst);
  return [dimension(inst), ls.reduce((s, l) => s + numberComplexity(l.value), 0), JSON.stringify(inst).length];
}

export const simpler = (a: [number, number, number], b: [number, number, number]): boolean =>
  a[0] !== b[0] ? a[0] < b[0] : a[1] !== b[1] ? a[1] < b[1] : a[2] < b[2];
