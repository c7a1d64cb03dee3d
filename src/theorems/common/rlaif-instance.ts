/**
 * The instance shape shared by the RLAIF theorems (T1, T2, T6): a response law (Σ, μ), a true
 * value (v*, f), and directions g, u, w, with a constitution; how to draw one and how to read one.
 */
import fc from 'fast-check';
import {
  basisOf, basisRow, column, compact, constitutionRank, coord, coordinates, covarianceFields, covarianceRow, covarianceTimes, rowRank, type CovarianceRow,
  epsilon as epsilonArb, beta as betaArb, linkFor, nonZero,
} from '../../arbitraries/index.ts';
import { Reader, dimensionOf, type Instance } from '../../instance/reader.ts';
import type { Subspace } from '../../linalg/subspace.ts';
import type { Vec } from '../../linalg/vec.ts';
import { gain } from '../../model/rlaif.ts';
import { alignment, expectedValue, valueModel, type ValueModel } from '../../model/value.ts';
import type { GenOptions, Tag } from '../types.ts';

export const MAX_RANK = 3;

/** Which directions an instance carries (T1 reads `u`; T2 reads `w` and a constitution). */
export interface RlaifShape {
  readonly directions: readonly ('g' | 'u' | 'w')[];
  readonly nonZero?: readonly ('g' | 'u' | 'w')[];
  readonly constitution?: boolean;
  readonly beta?: boolean;
}

/**
 * Instances for the RLAIF theorems. `isotropic` fixes Σ = I; `linear-value` fixes f = id;
 * `monotone-value` restricts f to strictly increasing links; `converged` omits β (the claim
 * is read in the limit β → 0). Dropping a tag draws from THEORY §1's wider family.
 */
export function rlaifArbitrary(inForce: ReadonlySet<Tag>, shape: RlaifShape, opts: GenOptions = {}): fc.Arbitrary<Instance> {
  const row = fc.record({
    vStar: coord(),
    g: coord(),
    u: coord(),
    w: coord(),
    mu: coord(),
    cov: covarianceRow(),
    basis: basisRow(rowRank(MAX_RANK, opts)),
  });
  return fc
    .record({
      rows: coordinates(row, opts),
      rank: shape.constitution ? constitutionRank(MAX_RANK, opts) : fc.constant(null),
      f: linkFor({ linear: inForce.has('linear-value'), monotone: inForce.has('monotone-value') }),
      epsilon: epsilonArb(),
      beta: shape.beta && !inForce.has('converged') ? betaArb() : fc.constant(null),
    })
    .map(({ rows, rank, f: drawn, epsilon, beta }) => {
      const vec = (k: 'g' | 'u' | 'w') => (shape.nonZero?.includes(k) ? nonZero(column(rows, k)) : column(rows, k));
      const mu = column(rows, 'mu');
      const f = drawn?.kind === 'exp' && !expInRange(rows, inForce.has('isotropic'), epsilon) ? EXP_FALLBACK : drawn;
      return compact({
        ...(inForce.has('isotropic') ? {} : covarianceFields(column(rows, 'cov'))),
        // μ only matters through a nonlinear f; keep instances minimal otherwise.
        mu: f && mu.some((x) => x !== 0) ? mu : undefined,
        vStar: nonZero(column(rows, 'vStar')),
        ...Object.fromEntries(shape.directions.map((k) => [k, vec(k)])),
        basis: rank === null ? undefined : basisOf(column(rows, 'basis'), Math.min(rank, rows.length)),
        f,
        epsilon: epsilon === 1 ? undefined : epsilon,
        beta,
      });
    });
}

/**
 * With f = exp, J = exp(m + s²/2) overflows double precision once the exponent passes ~709, and
 * the gain becomes ∞ − ∞: a harness error, not an answer. Where the exponent could exceed 300
 * (|<v*,μ>| + s·(‖g‖_Σ + ‖u‖_Σ + sqrt(2ε)) + s²/2, bounding every policy the parts evaluate),
 * the generator draws the bounded increasing link logistic(x) instead: the same tags are met
 * and every draw stays decidable.
 */
const EXP_FALLBACK = { kind: 'logistic', a: 1, b: 0 } as const;

function expInRange(rows: readonly { vStar: number; g: number; u: number; w: number; mu: number; cov: CovarianceRow }[], isotropic: boolean, epsilon: number): boolean {
  const S = (x: number[]) => (isotropic ? x : covarianceTimes(column(rows, 'cov'), x));
  const v = nonZero(column(rows, 'vStar'));
  const Sv = S(v);
  const s = Math.sqrt(v.reduce((acc, x, i) => acc + x * Sv[i], 0));
  const sNormOf = (x: number[]) => Math.sqrt(S(x).reduce((acc, y, i) => acc + y * x[i], 0));
  const mean = Math.abs(column(rows, 'mu').reduce((acc, x, i) => acc + x * v[i], 0));
  const exponent = mean + s * (sNormOf(column(rows, 'g')) + sNormOf(column(rows, 'u')) + sNormOf(column(rows, 'w')) + Math.sqrt(2 * epsilon)) + (s * s) / 2;
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
