/**
 * Signed margins: a claim holds with margin m when m >= 0; it is violated when m < −tol.
 *
 * Logical connectives act on margins the way they act on truth values, so a compound claim
 * gets a margin that is continuous in the instance: a conjunction holds as well as its weakest
 * part, a disjunction as well as its strongest, and `p ⇒ q` is `¬p ∨ q`.
 */
export const all = (...ms: number[]): number => Math.min(...ms);
export const any = (...ms: number[]): number => Math.max(...ms);
export const implies = (p: number, q: number): number => Math.max(-p, q);

/**
 * `sign(p) = sign(q)`, read as (p > 0 ⇒ q > 0) ∧ (p < 0 ⇒ q < 0) ∧ the converses.
 * Both arguments must be on comparable scales (callers normalise them).
 */
export const sameSign = (p: number, q: number): number =>
  all(implies(p, q), implies(-p, -q), implies(q, p), implies(-q, -p));

/** `a = b`, as a margin: never positive, zero at equality. */
export const equal = (a: number, b: number): number => -Math.abs(a - b);
