/**
 * T2.c's phase diagram (issue 11 point 3, docs/CEILING.md): where does the finite-training claim
 * "A(u_c) > A(g) ⇒ A(θ_β) >= A(g)" hold, over the premise's slack ΔA = A(u_c) − A(g) and the KL
 * budget ε? T2's other tags are kept (linear value, Σ = I), `converged` is dropped: β is the one
 * that spends ε, β = ‖u_c‖/sqrt(2ε), so θ_β = g + sqrt(2ε)·û_c.
 *
 * Per cell (ΔA bin × ε): the fraction of random draws where the claim holds and their worst
 * margin A(θ_β) − A(g), and the worst margin a seeded search finds inside the cell. Everything
 * lives in span{v*, g, u_c}, so the search works in d = 3 without loss of generality.
 */
import { dot, norm, vec, type Vec } from '../../linalg/vec.ts';
import { makeRng, type Rng } from '../../numeric/rng.ts';
import { maximise } from './search.ts';

/** ε grid: 10^(k/2), k = −6..6 (1e-3 .. 1e3). */
export const EPSILONS = Array.from({ length: 13 }, (_, k) => 10 ** ((k - 6) / 2));
/** ΔA bins of width 0.2 over (0, 2]. */
export const DA_BINS = Array.from({ length: 10 }, (_, k) => [k / 5, (k + 1) / 5] as const);

const cos = (x: Vec, y: Vec): number => {
  const n = norm(x) * norm(y);
  return n === 0 ? 0 : dot(x, y) / n;
};

/** A(θ_β) − A(g) at budget ε (isotropic Σ, linear value), and ΔA = A(u) − A(g). */
export function phaseMargin(vStar: Vec, g: Vec, u: Vec, epsilon: number): { margin: number; dA: number; policy: number } {
  const s = Math.sqrt(2 * epsilon) / norm(u);
  const theta = vec(Array.from(g, (gi, i) => gi + s * u[i]));
  const ag = cos(g, vStar);
  const policy = cos(theta, vStar);
  return { margin: policy - ag, dA: cos(u, vStar) - ag, policy };
}

/**
 * A sufficient condition for the claim, from ‖θ_β − sqrt(2ε)û‖ = ‖g‖ = 1: the angle between θ_β
 * and u is at most arcsin(1/sqrt(2ε)) when 2ε > 1, and cos is 1-Lipschitz in the angle, so
 * A(θ_β) >= A(u) − arcsin(1/sqrt(2ε)) and the claim holds once ΔA >= arcsin(1/sqrt(2ε)).
 */
export const guaranteed = (dA: number, epsilon: number): boolean => 2 * epsilon > 1 && dA >= Math.asin(1 / Math.sqrt(2 * epsilon));

export interface PhaseCell {
  readonly dALow: number;
  readonly dAHigh: number;
  readonly epsilon: number;
  readonly draws: number;
  /** Fraction of the cell's draws where the claim holds (margin >= −1e-12). */
  readonly holds: number;
  readonly worstDrawMargin: number;
  /** Every instance of the cell satisfies the sufficient condition (see guaranteed). */
  readonly guaranteed: boolean;
  /** The worst margin the search found in the cell (d = 3), and that instance. */
  readonly worstSearchMargin: number;
  readonly witness: { vStar: number[]; g: number[]; w: number[]; beta: number } | null;
}

export interface PhaseStudy {
  readonly study: 't2c-phase';
  readonly seed: string;
  readonly budget: number;
  readonly draws: number;
  /** Draws kept (premise ΔA > 0) over draws made. */
  readonly premiseRate: number;
  readonly scaling: string;
  readonly cells: PhaseCell[];
}

const TOL = 1e-12;
const round = (x: number) => Number(x.toPrecision(6));

/**
 * The coordinates of v*, g, u in an orthonormal basis of their span (Gram–Schmidt, padded to 3):
 * inner products, hence every alignment and margin, are unchanged.
 */
function coordinates3(vs: readonly Vec[]): number[] {
  const basis: Vec[] = [];
  for (const v of vs) {
    const r = vec(v);
    for (const b of basis) {
      const c = dot(r, b);
      for (let i = 0; i < r.length; i++) r[i] -= c * b[i];
    }
    const n = norm(r);
    if (n > 1e-12 * norm(v)) basis.push(vec(Array.from(r, (x) => x / n)));
  }
  return vs.flatMap((v) => [0, 1, 2].map((k) => (k < basis.length ? dot(v, basis[k]) : 0)));
}

const unitVec = (x: Vec): Vec => {
  const n = norm(x);
  return vec(Array.from(x, (xi) => xi / n));
};

/** One random draw: d ∈ 2..5, Gaussian directions, ‖g‖ = 1 (see SCALING). */
function draw(rng: Rng): { vStar: Vec; g: Vec; u: Vec } {
  const d = 2 + Math.floor(rng.uniform() * 4);
  const gauss = () => vec(Array.from({ length: d }, () => rng.normal()));
  return { vStar: gauss(), g: unitVec(gauss()), u: gauss() };
}

/**
 * θ_β = g + sqrt(2ε)û depends on (g, ε) only through the direction of g and sqrt(2ε)/‖g‖, so the
 * claim at (g, ε) is the claim at (g/‖g‖, ε/‖g‖²): the diagram is drawn at ‖g‖ = 1 and its ε axis
 * reads as ε/‖g‖² for any other generation direction.
 */
export const SCALING = 'the claim at (g, ε) equals the claim at (g/‖g‖, ε/‖g‖²): the ε axis is ε/‖g‖²';

export function t2cPhaseStudy(opts: { seed: string; budget: number; draws?: number; onProgress?: (line: string) => void }): PhaseStudy {
  const n = opts.draws ?? 20_000;
  const rng = makeRng(`${opts.seed}:t2c-phase:draws`);
  const acc = DA_BINS.map(() => EPSILONS.map(() => ({ draws: 0, holds: 0, worst: Infinity, at: [] as number[] })));
  let made = 0;
  let kept = 0;
  while (kept < n) {
    made++;
    const { vStar, g, u } = draw(rng);
    const dA = cos(u, vStar) - cos(g, vStar);
    if (!(dA > 0)) continue;
    kept++;
    const bin = Math.min(DA_BINS.length - 1, Math.floor(dA * 5));
    EPSILONS.forEach((eps, k) => {
      const { margin } = phaseMargin(vStar, g, u, eps);
      const a = acc[bin][k];
      a.draws++;
      if (margin >= -TOL) a.holds++;
      if (margin < a.worst) [a.worst, a.at] = [margin, coordinates3([vStar, g, u])];
    });
  }
  const cells: PhaseCell[] = [];
  DA_BINS.forEach(([lo, hi], b) => {
    EPSILONS.forEach((eps, k) => {
      // Search in d = 3: coordinates of v*, g (with log‖g‖ free through the raw vector) and u.
      // A point outside the bin is inadmissible (NaN), so the search stays in the cell.
      const f = (x: number[]) => {
        const vStar = vec(x.slice(0, 3));
        const g0 = vec(x.slice(3, 6));
        const u = vec(x.slice(6, 9));
        if (norm(vStar) === 0 || norm(g0) === 0 || norm(u) === 0) return NaN;
        const g = unitVec(g0);
        const r = phaseMargin(vStar, g, u, eps);
        return r.dA > lo && r.dA <= hi ? -r.margin : NaN;
      };
      const a = acc[b][k];
      // Started from the cell's worst draw, so the search can only improve on the draws.
      const best = maximise(f, 9, makeRng(`${opts.seed}:t2c-phase:search:${b}:${k}`), opts.budget, { starts: a.at.length ? [a.at] : [] });
      const found = Number.isFinite(best.value);
      // Rounded as stored, and the margin recomputed from the stored numbers (what replays).
      const x = [...best.x.slice(0, 3), ...unitVec(vec(best.x.slice(3, 6))), ...best.x.slice(6, 9)].map(round);
      const again = found ? phaseMargin(vec(x.slice(0, 3)), vec(x.slice(3, 6)), vec(x.slice(6, 9)), eps) : undefined;
      cells.push({
        dALow: lo, dAHigh: hi, epsilon: round(eps), draws: a.draws, holds: a.draws ? round(a.holds / a.draws) : NaN,
        worstDrawMargin: a.draws ? round(a.worst) : NaN,
        guaranteed: guaranteed(lo, eps),
        worstSearchMargin: again ? round(again.margin) : NaN,
        witness: found ? { vStar: x.slice(0, 3), g: x.slice(3, 6), w: x.slice(6, 9), beta: round(norm(vec(x.slice(6, 9))) / Math.sqrt(2 * eps)) } : null,
      });
    });
    opts.onProgress?.(`t2c-phase: ΔA in (${lo}, ${hi}] done`);
  });
  return { study: 't2c-phase', seed: opts.seed, budget: opts.budget, draws: n, premiseRate: round(kept / made), scaling: SCALING, cells };
}
