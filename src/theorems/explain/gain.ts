/**
 * Why a violating instance contradicts T1 (the gain law) or T6 (monotone values): the numbers
 * the claim relates, side by side, and what about the link broke the relation.
 */
import type { Instance } from '../../instance/reader.ts';
import { num } from '../../numeric/format.ts';
import type { Evaluation } from '../types.ts';
import { linkWords } from './words.ts';

type Explain = (inst: Instance, v: Evaluation) => string;

const budget = (inst: Instance) => `ε = ${num(typeof inst.epsilon === 'number' ? inst.epsilon : 1)}`;

/** T1: the gain computed from J against the law's prediction sqrt(2ε)‖v*‖_Σ A(u). */
export const explainT1: Explain = (inst, { quantities: q }) =>
  `the law predicts G = sqrt(2ε)·‖v*‖_Σ·A(u) = ${num(q.predictedGain)} (A(u) = ${num(q.alignment)}, ${budget(inst)}), ` +
  `but the gain computed from J is G = ${num(q.gain)}: with ${linkWords(inst)} the expected true value ` +
  'is not linear in the policy shift, so the gain is not proportional to A(u)';

/** T1.a and T6.b: the sign of the gain against the sign of the alignment. */
export const explainGainSign: Explain = (inst, { quantities: q }) => {
  const [A, G] = [q.alignment, q.gain];
  const want = A > 0 ? 'raise' : A < 0 ? 'lower' : 'leave unchanged';
  const got = G > 0 ? 'raises' : G < 0 ? 'lowers' : 'leaves unchanged';
  return `the judge has A(u) = ${num(A)}, so the claim needs the RLAIF step to ${want} the expected true value, ` +
    `yet with ${linkWords(inst)} it ${got} it: G = ${num(G)}`;
};

/** T1.b: the gain above its KL-budget ceiling, or off the ceiling where equality is claimed. */
export const explainT1b: Explain = (inst, { quantities: q }) => {
  const collinear = q.collinear === 1;
  if (q.gain > q.ceiling)
    return `the gain G = ${num(q.gain)} exceeds the KL-budget ceiling sqrt(2ε)·‖v*‖_Σ = ${num(q.ceiling)} (${budget(inst)}); ` +
      `with ${linkWords(inst)} the value grows faster than linearly along v*, which the Cauchy–Schwarz bound assumes`;
  return collinear
    ? `u is a positive multiple of v*, so the claim needs G = ceiling, yet G = ${num(q.gain)} while the ceiling is ${num(q.ceiling)}`
    : `u is not a positive multiple of v*, so the claim needs G < ceiling, yet G = ${num(q.gain)} and the ceiling is ${num(q.ceiling)}`;
};

/** T6.a: the sampled agreement against Sheppard's formula. */
export const explainT6a: Explain = (inst, { quantities: q }) =>
  `Sheppard's formula predicts Agr = 1 − arccos(A)/π = ${num(q.sheppard)} for A(u) = ${num(q.alignment)}, ` +
  `but the judge agrees with true values on ${num(q.agreement)} ± ${num(q.halfWidth, 2)} of sampled pairs: ` +
  `with ${linkWords(inst)} the order of V* is not the order of <v*,h>`;

/** Re-exported under the names the families use. */
export const explainT1a = explainGainSign;
export const explainT6b = explainGainSign;
