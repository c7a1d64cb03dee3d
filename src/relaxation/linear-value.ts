/** `linear-value`: the link blends from the identity to the drawn one, f_λ(x) = (1 − λ)x + λ·g(x). */
import type { RelaxationPath } from './types.ts';
import { without, withFields } from './types.ts';

export const linearValuePath: RelaxationPath = {
  tag: 'linear-value',
  from: 'dropped',
  frozen: ['f'],
  parameter: 'blend weight w = λ of the link, f(x) = (1 − λ)x + λ·g(x)',
  doc:
    'A draw of the widened generator carries a link g from THEORY\'s family (or none). Along the path the link is ' +
    'the blend f_λ(x) = (1 − λ)·x + λ·g(x) (the link field\'s `weight` member): the identity at λ = 0 (the field is ' +
    'omitted), g itself at λ = 1, so the nonlinear part grows linearly in λ.',
  relax(inst, lambda) {
    const f = (inst as { f?: Record<string, unknown> }).f;
    if (!f || f.kind === 'identity') return inst;
    if (lambda === 0) return without(inst, 'f');
    const weight = lambda * (typeof f.weight === 'number' ? f.weight : 1);
    return withFields(inst, { f: weight === 1 ? without(f as never, 'weight') : { ...f, weight } });
  },
};
