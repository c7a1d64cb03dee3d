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

/**
 * `sign(p) = sign(q)` as a strict theorem states it: p = 0 ⇔ q = 0, and otherwise the same
 * strict sign. `sameSign` alone cannot see zero (sameSign(0, q) = 0 = sameSign(p, 0) for every
 * p, q), so a gain stuck at 0 would pass for any alignment, and any gain would pass at A = 0.
 *
 * Each side has its own zero resolution (`zp`, `zq`): below it, the side is 0 as far as its
 * computation can tell. Where p is 0, q must be 0: the equality margin −|q|. Where q is 0 and
 * p is not, the strict half fails by −|p| (a q stuck at 0 while p = 0.3 fails by 0.3, not at
 * the edge of tol). Elsewhere both are resolvably non-zero and the margin is sameSign's. Both
 * sides on comparable scales, as for sameSign; the caller's tol is q's resolution.
 */
export function sameStrictSign(p: number, q: number, zp: number, zq: number): number {
  if (Math.abs(p) <= zp) return -Math.abs(q);
  if (Math.abs(q) <= zq) return -Math.abs(p);
  return sameSign(p, q);
}

/** `a = b`, as a margin: never positive, zero at equality. */
export const equal = (a: number, b: number): number => -Math.abs(a - b);
