/**
 * The ceiling study (issue 11 point 3, docs/CEILING.md): how far T3.b and T3.c miss once the
 * latents are not Gaussian and the judge is not linear, per latent law (indexed by kurtosis) and
 * per (d, m).
 *
 * (a) Excess correlation: max over instances of corr(judge(h), V*) − q, V* = <w*, z> (linear
 *     value kept), judges sign, tanh and quadratic as in T3 (src/model/latent). The search runs on
 *     one fixed sample (common random numbers: a smooth, deterministic objective); the best
 *     instance is then re-estimated on a fresh, larger sample with a jackknife standard error,
 *     so the reported excess carries no selection bias and its error is stated.
 * (b) Gain/bound ratio: max over instances and budgets ε of G_ε/(sqrt(2ε)·q·‖w*‖), G_ε the gain
 *     of the linear reward <u, h> under the KL-budgeted tilt of the latent law, exactly as T3.c
 *     computes it (deterministic: tilted means in closed form). Also q·ratio = G_ε/(sqrt(2ε)‖w*‖),
 *     which the Donsker–Varadhan bound caps at 1 for strictly sub-Gaussian laws.
 * Plus the explicit construction behind the boundedness answer: d = 1, m = 2, Φ = (1, c),
 * w* = (0, 1), σ = 0, where q = c/sqrt(1 + c²) → 0 while the gain does not vanish as fast.
 */
import { dot, norm, vec } from '../../linalg/vec.ts';
import { ceiling, latentModel, scoreSignal, type JudgeSpec } from '../../model/latent.ts';
import { makeRng, type Rng } from '../../numeric/rng.ts';
import { LAW_NAMES, LAWS, type Law, type LawName } from './laws.ts';
import { maximise } from './search.ts';

export interface Cell {
  readonly d: number;
  readonly m: number;
}

export const CEILING_CELLS: readonly Cell[] = [
  { d: 1, m: 1 }, { d: 1, m: 2 }, { d: 2, m: 2 }, { d: 2, m: 4 }, { d: 4, m: 4 },
];

export const NONLINEAR_JUDGES = ['sign', 'tanh', 'quadratic'] as const;
export type NonlinearJudge = (typeof NONLINEAR_JUDGES)[number];

/** The searched box: |Φ_ij| <= 4, σ ∈ [0, 2], ε ∈ [0.01, 10], tanh slope a ∈ [e⁻³, e³]. */
export const BOX = { phi: 4, sigma: 2, epsilonLog10: [-2, 1] as const, tanhLog: 3 };

/** One instance of the latent model with a judge, in THEORY §4's field names (P = I, so u_c = w). */
export interface CeilingInstance {
  readonly Phi: number[][];
  readonly wStar: number[];
  readonly sigma: number;
  readonly w: number[];
  readonly judge: JudgeSpec;
  readonly epsilon?: number;
}

const clip = (x: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, x));
const round = (x: number) => Number(x.toPrecision(6));

/** Search coordinates → an instance (every coordinate is free; the box is enforced here). */
function decode(x: readonly number[], cell: Cell, judge: JudgeSpec['kind'], withEpsilon: boolean): CeilingInstance {
  const { d, m } = cell;
  let k = 0;
  const next = () => x[k++];
  const Phi = Array.from({ length: d }, () => Array.from({ length: m }, () => BOX.phi * Math.tanh(next() / 2)));
  const wStar = Array.from({ length: m }, next);
  // σ = 0 is reachable (half of the line maps to it): the noiseless case matters for bounded laws.
  const sigma = BOX.sigma * Math.max(0, Math.tanh(next()));
  const w = Array.from({ length: d }, next);
  let spec: JudgeSpec;
  if (judge === 'tanh') spec = { kind: 'tanh', a: Math.exp(clip(next(), -BOX.tanhLog, BOX.tanhLog)) };
  else if (judge === 'quadratic') {
    const Q = Array.from({ length: d }, () => new Array<number>(d).fill(0));
    for (let i = 0; i < d; i++) for (let j = i; j < d; j++) Q[i][j] = Q[j][i] = next();
    spec = { kind: 'quadratic', Q };
  } else spec = { kind: judge } as JudgeSpec;
  const epsilon = withEpsilon ? 10 ** clip(next(), ...BOX.epsilonLog10) : undefined;
  return { Phi, wStar, sigma, w, judge: spec, ...(epsilon === undefined ? {} : { epsilon }) };
}

/**
 * The inverse of decode for an instance of a smaller cell embedded in `cell` (extra rows repeat
 * the first row of Φ, so the representation gains nothing; extra latents have zero Φ columns and
 * zero value weight): the best instance of a smaller cell is a starting point of the larger one's
 * search, so a larger cell's maximum is never below a smaller one's for want of search.
 */
function encodeEmbedded(inst: CeilingInstance, cell: Cell, withEpsilon: boolean): number[] | undefined {
  const d0 = inst.Phi.length;
  const m0 = inst.wStar.length;
  if (d0 > cell.d || m0 > cell.m) return undefined;
  const atanh = (y: number) => 0.5 * Math.log((1 + y) / (1 - y));
  const phiX = (v: number) => 2 * atanh(clip(v / BOX.phi, -0.999999, 0.999999));
  const x: number[] = [];
  for (let i = 0; i < cell.d; i++) for (let j = 0; j < cell.m; j++) x.push(j < m0 ? phiX(inst.Phi[Math.min(i, d0 - 1)][j]) : 0);
  for (let j = 0; j < cell.m; j++) x.push(j < m0 ? inst.wStar[j] : 0);
  x.push(inst.sigma > 0 ? atanh(clip(inst.sigma / BOX.sigma, 0, 0.999999)) : -1);
  // Repeated rows share the first row's weight: <w, h> is unchanged when it all sits on row 1.
  for (let i = 0; i < cell.d; i++) x.push(i < d0 ? inst.w[i] : 0);
  if (inst.judge.kind === 'tanh') x.push(Math.log(inst.judge.a));
  if (inst.judge.kind === 'quadratic') {
    // Zero where the smaller Q has no entry (its extra rows of h would otherwise enter the judge).
    const Q = inst.judge.Q;
    for (let i = 0; i < cell.d; i++) for (let j = i; j < cell.d; j++) x.push(i < d0 && j < d0 ? Q[i][j] : 0);
  }
  if (withEpsilon) x.push(Math.log10(inst.epsilon ?? 1));
  return x;
}

const dimension = (cell: Cell, judge: JudgeSpec['kind'], withEpsilon: boolean): number =>
  cell.d * cell.m + cell.m + 1 + cell.d + (judge === 'tanh' ? 1 : judge === 'quadratic' ? (cell.d * (cell.d + 1)) / 2 : 0) + (withEpsilon ? 1 : 0);

/** q of an instance, through the model's own ceiling (pseudo-inverse route of src/model/latent). */
export function instanceCeiling(inst: CeilingInstance): number {
  return ceiling(latentModel(inst.Phi.map((r) => vec(r)), vec(inst.wStar), inst.sigma));
}

/** A fixed sample of (z, ξ): N rows of m latent coordinates and d standard normals. */
interface Sample {
  readonly n: number;
  readonly z: Float64Array;
  readonly xi: Float64Array;
}

function drawSample(law: Law, cell: Cell, n: number, rng: Rng): Sample {
  const z = new Float64Array(n * cell.m);
  const xi = new Float64Array(n * cell.d);
  for (let i = 0; i < z.length; i++) z[i] = law.sample(rng);
  for (let i = 0; i < xi.length; i++) xi[i] = rng.normal();
  return { n, z, xi };
}

/** Running sums of one batch of (judge, V*) pairs. */
interface Sums { n: number; j: number; v: number; jj: number; vv: number; jv: number }
const emptySums = (): Sums => ({ n: 0, j: 0, v: 0, jj: 0, vv: 0, jv: 0 });

function corrOf(s: Sums): number {
  const cjv = s.jv / s.n - (s.j / s.n) * (s.v / s.n);
  const cjj = s.jj / s.n - (s.j / s.n) ** 2;
  const cvv = s.vv / s.n - (s.v / s.n) ** 2;
  return cjj <= 0 || cvv <= 0 ? 0 : cjv / Math.sqrt(cjj * cvv);
}

/** The (judge, V*) sums over rows [from, to) of the sample, batched into `batches` parts. */
function judgeSums(inst: CeilingInstance, cell: Cell, s: Sample, batches = 1): Sums[] {
  const { d, m } = cell;
  const h = new Float64Array(d);
  const out = Array.from({ length: batches }, emptySums);
  const per = Math.ceil(s.n / batches);
  const Q = inst.judge.kind === 'quadratic' ? inst.judge.Q : undefined;
  for (let t = 0; t < s.n; t++) {
    let V = 0;
    for (let j = 0; j < m; j++) V += inst.wStar[j] * s.z[t * m + j];
    let x = 0;
    for (let i = 0; i < d; i++) {
      let hi = inst.sigma * s.xi[t * d + i];
      const row = inst.Phi[i];
      for (let j = 0; j < m; j++) hi += row[j] * s.z[t * m + j];
      h[i] = hi;
      x += inst.w[i] * hi;
    }
    let J: number;
    switch (inst.judge.kind) {
      case 'linear': J = x; break;
      case 'sign': J = Math.sign(x); break;
      case 'tanh': J = Math.tanh(inst.judge.a * x); break;
      case 'quadratic': {
        J = x;
        for (let i = 0; i < d; i++) for (let k = 0; k < d; k++) J += h[i] * Q![i][k] * h[k];
        break;
      }
    }
    const b = out[Math.floor(t / per)];
    b.n++; b.j += J; b.v += V; b.jj += J * J; b.vv += V * V; b.jv += J * V;
  }
  return out;
}

/** The correlation on a sample, with a jackknife standard error over `batches` batches. */
export function correlationEstimate(inst: CeilingInstance, cell: Cell, s: Sample, batches = 20): { value: number; se: number } {
  const parts = judgeSums(inst, cell, s, batches);
  const total = parts.reduce((a, b) => ({ n: a.n + b.n, j: a.j + b.j, v: a.v + b.v, jj: a.jj + b.jj, vv: a.vv + b.vv, jv: a.jv + b.jv }), emptySums());
  const value = corrOf(total);
  const loo = parts.map((b) => corrOf({ n: total.n - b.n, j: total.j - b.j, v: total.v - b.v, jj: total.jj - b.jj, vv: total.vv - b.vv, jv: total.jv - b.jv }));
  const mean = loo.reduce((a, x) => a + x, 0) / loo.length;
  const se = Math.sqrt(((batches - 1) / batches) * loo.reduce((a, x) => a + (x - mean) ** 2, 0));
  return { value, se };
}

/** corr(judge, V*) of an instance under a law, on a fresh seeded sample, with its standard error. */
export function judgeCorrelationMC(inst: CeilingInstance, law: LawName, seed: string, n = 100_000): { value: number; se: number; n: number } {
  const cell = { d: inst.Phi.length, m: inst.wStar.length };
  return { ...correlationEstimate(inst, cell, drawSample(LAWS[law], cell, n, makeRng(seed))), n };
}

export interface GainRatio {
  readonly q: number;
  readonly gain: number;
  readonly bound: number;
  /** G/(sqrt(2ε) q ‖w*‖); Infinity when the law has no exponential moment. */
  readonly ratio: number;
  /** G/(sqrt(2ε) ‖w*‖) = q·ratio. */
  readonly qRatio: number;
  readonly kl: number;
}

/**
 * T3.c's gain of the linear reward <w, h> at budget ε under a law: the policy tilts z_i by
 * e^{t b_i} (b = Φᵀw) and ξ by e^{t<w,ξ>}, t chosen so that KL = Σ_i K(t b_i) + t²σ²‖w‖²/2 = ε;
 * G = Σ_i w*_i Λ'(t b_i). When the KL of the tilts stays below ε for every t (Rademacher, σ = 0)
 * the budget cannot be spent and G is the limit t → ∞, as latentGain reads it.
 */
export function gainRatio(inst: CeilingInstance, law: LawName | Law, epsilon: number): GainRatio {
  // A Law object is accepted so that the properties can hand in a deliberately broken one.
  const L = typeof law === 'string' ? LAWS[law] : law;
  const M = latentModel(inst.Phi.map((r) => vec(r)), vec(inst.wStar), inst.sigma);
  const q = ceiling(M);
  const u = vec(inst.w);
  const b = scoreSignal(M, u);
  const tau2 = inst.sigma ** 2 * dot(u, u);
  const wn = norm(M.wStar);
  const bound = Math.sqrt(2 * epsilon) * q * wn;
  const result = (gain: number, kl: number): GainRatio => ({ q, gain, bound, ratio: gain / bound, qRatio: gain / (Math.sqrt(2 * epsilon) * wn), kl });
  const bmax = Math.max(...Array.from(b, Math.abs));
  if (bmax === 0 && tau2 === 0) return result(0, 0);
  if (bmax > 0 && L.tiltLimit === 0) return result(Infinity, epsilon);
  const kl = (t: number) => b.reduce((a, bi) => a + (bi === 0 ? 0 : L.tiltedKL(t * bi)), 0) + (t * t * tau2) / 2;
  const tmax = bmax > 0 ? L.tiltLimit / bmax : Infinity;
  let lo = 0;
  let hi: number;
  if (Number.isFinite(tmax)) hi = tmax;
  else {
    hi = 1;
    while (kl(hi) < epsilon && hi < 1e12) hi *= 2;
    if (kl(hi) < epsilon) {
      // Saturated: every tilted coordinate at its end point (Rademacher without noise).
      const G = Array.from(b).reduce((a, bi, i) => a + (bi === 0 ? 0 : M.wStar[i] * L.tiltedMean(Math.sign(bi) * Infinity)), 0);
      return result(G, kl(hi));
    }
  }
  for (let k = 0; k < 200 && hi - lo > 1e-15 * hi; k++) {
    const mid = (lo + hi) / 2;
    if (kl(mid) < epsilon) lo = mid;
    else hi = mid;
  }
  const t = lo;
  const G = Array.from(b).reduce((a, bi, i) => a + (bi === 0 ? 0 : M.wStar[i] * L.tiltedMean(t * bi)), 0);
  return result(G, kl(t));
}

export interface ExcessRow {
  readonly law: LawName;
  readonly kurtosis: number;
  readonly d: number;
  readonly m: number;
  readonly judge: NonlinearJudge;
  readonly q: number;
  readonly correlation: number;
  /** corr − q on the fresh sample. */
  readonly excess: number;
  /** Jackknife standard error of the correlation (q is exact). */
  readonly se: number;
  /** excess > 3·se: a real excess, not noise. */
  readonly claimed: boolean;
  readonly searchValue: number;
  readonly evaluations: number;
  readonly instance: CeilingInstance;
}

export interface RatioRow {
  readonly law: LawName;
  readonly kurtosis: number;
  readonly d: number;
  readonly m: number;
  /** Which quantity was maximised: the ratio itself, or q·ratio. */
  readonly objective: 'ratio' | 'qRatio';
  readonly ratio: number;
  readonly qRatio: number;
  readonly q: number;
  readonly gain: number;
  readonly bound: number;
  readonly epsilon: number;
  readonly evaluations: number;
  readonly instance: CeilingInstance | null;
}

export interface ConstructionPoint {
  readonly law: LawName;
  readonly c: number;
  readonly q: number;
  readonly epsilon: number;
  readonly ratio: number;
  readonly qRatio: number;
}

/**
 * The cancellation instance: d = 1, m = 2, Φ = (1, 2), w* = (2, −1 + δ), σ = 0, reward ±h. At
 * δ = 0, Φw* = 0 so q = 0 exactly and every linear judge has correlation 0, yet the tilt moves
 * z1 by t and z2 by 2t and G = 2Λ'(t) − Λ'(2t) (sign of the reward chosen to make it positive),
 * which is 0 only if Λ' is linear, i.e. only for the Gaussian: the bound sqrt(2ε)·q·‖w*‖ is 0
 * while the gain is positive. Near it (δ ≠ 0) q = 2|δ|/(√5·‖w*‖) ≈ 0.4|δ| and the ratio ~ 1/|δ|.
 */
export const cancellationInstance = (delta: number, sign: 1 | -1, epsilon: number): CeilingInstance => ({
  Phi: [[1, 2]], wStar: [2, -1 + delta], sigma: 0, w: [sign], judge: { kind: 'linear' }, epsilon,
});

export interface CancellationPoint {
  readonly law: LawName;
  readonly delta: number;
  readonly epsilon: number;
  readonly q: number;
  readonly gain: number;
  /** Infinity when q = 0 and the gain is positive (the bound is 0). */
  readonly ratio: number;
  readonly qRatio: number;
}

/** The better of the two reward signs at the cancellation instance. */
export function cancellation(law: LawName, delta: number, epsilon: number): CancellationPoint {
  const [a, b] = [gainRatio(cancellationInstance(delta, 1, epsilon), law, epsilon), gainRatio(cancellationInstance(delta, -1, epsilon), law, epsilon)];
  const r = a.gain >= b.gain ? a : b;
  return { law, delta, epsilon, q: r.q, gain: r.gain, ratio: r.q > 0 ? r.ratio : r.gain > 1e-12 ? Infinity : NaN, qRatio: r.qRatio };
}

export interface CeilingStudy {
  readonly study: 'ceiling';
  readonly seed: string;
  readonly budget: number;
  readonly searchSamples: number;
  readonly finalSamples: number;
  readonly box: typeof BOX;
  readonly laws: { name: LawName; kurtosis: number }[];
  readonly excess: ExcessRow[];
  readonly ratio: RatioRow[];
  readonly construction: ConstructionPoint[];
  readonly heavyTail: ConstructionPoint[];
  readonly cancellation: CancellationPoint[];
}

export interface CeilingOptions {
  readonly seed: string;
  /** Objective evaluations per (law, cell, judge or objective). */
  readonly budget: number;
  readonly laws?: readonly LawName[];
  readonly cells?: readonly Cell[];
  readonly searchSamples?: number;
  readonly finalSamples?: number;
  readonly onProgress?: (line: string) => void;
}

const cleanInstance = (inst: CeilingInstance): CeilingInstance => ({
  Phi: inst.Phi.map((r) => r.map(round)),
  wStar: inst.wStar.map(round),
  sigma: round(inst.sigma),
  w: inst.w.map(round),
  judge: inst.judge.kind === 'tanh' ? { kind: 'tanh', a: round(inst.judge.a) } : inst.judge.kind === 'quadratic' ? { kind: 'quadratic', Q: inst.judge.Q.map((r) => r.map(round)) } : inst.judge,
  ...(inst.epsilon === undefined ? {} : { epsilon: round(inst.epsilon) }),
});

type Settings = Required<Omit<CeilingOptions, 'onProgress' | 'laws' | 'cells'>>;

function excessRow(law: LawName, cell: Cell, judge: NonlinearJudge, o: Settings, smaller: readonly CeilingInstance[]): ExcessRow {
  const tag = `${o.seed}:excess:${law}:${cell.d}x${cell.m}:${judge}`;
  const sample = drawSample(LAWS[law], cell, o.searchSamples, makeRng(`${tag}:search-sample`));
  const objective = (x: number[]) => {
    const inst = decode(x, cell, judge, false);
    const q = instanceCeiling(inst);
    return corrOf(judgeSums(inst, cell, sample)[0]) - q;
  };
  const starts = smaller.map((i) => encodeEmbedded(i, cell, false)).filter((x): x is number[] => x !== undefined);
  const best = maximise(objective, dimension(cell, judge, false), makeRng(`${tag}:search`), o.budget, { starts });
  // Rounded as stored, then re-estimated on a fresh sample: what is reported is what replays.
  const instance = cleanInstance(decode(best.x, cell, judge, false));
  const q = instanceCeiling(instance);
  const fresh = judgeCorrelationMC(instance, law, `${tag}:fresh`, o.finalSamples);
  const excess = fresh.value - q;
  return {
    law, kurtosis: LAWS[law].kurtosis, d: cell.d, m: cell.m, judge, q: round(q), correlation: round(fresh.value), excess: round(excess), se: round(fresh.se),
    claimed: excess > 3 * fresh.se, searchValue: round(best.value), evaluations: best.evaluations, instance,
  };
}

function ratioRow(law: LawName, cell: Cell, objective: 'ratio' | 'qRatio', o: Settings, smaller: readonly CeilingInstance[]): RatioRow {
  const tag = `${o.seed}:ratio:${law}:${cell.d}x${cell.m}:${objective}`;
  const L = LAWS[law];
  const base = { law, kurtosis: L.kurtosis, d: cell.d, m: cell.m, objective };
  if (L.tiltLimit === 0)
    // No exponential moment: every instance with Φᵀw ≠ 0 has an infinite gain at every budget.
    return { ...base, ratio: Infinity, qRatio: Infinity, q: NaN, gain: Infinity, bound: NaN, epsilon: NaN, evaluations: 0, instance: null };
  const f = (x: number[]) => {
    const inst = decode(x, cell, 'linear', true);
    const r = gainRatio(inst, law, inst.epsilon!);
    // A ceiling at rounding level makes the ratio meaningless (0/0): such points are not admitted.
    if (!(r.q > 1e-9)) return NaN;
    return Math.log(objective === 'ratio' ? r.ratio : r.qRatio);
  };
  const starts = smaller.map((i) => encodeEmbedded({ ...i, judge: { kind: 'linear' } }, cell, true)).filter((x): x is number[] => x !== undefined);
  const best = maximise(f, dimension(cell, 'linear', true), makeRng(`${tag}:search`), o.budget, { starts });
  const instance = cleanInstance(decode(best.x, cell, 'linear', true));
  const r = gainRatio(instance, law, instance.epsilon!);
  return {
    ...base, ratio: round(r.ratio), qRatio: round(r.qRatio), q: round(r.q), gain: round(r.gain), bound: round(r.bound), epsilon: instance.epsilon!,
    evaluations: best.evaluations, instance,
  };
}

/** The two-coordinate construction: Φ = (1, c), w* = (0, 1), σ = 0, reward <1, h>, budget ε. */
export const constructionInstance = (c: number, epsilon: number): CeilingInstance => ({ Phi: [[1, c]], wStar: [0, 1], sigma: 0, w: [1], judge: { kind: 'linear' }, epsilon });

export function ceilingStudy(opts: CeilingOptions): CeilingStudy {
  const o = { seed: opts.seed, budget: opts.budget, searchSamples: opts.searchSamples ?? 3000, finalSamples: opts.finalSamples ?? 100_000 };
  const laws = opts.laws ?? LAW_NAMES;
  const cells = opts.cells ?? CEILING_CELLS;
  const say = opts.onProgress ?? (() => {});
  const excess: ExcessRow[] = [];
  const ratio: RatioRow[] = [];
  const within = (r: { law: LawName; d: number; m: number }, law: LawName, cell: Cell) => r.law === law && r.d <= cell.d && r.m <= cell.m;
  for (const law of laws)
    for (const cell of cells) {
      for (const judge of NONLINEAR_JUDGES)
        excess.push(excessRow(law, cell, judge, o, excess.filter((r) => within(r, law, cell) && r.judge === judge).map((r) => r.instance)));
      for (const objective of ['ratio', 'qRatio'] as const)
        ratio.push(ratioRow(law, cell, objective, o, ratio.flatMap((r) => (within(r, law, cell) && r.objective === objective && r.instance ? [r.instance] : []))));
      say(`ceiling: ${law} d=${cell.d} m=${cell.m} done`);
    }
  const construction: ConstructionPoint[] = [];
  for (const law of laws.filter((l) => LAWS[l].tiltLimit > 0))
    for (const epsilon of [0.1, 1, 10])
      for (const c of [1, 0.1, 0.01, 1e-3, 1e-4, 1e-6]) {
        const r = gainRatio(constructionInstance(c, epsilon), law, epsilon);
        construction.push({ law, c, q: round(r.q), epsilon, ratio: round(r.ratio), qRatio: round(r.qRatio) });
      }
  // d = m = 1, Φ = 1, σ = 0 (q = 1): the ratio as the budget grows, where heavy tails show.
  const heavyTail: ConstructionPoint[] = [];
  for (const law of laws.filter((l) => LAWS[l].tiltLimit > 0))
    for (const k of [-2, -1, 0, 1, 2, 3]) {
      const epsilon = 10 ** k;
      const r = gainRatio({ Phi: [[1]], wStar: [1], sigma: 0, w: [1], judge: { kind: 'linear' }, epsilon }, law, epsilon);
      heavyTail.push({ law, c: 1, q: round(r.q), epsilon, ratio: round(r.ratio), qRatio: round(r.qRatio) });
    }
  const cancellationPoints: CancellationPoint[] = [];
  for (const law of laws.filter((l) => LAWS[l].tiltLimit > 0))
    for (const delta of [0, 1e-2, 1e-4])
      for (const epsilon of [0.1, 1]) {
        const p = cancellation(law, delta, epsilon);
        cancellationPoints.push({ ...p, q: round(p.q), gain: round(p.gain), ratio: Number.isFinite(p.ratio) ? round(p.ratio) : p.ratio, qRatio: round(p.qRatio) });
      }
  return {
    study: 'ceiling', seed: o.seed, budget: o.budget, searchSamples: o.searchSamples, finalSamples: o.finalSamples, box: BOX,
    laws: laws.map((name) => ({ name, kurtosis: LAWS[name].kurtosis })), excess, ratio, construction, heavyTail, cancellation: cancellationPoints,
  };
}

