/**
 * Dense vectors as Float64Array and the handful of BLAS-1 operations the model needs.
 * Everything here is O(d); nothing allocates a d×d matrix.
 */
export type Vec = Float64Array;

/**
 * A copy as a Float64Array, by a plain loop: on a 4096-long number[] holding doubles, both
 * Float64Array.from and the typed-array constructor take several times longer (their generic
 * paths); the same numbers either way.
 */
export function vec(xs: ArrayLike<number>): Vec {
  const out = new Float64Array(xs.length);
  for (let i = 0; i < xs.length; i++) out[i] = xs[i];
  return out;
}
export const zeros = (d: number): Vec => new Float64Array(d);

export function dot(x: Vec, y: Vec): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i] * y[i];
  return s;
}

export const norm = (x: Vec): number => Math.sqrt(dot(x, x));

/** a·x + y, as a new vector. */
export function axpy(a: number, x: Vec, y: Vec): Vec {
  const out = new Float64Array(y.length);
  for (let i = 0; i < y.length; i++) out[i] = a * x[i] + y[i];
  return out;
}

export function scale(a: number, x: Vec): Vec {
  const out = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) out[i] = a * x[i];
  return out;
}

export const add = (x: Vec, y: Vec): Vec => axpy(1, x, y);
export const sub = (x: Vec, y: Vec): Vec => axpy(-1, y, x);

export function isZero(x: Vec): boolean {
  for (let i = 0; i < x.length; i++) if (x[i] !== 0) return false;
  return true;
}

export function maxAbs(x: Vec): number {
  let m = 0;
  for (let i = 0; i < x.length; i++) m = Math.max(m, Math.abs(x[i]));
  return m;
}

export function unit(d: number, i: number): Vec {
  const e = zeros(d);
  e[i] = 1;
  return e;
}
