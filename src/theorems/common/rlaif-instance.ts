/**
 * The instance shape shared by the RLAIF theorems (T1, T2, T6): a response law (Σ, μ), a true
 * value (v*, f), and directions g, u, w, with a constitution; how to draw one and how to read one.
 */
import fc from 'fast-check';
import {
  basisOf, basisRow, column, compact, constitutionRank, coord, coordinates, covarianceFields, covarianceRow, covarianceTimes, rowRank,
  epsilon as epsilonArb, beta as betaArb, linkFor, nonZero,
} from '../../arbitraries/index.ts';
import { exponentIf, NORM_EXPONENT, reachCovarianceRow, reachParameter, scaleBy } from '../../arbitraries/reach.ts';
import { Reader, dimensionOf, type Instance } from '../../instance/reader.ts';
import { Subspace } from '../../linalg/subspace.ts';
import { vec, type Vec } from '../../linalg/vec.ts';
import { betaForBudget, gain, policyDirection } from '../../model/rlaif.ts';
import { alignment, expectedValue, valueModel, valueShift, type ValueModel } from '../../model/value.ts';
import { sameSign, sameStrictSign } from '../../numeric/margin.ts';
import { scaledTol } from '../../numeric/tolerance.ts';
import type { GenOptions, Tag } from '../types.ts';

export const MAX_RANK = 3;

/** Which directions an instance carries (T1 reads `u`; T2 reads `w` and a constitution). */
export interface RlaifShape {
  readonly directions: readonly ('g' | 'u' | 'w')[];
  readonly nonZero?: readonly ('g' | 'u' | 'w')[];
  readonly constitution?: boolean;
  readonly beta?: boolean;
  /**
   * Draw the zero boundary of a strict sign claim about one draw in four, by construction:
   * `orthogonal-u` makes u Σ-orthogonal to v* (A(u) = 0: T1.a, T6.b); `tied-g` reflects the
   * judge u_c = P_c w about v* in the Σ-geometry and takes that as g (A(g) = A(u_c): T2.a, T2.b).
   * Small integer directions almost never land there by chance.
   */
  readonly boundary?: 'orthogonal-u' | 'tied-g';
}

type Directions = Record<'vStar' | 'g' | 'u' | 'w' | 'mu', number[]>;

/** How often (out of 4) a `boundary` shape is drawn on its boundary; the rest, as drawn (the shrink target). */
const onBoundary = (): fc.Arbitrary<boolean> =>
  fc.oneof({ withCrossShrink: true }, { arbitrary: fc.constant(false), weight: 3 }, { arbitrary: fc.constant(true), weight: 1 });

/**
 * Instances for the RLAIF theorems. `isotropic` fixes Σ = I; `linear-value` fixes f = id;
 * `monotone-value` restricts f to strictly increasing links; `converged` omits β (the claim
 * is read in the limit β → 0). Dropping a tag draws from THEORY §1's wider family, and (with
 * `opts.reach`, set when a tag is dropped) at extreme scales of Σ, of each vector, of β and ε.
 */
export function rlaifArbitrary(inForce: ReadonlySet<Tag>, shape: RlaifShape, opts: GenOptions = {}): fc.Arbitrary<Instance> {
  const row = fc.record({
    vStar: coord(),
    g: coord(),
    u: coord(),
    w: coord(),
    mu: coord(),
    cov: reachCovarianceRow(covarianceRow(), opts.reach),
    basis: basisRow(rowRank(MAX_RANK, opts)),
  });
  const norm = () => exponentIf(opts.reach, NORM_EXPONENT);
  return fc
    .record({
      rows: coordinates(row, opts),
      rank: shape.constitution ? constitutionRank(MAX_RANK, opts) : fc.constant(null),
      f: linkFor({ linear: inForce.has('linear-value'), monotone: inForce.has('monotone-value') }),
      epsilon: reachParameter(epsilonArb(), opts.reach),
      beta: shape.beta && !inForce.has('converged') ? reachParameter(betaArb(), opts.reach) : fc.constant(null),
      scales: fc.record({ vStar: norm(), g: norm(), u: norm(), w: norm(), mu: norm() }),
      boundary: shape.boundary ? onBoundary() : fc.constant(false),
    })
    .map(({ rows, rank, f: drawn, epsilon, beta, scales, boundary }) => {
      const isotropic = inForce.has('isotropic');
      const cov = column(rows, 'cov');
      const S = (x: number[]) => (isotropic ? x : covarianceTimes(cov, x));
      const nz = (k: 'g' | 'u' | 'w') => (shape.nonZero?.includes(k) ? nonZero(column(rows, k)) : column(rows, k));
      const dirs: Directions = {
        vStar: scaleBy(nonZero(column(rows, 'vStar')), scales.vStar),
        g: scaleBy(nz('g'), scales.g),
        u: scaleBy(nz('u'), scales.u),
        w: scaleBy(nz('w'), scales.w),
        mu: scaleBy(column(rows, 'mu'), scales.mu),
      };
      const basis = rank === null ? undefined : basisOf(column(rows, 'basis'), Math.min(rank, rows.length));
      if (boundary && shape.boundary === 'orthogonal-u') dirs.u = orthogonalTo(dirs.u, dirs.vStar, S);
      if (boundary && shape.boundary === 'tied-g') dirs.g = reflectedJudge(dirs.w, basis, dirs.vStar, S);
      const f = drawn?.kind === 'exp' && !expInRange(dirs, S, epsilon) ? EXP_FALLBACK : drawn;
      return compact({
        ...(isotropic ? {} : covarianceFields(cov)),
        // μ only matters through a nonlinear f; keep instances minimal otherwise.
        mu: f && dirs.mu.some((x) => x !== 0) ? dirs.mu : undefined,
        vStar: dirs.vStar,
        ...Object.fromEntries(shape.directions.map((k) => [k, dirs[k]])),
        basis,
        f,
        epsilon: epsilon === 1 ? undefined : epsilon,
        beta,
      });
    });
}

const dotArr = (x: readonly number[], y: readonly number[]): number => x.reduce((acc, a, i) => acc + a * y[i], 0);
const clean = (x: number[]): number[] => x.map((a) => (a === 0 ? 0 : a));

/**
 * u made Σ-orthogonal to v*, kept on the integer/dyadic lattice: ‖v*‖²_Σ·u − <u,v*>_Σ·v*
 * (A = 0 exactly for the generator's numbers). Where that is 0 (u ∥ v*, or d = 1) u is kept.
 */
function orthogonalTo(u: number[], vStar: number[], S: (x: number[]) => number[]): number[] {
  const Sv = S(vStar);
  const vv = dotArr(vStar, Sv);
  const uv = dotArr(u, Sv);
  const out = clean(u.map((x, i) => vv * x - uv * vStar[i]));
  return out.every((x) => x === 0) ? u : out;
}

/**
 * A generation direction tied with the judge: u_c = P_c w reflected about v* in the Σ-geometry,
 * 2<u_c,v*>_Σ·v* − ‖v*‖²_Σ·u_c, has the same Σ-norm (times ‖v*‖²_Σ) and the same inner product
 * with v* (times ‖v*‖²_Σ), hence A(g) = A(u_c), and differs from u_c unless u_c ∥ v*.
 */
function reflectedJudge(w: number[], basis: number[][] | undefined, vStar: number[], S: (x: number[]) => number[]): number[] {
  const d = w.length;
  const uc = basis === undefined ? w : Array.from(Subspace.span(basis.map((b) => vec(b)), d).project(vec(w)));
  const Sv = S(vStar);
  const vv = dotArr(vStar, Sv);
  const uv = dotArr(uc, Sv);
  return clean(uc.map((x, i) => 2 * uv * vStar[i] - vv * x));
}

/**
 * With f = exp, J = exp(m + s²/2) overflows double precision once the exponent passes ~709, and
 * the gain becomes ∞ − ∞: a harness error, not an answer. Where the exponent could exceed 300
 * (|<v*,μ>| + s·(‖g‖_Σ + ‖u‖_Σ + ‖w‖_Σ + sqrt(2ε)) + s²/2, bounding every policy the parts
 * evaluate), the generator draws the bounded increasing link logistic(x) instead: the same tags
 * are met and every draw stays decidable.
 */
const EXP_FALLBACK = { kind: 'logistic', a: 1, b: 0 } as const;

function expInRange(dirs: Directions, S: (x: number[]) => number[], epsilon: number): boolean {
  const v = dirs.vStar;
  const s = Math.sqrt(dotArr(v, S(v)));
  const sNormOf = (x: number[]) => Math.sqrt(dotArr(x, S(x)));
  const mean = Math.abs(dotArr(dirs.mu, v));
  const exponent = mean + s * (sNormOf(dirs.g) + sNormOf(dirs.u) + sNormOf(dirs.w) + Math.sqrt(2 * epsilon)) + (s * s) / 2;
  return exponent <= 300;
}

/** The value model of an RLAIF instance, and its dimension. */
export function readValueModel(r: Reader): { M: ValueModel; d: number } {
  const d = dimensionOf(r, 'vStar');
  const vStar = r.nonzeroVec('vStar', d);
  return { M: valueModel(vStar, { Sigma: r.covariance(d), mu: r.mu(d), f: r.link() }), d };
}

/** The constitution-activated judge direction u_c = P_c w. */
export function judgeDirection(r: Reader, d: number): { w: Vec; S: Subspace; uc: Vec } {
  const w = r.vec('w', d);
  const S = r.constitution(d);
  return { w, S, uc: S.project(w) };
}

/**
 * The shared reading of a gain instance (T1, T6.b): the value model, g, u ≠ 0, ε, the alignment
 * A(u), the gain G_ε(u) computed from J, and J(g) (whose size sets the rounding of G).
 */
export function gainSetting(inst: Instance) {
  const r = new Reader(inst);
  const { M, d } = readValueModel(r);
  const g = r.vec('g', d);
  const u = r.nonzeroVec('u', d);
  const epsilon = r.optNumber('epsilon', 1, { positive: true });
  return { M, g, u, epsilon, A: alignment(M, u), G: gain(M, g, u, epsilon), before: expectedValue(M, g) };
}

/**
 * The policy direction that spends the KL budget ε on reward u from g: θ = g + u/β(ε); a zero
 * reward moves nothing (θ = g), as in `gain`.
 */
export function budgetPolicy(M: ValueModel, g: Vec, u: Vec, epsilon: number): Vec {
  const beta = betaForBudget(M.Sigma, u, epsilon);
  return beta === 0 ? g : policyDirection(g, u, beta);
}

/**
 * Below this an alignment (or a difference of two) is 0 as far as its computation can tell: a
 * correlation of the generator's numbers carries rounding of order 1e-16·cond(Σ) <= 1e-12 even
 * at the widest reach (eigenvalues 2^±14), and every theorem that reads it is continuous.
 */
export const ALIGNMENT_ZERO = 1e-10;
/** A gain's sign is read only where the shift moves J by this many times J's resolution. */
const RESOLVABLE = 1e4;

/**
 * `sign(G) = sign(p)` with zero handled as the theorems state it (T1.a, T2.a, T6.b), for a gain
 * G = J(to) − J(from) and an alignment-like p whose sign the theorem says G has. The margin is
 * in units of `unit` (the caller's normalisation of G, so stored witnesses keep their margins);
 * `magnitudes` are the other sizes G's rounding scales with (J itself, a ceiling).
 * - p = 0 (to ALIGNMENT_ZERO): G = 0. G can only be as large as the shift's own node-by-node
 *   change (a rounding-sized p moves the law by a rounding-sized amount), so the margin is
 *   (change − |G|)/unit, negative beyond J's resolution: a gain that is not 0 when nothing is
 *   shifted fails.
 * - p ≠ 0 and the shift moves J resolvably (change > RESOLVABLE·res): G must have p's strict
 *   sign; a G within rounding of 0 fails by −|p| (a gain stuck at 0 fails).
 * - p ≠ 0 but J cannot resolve the shift (f flat to double precision over the law, or a shift
 *   far below its spread): the draw decides nothing (pre false); it still reports the weak sign.
 */
export function gainSign(
  M: ValueModel, p: number, G: number, from: Vec, to: Vec, unit: number, magnitudes: readonly number[] = [],
): { margin: number; tol: number; pre: boolean; quantities: Record<string, number> } {
  const { change, scale } = valueShift(M, from, to);
  // J's rounding and quadrature error: REL_TOL relative to the integrand's size (and the caller's magnitudes).
  const res = scaledTol(scale, G, ...magnitudes);
  const u = unit || 1;
  const quantities = { gainChange: change, valueScale: scale };
  if (Math.abs(p) <= ALIGNMENT_ZERO) return { margin: Math.min(0, change - Math.abs(G)) / u, tol: res / u, pre: true, quantities };
  if (change > RESOLVABLE * res) return { margin: sameStrictSign(p, G / u, 0, res / u), tol: res / u, pre: true, quantities };
  return { margin: sameSign(p, G / u), tol: res / u, pre: false, quantities };
}
