/**
 * Why a violating instance contradicts T2 (the self-improvement condition): the judge's and the
 * generation direction's alignments, and the gain, agreement or trained policy that should follow
 * them and does not.
 */
import type { Instance } from '../../instance/reader.ts';
import { num } from '../../numeric/format.ts';
import type { Evaluation } from '../types.ts';
import { linkWords } from './words.ts';

type Explain = (inst: Instance, v: Evaluation) => string;

/** "the judge is better aligned than generation (A(u_c) = 0 > A(g) = −0.707)". */
function alignments(q: Readonly<Record<string, number>>): string {
  const [j, g] = [q.alignmentJudge, q.alignmentGeneration];
  const [order, rel] = j > g ? ['better aligned than', '>'] : j < g ? ['worse aligned than', '<'] : ['as well aligned as', '='];
  return `the judge is ${order} generation (A(u_c) = ${num(j)} ${rel} A(g) = ${num(g)})`;
}

export const explainT2a: Explain = (inst, { quantities: q }) => {
  const [gj, gg] = [q.gainJudge, q.gainGeneration];
  // With linear-value in force the check is T1's equality G(u_c) − G(g) = ceiling·(A(u_c) − A(g)),
  // which the gains can miss in size while their order is right: say so, not "yet … gains more".
  if (q.ceiling !== undefined)
    return `${alignments(q)}; with a linear value T1 makes the gains differ by sqrt(2ε)‖v*‖_Σ·(A(u_c) − A(g)) = ${num(q.ceiling * (q.alignmentJudge - q.alignmentGeneration))}, ` +
      `yet G(u_c) − G(g) = ${num(gj - gg)} (G(u_c) = ${num(gj)}, G(g) = ${num(gg)})`;
  const winner = gj > gg ? 'RLAIF with the judge gains more' : gj < gg ? 'self-training on g gains more' : 'both gain the same';
  return `${alignments(q)}, yet at equal KL budget ${winner} (G(u_c) = ${num(gj)}, G(g) = ${num(gg)}): ` +
    `with ${linkWords(inst)} gains do not follow alignments`;
};

export const explainT2b: Explain = (inst, { quantities: q }) => {
  const [aj, ag] = [q.agreementJudge, q.agreementGeneration];
  // With linear-value in force the check is Sheppard's difference, which the sampled agreements
  // can miss in size while their order is right.
  if (q.predictedDifference !== undefined)
    return `${alignments(q)}; with a linear value Sheppard's formula makes Agr(u_c) − Agr(g) = ${num(q.predictedDifference)}, ` +
      `yet the sampled difference is ${num(aj - ag)} (Agr(u_c) = ${num(aj)}, Agr(g) = ${num(ag)}, each ± ${num(q.halfWidth, 2)})`;
  // Equal agreements are neither more nor less: a tie is a violation too where the alignments differ.
  return `${alignments(q)}, yet it agrees with true values ${aj > ag ? 'more' : aj < ag ? 'less' : 'as'} often ` +
    `(Agr(u_c) = ${num(aj)}, Agr(g) = ${num(ag)}, each ± ${num(q.halfWidth, 2)}): with ${linkWords(inst)} agreement does not follow alignment`;
};

export const explainT2c: Explain = (inst, { quantities: q }) => {
  const beta = typeof inst.beta === 'number' ? num(inst.beta) : '?';
  const policy = q.alignmentPolicy ?? q.alignmentLimit;
  const step = q.alignmentPolicy === undefined ? 'training to convergence' : `one RLAIF step at β = ${beta}`;
  return `${alignments(q)}, yet ${step} leaves the policy at A(θ_β) = ${num(policy)} < A(g): ` +
    `θ_β = g + u_c/β still carries g, and only as β → 0 does the policy turn to the judge (A → ${num(Math.abs(q.alignmentLimit) < 1e-6 ? 0 : q.alignmentLimit)})`;
};
