/**
 * Why a violating instance contradicts T4 (adversarial constitutions), T5 (the Pareto cone) or
 * T7 (ablation): these claims are geometric, so the explanation names the covariance or the
 * directions whose geometry differs from the one the claim assumes.
 */
import { Reader, type Instance } from '../../instance/reader.ts';
import { inner } from '../../linalg/covariance.ts';
import { nested, num } from '../../numeric/format.ts';
import type { Evaluation } from '../types.ts';

type Explain = (inst: Instance, v: Evaluation) => string;

const sigmaWords = (inst: Instance) => ('Sigma' in inst ? `Σ = ${nested(inst.Sigma)}` : 'SigmaDiag' in inst ? 'a structured Σ' : 'Σ = I');

export const explainT4b: Explain = (inst, { quantities: q, tol }) => {
  const d = Array.isArray(inst.w) ? inst.w.length : undefined;
  const out: string[] = [];
  if (q.alignmentActivated < q.bound - tol)
    out.push(`the instance's constitution activates A(Pw) = ${num(q.alignmentActivated)}, below the bound ${num(q.bound)}`);
  if (q.alignmentConstructed > q.bound + q.delta + tol) {
    out.push(`the claim needs a rank-1 constitution within δ = ${num(q.delta)} of the bound ${num(q.bound)}, but the construction reaches A = ${num(q.alignmentConstructed)}`);
    if (d === 1 && q.c > 0) out.push(`in d = 1 with <w,v*> > 0 (c = ${num(q.c)}) the only activated direction is w itself, so every constitution gives A(Pw) = 1`);
  }
  return out.join('; ') || `A(Pw) = ${num(q.alignmentActivated)} against the bound ${num(q.bound)}`;
};

export const explainT4d: Explain = (inst, { quantities: q }) => {
  const basis = 'basis' in inst ? `span${nested(inst.basis).replace(/^\[/, '{').replace(/\]$/, '}')}` : 'the whole space';
  return `w = λv* is perfectly aligned, yet with ${sigmaWords(inst)} (not the identity) the constitution ${basis} ` +
    `activates u_c = Pw with A(u_c) = ${num(q.alignmentActivated)} < 0: P projects in Euclidean geometry, ` +
    'while alignment is a correlation in <·,·>_Σ';
};

export const explainT4e: Explain = (inst, { quantities: q }) => {
  const L = Array.isArray(inst.latentDirections) ? (inst.latentDirections as number[][]) : [];
  let cos = 0;
  const dot = (a: number[], b: number[]) => a.reduce((s, x, i) => s + x * (b[i] ?? 0), 0);
  L.forEach((a, i) => L.forEach((b, k) => {
    const n = Math.sqrt(dot(a, a) * dot(b, b));
    if (i < k && n > 0) cos = Math.max(cos, Math.abs(dot(a, b)) / n);
  }));
  const j = `ℓ_${q.j + 1}`;
  return `${j} enters the readout with α = ${num(q.alphaJ)} > 0 and is anti-social (A(${j}) = ${num(q.alignmentLatent)}), ` +
    `yet span{${j}} activates u_c with A(u_c) = ${num(q.alignmentActivated)}, not A(${j}): the ℓ_k are not orthonormal ` +
    `(largest |cos| between two of them: ${num(cos)}), so projecting w onto ${j} also collects the others' weights`;
};

export const explainT5b: Explain = (inst, { quantities: q }) =>
  `with ${sigmaWords(inst)} the cone C = {u : <u, Σv_i> > 0} lives in Σ's geometry: a fraction ${num(q.estimate)} ` +
  `± ${num(q.halfWidth, 2)} of the sphere lies in C, not (π − φ)/(2π) = ${num(q.fraction)} for the Euclidean angle ` +
  `φ = ${num(q.phi)} (${num((q.phi * 180) / Math.PI)}°)`;

export const explainT5d: Explain = (inst, { quantities: q }) => {
  let worst = Infinity;
  let pair = '';
  try {
    const r = new Reader(inst);
    const V = r.vecs('values');
    const S = r.covariance(V[0].length);
    V.forEach((a, i) => V.forEach((b, k) => {
      const x = inner(S, a, b);
      if (i < k && x < worst) [worst, pair] = [x, `<v_${i + 1}, v_${k + 1}>_Σ = ${num(x)}`];
    }));
  } catch {
    // An instance the reader rejects has no conflict to name; the numbers below still stand.
  }
  const lambda = Array.isArray(inst.lambda) ? ` with λ = ${nested(inst.lambda)}` : '';
  return `${worst < 0 ? `the objectives conflict (${pair} < 0), and ` : ''}the mixture u = Σλ_i v_i${lambda} ` +
    `harms an objective: min_j <u, v_j>_Σ = ${num(q.minImprovement)} (the claim's floor λ_j‖v_j‖²_Σ is missed by ${num(-q.minSlack)})`;
};

export const explainT7a: Explain = (inst, { quantities: q }) =>
  `with ${sigmaWords(inst)} the ablation h ↦ (I − r̂r̂ᵀ)h removes r's Euclidean direction, not its correlation ` +
  `with the rest: the judge keeps A = ${num(q.alignmentAfterAblation)} (0 claimed) and Agr = ${num(q.agreementAfterAblation)} ` +
  `± ${num(q.halfWidth, 2)} (½ claimed); before ablation A = ${num(q.alignmentBefore)}`;
