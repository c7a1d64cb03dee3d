/** `monotone-value`: a non-monotone link g enters by its blend weight, f_λ(x) = (1 − λ)x + λ·g(x). */
import { link, type LinkSpec } from '../model/link.ts';
import type { RelaxationPath } from './types.ts';
import { without, withFields } from './types.ts';

export const monotoneValuePath: RelaxationPath = {
  tag: 'monotone-value',
  from: 'dropped',
  frozen: ['f'],
  parameter: 'blend weight w = λ toward a non-monotone link g',
  doc:
    'A draw of the widened generator whose link g is not increasing gets the blend f_λ(x) = (1 − λ)·x + λ·g(x): ' +
    'the identity at λ = 0, g at λ = 1; increasing links are left alone (they meet the tag all along). The blend ' +
    'stops being increasing at λ > 0 for ±x², and only past λ = 1/2 for |x| and sin x: the break point of a claim ' +
    'that needs monotonicity cannot sit below that.',
  relax(inst, lambda) {
    const f = (inst as { f?: LinkSpec }).f;
    if (!f || link(f).monotone) return inst;
    if (lambda === 0) return without(inst, 'f');
    const weight = lambda * (f.weight ?? 1);
    return withFields(inst, { f: weight === 1 ? without(f as never, 'weight') : { ...f, weight } });
  },
};
