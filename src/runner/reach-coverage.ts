/**
 * Reach coverage (issue 10 §6), in the spirit of QuickCheck's `cover`: for a part with one tag
 * dropped, draw N seeded instances from its widened generator and count how many fall in each
 * extreme regime (Σ's eigenvalues, vector norms, β, ε, the sample size n), and how many draws
 * the part cannot evaluate (a harness error: NaN/∞, or a crash). properties/reach.test.ts holds
 * each applicable regime to a floor; `npx tsx scripts/coverage-regimes.ts` prints the table.
 */
import fc from 'fast-check';
import { validateInstance, type Instance } from '../instance/reader.ts';
import { symmetricEigen } from '../linalg/symmetric-eigen.ts';
import { HarnessError } from '../numeric/errors.ts';
import { evaluateValidated } from '../theorems/evaluate.ts';
import { vocabularyOf } from '../theorems/family.ts';
import { tagsInForce } from '../theorems/tags.ts';
import type { TheoremPart } from '../theorems/types.ts';

/** The regimes issue 10 asks the widened generators to reach. */
export const REGIMES = [
  'eig<=1e-4', // smallest covariance eigenvalue at most 1e-4
  'eig>=1e4', // largest at least 1e4
  'spread>=1e8', // their ratio at least 1e8 (both ends in one draw)
  'norm<=1e-3', // some vector of the instance with norm at most 1e-3
  'norm>=1e3', // some vector with norm at least 1e3
  'beta<=1e-3',
  'beta>=1e3',
  'eps<=1e-3',
  'eps>=1e3',
  'n=1',
  'n=cap',
] as const;
export type Regime = (typeof REGIMES)[number];

/** The sample-size cap of R1n (its `large-sample` tag stops at MAX_N pairs). */
export const SAMPLE_CAP = 100_000;

const VECTOR_FIELDS = ['vStar', 'g', 'u', 'w', 'mu', 'r', 'wStar', 'lambda', 'alpha'];
const VECTOR_LIST_FIELDS = ['values', 'latentDirections'];

const norm = (x: readonly number[]): number => Math.sqrt(x.reduce((s, a) => s + a * a, 0));

/** Non-zero norms of every vector the instance carries. */
function vectorNorms(inst: Instance): number[] {
  const out: number[] = [];
  for (const k of VECTOR_FIELDS) if (Array.isArray(inst[k])) out.push(norm(inst[k] as number[]));
  for (const k of VECTOR_LIST_FIELDS) if (Array.isArray(inst[k])) for (const v of inst[k] as number[][]) out.push(norm(v));
  return out.filter((n) => n > 0);
}

/**
 * The covariance whose conditioning the instance's claims see: Σ (dense, or diag + factor), or
 * for the latent model Σ_h = ΦΦᵀ + σ²I; undefined when there is none (Σ = I).
 */
function covariance(inst: Instance): number[][] | undefined {
  if (Array.isArray(inst.Sigma)) return inst.Sigma as number[][];
  if (Array.isArray(inst.SigmaDiag)) {
    const D = inst.SigmaDiag as number[];
    const B = (inst.SigmaFactor as number[][] | undefined) ?? [];
    return D.map((di, i) => D.map((_, j) => (i === j ? di : 0) + B.reduce((s, b) => s + b[i] * b[j], 0)));
  }
  if (Array.isArray(inst.Phi)) {
    const Phi = inst.Phi as number[][];
    const s2 = typeof inst.sigma === 'number' ? inst.sigma ** 2 : 0;
    return Phi.map((ri, i) => Phi.map((rj, j) => ri.reduce((s, x, k) => s + x * rj[k], 0) + (i === j ? s2 : 0)));
  }
  return undefined;
}

/**
 * Eigenvalues of the covariance, those above 1e-13 of the largest: a latent Σ_h without noise is
 * singular by design (fewer latents than coordinates), and its zero eigenvalues, which Σ_h⁺
 * ignores, are not a conditioning regime.
 */
function eigenvalues(inst: Instance): number[] | undefined {
  const S = covariance(inst);
  if (!S) return undefined;
  const values = Array.from(symmetricEigen(S).values);
  const top = Math.max(...values);
  return values.filter((v) => v > 1e-13 * top);
}

/** The regimes one instance is in, and which regimes it could have been in (has the field). */
export function regimesOf(inst: Instance, freeSampleSize: boolean): { in: Set<Regime>; applicable: Set<Regime> } {
  const hit = new Set<Regime>();
  const applicable = new Set<Regime>();
  const eig = eigenvalues(inst);
  if (eig) {
    for (const r of ['eig<=1e-4', 'eig>=1e4', 'spread>=1e8'] as const) applicable.add(r);
    const lo = Math.min(...eig);
    const hi = Math.max(...eig);
    if (lo <= 1e-4) hit.add('eig<=1e-4');
    if (hi >= 1e4) hit.add('eig>=1e4');
    if (hi / lo >= 1e8) hit.add('spread>=1e8');
  }
  const norms = vectorNorms(inst);
  if (norms.length) {
    applicable.add('norm<=1e-3').add('norm>=1e3');
    if (Math.min(...norms) <= 1e-3) hit.add('norm<=1e-3');
    if (Math.max(...norms) >= 1e3) hit.add('norm>=1e3');
  }
  const scalar = (field: string, lo: Regime, hiR: Regime) => {
    const v = inst[field];
    const xs = typeof v === 'number' ? [v] : Array.isArray(v) ? (v as number[]) : [];
    if (!xs.length) return;
    applicable.add(lo).add(hiR);
    if (Math.min(...xs) <= 1e-3) hit.add(lo);
    if (Math.max(...xs) >= 1e3) hit.add(hiR);
  };
  scalar('beta', 'beta<=1e-3', 'beta>=1e3');
  scalar('epsilon', 'eps<=1e-3', 'eps>=1e3');
  if (freeSampleSize && typeof inst.n === 'number') {
    applicable.add('n=1').add('n=cap');
    if (inst.n === 1) hit.add('n=1');
    if (inst.n === SAMPLE_CAP) hit.add('n=cap');
  }
  return { in: hit, applicable };
}

export interface Coverage {
  readonly part: string;
  readonly dropped: string;
  readonly draws: number;
  /** Draws in each regime, for the regimes the part's instances carry (an absent field, e.g. ε = 1 omitted, counts as no draw in it). */
  readonly counts: Partial<Record<Regime, number>>;
  /** Draws the part could not evaluate (harness errors), with the first message. */
  readonly harnessErrors: number;
  readonly firstError?: string;
}

/**
 * Coverage of `part` with `dropped` removed, over `draws` instances drawn with `seed`. ε is
 * omitted from an instance when it is 1, so ε's regimes apply to a part whose generator draws ε
 * at all (some draw carries it). With `evaluate`, every draw is also evaluated and harness
 * errors are counted.
 */
export function reachCoverage(part: TheoremPart, dropped: string, opts: { draws: number; seed: number; evaluate?: boolean }): Coverage {
  const inForce = tagsInForce(part, [dropped]);
  const freeSampleSize = !inForce.has('large-sample');
  const draws = fc.sample(part.arbitrary(inForce), { numRuns: opts.draws, seed: opts.seed });
  const counts: Partial<Record<Regime, number>> = {};
  let harnessErrors = 0;
  let firstError: string | undefined;
  for (const inst of draws) {
    const r = regimesOf(inst, freeSampleSize);
    for (const g of r.applicable) counts[g] = (counts[g] ?? 0) + (r.in.has(g) ? 1 : 0);
    if (!opts.evaluate) continue;
    try {
      evaluateValidated(part, validateInstance(inst, vocabularyOf(part)), inForce);
    } catch (e) {
      if (!(e instanceof HarnessError)) throw e;
      harnessErrors++;
      firstError ??= `${(e as Error).message} on ${JSON.stringify(inst)}`;
    }
  }
  return { part: part.id, dropped, draws: draws.length, counts, harnessErrors, firstError };
}
