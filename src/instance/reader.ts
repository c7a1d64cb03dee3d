import { dense, diagLowRank, identity, type Covariance } from '../linalg/covariance.ts';
import { Subspace } from '../linalg/subspace.ts';
import { zeros, type Vec } from '../linalg/vec.ts';
import { InputError } from '../numeric/errors.ts';
import { LINK_KINDS, link, type Link, type LinkSpec } from '../model/link.ts';
import { THEORY_VOCABULARY, type Vocabulary } from './fields.ts';

/** An instance: one flat JSON object in the THEORY §4 format. */
export type Instance = { readonly [field: string]: unknown };

const SUBSPACES = new WeakMap<object, Subspace>();

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * The range of magnitudes an instance may hold: 0, or |x| in [MIN_MAGNITUDE, MAX_MAGNITUDE].
 * Every claim is a short chain of products (Σ-inner products, squared norms, a cubic link), and
 * a product of up to six such numbers stays a normal double (1e±300): an input beyond the range
 * could overflow to ±∞ or underflow to 0 part-way, and a quantity normalised afterwards (a
 * correlation, an orthonormal basis) could then come out finite and wrong, a false pass or a
 * false counterexample. So such a number is rejected up front, naming the field.
 */
export const MAX_MAGNITUDE = 1e50;
export const MIN_MAGNITUDE = 1e-50;

/** Deepest nesting of arrays and objects an instance may have (THEORY §4 needs at most 4). */
export const MAX_DEPTH = 16;

/**
 * Structural validation shared by every theorem: a plain object, no prototype-polluting or
 * unknown keys anywhere, and every number finite and within the supported range. (JSON cannot
 * spell NaN, but it can spell 1e999, which parses to Infinity; a string "NaN" fails later as
 * "expected a number".) Field names are checked against `vocab`: THEORY's, or a variant's own.
 */
export function validateInstance(x: unknown, vocab: Vocabulary = THEORY_VOCABULARY): Instance {
  const inst = validateStructure(x);
  for (const key of Object.keys(inst)) if (!vocab.has(key)) throw new InputError(`instance: unknown field "${key}"`);
  return inst;
}

/**
 * The structural half of validation, for readers that do not know yet which part an instance
 * belongs to (the store): a plain object, no prototype-polluting keys, finite numbers in range.
 */
export function validateStructure(x: unknown): Instance {
  if (typeof x !== 'object' || x === null || Array.isArray(x))
    throw new InputError('instance: expected a JSON object');
  for (const key of Object.keys(x)) if (FORBIDDEN_KEYS.has(key)) throw new InputError(`instance: forbidden key "${key}"`);
  scan(x, 'instance', 0);
  return x as Instance;
}

function scan(x: unknown, path: string, depth: number): void {
  if (typeof x === 'number') {
    checkMagnitude(x, path);
    return;
  }
  if (typeof x !== 'object' || x === null) return;
  if (depth >= MAX_DEPTH) throw new InputError(`${path}: nested more than ${MAX_DEPTH} levels deep`);
  if (Array.isArray(x)) {
    // A number in range is the common case (a d = 4096 instance holds ~10⁵ of them): its path
    // is spelled out only for an element that needs checking further or fails.
    for (let i = 0; i < x.length; i++) {
      const y: unknown = x[i];
      if (typeof y === 'number' && inRange(y)) continue;
      // Likewise a row of in-range numbers (a row of Φ, of Σ, a spanning vector): at d = 4096
      // spelling out the path of each of the d rows was a large part of validating an instance.
      // (Only where the row itself is within the depth limit, so that limit is checked as before.)
      if (depth + 1 < MAX_DEPTH && Array.isArray(y) && allInRange(y)) continue;
      scan(y, `${path}[${i}]`, depth + 1);
    }
  } else {
    for (const [k, v] of Object.entries(x)) {
      if (FORBIDDEN_KEYS.has(k)) throw new InputError(`${path}: forbidden key "${k}"`);
      scan(v, `${path}.${k}`, depth + 1);
    }
  }
}

function allInRange(xs: readonly unknown[]): boolean {
  for (let i = 0; i < xs.length; i++) {
    const y = xs[i];
    if (typeof y !== 'number' || !inRange(y)) return false;
  }
  return true;
}

const inRange = (x: number): boolean => {
  const a = Math.abs(x);
  return a === 0 || (a >= MIN_MAGNITUDE && a <= MAX_MAGNITUDE);
};

function checkMagnitude(x: number, path: string): void {
  if (!Number.isFinite(x)) throw new InputError(`${path}: not a finite number (${x})`);
  const a = Math.abs(x);
  if (a !== 0 && !(a >= MIN_MAGNITUDE && a <= MAX_MAGNITUDE))
    throw new InputError(`${path}: ${x} is outside the supported range (0 or magnitude between ${MIN_MAGNITUDE} and ${MAX_MAGNITUDE})`);
}

const describe = (x: unknown): string =>
  Array.isArray(x) ? `an array of length ${x.length}` : x === null ? 'null' : typeof x === 'string' ? `the string ${JSON.stringify(x).slice(0, 40)}` : typeof x;

/** Typed, shape-checked access to an instance's fields; every error names the field. */
export class Reader {
  constructor(readonly inst: Instance) {}

  has(name: string): boolean {
    return this.inst[name] !== undefined;
  }

  private get(name: string): unknown {
    const v = this.inst[name];
    if (v === undefined) throw new InputError(`instance: missing field "${name}"`);
    return v;
  }

  number(name: string, opts: { positive?: boolean; nonNegative?: boolean; integer?: boolean } = {}): number {
    return checkNumber(this.get(name), name, opts);
  }

  optNumber(name: string, fallback: number, opts: { positive?: boolean; nonNegative?: boolean } = {}): number {
    return this.has(name) ? this.number(name, opts) : fallback;
  }

  vec(name: string, d?: number): Vec {
    return checkVec(this.get(name), name, d);
  }

  optVec(name: string, d: number, fallback: () => Vec): Vec {
    return this.has(name) ? this.vec(name, d) : fallback();
  }

  nonzeroVec(name: string, d?: number): Vec {
    const v = this.vec(name, d);
    if (v.every((x) => x === 0)) throw new InputError(`${name}: must be a non-zero vector`);
    return v;
  }

  /** A list of vectors of length d (a matrix given by rows, or a list of directions). */
  vecs(name: string, d?: number, opts: { minCount?: number } = {}): Vec[] {
    return checkVecs(this.get(name), name, d, opts.minCount ?? 1);
  }

  /** Σ: `Sigma` (dense), or `SigmaDiag` + `SigmaFactor` (structured), or the identity. */
  covariance(d: number): Covariance {
    if (this.has('Sigma')) {
      if (this.has('SigmaDiag')) throw new InputError('instance: give either "Sigma" or "SigmaDiag", not both');
      const rows = this.vecs('Sigma', d);
      if (rows.length !== d) throw new InputError(`Sigma: expected ${d} rows, got ${rows.length}`);
      return dense(rows.map((r) => Array.from(r)));
    }
    if (this.has('SigmaDiag')) {
      const D = this.vec('SigmaDiag', d);
      const B = this.has('SigmaFactor') ? this.vecs('SigmaFactor', d) : [];
      return diagLowRank(D, B);
    }
    if (this.has('SigmaFactor')) throw new InputError('instance: "SigmaFactor" needs "SigmaDiag"');
    return identity(d);
  }

  mu(d: number): Vec {
    return this.optVec('mu', d, () => zeros(d));
  }

  /** The constitution's subspace: `basis` spanning vectors, or the whole space. */
  constitution(d: number, name = 'basis'): Subspace {
    if (!this.has(name)) return Subspace.whole(d);
    // Orthonormalising k spanning vectors is the O(d·k²) step of a check; instances are never
    // mutated (every change makes new arrays), so the subspace is cached per spanning list.
    const key = this.inst[name] as object;
    const hit = SUBSPACES.get(key);
    if (hit && hit.dim === d) return hit;
    const S = Subspace.span(this.vecs(name, d), d);
    SUBSPACES.set(key, S);
    return S;
  }

  link(name = 'f'): Link {
    return this.has(name) ? link(checkLink(this.get(name), name)) : link({ kind: 'identity' });
  }

  /** A `{"kind": …}` object whose kind is one of `kinds`. */
  kind<K extends string>(name: string, kinds: readonly K[]): { kind: K } & Record<string, unknown> {
    const v = this.get(name);
    if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new InputError(`${name}: expected an object {"kind": …}`);
    const k = (v as { kind?: unknown }).kind;
    if (typeof k !== 'string' || !kinds.includes(k as K))
      throw new InputError(`${name}: kind must be one of ${kinds.join(', ')} (got ${JSON.stringify(k)})`);
    return v as { kind: K } & Record<string, unknown>;
  }
}

export function checkNumber(v: unknown, name: string, opts: { positive?: boolean; nonNegative?: boolean; integer?: boolean } = {}): number {
  if (typeof v !== 'number') throw new InputError(`${name}: expected a number, got ${describe(v)}`);
  checkMagnitude(v, name);
  if (opts.positive && !(v > 0)) throw new InputError(`${name}: must be positive (got ${v})`);
  if (opts.nonNegative && !(v >= 0)) throw new InputError(`${name}: must be non-negative (got ${v})`);
  if (opts.integer && !Number.isInteger(v)) throw new InputError(`${name}: must be an integer (got ${v})`);
  return v;
}

export function checkVec(v: unknown, name: string, d?: number): Vec {
  if (!Array.isArray(v)) throw new InputError(`${name}: expected an array of numbers, got ${describe(v)}`);
  if (v.length === 0) throw new InputError(`${name}: empty vector`);
  if (d !== undefined && v.length !== d) throw new InputError(`${name}: expected length ${d}, got ${v.length}`);
  const out = new Float64Array(v.length);
  for (let i = 0; i < v.length; i++) {
    const x = v[i];
    out[i] = typeof x === 'number' && Number.isFinite(x) ? x : checkNumber(x, `${name}[${i}]`);
  }
  return out;
}

export function checkVecs(v: unknown, name: string, d: number | undefined, minCount = 1): Vec[] {
  if (!Array.isArray(v)) throw new InputError(`${name}: expected an array of vectors, got ${describe(v)}`);
  if (v.length < minCount) throw new InputError(`${name}: expected at least ${minCount} vector(s), got ${v.length}`);
  const width = d ?? (Array.isArray(v[0]) ? v[0].length : undefined);
  // The row's name is spelled out only for a row that fails (at d = 4096, Φ has d rows).
  let total = 0;
  let plain = true;
  for (let i = 0; i < v.length && plain; i++) {
    const row: unknown = v[i];
    plain = Array.isArray(row) && row.length > 0 && (width === undefined || row.length === width) && allInRange(row);
    if (plain) total += (row as unknown[]).length;
  }
  if (!plain) {
    const out: Vec[] = [];
    for (let i = 0; i < v.length; i++) {
      const row: unknown = v[i];
      out.push(Array.isArray(row) && row.length > 0 && (width === undefined || row.length === width) && allInRange(row) ? copyVec(row as number[]) : checkVec(row, `${name}[${i}]`, width));
    }
    return out;
  }
  // Every row valid: short rows share Float64Arrays of up to ROW_CHUNK numbers, each row a view
  // of its stretch. Φ at d = 4096 is 4096 rows of m = 16; allocating a typed array (and its
  // backing store) per row was the larger part of reading a T3 instance. Chunks, not one array
  // for all rows: a single large allocation (a fresh mapping of memory, every page faulted in)
  // cost more than it saved, and made reading 16 spanning vectors of d = 4096 several times
  // slower. A row longer than a chunk gets its own array, as before. The same numbers either way.
  const out: Vec[] = [];
  let chunk = new Float64Array(0);
  let at = 0;
  for (let i = 0; i < v.length; i++) {
    const row = v[i] as number[];
    if (row.length > ROW_CHUNK / 4) {
      out.push(copyVec(row));
      continue;
    }
    if (at + row.length > chunk.length) {
      chunk = new Float64Array(Math.min(ROW_CHUNK, Math.max(row.length, total)));
      at = 0;
    }
    for (let j = 0; j < row.length; j++) chunk[at + j] = row[j];
    out.push(chunk.subarray(at, at + row.length));
    at += row.length;
    total -= row.length;
  }
  return out;
}

/** Numbers per shared array when `checkVecs` reads short rows (32 KB, a small allocation). */
const ROW_CHUNK = 4096;

/** A copy as a Float64Array, by a plain loop (faster than the typed-array constructor for short rows). */
function copyVec(xs: readonly number[]): Vec {
  const out = new Float64Array(xs.length);
  for (let i = 0; i < xs.length; i++) out[i] = xs[i];
  return out;
}

function checkLink(v: unknown, name: string): LinkSpec {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new InputError(`${name}: expected an object {"kind": …}`);
  const o = v as Record<string, unknown>;
  if (typeof o.kind !== 'string' || !LINK_KINDS.includes(o.kind as LinkSpec['kind']))
    throw new InputError(`${name}: kind must be one of ${LINK_KINDS.join(', ')} (got ${JSON.stringify(o.kind)})`);
  const weight = o.weight === undefined ? {} : { weight: checkNumber(o.weight, `${name}.weight`) };
  if (weight.weight !== undefined && !(weight.weight >= 0 && weight.weight <= 1))
    throw new InputError(`${name}.weight: expected a number in [0, 1], got ${weight.weight}`);
  if (o.kind === 'tanh' || o.kind === 'logistic') {
    const a = checkNumber(o.a, `${name}.a`, { positive: true });
    const b = o.b === undefined ? 0 : checkNumber(o.b, `${name}.b`);
    return { kind: o.kind, a, b, ...weight };
  }
  return { kind: o.kind, ...weight } as LinkSpec;
}

/** The dimension d of an instance, read off its first present field among `fields`. */
export function dimensionOf(r: Reader, ...fields: string[]): number {
  for (const f of fields) if (r.has(f)) return r.vec(f).length;
  throw new InputError(`instance: missing field "${fields[0]}"`);
}
