/**
 * Why a violating instance contradicts T3 (the representation ceiling) or T3s (capacity
 * scaling): which half of the bound broke, by how much, and which departure from the latent
 * model's Gaussian, linear world made room for it.
 */
import type { Instance } from '../../instance/reader.ts';
import { num } from '../../numeric/format.ts';
import type { Evaluation } from '../types.ts';
import { judgeWords, latentWords, linkKind, linkWords } from './words.ts';

type Explain = (inst: Instance, v: Evaluation) => string;

const kindIs = (x: unknown, kind: string) => !x || typeof x !== 'object' || (x as { kind?: unknown }).kind === kind;

/** What of the latent model's linear-Gaussian world the instance leaves, as a clause. */
function departure(inst: Instance): string {
  const gaussian = kindIs(inst.latents, 'gaussian');
  const linearJudge = kindIs(inst.judge, 'linear');
  const out: string[] = [];
  if (!gaussian && !linearJudge)
    out.push(`with ${latentWords(inst)} latents E[V* | h] is not linear in h, and the ${judgeWords(inst)} judge exploits that`);
  else if (!gaussian) out.push(`with ${latentWords(inst)} latents the policy's tilt exp<θ,h> does not move z as a Gaussian would`);
  else if (!linearJudge) out.push(`the judge is ${judgeWords(inst)}`);
  if (linkKind(inst) !== 'identity') out.push(`with ${linkWords(inst)} V* = f(<w*,z>) is not linear in z`);
  return out.length ? `: ${out.join('; ')}` : '';
}

export const explainT3b: Explain = (inst, { quantities: q, tol }) => {
  const broken: string[] = [];
  if (q.correlation - q.ceiling > tol)
    broken.push(`the judge correlates ${num(q.correlation)} with V*, above the ceiling q = ${num(q.ceiling)}`);
  if (q.equalityMargin !== undefined && q.equalityMargin < -tol)
    broken.push(`the probe u* = Σ_h⁺Φw* should reach the ceiling q = ${num(q.ceiling)} but correlates only ${num(q.probeCorrelation)} with V*`);
  if (!broken.length) broken.push(`the correlation ${num(q.correlation)} and the ceiling q = ${num(q.ceiling)} do not meet as claimed`);
  return broken.join(', and ') + departure(inst);
};

export const explainT3c: Explain = (inst, { quantities: q }) => {
  const broken: string[] = [];
  if (q.gain > q.gainBound + (q.gainHalfWidth ?? 0))
    broken.push(`the gain G = ${num(q.gain)} exceeds the bound sqrt(2ε)·q·‖w*‖ = ${num(q.gainBound)} (q = ${num(q.ceiling)})`);
  if (q.agreement > q.agreementBound + q.agreementHalfWidth)
    broken.push(`the agreement ${num(q.agreement)} ± ${num(q.agreementHalfWidth, 2)} exceeds the bound 1 − arccos(q)/π = ${num(q.agreementBound)}`);
  if (!broken.length) broken.push(`the gain ${num(q.gain)} and agreement ${num(q.agreement)} overshoot their bounds (${num(q.gainBound)}, ${num(q.agreementBound)})`);
  return broken.join(', and ') + departure(inst);
};

export const explainT3sa: Explain = (inst, { quantities: q }) => {
  const rows = Array.isArray(inst.PhiLarge) ? inst.PhiLarge.length : undefined;
  const larger = rows === undefined ? 'the larger model' : `the larger model (${rows} rows of its own, not containing the smaller one's)`;
  return `${larger} has ceiling q_B = ${num(q.ceilingLarge)}, below the smaller model's q_A = ${num(q.ceilingSmall)}: ` +
    'more coordinates help only when they add to what the smaller representation already encodes';
};
