/**
 * Degenerate witnesses (issue 10 point 5). THEORY defines some quantities at a zero by
 * convention: the alignment of a zero vector is 0, a zero representation Φ = 0 carries
 * nothing, a judge whose direction is 0 is constant. A witness whose violation exists only at
 * such a zero shows the convention, not the phenomenon the claim is about.
 *
 * A witness is labelled degenerate when two things hold:
 * - it has a *convention site*: a zero where THEORY uses a convention. On the instance's
 *   fields: a zero direction (vStar, g, w, u, r), a zero row of `values` or
 *   `latentDirections`, a zero representation (Phi, PhiExtra, PhiLarge) or value weights wStar.
 *   Derived: a judge u_c = P_c w = 0 with w ≠ 0 (w orthogonal to every spanning vector of the
 *   constitution), and a readout Σ α_k ℓ_k = 0 (T4.e);
 * - the violation relies on it: lifting the zero a little (a nudge of relative size 1e-3 along
 *   each coordinate, both signs, or along each spanning vector or weight for a derived site)
 *   gives an instance, valid and within the tags in force, that is no longer a robust violation.
 *   When no nudge is valid at all, the zero cannot be lifted: the witness is degenerate too.
 * A zero the violation does not rely on (every valid nudge still violates) is not a label.
 */
import type { Instance } from '../instance/reader.ts';
import { tagsInForce } from '../theorems/tags.ts';
import type { Tag, TheoremPart } from '../theorems/types.ts';
import { robustViolation } from './confirm.ts';
import { trialsFor } from './trial.ts';

type Path = readonly (string | number)[];

/** A zero THEORY reads by convention, and the nudges that lift it. */
export interface ConventionSite {
  /** What the zero is, in THEORY's words (`w = 0 (readout)`, `u_c = P_c w = 0`, …). */
  readonly what: string;
  /** Copies of the instance with the zero lifted a little. */
  readonly nudges: readonly Instance[];
}

export interface Degeneracy {
  readonly degenerate: boolean;
  /** The sites the violation relies on (empty when not degenerate). */
  readonly reasons: readonly string[];
}

const DIRECTIONS: Readonly<Record<string, string>> = {
  vStar: 'true value direction',
  g: 'generation direction',
  w: 'readout (the judge u_c = P_c w is 0)',
  u: 'judge direction (a constant judge)',
  r: 'ablated direction',
};
const MATRICES: Readonly<Record<string, string>> = {
  Phi: 'zero representation',
  PhiExtra: 'zero extra representation',
  PhiLarge: "zero larger model's representation",
  wStar: 'zero value weights (a constant V*)',
};
/** How many coordinates of a zero are nudged, each both ways (a bounded cost per site). */
const MAX_NUDGED = 4;
const NUDGE = 1e-3;

const isNums = (x: unknown): x is number[] => Array.isArray(x) && x.length > 0 && x.every((v) => typeof v === 'number');
const isMatrix = (x: unknown): x is number[][] => Array.isArray(x) && x.length > 0 && x.every(isNums);
const allZero = (x: number[]) => x.every((v) => v === 0);
const dotp = (a: number[], b: number[]) => a.reduce((s, v, i) => s + v * (b[i] ?? 0), 0);
const normp = (a: number[]) => Math.sqrt(dotp(a, a));

/** The size of a nudge: relative to the instance's largest number (1e-3 of it, at least 1e-3·1). */
function nudgeSize(inst: Instance): number {
  let m = 0;
  const walk = (x: unknown): void => {
    if (typeof x === 'number') m = Math.max(m, Math.abs(x));
    else if (Array.isArray(x)) x.forEach(walk);
    else if (typeof x === 'object' && x !== null) Object.values(x).forEach(walk);
  };
  walk(inst);
  return NUDGE * Math.max(1, m);
}

function setAt(inst: Instance, path: Path, value: number): Instance {
  const copy = JSON.parse(JSON.stringify(inst)) as Record<string, unknown>;
  let x: Record<string | number, unknown> = copy;
  for (const k of path.slice(0, -1)) x = x[k] as Record<string | number, unknown>;
  x[path[path.length - 1]] = value;
  return copy as Instance;
}

/** Nudges of a zero array at `path`: its first coordinates, each to ±η. */
function coordinateNudges(inst: Instance, path: Path, length: number, eta: number): Instance[] {
  const out: Instance[] = [];
  for (let i = 0; i < Math.min(length, MAX_NUDGED); i++) for (const s of [1, -1]) out.push(setAt(inst, [...path, i], s * eta));
  return out;
}

/** The convention sites of an instance (whatever the violation relies on). */
export function conventionSites(inst: Instance): ConventionSite[] {
  const eta = nudgeSize(inst);
  const sites: ConventionSite[] = [];
  const o = inst as Record<string, unknown>;
  for (const [name, doc] of Object.entries(DIRECTIONS)) {
    const v = o[name];
    if (isNums(v) && allZero(v)) sites.push({ what: `${name} = 0 (${doc}; its alignment is 0 by convention)`, nudges: coordinateNudges(inst, [name], v.length, eta) });
  }
  for (const name of ['values', 'latentDirections']) {
    const m = o[name];
    if (!isMatrix(m)) continue;
    m.forEach((row, k) => {
      if (allZero(row)) sites.push({ what: `${name}[${k}] = 0 (its alignment is 0 by convention)`, nudges: coordinateNudges(inst, [name, k], row.length, eta) });
    });
  }
  for (const [name, doc] of Object.entries(MATRICES)) {
    const m = o[name];
    const flat = isMatrix(m) ? m : isNums(m) ? [m] : undefined;
    if (!flat || !flat.every(allZero)) continue;
    const nudges = isMatrix(m)
      ? m.slice(0, MAX_NUDGED).flatMap((row, i) => coordinateNudges(inst, [name, i], row.length, eta).slice(0, 2))
      : coordinateNudges(inst, [name], (m as number[]).length, eta);
    sites.push({ what: `${name} = 0 (${doc})`, nudges });
  }
  // Derived: the judge u_c = P_c w is 0 (w is 0 or orthogonal to the constitution, or the
  // constitution spans nothing). Lifted along the constitution's vectors, or, when every one of
  // them is 0, by giving the constitution a coordinate axis and w a little of it.
  const w = o.w;
  const basis = o.basis;
  if (isNums(w) && isMatrix(basis)) {
    const nw = normp(w);
    if (basis.every((b) => Math.abs(dotp(w, b)) <= 1e-12 * nw * normp(b))) {
      const live = basis.filter((b) => !allZero(b));
      const size = Math.max(nw, eta);
      const nudges = live.length
        ? live.slice(0, MAX_NUDGED).flatMap((b) => [1, -1].map((s) => ({ ...inst, w: w.map((x, i) => x + (s * NUDGE * size * (b[i] ?? 0)) / normp(b)) }) as Instance))
        : w.slice(0, MAX_NUDGED).flatMap((_, i) =>
            [1, -1].map((s) => ({ ...inst, basis: basis.map((b, k) => (k === 0 ? b.map((_x, j) => +(j === i)) : b)), w: w.map((x, j) => x + (j === i ? s * NUDGE * size : 0)) }) as Instance),
          );
      sites.push({ what: 'u_c = P_c w = 0 (a constant judge: w is 0 or orthogonal to the constitution)', nudges });
    }
  }
  // Derived (T4.e): the readout Σ α_k ℓ_k is 0.
  const L = o.latentDirections;
  const alpha = o.alpha;
  if (isMatrix(L) && isNums(alpha) && L.length === alpha.length) {
    const sum = L[0].map((_, i) => L.reduce((s, row, k) => s + alpha[k] * (row[i] ?? 0), 0));
    const scale = Math.max(...alpha.map(Math.abs), 1e-300) * Math.max(...L.map(normp), 1e-300);
    if (sum.every((x) => Math.abs(x) <= 1e-12 * scale)) {
      const nudges = alpha.slice(0, MAX_NUDGED).flatMap((a, k) => [1, -1].map((s) => setAt(inst, ['alpha', k], a + s * NUDGE * Math.max(Math.abs(a), 1))));
      sites.push({ what: 'w = Σ α_k ℓ_k = 0 (a zero readout)', nudges });
    }
  }
  return sites;
}

/**
 * The filter of a search for a non-degenerate witness: no convention site at all (no zero
 * direction, representation or judge), whether or not the violation relies on it. Stricter than
 * the label, and costs no evaluation; a witness it lets through is not degenerate.
 */
export const hasConventionSite = (inst: Instance): boolean => conventionSites(inst).length > 0;

/**
 * Whether a witness of `part` with `dropped` removed is degenerate: it has a convention site
 * and some valid nudge of that site is no longer a robust violation (or none is valid).
 */
export function degeneracy(part: TheoremPart, dropped: readonly string[], inst: Instance, inForce: ReadonlySet<Tag> = tagsInForce(part, dropped)): Degeneracy {
  const sites = conventionSites(inst);
  if (sites.length === 0) return { degenerate: false, reasons: [] };
  const trials = trialsFor(part, inForce);
  const reasons: string[] = [];
  for (const site of sites) {
    let valid = 0;
    let lifted = false;
    for (const n of site.nudges) {
      const t = trials.get(n);
      // A harness error is not a verdict either way: the nudge does not count (the hunt that
      // asked reports its own errors; this is a label, not a search).
      if (t.kind !== 'verdict') continue;
      valid++;
      if (!robustViolation(t.verdict)) {
        lifted = true;
        break;
      }
    }
    if (lifted || valid === 0) reasons.push(site.what);
  }
  return { degenerate: reasons.length > 0, reasons };
}
