/**
 * Numbers as people read them in explanations (`rlaif-props explain`, the HTML report): three
 * significant figures, a true minus sign, whole numbers as they are. Kept apart from the
 * margins and tolerances so that what is printed never feeds back into what is checked.
 */

/** `x` in about `digits` significant figures: 0.7071067 → "0.707", −2 → "−2", 7e-11 → "7e−11". */
export function num(x: number, digits = 3): string {
  if (!Number.isFinite(x)) return String(x);
  if (x === 0) return '0';
  if (Number.isInteger(x) && Math.abs(x) < 1e7) return String(x).replace('-', '−');
  // In the range people read without exponents, the rounded number as JavaScript prints it
  // (4250.8 → "4250", 0.70710 → "0.707": no trailing zeros suggesting a precision nobody claimed).
  const rounded = Number(x.toPrecision(digits));
  if (Math.abs(rounded) >= 1e-3 && Math.abs(rounded) < 1e7) return String(rounded).replace('-', '−');
  let s = x.toPrecision(digits);
  s = s.includes('e') ? s.replace(/\.?0+e/, 'e') : s;
  return s.replace(/e\+?/, 'e').replace(/-/g, '−');
}

/** A vector as `[1, 0, −0.5]`; a long one shows its ends and its length, so it fits one line. */
export function vec(xs: readonly number[], max = 8): string {
  if (xs.length <= max) return `[${xs.map((x) => num(x)).join(', ')}]`;
  const head = xs.slice(0, max - 2).map((x) => num(x));
  return `[${head.join(', ')}, …, ${num(xs[xs.length - 1])}] (${xs.length} entries)`;
}

/** Nested arrays of numbers (a matrix, a list of bases), each level bracketed like `vec`. */
export function nested(x: unknown, max = 8): string {
  if (typeof x === 'number') return num(x);
  if (!Array.isArray(x)) return JSON.stringify(x);
  if (x.every((e) => typeof e === 'number')) return vec(x as number[], max);
  const parts = x.slice(0, max).map((e) => nested(e, max));
  return `[${parts.join(', ')}${x.length > max ? `, … (${x.length} rows)` : ''}]`;
}
